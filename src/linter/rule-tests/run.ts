import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ENGINE_RULE_IDS } from '../../shared/diagnostic.js';
import type { ResolvedConfiguration } from '../config/resolve.js';
import type { CompiledRule } from '../config/rule.js';
import { LintSession } from '../service/lint-service.js';
import type { ExpectedFinding, RuleTestCase } from './load.js';

/** Where a snippet is linted when neither the case nor its file names a filename. */
export const DEFAULT_FILENAME = 'src/example.ts';

/** What the rule reported on a case, and whether that is what the case expects. */
export interface CaseOutcome {
  ok: boolean;
  /** The rule's findings on the snippet, in line order. */
  found: Required<ExpectedFinding>[];
  /** Why the case could not be judged (a snippet that does not parse, a filename the rule ignores). */
  problem?: string;
}

/** One line of a failing case's diff: ` ` expected and reported, `-` expected only, `+` reported only. */
export interface DiffLine {
  sign: ' ' | '-' | '+';
  line: number;
  message?: string;
}

/** Pairs expected with reported findings in order: same line, and the same message when one is expected. */
export function diffFindings(expected: readonly ExpectedFinding[], found: readonly Required<ExpectedFinding>[]): DiffLine[] {
  const unmatched = [...found];
  const out: DiffLine[] = [];
  for (const e of expected) {
    const i = unmatched.findIndex((f) => f.line === e.line && (e.message === undefined || e.message === f.message));
    if (i >= 0) out.push({ sign: ' ', ...unmatched.splice(i, 1)[0]! });
    else out.push({ sign: '-', line: e.line, ...(e.message !== undefined ? { message: e.message } : {}) });
  }
  for (const f of unmatched) out.push({ sign: '+', ...f });
  const rank = { ' ': 0, '-': 1, '+': 2 };
  return out.sort((a, b) => a.line - b.line || rank[a.sign] - rank[b.sign]);
}

/**
 * Lints one case's snippet as a file of its own small project on disk (a fresh temp folder), with
 * the project's configuration (subjects, options) and only the rule under test, as `bg-lint` would.
 */
export function runCase(rule: CompiledRule, config: ResolvedConfiguration, c: Pick<RuleTestCase, 'kind' | 'code' | 'filename' | 'errors'>): CaseOutcome {
  const filename = c.filename ?? DEFAULT_FILENAME;
  if (!rule.appliesTo(filename)) {
    // A valid case the rule never looks at would pass whatever the rule does.
    const globs = rule.files.length > 0 ? ` (files: ${rule.files.join(', ')})` : '';
    return { ok: false, found: [], problem: `${rule.id} does not look at ${filename}${globs}: give the case a filename it applies to` };
  }
  const root = mkdtempSync(join(tmpdir(), 'bg-lint-rule-test-'));
  try {
    const path = join(root, filename);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, c.code);
    const session = LintSession.withConfiguration(root, config, [{ ...rule, level: rule.level === 'off' ? rule.defaultSeverity : rule.level }]);
    const diagnostics = session.lint([path]).get(path)?.diagnostics ?? [];
    const parseError = diagnostics.find((d) => d.ruleId === ENGINE_RULE_IDS.parseError);
    if (parseError) return { ok: false, found: [], problem: `the snippet does not parse: line ${parseError.span.start.line}: ${parseError.message}` };
    const found = diagnostics.filter((d) => d.ruleId === rule.id).map((d) => ({ line: d.span.start.line, message: d.message }));
    if (c.kind === 'valid') return { ok: found.length === 0, found };
    if (c.errors === undefined) return { ok: found.length > 0, found };
    return { ok: diffFindings(c.errors, found).every((d) => d.sign === ' '), found };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A rule's own `examples:` as cases: failing examples are invalid cases with their `lines`. */
export function casesFromExamples(rule: CompiledRule): Pick<RuleTestCase, 'kind' | 'index' | 'code' | 'filename' | 'errors'>[] {
  return [
    ...rule.examples.fail.map((e, index) => ({ kind: 'invalid' as const, index, code: e.code, filename: e.filename, ...(e.lines ? { errors: e.lines.map((line) => ({ line })) } : {}) })),
    ...rule.examples.pass.map((e, index) => ({ kind: 'valid' as const, index, code: e.code, filename: e.filename })),
  ];
}
