import { readdirSync, type Dirent } from 'node:fs';
import { dirname } from 'node:path';
import { CONFIG_NAMES } from '../config/config-names.js';
import { isLink, namedKind } from './discover.js';
import { contentHash } from './content-hash.js';
import { ROOT_MARKERS } from './project-roots.js';
import { sameSignature, statSignature, trustedSignature, type StatSignature } from './stat-signature.js';

/**
 * What file discovery and the project roots were computed from, so that the fully cached run
 * (run-record.ts) can tell they still hold without walking the tree again:
 * - every folder the walk listed, by stat: adding, removing or renaming an entry changes the
 *   folder's mtime (hidden entries too, so a new `.bg-lint.yaml` or `.git` is seen); when the stat
 *   differs (a report or cache written into the folder) or could not be trusted (the racy window,
 *   stat-signature.ts), by the hash of its listing: the entries discovery and the root lookups
 *   read, i.e. every entry but hidden ones other than `.bg-lint.yaml`, `.bg-lint.yml` and `.git`;
 * - what each named path is (a file, a folder, missing…) and whether it is a link (a named file's
 *   content is a source's, checked with the sources; a folder's entries are checked as a folder);
 * - every source-named link the walk followed, by the stat of its target (retargeting a link does
 *   not touch its folder);
 * - the root and config lookups (ProjectRoots) a folder's stat does not answer: those in folders
 *   the walk did not list (above the named folder), and those in folders holding a link under a
 *   looked-up name (its target may appear or vanish).
 * A glob among the named paths walks what this does not record: such a run is checked by walking.
 */
export interface RecordedTree {
  cwd: string;
  named: string[];
  paths: Array<[string, string, boolean]>;
  /** Folder → [its signature (null: racy), the hash of its listing]. */
  dirs: Record<string, [StatSignature | null, string]>;
  links: Record<string, StatSignature>;
  probes: Record<string, boolean>;
}

/** The names ProjectRoots looks up in each folder. */
const PROBE_NAMES: ReadonlySet<string> = new Set([...CONFIG_NAMES, ...ROOT_MARKERS]);

/** The hash of a folder's entries discovery and the root lookups read, with their kinds, sorted; of '!' when it cannot be listed. */
function listingHash(entries: readonly Dirent[] | undefined): string {
  if (!entries) return contentHash('!');
  const read = entries.filter((e) => !e.name.startsWith('.') || PROBE_NAMES.has(e.name));
  return contentHash(read.map((e) => `${e.isDirectory() ? 'd' : e.isFile() ? 'f' : e.isSymbolicLink() ? 'l' : 'o'}${e.name}`).sort().join('\0'));
}

function listDir(dir: string): Dirent[] | undefined {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

/** Filled by discovery and ProjectRoots on a run that writes the record. */
export class TreeLog {
  private usable = true;
  private readonly paths: RecordedTree['paths'] = [];
  private readonly signatures = new Map<string, StatSignature | null>();
  private readonly dirs = new Map<string, [StatSignature | null, string]>();
  private readonly links = new Map<string, StatSignature>();
  private readonly linkedProbeDirs = new Set<string>();
  /** ProjectRoots' lookups: path → found. */
  readonly probes = new Map<string, boolean>();

  /** Discovery starts. */
  begin(): void {
    treeChecks.walks += 1;
  }

  namedPath(abs: string): void {
    this.paths.push([abs, namedKind(abs), isLink(abs)]);
  }

  /** A glob was expanded: its walk is not recorded. */
  glob(): void {
    this.usable = false;
  }

  /** Before a folder is listed: a change after this stat is seen by the next run. */
  beforeListing(dir: string): void {
    this.signatures.set(dir, trustedSignature(dir));
  }

  listed(dir: string, entries: readonly Dirent[] | undefined): void {
    this.dirs.set(dir, [this.signatures.get(dir) ?? null, listingHash(entries)]);
    for (const e of entries ?? []) if (e.isSymbolicLink() && PROBE_NAMES.has(e.name)) this.linkedProbeDirs.add(dir);
  }

  followedLink(abs: string): void {
    this.links.set(abs, statSignature(abs));
  }

  recorded(cwd: string, named: readonly string[]): RecordedTree | undefined {
    if (!this.usable) return undefined;
    const dirs = Object.fromEntries(this.dirs);
    const probes: RecordedTree['probes'] = {};
    for (const [path, found] of this.probes) {
      const dir = dirname(path);
      if (!this.dirs.has(dir) || this.linkedProbeDirs.has(dir)) probes[path] = found;
    }
    return { cwd, named: [...named], paths: this.paths, dirs, links: Object.fromEntries(this.links), probes };
  }
}

function isRecordedTree(tree: RecordedTree | undefined): tree is RecordedTree {
  return typeof tree === 'object' && tree !== null && typeof tree.cwd === 'string' && Array.isArray(tree.named) && Array.isArray(tree.paths) &&
    typeof tree.dirs === 'object' && typeof tree.links === 'object' && typeof tree.probes === 'object';
}

/** What checked the tree (tests: which check answered): folders by stat and by listing, and walks that recorded a tree. */
export const treeChecks = { dirsStatted: 0, dirsListed: 0, walks: 0 };

/** Whether discovery from `cwd` over `named` would find what it found when `tree` was recorded. */
export function treeHolds(tree: RecordedTree | undefined, cwd: string, named: readonly string[], exists: (path: string) => boolean): boolean {
  if (!isRecordedTree(tree) || tree.cwd !== cwd || tree.named.length !== named.length || tree.named.some((n, i) => n !== named[i])) return false;
  for (const [abs, kind, link] of tree.paths) if (namedKind(abs) !== kind || isLink(abs) !== link) return false;
  for (const [dir, [signature, listing]] of Object.entries(tree.dirs)) {
    if (signature !== null) treeChecks.dirsStatted += 1;
    if (sameSignature(dir, signature)) continue;
    treeChecks.dirsListed += 1;
    if (listingHash(listDir(dir)) !== listing) return false;
  }
  for (const [abs, signature] of Object.entries(tree.links)) if (!sameSignature(abs, signature)) return false;
  for (const [path, found] of Object.entries(tree.probes)) if (exists(path) !== found) return false;
  return true;
}
