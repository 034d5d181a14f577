import { statSync, type Stats } from 'node:fs';

/**
 * What identifies a file's (or folder's) version cheaply, for the fully cached run (run-record.ts):
 * size, mtime and ctime in milliseconds (sub-millisecond digits kept) and inode; `[]` when it cannot
 * be stat'ed. Plain numbers, compared as numbers: building a string per file was a visible part of
 * checking thousands of them.
 */
export type StatSignature = readonly number[];

/**
 * A stat taken less than this long after the entry last changed cannot be trusted: the file system
 * stamps changes with a coarse clock (a kernel tick; 1–2 s on FAT, HFS+, ext3), so a second change
 * within the same tick leaves the stat as it was (git's "racy" entries). Such an entry is recorded
 * without a signature and checked by content on the next run. A setting for tests only.
 */
export const racyWindow = { ms: 3_000 };

function signatureOf(s: Stats | undefined): StatSignature {
  return s ? [s.size, s.mtimeMs, s.ctimeMs, s.ino] : [];
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // a link loop, a path through a file, no permission: as absent
  }
}

/** The signature of `path` now. */
export function statSignature(path: string): StatSignature {
  return signatureOf(statOrUndefined(path));
}

/** The signature to record for `path`, or null when it changed too recently to be trusted (racyWindow). */
export function trustedSignature(path: string): StatSignature | null {
  const s = statOrUndefined(path);
  if (s && Math.max(s.mtimeMs, s.ctimeMs) > Date.now() - racyWindow.ms) return null;
  return signatureOf(s);
}

/** Whether `path` still has the recorded signature (never for null: an untrusted stat proves nothing). */
export function sameSignature(path: string, recorded: StatSignature | null): boolean {
  if (recorded === null) return false;
  const s = statOrUndefined(path);
  if (!s) return recorded.length === 0;
  return recorded.length === 4 && s.size === recorded[0] && s.mtimeMs === recorded[1] && s.ctimeMs === recorded[2] && s.ino === recorded[3];
}

/**
 * Whether a recorded entry still holds: the same stat, else the same value computed now (a touched
 * file with its old text, a folder whose listing is what it was).
 */
export function holdsByStatOr<V>(path: string, [signature, value]: readonly [StatSignature | null, V], valueNow: (path: string) => V): boolean {
  return sameSignature(path, signature) || valueNow(path) === value;
}

/** What the record keeps of an entry: its signature, taken first (a change while `valueNow` reads is then seen), then its value. */
export function recordedByStat<V>(path: string, valueNow: (path: string) => V): [StatSignature | null, V] {
  const signature = trustedSignature(path);
  return [signature, valueNow(path)];
}
