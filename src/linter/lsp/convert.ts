import type { Diagnostic as LspDiagnostic, CodeAction, Hover, Position, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ENGINE_RULE_IDS, type Diagnostic, type Severity, type Span } from '../../shared/diagnostic.js';

/** LSP's DiagnosticSeverity and CodeActionKind values, inlined so this module loads no LSP code. */
const LSP_SEVERITY: Record<Severity, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };
const QUICK_FIX = 'quickfix';

/** bg-lint spans are 1-based lines and columns; LSP ranges 0-based (both count UTF-16 code units). */
export function rangeOf(span: Span): Range {
  return {
    start: { line: span.start.line - 1, character: span.start.column - 1 },
    end: { line: span.end.line - 1, character: span.end.column - 1 },
  };
}

export function toLspDiagnostic(d: Diagnostic, docsUrl: (ruleId: string) => string | undefined): LspDiagnostic {
  const href = docsUrl(d.ruleId);
  return {
    range: rangeOf(d.span),
    severity: LSP_SEVERITY[d.severity],
    source: 'bg-lint',
    code: d.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    message: d.message,
  };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Do two ranges touch (an empty range at a finding's edge counts: a cursor on it)? */
export function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * Code actions for the findings under `range`: a finding's safe fix as the preferred quick fix, and
 * "suppress on this line" for every rule finding, inserting a disable-next-line suppression comment
 * above it at its indentation. `document` must be the text the findings were computed on.
 */
export function codeActionsFor(document: TextDocument, findings: readonly Diagnostic[], range: Range, docsUrl: (ruleId: string) => string | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  const lines = document.getText().split('\n');
  for (const d of findings) {
    const diagnostic = toLspDiagnostic(d, docsUrl);
    if (!overlaps(diagnostic.range, range)) continue;
    if (d.fix) {
      const edits: TextEdit[] = d.fix.edits.map((e) => ({
        range: { start: document.positionAt(e.start), end: document.positionAt(e.end) },
        newText: e.text,
      }));
      actions.push({ title: `${d.fix.description} (${d.ruleId})`, kind: QUICK_FIX, isPreferred: true, diagnostics: [diagnostic], edit: { changes: { [document.uri]: edits } } });
    }
    if ((Object.values(ENGINE_RULE_IDS) as string[]).includes(d.ruleId)) continue;
    const line = d.span.start.line - 1;
    const indent = /^[ \t]*/.exec(lines[line] ?? '')![0];
    actions.push({
      title: `Suppress ${d.ruleId} on this line`,
      kind: QUICK_FIX,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// bg-lint-disable-next-line ${d.ruleId} -- reason\n` }] } },
    });
  }
  return actions;
}

/** The findings at a position, with their rule's suggestion, as Markdown. */
export function hoverFor(findings: readonly Diagnostic[], position: Position, docsUrl: (ruleId: string) => string | undefined): Hover | null {
  const at = findings.filter((d) => overlaps(rangeOf(d.span), { start: position, end: position }));
  if (at.length === 0) return null;
  const parts = at.map((d) => {
    const href = docsUrl(d.ruleId);
    return [`**${d.ruleId}** ${d.message}`, d.help ?? '', href ? `[${d.ruleId} documentation](${href})` : ''].filter(Boolean).join('\n\n');
  });
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
}
