import type { Severity } from '../../shared/diagnostic.js';

/**
 * Line-oriented outputs (compact, stylish rows, junit attributes) must keep one finding on one
 * line, or problem matchers and tables break: every kind of line break becomes one space.
 */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

/** `1 error`, `2 errors`: the count and the word, pluralised with a plain `s` (`infos` too). */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Higher is more severe: lets a group of findings report its worst severity. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
