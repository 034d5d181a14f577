import { readdirSync, readFileSync } from 'node:fs';
import { contentHash, fileHash } from './content-hash.js';
import { readSource } from './read-source.js';
import { holdsByStatOr, recordedByStat, sameSignature, type StatSignature } from './stat-signature.js';
import type { RecordedTree } from './tree-record.js';
import { writeOwnedFile, type OwnedFileKind } from './write-owned.js';

/**
 * The fully cached run (--cache, nothing changed): the last run's whole answer, kept with everything
 * it was computed from, so that a run on an unchanged tree prints it without loading the TypeScript
 * compiler, the checks, the YAML parser or the schema validators (lint.ts imports those only when
 * this record does not hold). It sits beside the result cache (`cache.run.json` next to
 * `cache.json`) and is small: the findings and one line per input, not the per-file entries.
 *
 * What the answer was computed from, each checked here:
 * - the run's key: tool version and the options that choose rules;
 * - what discovery found (every file with its project root and config file), so that a new,
 *   deleted or moved file, a new `.bg-lint.yaml` or other named paths miss: by `tree`
 *   (tree-record.ts: the listed folders' stats, without walking) when the run starts from the same
 *   folder over the same paths, else by walking again and comparing with `treeKey`;
 * - `sources`: every linted file, by stat (size, mtime, ctime, inode) and, when the stat differs
 *   (a checkout touched it) or could not be trusted (racy: stat-signature.ts), by content hash, the
 *   same hash the result cache keys on;
 * - `files`: the config and rule files, the subjects file, the tsconfig with its `extends` chain
 *   (or the absent default tsconfig.json), the workspace declarations and manifests, and every other
 *   file a stored result read, by stat and else by content hash (null: absent or unreadable);
 * - `folders`: the rule folders' listings (a rule file added to a folder), by stat and else by
 *   listing, and the workspace's package globs' matches (a package added);
 * - `caches`: the result cache files, by stat, so that a cache removed or damaged since is rebuilt.
 * Stats are taken before the run reads the files, so an edit during a run is seen by the next one.
 */
export interface RunInputs {
  /** Linted file → [stat signature (null: racy), content hash ('' when unreadable)]. */
  sources: Record<string, [StatSignature | null, string]>;
  /** Other file → [stat signature (null: racy), its text's hash, null when absent or unreadable]. */
  files: Record<string, [StatSignature | null, string | null]>;
  /** Folder → [stat signature (null: racy), hash of its sorted entry names]. */
  folders: Record<string, [StatSignature | null, string]>;
  /** Workspace package globs: where they are run, and the hash of what they matched. */
  globs: Array<{ cwd: string; include: string[]; ignore: string[]; found: string }>;
  /** The result cache files as this run left them, by stat: a cache replaced or removed since takes the full run (which rewrites it). */
  caches: Record<string, StatSignature>;
}

/** What a run's answer was computed from: the key, the discovered tree, the inputs (above). */
export interface RunBasis {
  key: string;
  /** The hash of what discovery found and the projects it made. */
  treeKey: string;
  /** What discovery read, to check it without walking (absent when a glob was named). */
  tree?: RecordedTree;
  inputs: RunInputs;
  /** What the CLI keeps to replay without parsing argv (LintOptions.recordCli). */
  cli?: unknown;
}

interface RunRecordDocument<T> extends RunBasis {
  format: 'bg-lint-run';
  version: 2;
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

/** A config-like file as the record keeps it: its stat (taken first), then its text's hash. */
export function recordedFile(path: string): [StatSignature | null, string | null] {
  return recordedByStat(path, fileHash);
}

/** A folder as the record keeps it: its stat (taken first), then its listing's hash. */
export function recordedFolder(dir: string): [StatSignature | null, string] {
  return recordedByStat(dir, folderHash);
}

/** What a package glob matched, as a hash: the same list workspaceManifests gives for it. */
export function matchesHash(matches: readonly string[]): string {
  return contentHash([...matches].sort().join('\n'));
}

/** Whether every input is as recorded: stats first, content only for a file whose stat differs. */
export async function inputsHold(inputs: RunInputs): Promise<boolean> {
  for (const [path, recorded] of Object.entries(inputs.sources)) if (!holdsByStatOr(path, recorded, sourceHash)) return false;
  for (const [path, recorded] of Object.entries(inputs.files)) if (!holdsByStatOr(path, recorded, fileHash)) return false;
  for (const [dir, recorded] of Object.entries(inputs.folders)) if (!holdsByStatOr(dir, recorded, folderHash)) return false;
  if (inputs.globs.length > 0) {
    // Loaded for a workspace only: most replays have no package globs to check.
    const { globSync } = await import('tinyglobby');
    for (const g of inputs.globs) if (matchesHash(globSync(g.include, { cwd: g.cwd, absolute: true, ignore: g.ignore })) !== g.found) return false;
  }
  for (const [path, signature] of Object.entries(inputs.caches)) if (!sameSignature(path, signature)) return false;
  return true;
}

/** The stored record when it is ours and in this format; its key, tree and inputs are for the caller to check. */
export function openRunRecord<T>(location: string): (RunBasis & { result: T }) | undefined {
  let doc: Partial<RunRecordDocument<T>>;
  try {
    doc = JSON.parse(readFileSync(location, 'utf8')) as Partial<RunRecordDocument<T>>;
  } catch {
    return undefined; // none yet, unreadable or torn: the full run rewrites it
  }
  if (doc?.format !== 'bg-lint-run' || doc.version !== 2 || typeof doc.key !== 'string' || typeof doc.treeKey !== 'string' || !doc.inputs || doc.result === undefined) return undefined;
  const inputs = doc.inputs;
  if (typeof inputs.sources !== 'object' || typeof inputs.files !== 'object' || typeof inputs.folders !== 'object' || !Array.isArray(inputs.globs) || typeof inputs.caches !== 'object') return undefined;
  return doc as RunBasis & { result: T };
}

/** The stored record when it is ours, in this format, for this key; its tree and inputs are for the caller to check. */
export function readRunRecord<T>(location: string, key: string): (RunBasis & { result: T }) | undefined {
  const doc = openRunRecord<T>(location);
  return doc?.key === key ? doc : undefined;
}

/** Writes the record atomically; throws WriteError as the result cache does. */
export function writeRunRecord<T>(location: string, basis: RunBasis, result: T): void {
  const doc: RunRecordDocument<T> = { format: 'bg-lint-run', version: 2, ...basis, result };
  writeOwnedFile(location, JSON.stringify(doc), RUN_RECORD);
}
