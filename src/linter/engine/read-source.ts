import { lstatSync, readFileSync, statSync } from 'node:fs';

export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

export type SourceRead = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a source file, refusing what would waste the run or crash it: huge files (generated bundles),
 * binary content, text that is not UTF-8, and symbolic links that loop.
 */
export function readSource(path: string): SourceRead {
  try {
    const stat = statSync(path);
    if (stat.size > MAX_SOURCE_BYTES) {
      return { ok: false, reason: `larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB (${Math.round(stat.size / 1024)} KB)` };
    }
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary content' };
    try {
      return { ok: true, text: utf8.decode(bytes) };
    } catch {
      return { ok: false, reason: 'not valid UTF-8' };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, reason: 'symbolic link loop' };
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {
      /* not there at all */
    }
    return { ok: false, reason: link ? 'broken symbolic link' : `unreadable (${code ?? String(error)})` };
  }
}
