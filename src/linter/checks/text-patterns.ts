import { Minimatch } from 'minimatch';
import type { Span } from '../../shared/diagnostic.js';
import { USER_REGEX_FLAGS } from '../config/regex-safety.js';
import { textWithoutComments } from '../facts/code-only-text.js';
import type { FileFacts } from '../facts/file-facts.js';
import { defineCheck } from './check.js';
import type { JsonSchema } from './check.js';

/**
 * The seed's text matchers (`must_contain`, `must_contain_one_of`, `when_contains`,
 * `should_match`, `anti_patterns`), so a rule written in the seed's style runs.
 *
 * What text is matched: code with comments removed and string contents blanked
 * (`FileFacts.codeOnlyText`), so a comment or a log message never satisfies or trips a rule.
 * Exception: a needle or regex that contains a quote character (`status = "running"`) is about a
 * literal, so it is matched on the text with only comments removed; `match_strings: true` does
 * that for every needle and regex of the rule. Regexes use the flags `gm` (`^`/`$` per line, `.`
 * stops at line breaks), are vetted for catastrophic backtracking when the rule is loaded, and
 * each has a time budget per file.
 */

type Needles = string | string[];

export interface TextPattern {
  /** minimatch glob of project-relative paths this entry applies to (all files of the rule when absent). */
  file?: string;
  must_contain?: Needles;
  must_contain_one_of?: Needles;
  when_contains?: Needles;
  should_match?: string;
}

export interface AntiPattern {
  pattern: string;
  message: string;
  file?: string;
}

export interface TextOptions {
  patterns: TextPattern[];
  anti_patterns: AntiPattern[];
  match_strings: boolean;
  /** Milliseconds a regex may spend on one file before it is dropped for that file (reported once). */
  time_budget_ms: number;
}

const needles = (what: string): JsonSchema => ({
  type: ['string', 'array'],
  minLength: 1,
  items: { type: 'string', minLength: 1 },
  description: what,
});

const fileGlob: JsonSchema = {
  type: 'string',
  minLength: 1,
  description: 'minimatch glob (relative to the project root) of the files this entry applies to; all files of the rule when absent.',
};

export const textOptionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    patterns: {
      type: 'array',
      description: 'Required text: each entry checks the files its `file` glob matches.',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          file: fileGlob,
          must_contain: needles('Text the file must contain (each one; a list or one string). Each missing one is a finding.'),
          must_contain_one_of: needles('The file must contain at least one of these.'),
          when_contains: needles('Only check this entry when the file contains one of these.'),
          should_match: { type: 'string', 'x-regex': true, description: 'A regex the file must match somewhere.' },
        },
      },
    },
    anti_patterns: {
      type: 'array',
      description: 'Forbidden regexes: every match is a finding at the matched text.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['pattern', 'message'],
        properties: {
          pattern: { type: 'string', minLength: 1, 'x-regex': true, description: 'The forbidden regex (flags `gm`: `^`/`$` per line, `.` stops at line ends).' },
          message: { type: 'string', minLength: 1, description: 'The finding’s message.' },
          file: fileGlob,
        },
      },
    },
    match_strings: {
      type: 'boolean',
      description: 'Match needles and regexes on string contents too (comments stay removed). Needles and regexes containing a quote always do.',
    },
    time_budget_ms: {
      type: 'number',
      minimum: 0,
      description: 'Time a regex may spend on one file before bg-lint stops using it there (reported once).',
    },
  },
};

export const DEFAULT_TIME_BUDGET_MS = 50;

export const textCheck = defineCheck<TextOptions>({
  meta: {
    name: 'text',
    description: 'Required and forbidden text and regexes on code with comments and strings removed (the seed’s text patterns).',
    optionsSchema: textOptionsSchema,
    defaults: { patterns: [], anti_patterns: [], match_strings: false, time_budget_ms: DEFAULT_TIME_BUDGET_MS },
    needsTypes: false,
  },
  check(ctx) {
    const { file, options } = ctx;
    const view = new TextViews(file, options.match_strings);
    const fileStart: Span = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    const report = (at: Span, message: string) => ctx.report(at, message);
    const budget = new RegexBudget(options.time_budget_ms, (re) =>
      report(fileStart, `stopped matching /${re}/ in this file after its ${options.time_budget_ms} ms time budget; its findings here may be incomplete`),
    );

    for (const p of options.patterns) {
      if (p.file !== undefined && !globMatches(p.file, file.relativePath)) continue;
      if (p.when_contains !== undefined && !list(p.when_contains).some((n) => view.contains(n))) continue;
      for (const n of list(p.must_contain)) if (!view.contains(n)) report(fileStart, `missing "${n}"`);
      const oneOf = list(p.must_contain_one_of);
      if (oneOf.length > 0 && !oneOf.some((n) => view.contains(n))) {
        report(fileStart, `missing one of ${oneOf.map((n) => `"${n}"`).join(', ')}`);
      }
      if (p.should_match !== undefined) {
        const found = budget.first(p.should_match, view.for(p.should_match));
        if (found === null) report(fileStart, `no match for /${p.should_match}/`);
      }
    }
    for (const a of options.anti_patterns) {
      if (a.file !== undefined && !globMatches(a.file, file.relativePath)) continue;
      for (const [start, end] of budget.all(a.pattern, view.for(a.pattern))) report(file.spanOf(start, end), a.message);
    }
  },
});

function list(n: Needles | undefined): string[] {
  return n === undefined ? [] : typeof n === 'string' ? [n] : n;
}

const QUOTE = /["'`]/;
const commentFree = new WeakMap<FileFacts, string>();

/** Picks the text a needle or regex is matched on (see the header comment). */
class TextViews {
  constructor(
    private readonly file: FileFacts,
    private readonly matchStrings: boolean,
  ) {}

  for(needleOrRegex: string): string {
    if (!this.matchStrings && !QUOTE.test(needleOrRegex)) return this.file.codeOnlyText();
    let text = commentFree.get(this.file);
    if (text === undefined) {
      text = textWithoutComments(this.file.text, this.file.sourceFile.languageVariant);
      commentFree.set(this.file, text);
    }
    return text;
  }

  contains(needle: string): boolean {
    return this.for(needle).includes(needle);
  }
}

/**
 * Runs regexes with a per-file time budget. One `exec` cannot be interrupted (vetting at load time
 * keeps each one polynomial), so the budget is checked between matches.
 */
class RegexBudget {
  private readonly spent = new Map<string, number>();
  private readonly dropped = new Set<string>();

  constructor(
    private readonly budgetMs: number,
    private readonly onExceeded: (pattern: string) => void,
  ) {}

  first(pattern: string, text: string): [number, number] | null | 'dropped' {
    for (const m of this.all(pattern, text)) return m;
    return this.dropped.has(pattern) ? 'dropped' : null;
  }

  *all(pattern: string, text: string): Generator<[number, number]> {
    if (this.dropped.has(pattern)) return;
    const re = compiled(pattern);
    re.lastIndex = 0;
    for (;;) {
      const t0 = performance.now();
      const m = re.exec(text);
      const spent = (this.spent.get(pattern) ?? 0) + performance.now() - t0;
      this.spent.set(pattern, spent);
      if (m) yield [m.index, m.index + m[0].length];
      if (!m) return;
      if (m[0].length === 0) re.lastIndex++; // an empty match must not loop forever
      if (spent >= this.budgetMs) {
        this.dropped.add(pattern);
        this.onExceeded(pattern);
        return;
      }
    }
  }
}

const regexes = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let re = regexes.get(pattern);
  if (!re) {
    re = new RegExp(pattern, USER_REGEX_FLAGS);
    regexes.set(pattern, re);
  }
  return re;
}

const globs = new Map<string, Minimatch>();
function globMatches(glob: string, relativePath: string): boolean {
  let mm = globs.get(glob);
  if (!mm) {
    mm = new Minimatch(glob, { dot: true });
    globs.set(glob, mm);
  }
  return mm.match(relativePath);
}

export default textCheck;
