import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';

/**
 * Options whose value is optional (`--update-baseline [file]`, `--changed [ref]`). A parser would
 * take the next word as the value, so `--update-baseline src/tasks/import.task.ts` would write the
 * baseline over a source file and `--changed src` would read `src` as a git ref. Here a separate
 * word that names an existing folder, or an existing file that is not a baseline (`.json`), is a
 * path to lint; the `=` form (`--update-baseline=file`, `--changed=ref`) always gives the value.
 */
const OPTIONAL_VALUE = new Map<string, { isValue(word: string, cwd: string): boolean }>([
  ['--update-baseline', { isValue: (word, cwd) => !namesLintTarget(word, cwd, (path) => extname(path).toLowerCase() !== '.json') }],
  ['--changed', { isValue: (word, cwd) => !namesLintTarget(word, cwd, () => true) }],
]);

function namesLintTarget(word: string, cwd: string, fileIsTarget: (path: string) => boolean): boolean {
  if (word.startsWith('-')) return false;
  try {
    const stat = statSync(resolve(cwd, word));
    return stat.isDirectory() || (stat.isFile() && fileIsTarget(word));
  } catch {
    return false;
  }
}

/**
 * argv with each `--update-baseline <path>` / `--changed <path>` made explicit: `--update-baseline=`
 * (an empty value, meaning the default) followed by the path as a positional argument.
 */
export function separateOptionalValues(argv: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    out.push(word);
    if (word === '--') {
      out.push(...argv.slice(i + 1));
      break;
    }
    const option = OPTIONAL_VALUE.get(word);
    const next = argv[i + 1];
    if (option && next !== undefined && !option.isValue(next, cwd)) {
      // The option without a value, then the path as a positional argument.
      out.pop();
      out.push(`${word}=`, next);
      i++;
    }
  }
  return out;
}
