import { isSafePattern } from 'redos-detector';
import type { RedosDetectorResult, RedosDetectorTrail, RedosDetectorTrailEntrySide } from 'redos-detector';

/**
 * Vets user regexes before any file is matched. JavaScript's backtracking engine cannot be
 * interrupted inside one `exec`, so a pattern that backtracks *exponentially* (nested or
 * overlapping quantifiers such as `(a+)+`, `(\w+\s?)*`, `(a|a)*`) could hang a lint run on an
 * ordinary line. Those are refused.
 *
 * Polynomial backtracking (`status.*=.*processing`, a text rule's common idiom: two wildcards that can
 * trade characters) is accepted: its cost is bounded by the line length (`.` does not cross
 * newlines) and the text check's per-file time budget stops a slow pattern between matches.
 * redos-detector flags both kinds as "unsafe", so its trails are inspected to tell them apart:
 * the exponential kind is one loop that matches the same text in two different ways after both
 * ways entered it at the same point.
 */

/** Flags every user regex is compiled with: line-oriented (`^`/`$` per line), no `u`, `.` stops at newlines. */
export const USER_REGEX_FLAGS = 'gm';

export type RegexVerdict = { ok: true } | { ok: false; message: string };

/**
 * Per analysis, in the detector's steps (a quarter of its default; at most ~0.6 s on this machine's
 * worst bundled-test pattern): a pattern it cannot finish within them is refused as unprovable. A
 * bound in steps, not milliseconds, so a rule file is accepted or refused alike on a fast laptop and
 * a loaded CI runner (the 200 ms bound gave another verdict under load). The wall-clock bound is
 * only a backstop against a detector that runs away.
 */
const ANALYSIS_MAX_STEPS = 5_000;
const ANALYSIS_BACKSTOP_MS = 10_000;
const verdicts = new Map<string, RegexVerdict>();

export function vetRegex(pattern: string): RegexVerdict {
  let verdict = verdicts.get(pattern);
  if (!verdict) {
    verdict = analyse(pattern);
    verdicts.set(pattern, verdict);
  }
  return verdict;
}

function analyse(pattern: string): RegexVerdict {
  try {
    new RegExp(pattern, USER_REGEX_FLAGS);
  } catch (e) {
    return { ok: false, message: `invalid regular expression /${pattern}/: ${syntaxMessage(e)}` };
  }
  // Exponential ambiguity needs a loop whose body is more than one atom: a quantified group.
  // Without one, only polynomial backtracking is possible (accepted, see above), so the detector,
  // which can take hundreds of milliseconds on `a.*b.*c.*d`, is not run.
  const groups = quantifiedGroups(pattern);
  if (groups.length === 0) return { ok: true };
  let whole: RedosDetectorResult;
  try {
    whole = detect(pattern);
  } catch (e) {
    return {
      ok: false,
      message: `regular expression /${pattern}/ cannot be checked for catastrophic backtracking (${firstLine(e)}); rewrite it without that syntax (named groups are not supported)`,
    };
  }
  if (whole.safe) return { ok: true };
  const found = exponentialTrail(whole);
  if (found) return unsafe(pattern, found);
  // The whole pattern's trails may stop (max score) before reaching a nested loop, so check
  // each quantified group on its own too: the exponential kind lives inside one of them.
  let proven = whole.error === 'hitMaxScore';
  let groupsProven = true;
  for (const group of groups) {
    let r: RedosDetectorResult;
    try {
      r = detect(group);
    } catch {
      continue; // e.g. a backreference to a group outside it; the whole-pattern check stands
    }
    const inGroup = exponentialTrail(r);
    if (inGroup) return unsafe(pattern, inGroup);
    if (!r.safe && r.error !== 'hitMaxScore') groupsProven = false;
  }
  proven ||= groupsProven;
  if (proven) return { ok: true };
  return {
    ok: false,
    message: `regular expression /${pattern}/ could not be proven free of catastrophic backtracking within ${ANALYSIS_MAX_STEPS.toLocaleString('en-US')} analysis steps (redos-detector: ${whole.error}); simplify it`,
  };
}

function detect(pattern: string): RedosDetectorResult {
  // Anchored: the search's own sliding start only adds polynomial cost, which is accepted.
  return isSafePattern(`^(?:${pattern})`, { maxSteps: ANALYSIS_MAX_STEPS, timeout: ANALYSIS_BACKSTOP_MS });
}

interface Found {
  quantifier: string;
  trail: RedosDetectorTrail;
}

/**
 * A trail shows two ways (a, b) through the pattern for the same input. It is exponential when a
 * loop Q both ways entered at the same input position is, at some step, taken differently: the
 * same pass but a different route inside it, or a different pass count with a loop body that is
 * more than one atom (`.*` at different counts is just two wildcards trading characters).
 */
function exponentialTrail(result: RedosDetectorResult): Found | undefined {
  for (const t of result.trails) {
    const entries = t.trail;
    for (let k = 0; k < entries.length; k++) {
      const { a, b } = entries[k]!;
      const bLoops = new Map(b.quantifierIterations.map((q) => [q.node.start.offset, q]));
      for (const qa of a.quantifierIterations) {
        const qb = bLoops.get(qa.node.start.offset);
        if (!qb) continue;
        const q = qa.node;
        const differs =
          qa.iteration === qb.iteration
            ? a.node.start.offset !== b.node.start.offset || innerLoopsDiffer(a, b, q.start.offset, q.end.offset)
            : !isSingleAtomLoop(q.source, a.node.source, q.start.offset, a.node.start.offset);
        if (differs && enteredTogether(entries, k, q.start.offset)) return { quantifier: q.source, trail: t };
      }
    }
  }
  return undefined;
}

function innerLoopsDiffer(a: RedosDetectorTrailEntrySide, b: RedosDetectorTrailEntrySide, start: number, end: number): boolean {
  const inner = (s: RedosDetectorTrailEntrySide) =>
    s.quantifierIterations
      .filter((q) => q.node.start.offset >= start && q.node.end.offset <= end && !(q.node.start.offset === start && q.node.end.offset === end))
      .map((q) => `${q.node.start.offset}#${q.iteration}`)
      .join(',');
  return inner(a) !== inner(b);
}

function isSingleAtomLoop(loop: string, node: string, loopStart: number, nodeStart: number): boolean {
  return loopStart === nodeStart && loop.startsWith(node) && /^(?:[*+?]|\{\d+(?:,\d*)?\})\??$/.test(loop.slice(node.length));
}

/** Both sides have been inside loop `start` since the same trail step (the same input position). */
function enteredTogether(entries: RedosDetectorTrail['trail'], k: number, start: number): boolean {
  const inLoop = (s: RedosDetectorTrailEntrySide) => s.quantifierIterations.some((q) => q.node.start.offset === start);
  let sa = k;
  while (sa > 0 && inLoop(entries[sa - 1]!.a)) sa--;
  let sb = k;
  while (sb > 0 && inLoop(entries[sb - 1]!.b)) sb--;
  return sa === sb;
}

/** `(…)` / `(?:…)` groups directly followed by a quantifier, found with a small scanner. */
export function quantifiedGroups(pattern: string): string[] {
  const groups: string[] = [];
  const open: number[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') open.push(i);
    else if (c === ')') {
      const start = open.pop();
      if (start === undefined) continue;
      const rest = pattern.slice(i + 1);
      const quantifier = /^(?:[*+]|\{\d+,\d*\}|\{\d+\})\??/.exec(rest)?.[0];
      if (quantifier) groups.push(pattern.slice(start, i + 1) + quantifier);
    }
  }
  return groups;
}

function unsafe(pattern: string, found: Found): RegexVerdict {
  const steps = found.trail.trail
    .slice(0, 8)
    .map((e) => `\`${e.a.node.source}\`|\`${e.b.node.source}\``)
    .join(', ');
  const more = found.trail.trail.length > 8 ? ', ...' : '';
  return {
    ok: false,
    message:
      `regular expression /${pattern}/ can backtrack catastrophically: \`${found.quantifier}\` can match the same text in more than one way, ` +
      `so a non-matching line can take exponential time (redos-detector backtracking example, each step matched two ways: ${steps}${more}); ` +
      `make the repeated part unambiguous, e.g. \`(a+)+\` → \`a+\``,
  };
}

function syntaxMessage(e: unknown): string {
  return firstLine(e).replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
}

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0] ?? message;
}
