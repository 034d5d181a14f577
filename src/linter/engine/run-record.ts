import { readdirSync, readFileSync, statSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { contentHash, fileHash } from './content-hash.js';
import { readSource } from './read-source.js';
import { writeOwnedFile, type OwnedFileKind } from './write-owned.js';

/**
 * The fully cached run (--cache, nothing changed): the last run's whole answer, kept with everything
 * it was computed from, so that a run on an unchanged tree prints it without loading the TypeScript
 * compiler, the checks, the YAML parser or the schema validators (lint.ts imports those only when
 * this record does not hold). It sits beside the result cache (`cache.run.json` next to
 * `cache.json`) and is small: the findings and one line per input, not the per-file entries.
 *
 * What the answer was computed from, each checked here:
 * - the run's key: tool version, the options that choose rules and files, and what discovery found
 *   (every file with its project root and config file), so a new, deleted or moved file, a new
 *   `.bg-lint.yaml` or other named paths miss;
 * - `sources`: every linted file, by stat (size, mtime, ctime, inode) and, when the stat differs
 *   (a checkout touched it), by content hash, the same hash the result cache keys on;
 * - `files`: the config and rule files, the subjects file, the tsconfig with its `extends` chain
 *   (or the absent default tsconfig.json), the workspace declarations and manifests, and every other
 *   file a stored result read, by content hash (null: absent or unreadable);
 * - `folders`: the rule folders' listings (a rule file added to a folder) and the workspace's
 *   package globs' matches (a package added);
 * - `caches`: the result cache files, by stat, so that a cache removed or damaged since is rebuilt.
 * Stats are taken before the run reads the files, so an edit during a run is seen by the next one.
 */
export interface RunInputs {
  /** Linted file → [stat signature, content hash ('' when unreadable)]. */
  sources: Record<string, [string, string]>;
  /** Other file → its text's hash, null when absent or unreadable. */
  files: Record<string, string | null>;
  /** Folder → hash of its sorted entry names. */
  folders: Record<string, string>;
  /** Workspace package globs: where they are run, and the hash of what they matched. */
  globs: Array<{ cwd: string; include: string[]; ignore: string[]; found: string }>;
  /** The result cache files as this run left them, by stat: a cache replaced or removed since takes the full run (which rewrites it). */
  caches: Record<string, string>;
}

interface RunRecordDocument<T> {
  format: 'bg-lint-run';
  version: 1;
  key: string;
  inputs: RunInputs;
  result: T;
}

const RUN_RECORD: OwnedFileKind = {
  what: 'the cache',
  isOurs: (head) => /^\s*\{\s*"format"\s*:\s*"bg-lint-run"/.test(head) || head.includes('\u0000'),
};

/** Where the record of a result cache lives: `cache.json` → `cache.run.json`. */
export function runRecordFile(cacheFile: string): string {
  return cacheFile.endsWith('.json') ? `${cacheFile.slice(0, -'.json'.length)}.run.json` : `${cacheFile}.run.json`;
}

/** What identifies a file's version cheaply; '-' when it cannot be stat'ed. */
export function statSignature(path: string): string {
  // Plain numbers, not bigint stats (twice the cost per call): mtimeMs keeps sub-millisecond digits.
  const s = statSync(path, { throwIfNoEntry: false });
  return s ? `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}` : '-';
}

/** A linted file's content hash as the result cache computes it ('' when it cannot be read as source). */
export function sourceHash(path: string): string {
  const read = readSource(path);
  return read.ok ? contentHash(read.text) : '';
}

/** A folder's listing, as a hash ('' when it cannot be listed). */
export function folderHash(dir: string): string {
  try {
    return contentHash(readdirSync(dir).sort().join('\n'));
  } catch {
    return '';
  }
}

/** What a package glob matched, as a hash: the same list workspaceManifests gives for it. */
export function matchesHash(matches: readonly string[]): string {
  return contentHash([...matches].sort().join('\n'));
}

function globHash(cwd: string, include: string[], ignore: string[]): string {
  return matchesHash(globSync(include, { cwd, absolute: true, ignore }));
}

/** Whether every input is as recorded: stats first, content only for a file whose stat differs. */
function inputsHold(inputs: RunInputs): boolean {
  for (const [path, [signature, hash]] of Object.entries(inputs.sources)) {
    if (statSignature(path) !== signature && sourceHash(path) !== hash) return false;
  }
  for (const [path, hash] of Object.entries(inputs.files)) if (fileHash(path) !== hash) return false;
  for (const [dir, hash] of Object.entries(inputs.folders)) if (folderHash(dir) !== hash) return false;
  for (const g of inputs.globs) if (globHash(g.cwd, g.include, g.ignore) !== g.found) return false;
  for (const [path, signature] of Object.entries(inputs.caches)) if (statSignature(path) !== signature) return false;
  return true;
}

/** The recorded result when the record is ours, for this key, and every input is unchanged; else undefined. */
export function readRunRecord<T>(location: string, key: string): T | undefined {
  let doc: Partial<RunRecordDocument<T>>;
  try {
    doc = JSON.parse(readFileSync(location, 'utf8')) as Partial<RunRecordDocument<T>>;
  } catch {
    return undefined; // none yet, unreadable or torn: the full run rewrites it
  }
  if (doc?.format !== 'bg-lint-run' || doc.version !== 1 || doc.key !== key || !doc.inputs || doc.result === undefined) return undefined;
  const inputs = doc.inputs;
  if (typeof inputs.sources !== 'object' || typeof inputs.files !== 'object' || typeof inputs.folders !== 'object' || !Array.isArray(inputs.globs) || typeof inputs.caches !== 'object') return undefined;
  return inputsHold(inputs) ? doc.result : undefined;
}

/** Writes the record atomically; throws WriteError as the result cache does. */
export function writeRunRecord<T>(location: string, key: string, inputs: RunInputs, result: T): void {
  const doc: RunRecordDocument<T> = { format: 'bg-lint-run', version: 1, key, inputs, result };
  writeOwnedFile(location, JSON.stringify(doc), RUN_RECORD);
}
