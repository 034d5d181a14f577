import { Minimatch } from 'minimatch';

/**
 * The one wildcard dialect of rule options, subjects and config (docs: README "Patterns").
 *
 * - `name`: an identifier (`subjects.statusType.names`: `*JobStatus`). `*` (or `**`) stands for any
 *   run of characters, also none; nothing else is special. Case-sensitive, as identifiers are:
 *   `JobStatus` and `jobStatus` are different names.
 * - `call`: a written call chain without `this.` (`callee.text`: `importQueue.add`). `*` (or `**`)
 *   stands for any run of name parts and dots (`*.transaction` is `db.transaction` and
 *   `this.ds.manager.transaction`), also none. Case-insensitive, because `*` mostly stands for
 *   the start of a camelCase name: `*queue.add` is `importQueue.add` and `queue.add` alike.
 *   (A call pattern without `*` is not a wildcard: it names the function, resolved through
 *   imports; see facts/syntax/call-patterns.ts.)
 * - `path`: a project-relative POSIX path, matched by a minimatch glob with dotfiles included:
 *   `*` is any run within one path segment, `**` any number of whole segments, `{a,b}`, `?`,
 *   `[…]` and a leading `!` as minimatch has them. The whole path is matched: a glob without `/`
 *   (`*.ts`) matches only files at the project root, as in ESLint's flat config; write
 *   `**\/*.ts` for any folder. Case-sensitive, as paths on Linux and in git are, so a config
 *   gives the same findings on every machine.
 *
 * Each pattern is compiled once per process (per kind) and cached.
 */
export type WildcardKind = 'name' | 'call' | 'path';

type Matcher = (text: string) => boolean;

const caches: Record<WildcardKind, Map<string, Matcher>> = { name: new Map(), call: new Map(), path: new Map() };

const escape = (literal: string): string => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `*` → `any`, everything else literal, anchored at both ends. */
function starRegex(pattern: string, any: string, flags: string): RegExp {
  return new RegExp(`^${pattern.split(/\*+/).map(escape).join(any)}$`, flags);
}

function compile(kind: WildcardKind, pattern: string): Matcher {
  switch (kind) {
    case 'name': {
      if (!pattern.includes('*')) return (text) => text === pattern;
      const re = starRegex(pattern, '.*', '');
      return (text) => re.test(text);
    }
    case 'call': {
      const re = starRegex(pattern, '[\\w$.]*', 'i');
      return (text) => re.test(text);
    }
    case 'path': {
      // One regular expression per glob: minimatch's own match() splits every path into segments,
      // which dominates scans over thousands of paths. makeRe keeps a leading `!` (negation).
      const re = new Minimatch(pattern, { dot: true }).makeRe();
      return re ? (text) => re.test(text) : () => false;
    }
  }
}

/** The compiled matcher of one pattern of a kind (cached). */
export function wildcard(kind: WildcardKind, pattern: string): Matcher {
  const cache = caches[kind];
  let m = cache.get(pattern);
  if (!m) {
    m = compile(kind, pattern);
    cache.set(pattern, m);
  }
  return m;
}

/** Does `text` match any of the patterns of a kind? */
export function matchesAny(kind: WildcardKind, text: string, patterns: readonly string[]): boolean {
  for (const p of patterns) if (wildcard(kind, p)(text)) return true;
  return false;
}

/**
 * Each glob list's answers by path. The same lists (a subject's `files`, a rule's `paths`) are
 * asked about the same paths by every rule and scan that shares them, several times per file of a
 * run; a list is configuration, never changed once loaded, and is dropped with it (a WeakMap).
 */
const globListAnswers = new WeakMap<readonly string[], Map<string, boolean>>();

/** Does a project-relative POSIX path match any of the globs? Each path is matched once per glob list. */
export function matchesAnyGlob(relativePath: string, globs: readonly string[]): boolean {
  let answers = globListAnswers.get(globs);
  if (!answers) globListAnswers.set(globs, (answers = new Map()));
  let v = answers.get(relativePath);
  if (v === undefined) answers.set(relativePath, (v = matchesAny('path', relativePath, globs)));
  return v;
}

/** Matches `names` entries that are exact names or `*` wildcards (`*JobStatus`). */
export function matchesNameList(name: string, names: readonly string[]): boolean {
  return matchesAny('name', name, names);
}
