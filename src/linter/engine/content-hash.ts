import { readFileSync } from 'node:fs';

/**
 * A short, fast content hash (sha1 is plenty to tell file versions apart; this is not security).
 * node:crypto is loaded on the first hash, not with this module: the fully cached run of an
 * unchanged tree checks stats only and never hashes.
 */
export function contentHash(text: string): string {
  return process.getBuiltinModule('node:crypto').createHash('sha1').update(text).digest('base64url');
}

/** A file's text's hash, null when it is absent or unreadable (config files, rule files, other inputs). */
export function fileHash(path: string): string | null {
  try {
    return contentHash(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}
