import { mkdirSync, openSync, readSync, closeSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A file bg-lint was asked to write cannot be written: one line for the user, exit 2. */
export class WriteError extends Error {}

/** What a write is, for messages ("the baseline"), and how to recognise an earlier one of ours. */
export interface OwnedFileKind {
  what: string;
  /** true when `head` (the first 64 KB of the existing file) is a file of this kind that bg-lint may replace. */
  isOurs(head: string, path: string): boolean;
}

const HEAD_BYTES = 64 * 1024;

/** The beginning of a file, for recognising what it is without reading a big file whole. */
function headOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The cause of a failed file operation in a few words (no stack, no errno number). */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return message.split('\n')[0]!;
    }
  }
}

/**
 * Writes a file bg-lint owns (report, baseline, cache) without ever losing data: a folder, or an
 * existing file that is not an earlier one of ours (a source file, package.json), is refused
 * before anything is written; the content goes to a temporary file in the same folder that is
 * renamed over the target, so an interrupted or failed write leaves the old file (or none) and
 * no temporary file behind.
 */
export function writeOwnedFile(path: string, content: string, kind: OwnedFileKind): void {
  const fail = (why: string): never => {
    throw new WriteError(`cannot write ${kind.what} ${path}: ${why}`);
  };
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') fail(reasonOf(error));
  }
  if (existing?.isDirectory()) fail('it is a folder; name a file');
  if (existing && (existing.isCharacterDevice() || existing.isFIFO())) {
    // `-o /dev/null`, `-o /dev/stdout`, a named pipe: a stream, not a file that holds data; written
    // as is (a rename would replace the device node).
    try {
      writeFileSync(path, content);
    } catch (error) {
      fail(reasonOf(error));
    }
    return;
  }
  if (existing && !existing.isFile()) fail('it is not a regular file');
  if (existing && existing.size > 0) {
    let head: string;
    try {
      head = headOf(path);
    } catch (error) {
      return fail(reasonOf(error));
    }
    if (!kind.isOurs(head, path)) fail(`the file exists and is not ${kind.what} written by bg-lint, so it is left alone; name another file or remove it first`);
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    fail(reasonOf(error));
  }
  // Unique among concurrent writers (the pid) and retries (the random part); `wx` refuses a clash.
  // Not node:crypto: loading it was a visible share of the fully cached run, which writes the report.
  const temp = `${path}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`;
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      /* never created */
    }
    fail(reasonOf(error));
  }
}
