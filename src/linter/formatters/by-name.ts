import type { Formatter } from '../report.js';

export type FormatName = 'stylish' | 'compact' | 'json' | 'sarif' | 'github' | 'junit' | 'html';

/** The `--format` names, without loading any formatter (the CLI's option list; index.ts checks they match). */
export const FORMAT_NAMES: readonly FormatName[] = ['stylish', 'compact', 'json', 'sarif', 'github', 'junit', 'html'];

/**
 * One formatter, loaded when it is used: a run prints one format, and loading all of them (sarif's
 * builder, html's assets) was a visible part of the fully cached run's start-up.
 */
export async function loadFormatter(name: FormatName): Promise<Formatter> {
  const module = (await import(`./${name}.js`)) as Record<string, Formatter>;
  return module[name]!;
}
