/**
 * What a check declares for the text prefilter (spec "How it must be built to be fast"): the words
 * a file's text must contain for the check to possibly report on it. Matched case-insensitively on
 * the raw text (comments and strings included): a superset, so a word in a comment only costs a
 * parse, while a missing word proves the check has nothing to say about the file.
 */
export type Needles =
  | 'always'
  | {
      /** Any one of these, anywhere in the text (case-insensitive). */
      words: readonly string[];
      /** Or a match of one of these on the raw text (a check's own text gate, e.g. `\bexecSync\b`). */
      patterns?: readonly RegExp[];
      /** Or this holds (the path and the lower-cased text): a condition words cannot say, such as "a model file naming a model". */
      test?: (relativePath: string, lowerText: string) => boolean;
      /** Files the check may report on whatever their text (a task file by its path). */
      path?: (relativePath: string) => boolean;
      /**
       * Also files that export something and are imported by a file that registers routes: a
       * handler declared here and registered there (facts/http/routes.ts routeHandlersDeclaredIn).
       */
      importedByRoutes?: boolean;
    };

export const ALWAYS: Needles = 'always';

/** A check's prefilter: computed once per run from the rule's options and the subjects. */
export type CheckPrefilter<O, S = unknown> = (options: O, subjects: S) => Needles;

/**
 * The word a call matching each pattern shows in the file (facts/syntax/callee.ts calleeMatches): `execSync`
 * for `execSync`; for `backgroundTasks.add` the longer of the owner and the name, as both are written
 * (`backgroundTasks.add(…)`, or the module in the import: `from 'child_process'`, and the name).
 */
export function calleeWords(patterns: readonly string[]): string[] | undefined {
  if (patterns.some((p) => p.includes('*'))) return undefined; // `*.enqueue`: no fixed word
  return patterns.map((p) => {
    const dot = p.lastIndexOf('.');
    if (dot < 0) return p;
    const owner = p.slice(0, dot);
    const ownerWord = owner.slice(owner.lastIndexOf('.') + 1);
    const name = p.slice(dot + 1);
    return ownerWord.length > name.length ? ownerWord : name;
  }).filter((w) => w.length > 0);
}

/** `error_message` is also written `errorMessage`: both spellings share `error` and `message`, so the longest part is a needle of each. */
export function fieldWords(field: string): string[] {
  const parts = field.split(/_|(?=[A-Z])/).filter((p) => p.length > 0);
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a), '');
  return [longest || field];
}

/** Joins several needle sets: any `always` makes the union `always`; paths are or-ed. */
export function unionNeedles(...sets: Needles[]): Needles {
  if (sets.some((s) => s === 'always')) return ALWAYS;
  const all = sets as Exclude<Needles, 'always'>[];
  const paths = all.flatMap((s) => (s.path ? [s.path] : []));
  const tests = all.flatMap((s) => (s.test ? [s.test] : []));
  const patterns = all.flatMap((s) => s.patterns ?? []);
  return {
    words: [...new Set(all.flatMap((s) => s.words))],
    ...(patterns.length > 0 ? { patterns } : {}),
    ...(paths.length > 0 ? { path: (p: string) => paths.some((f) => f(p)) } : {}),
    ...(tests.length > 0 ? { test: (p: string, t: string) => tests.some((f) => f(p, t)) } : {}),
    ...(all.some((s) => s.importedByRoutes) ? { importedByRoutes: true } : {}),
  };
}

/** Words, or `always` when a part cannot say (undefined). */
export function wordsOrAlways(words: readonly string[] | undefined): Needles {
  return words === undefined || words.length === 0 ? ALWAYS : { words };
}

/**
 * A literal run every match of a regex must contain, or undefined when the regex has no such run
 * that this simple reading can prove: alternation, groups, classes and escapes end a run, and a
 * character followed by a quantifier is dropped. `\bstatus\s*=\s*processing` → `processing`.
 */
export function regexLiteral(pattern: string): string | undefined {
  if (pattern.includes('|') || pattern.startsWith('(?')) return undefined;
  const runs: string[] = [];
  let run = '';
  let depth = 0;
  const end = () => {
    if (depth === 0 && run.length > 0) runs.push(run);
    run = '';
  };
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i]!;
    const next = pattern[i + 1];
    if (c === '\\') {
      end();
      i += 1;
      if (pattern[i] === 'u' || pattern[i] === 'x' || pattern[i] === 'p' || pattern[i] === 'P') return undefined;
      continue;
    }
    if (c === '(' || c === '[') {
      end();
      depth += 1;
      if (c === '[') {
        // a class: skip to its end
        let j = i + 1;
        if (pattern[j] === ']') j += 1;
        while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
        i = j;
        depth -= 1;
        // a quantifier after the class applies to the class only
      }
      continue;
    }
    if (c === ')') {
      end();
      depth -= 1;
      if (depth < 0) return undefined;
      continue;
    }
    if (/[A-Za-z0-9_]/.test(c)) {
      if (next === '?' || next === '*' || next === '{') {
        end();
        continue;
      }
      run += c;
      continue;
    }
    end();
  }
  end();
  const best = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
  return best.length >= 3 ? best : undefined;
}
