import { createHash } from 'node:crypto';

/** A short, fast content hash (sha1 is plenty to tell file versions apart; this is not security). */
export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
