import { ts } from 'ts-morph';
import { ENGINE_RULE_IDS, type Diagnostic, type Span } from '../../shared/diagnostic.js';
import { closest } from '../config/suggest.js';
import type { FileFacts } from '../facts/project/file-facts.js';

export type SuppressionKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

/** One `bg-lint-…` comment. */
export interface Suppression {
  kind: SuppressionKind;
  /** Rule ids it names; empty means every rule. */
  ruleIds: string[];
  reason?: string;
  /** The comment itself (where an unused one is reported). */
  span: Span;
  /** 1-based lines it covers, inclusive. For a block, up to the matching enable (or the end of file). */
  fromLine: number;
  toLine: number;
}

const DIRECTIVE = /bg-lint-(disable-next-line|disable-line|disable|enable)(?![\w-])([^\n]*)/g;

/** The start of the comment `pos` is inside, or undefined in code or in a string that merely contains the words. */
function commentStartAt(sourceFile: ts.SourceFile, pos: number): number | undefined {
  const ranges = (start: number) => [
    ...(ts.getLeadingCommentRanges(sourceFile.text, start) ?? []),
    ...(ts.getTrailingCommentRanges(sourceFile.text, start) ?? []),
  ];
  const commentAt = (at: number) => ranges(at).find((r) => pos >= r.pos && pos < r.end)?.pos;
  // Down the one chain of nodes that contain pos, in a loop: nesting can be thousands deep.
  const containing = (node: ts.Node): ts.Node | undefined =>
    ts.forEachChild(node, (child) => (pos >= child.pos && pos < child.end ? child : undefined));
  let found: number | undefined;
  for (let node = containing(sourceFile); node && found === undefined; node = containing(node)) {
    found = commentAt(node.pos) ?? commentAt(node.end);
  }
  return commentAt(0) ?? found ?? commentAt(sourceFile.endOfFileToken.pos);
}

function parseIds(rest: string): { ruleIds: string[]; reason?: string } {
  const body = rest.replace(/\*\/.*$/, '');
  const [idsPart, ...reasonParts] = body.split(/\s--\s?/);
  const ruleIds = (idsPart ?? '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  const reason = reasonParts.join(' -- ').trim();
  return reason ? { ruleIds, reason } : { ruleIds };
}

/** Finds the suppression comments of a file. Cheap when there are none: one substring search. */
export function parseSuppressions(file: FileFacts): Suppression[] {
  if (!file.text.includes('bg-lint-')) return [];
  const out: Suppression[] = [];
  const lastLine = file.sourceFile.getLineAndCharacterOfPosition(file.text.length).line + 1;
  const openBlocks: Suppression[] = [];
  for (const m of file.text.matchAll(DIRECTIVE)) {
    const start = m.index;
    // A directive opens its comment (`// bg-lint-…`, `/* bg-lint-… */`), as ESLint's do: a comment
    // that mentions one in prose (documentation of the syntax) is not a suppression.
    const comment = commentStartAt(file.sourceFile, start);
    if (comment === undefined || file.text.slice(comment + 2, start).trim() !== '') continue;
    const kind = m[1] as SuppressionKind;
    const { ruleIds, reason } = parseIds(m[2] ?? '');
    const end = start + m[0].replace(/\s*\*\/.*$/, '').length;
    const span = file.spanOf(start, end);
    const line = span.start.line;
    if (kind === 'enable') {
      for (const block of openBlocks.splice(0)) {
        if (ruleIds.length === 0 || block.ruleIds.some((id) => ruleIds.includes(id))) block.toLine = line;
        else openBlocks.push(block);
      }
      continue;
    }
    const s: Suppression = {
      kind,
      ruleIds,
      ...(reason ? { reason } : {}),
      span,
      fromLine: kind === 'disable-next-line' ? line + 1 : line,
      toLine: kind === 'disable-next-line' ? line + 1 : kind === 'disable-line' ? line : lastLine,
    };
    if (kind === 'disable') openBlocks.push(s);
    out.push(s);
  }
  return out;
}

function covers(s: Suppression, d: Diagnostic): boolean {
  return d.span.start.line >= s.fromLine && d.span.start.line <= s.toLine && (s.ruleIds.length === 0 || s.ruleIds.includes(d.ruleId));
}

/**
 * Drops suppressed findings and reports suppressions that suppressed nothing, so stale ones go.
 * A named rule that did not run on this file is not judged: the comment may be for another config.
 */
export function applySuppressions(
  file: FileFacts,
  diagnostics: Diagnostic[],
  suppressions: Suppression[],
  rulesRun: ReadonlySet<string>,
  /** Every loaded rule id (off ones too); when given, a suppression naming another id is reported. */
  knownIds?: ReadonlySet<string>,
): Diagnostic[] {
  if (suppressions.length === 0) return diagnostics;
  const used = new Map<Suppression, Set<string>>();
  const kept = diagnostics.filter((d) => {
    if (d.ruleId === ENGINE_RULE_IDS.parseError) return true;
    const by = suppressions.find((s) => covers(s, d));
    if (!by) return true;
    if (!used.has(by)) used.set(by, new Set());
    used.get(by)!.add(d.ruleId);
    return false;
  });
  const engineIds = new Set<string>(Object.values(ENGINE_RULE_IDS));
  for (const s of suppressions) {
    // A typo (`BG-01`) or a rule of another config suppresses nothing here and never will: say so.
    const unknown = knownIds ? s.ruleIds.filter((id) => !knownIds.has(id) && !engineIds.has(id)) : [];
    for (const id of unknown) {
      const guess = closest(id, [...knownIds!]);
      kept.push({
        ruleId: ENGINE_RULE_IDS.unusedSuppression,
        severity: 'warning',
        file: file.path,
        span: s.span,
        message: `bg-lint-${s.kind} names an unknown rule "${id}"${guess !== undefined ? `; did you mean "${guess}"?` : ''}`,
        help: 'Fix the rule id (bg-lint rules lists them), or remove it from the comment.',
      });
    }
    const usedIds = used.get(s) ?? new Set<string>();
    const unusedIds = s.ruleIds.filter((id) => rulesRun.has(id) && !usedIds.has(id));
    if ((s.ruleIds.length === 0 && usedIds.size === 0) || unusedIds.length > 0) {
      const what = s.ruleIds.length === 0 ? '' : ` ${unusedIds.join(', ')}`;
      kept.push({
        ruleId: ENGINE_RULE_IDS.unusedSuppression,
        severity: 'warning',
        file: file.path,
        span: s.span,
        message: `bg-lint-${s.kind}${what} suppresses nothing`,
        help: 'Remove the comment (or the rule ids in it that no longer report here).',
      });
    }
  }
  return kept;
}
