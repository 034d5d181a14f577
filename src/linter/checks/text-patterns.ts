import type { Span } from '../../shared/diagnostic.js';
import { textWithoutComments } from '../facts/project/code-only-text.js';
import type { FileFacts } from '../facts/project/file-facts.js';
import { wildcard } from '../facts/project/wildcard.js';
import { defineCheck } from './check.js';
import { matchesOf, userRegex } from './user-regex.js';
import type { JsonSchema } from './check.js';
import { regexLiteral, unionNeedles, wordsOrAlways, type Needles as PrefilterNeedles } from '../engine/prefilter-needles.js';

/**
 * Seed-style text matchers (README, "Rule files") (`must_contain`, `must_contain_one_of`, `when_contains`,
 * `should_match`, `anti_patterns`), so a seed-style rule (no `check:`) runs.
 *
 * What text is matched: the text with comments removed, and a match must start in code (not
 * inside a string literal), so a comment or a log message never satisfies or trips a rule while
 * `status.*=.*processing` still sees `job.status = "processing"`. A needle or regex that contains
 * a quote character (`status = "running"`) is about a literal, so its matches may start anywhere
 * outside comments; `match_strings: true` does that for every needle and regex of the rule. Regexes use the flags `gm` (`^`/`$` per line, `.`
 * stops at line breaks) and run on RE2 (linear time, see user-regex.ts); the few RE2 cannot run
 * are vetted for catastrophic backtracking when the rule is loaded and have a time budget per file.
 */

type Needles = string | string[];

export interface TextPattern {
  /** Path glob (wildcard.ts) of project-relative paths this entry applies to (all files of the rule when absent). */
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

export const DEFAULT_TIME_BUDGET_MS = 50;

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
      default: [],
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
      default: [],
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
      default: false,
      description: 'Match needles and regexes on string contents too (comments stay removed). Needles and regexes containing a quote always do.',
    },
    time_budget_ms: {
      type: 'number',
      minimum: 0,
      default: DEFAULT_TIME_BUDGET_MS,
      description: 'Time a regex may spend on one file before bg-lint stops using it there (reported once).',
    },
  },
};

/** Findings, by message id; an anti-pattern's text is the rule's own `message`. */
const messages = {
  timeBudget: (d: { pattern: string; budgetMs: number }) =>
    `stopped matching /${d.pattern}/ in this file after its ${d.budgetMs} ms time budget; its findings here may be incomplete`,
  missingText: (d: { text: string }) => `missing "${d.text}"`,
  missingOneOf: (d: { texts: readonly string[] }) => `missing one of ${d.texts.map((n) => `"${n}"`).join(', ')}`,
  noMatch: (d: { pattern: string }) => `no match for /${d.pattern}/`,
  antiPattern: (d: { message: string }) => d.message,
};

export const textCheck = defineCheck<TextOptions, typeof messages>({
  meta: {
    name: 'text',
    messages,
    description: 'Required and forbidden text and regexes on code with comments and strings removed (seed-style text patterns).',
    optionsSchema: textOptionsSchema,
    needsTypes: false,
  },
  check(ctx) {
    const { file, options } = ctx;
    const view = new TextViews(file, options.match_strings);
    const fileStart: Span = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    const budget = new RegexBudget(options.time_budget_ms, (re) => ctx.report(fileStart, 'timeBudget', { pattern: re, budgetMs: options.time_budget_ms }));

    for (const p of options.patterns) {
      if (p.file !== undefined && !wildcard('path', p.file)(file.relativePath)) continue;
      if (p.when_contains !== undefined && !list(p.when_contains).some((n) => view.contains(n))) continue;
      for (const n of list(p.must_contain)) if (!view.contains(n)) ctx.report(fileStart, 'missingText', { text: n });
      const oneOf = list(p.must_contain_one_of);
      if (oneOf.length > 0 && !oneOf.some((n) => view.contains(n))) {
        ctx.report(fileStart, 'missingOneOf', { texts: oneOf });
      }
      if (p.should_match !== undefined) {
        const found = budget.first(p.should_match, view);
        if (found === null) ctx.report(fileStart, 'noMatch', { pattern: p.should_match });
      }
    }
    for (const a of options.anti_patterns) {
      if (a.file !== undefined && !wildcard('path', a.file)(file.relativePath)) continue;
      for (const [start, end] of budget.all(a.pattern, view)) ctx.report(file.spanOf(start, end), 'antiPattern', { message: a.message });
    }
  },
});

function list(n: Needles | undefined): string[] {
  return n === undefined ? [] : typeof n === 'string' ? [n] : n;
}

const QUOTE = /["'`]/;
const commentFree = new WeakMap<FileFacts, string>();
const WHITESPACE = /\s/;

/**
 * Where needles and regexes may match (see the header comment). Matching runs on the text with
 * comments removed; a match must *start* in code, and may run on into a string:
 * `status.*=.*processing` is about `job.status = "processing"`, while `log("status = processing")`
 * starts inside a string and is a message, not code. `match_strings`, or a quote in the needle or
 * regex, accepts a match that starts anywhere outside comments.
 */
class TextViews {
  constructor(
    private readonly file: FileFacts,
    private readonly matchStrings: boolean,
  ) {}

  text(): string {
    let text = commentFree.get(this.file);
    if (text === undefined) {
      text = textWithoutComments(this.file.text, this.file.sourceFile.languageVariant);
      commentFree.set(this.file, text);
    }
    return text;
  }

  /** Which match starts count for this needle or regex. */
  acceptor(needleOrRegex: string): (start: number, end: number) => boolean {
    if (this.matchStrings || QUOTE.test(needleOrRegex)) return () => true;
    const text = this.text();
    const code = this.file.codeOnlyText();
    return (start, end) => {
      let i = start;
      while (i < end && WHITESPACE.test(text[i]!)) i++;
      // Blanking turns string contents into spaces: a visible character blanked is inside a string.
      return i >= end || code[i] === text[i];
    };
  }

  contains(needle: string): boolean {
    const text = this.text();
    const accept = this.acceptor(needle);
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      if (accept(at, at + needle.length)) return true;
    }
    return false;
  }
}

/**
 * Runs user regexes with a per-file time budget. Linear-time (RE2) patterns cannot hang; the
 * budget is what stops a RegExp fallback (lookarounds, backreferences), checked between matches.
 */
class RegexBudget {
  private readonly spent = new Map<string, number>();
  private readonly dropped = new Set<string>();

  constructor(
    private readonly budgetMs: number,
    private readonly onExceeded: (pattern: string) => void,
  ) {}

  first(pattern: string, view: TextViews): [number, number] | null | 'dropped' {
    for (const m of this.all(pattern, view)) return m;
    return this.dropped.has(pattern) ? 'dropped' : null;
  }

  *all(pattern: string, view: TextViews): Generator<[number, number]> {
    if (this.dropped.has(pattern)) return;
    const re = userRegex(pattern);
    const found = matchesOf(re, view.text(), view.acceptor(pattern));
    if (re.linear) {
      yield* found;
      return;
    }
    for (;;) {
      const t0 = performance.now();
      const next = found.next();
      const spent = (this.spent.get(pattern) ?? 0) + performance.now() - t0;
      this.spent.set(pattern, spent);
      if (next.done) return;
      yield next.value;
      if (spent >= this.budgetMs) {
        this.dropped.add(pattern);
        this.onExceeded(pattern);
        return;
      }
    }
  }
}

export default textCheck;

/**
 * Text prefilter (engine/prefilter.ts): an entry that reports a missing needle or match looks at
 * every file (unless `when_contains` gates it); an anti-pattern needs its regex's literal run.
 * A regex that runs on the backtracking engine keeps no prefilter: its time-budget finding can
 * come from any file.
 */
export function prefilter(o: TextOptions): PrefilterNeedles {
  const parts: PrefilterNeedles[] = o.patterns.map((p) =>
    p.when_contains !== undefined ? wordsOrAlways(list(p.when_contains)) : 'always');
  for (const a of o.anti_patterns) {
    const literal = userRegex(a.pattern).linear ? regexLiteral(a.pattern) : undefined;
    parts.push(wordsOrAlways(literal === undefined ? undefined : [literal]));
  }
  return parts.length === 0 ? { words: [] } : unionNeedles(...parts);
}
