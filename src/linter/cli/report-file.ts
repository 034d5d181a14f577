import { extname } from 'node:path';
import type { OwnedFileKind } from '../engine/write-owned.js';

/** Extensions people give report files: an existing file with one of them is an old report. */
const REPORT_EXTENSIONS = new Set(['.txt', '.log', '.out', '.sarif', '.report', '.html', '.htm']);

/**
 * What `-o` may replace: a file with a report extension, or one whose content reads as an earlier
 * bg-lint report in any format (SARIF and JUnit name the tool; JSON is ESLint's shape; stylish,
 * compact and github lines end in, or carry, a rule id). package.json or a source file is neither,
 * so `-o package.json` is refused instead of destroying it.
 */
export const REPORT_FILE: OwnedFileKind = {
  what: 'the report',
  isOurs: (head, path) =>
    REPORT_EXTENSIONS.has(extname(path).toLowerCase()) ||
    head.includes('bg-lint') ||
    /^\[(?:\]|\{"filePath":)/.test(head) ||
    /^(?:::(?:error|warning|notice) file=|.+:\d+:\d+: (?:error|warning|info): |\n?\S.*\n {2}\d+:\d+ {2})/.test(head),
};
