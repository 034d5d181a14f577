import { RE2JS } from 're2js';
import { USER_REGEX_FLAGS } from '../config/regex-safety.js';

/**
 * A user regex, matched in linear time whenever possible. JavaScript's backtracking engine takes
 * cubic time on `status.*=.*processing` over one long minified line and one `exec` cannot be
 * interrupted, so a per-file time budget alone is no bound. RE2 (re2js, pure JS) has no
 * backtracking: its cost is linear in the text whatever the pattern. Patterns RE2 does not support
 * (lookarounds, backreferences) fall back to RegExp; those were vetted for exponential
 * backtracking at load time and keep the per-file time budget.
 */
export interface UserRegex {
  /** true: matched by RE2, linear time. */
  readonly linear: boolean;
  /** A searcher over one text: the leftmost match starting at or after `from`, as [start, end) UTF-16 offsets. */
  over(text: string): (from: number) => [number, number] | null;
}

/**
 * Every match, left to right, that `accept` takes (by its start); a refused match is searched
 * again from one character after its start, so it cannot hide an accepted one it overlaps.
 */
export function* matchesOf(re: UserRegex, text: string, accept: (start: number, end: number) => boolean = () => true): Generator<[number, number]> {
  const find = re.over(text);
  let from = 0;
  while (from <= text.length) {
    const m = find(from);
    if (!m) return;
    if (!accept(m[0], m[1])) {
      from = m[0] + 1;
      continue;
    }
    yield m;
    from = m[1] > m[0] ? m[1] : m[1] + 1; // an empty match must not loop forever
  }
}

const cache = new Map<string, UserRegex>();

export function userRegex(pattern: string): UserRegex {
  let re = cache.get(pattern);
  if (!re) {
    re = linearRegex(pattern) ?? backtrackingRegex(pattern);
    cache.set(pattern, re);
  }
  return re;
}

function linearRegex(pattern: string): UserRegex | undefined {
  let re2: RE2JS;
  try {
    // Same semantics as USER_REGEX_FLAGS ('gm'): `^`/`$` per line, `.` stops at line breaks.
    re2 = RE2JS.compile(pattern, RE2JS.MULTILINE);
  } catch {
    return undefined;
  }
  return {
    linear: true,
    over(text) {
      const m = re2.matcher(text);
      return (from) => (m.find(from) ? [m.start(), m.end()] : null);
    },
  };
}

function backtrackingRegex(pattern: string): UserRegex {
  const re = new RegExp(pattern, USER_REGEX_FLAGS);
  return {
    linear: false,
    over(text) {
      return (from) => {
        re.lastIndex = from;
        const m = re.exec(text);
        return m ? [m.index, m.index + m[0].length] : null;
      };
    },
  };
}
