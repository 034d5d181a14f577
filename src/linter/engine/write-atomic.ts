import { chmodSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Replaces a file's content without ever leaving it half written: the new content goes to a
 * temporary file in the same folder (same file system, so the rename is atomic), flushed to disk,
 * given the original's mode, then renamed over it. A symbolic link is followed: the file it points
 * to is replaced, the link stays. On any failure the temporary file is removed and the original is
 * untouched.
 */
export function writeFileAtomic(path: string, content: string): void {
  const target = realpathSync(path);
  const mode = statSync(target).mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.bg-lint-${process.pid}-${Date.now().toString(36)}-${counter++}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    writeSync(fd, content, null, 'utf8');
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      /* never created */
    }
    throw error;
  }
}
