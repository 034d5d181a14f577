import type { Formatter } from '../report.js';
import { compact } from './compact.js';
import { github } from './github.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

import type { FormatName } from './by-name.js';

export { FORMAT_NAMES, loadFormatter, type FormatName } from './by-name.js';

/**
 * Every output format by its `--format` name. Each returns the whole text to print; the text has
 * no final newline (stylish, like ESLint's, ends with one), and is empty when there is nothing to
 * say (stylish, compact and github with no findings), so the CLI prints it followed by a newline
 * only when it is non-empty.
 */
export const formatters: Record<FormatName, Formatter> = {
  stylish,
  compact,
  json,
  sarif,
  github,
  junit,
  html,
};
