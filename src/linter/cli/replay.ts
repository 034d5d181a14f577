import { resolve } from 'node:path';
import { ProjectRoots, pathExists } from '../engine/project-roots.js';
import { anchorRoot, cacheFile } from '../engine/record-location.js';
import { inputsHold, openRunRecord, runRecordFile } from '../engine/run-record.js';
import { treeHolds } from '../engine/tree-record.js';
import type { RecordedResult } from '../lint.js';
import { TOOL_VERSION } from '../version.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';
import type { RecordedCommand } from './lint-command.js';
import { printLintResult } from './print-result.js';

/** Options that take a value: the next word is theirs, not a path (enough to find the record; see below). */
const TAKES_VALUE = new Set(['-c', '--config', '--rules', '--rule', '-f', '--format', '-o', '--output-file', '--max-warnings', '--cache-location', '--baseline', '--concurrency', '--shard']);

/** The words the record's location depends on: the first path, --cache-location and -c. */
function locatingWords(argv: readonly string[]): { first?: string; cacheLocation?: string; config?: string } {
  const found: { first?: string; cacheLocation?: string; config?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const eq = word.indexOf('=');
    const [name, inline] = word.startsWith('--') && eq > 0 ? [word.slice(0, eq), word.slice(eq + 1)] : [word, undefined];
    if (TAKES_VALUE.has(name)) {
      const value = inline ?? argv[++i];
      if (name === '--cache-location') found.cacheLocation = value;
      if (name === '-c' || name === '--config') found.config = value;
    } else if (!word.startsWith('-') && found.first === undefined) {
      found.first = word;
    }
  }
  return found;
}

/**
 * The fully cached run of a command line the last full run had (bin/bg-lint.js asks before loading
 * the CLI's parser): when the record beside the cache was written for exactly this argv from this
 * folder, and its tree and inputs hold (engine/run-record.ts, the same checks lint() makes), its
 * result is printed with the options the parser gave that run; else undefined, and the CLI runs as
 * usual. The same argv parses to the same options (none of a recordable run reads the file system
 * or the environment), so nothing here interprets options except to find the record: if that
 * guess is wrong, the record found is for another argv, or none, and the CLI runs.
 */
export async function replayRecorded(argv: readonly string[], io: CliIO): Promise<ExitCode | undefined> {
  if (!argv.includes('--cache')) return undefined;
  const cwd = resolve(io.cwd);
  const words = locatingWords(argv);
  const forcedConfig = words.config !== undefined ? resolve(cwd, words.config) : undefined;
  const location = runRecordFile(cacheFile(anchorRoot(new ProjectRoots(), cwd, words.first, forcedConfig), words.cacheLocation, cwd, false));
  const stored = openRunRecord<RecordedResult>(location);
  const cli = stored?.cli as RecordedCommand | undefined;
  if (!stored || toolOf(stored.key) !== TOOL_VERSION) return undefined;
  if (!cli || !Array.isArray(cli.argv) || cli.argv.length !== argv.length || cli.argv.some((w, i) => w !== argv[i])) return undefined;
  if (!stored.tree || !treeHolds(stored.tree, cwd, stored.tree.named, pathExists) || !(await inputsHold(stored.inputs))) return undefined;
  try {
    return await printLintResult({ ...stored.result, report: { cwd, ...stored.result.report } }, cli.options, io);
  } catch (error) {
    // As main reports it (an output file that is not ours, a full disk): loaded only then.
    const { messageForUser } = await import('./errors.js');
    io.stderr(`${await messageForUser(error)}\n`);
    return EXIT.untrusted;
  }
}

/** The tool version a record's key names (lint.ts writes the key as JSON). */
function toolOf(key: string): unknown {
  try {
    return (JSON.parse(key) as { tool?: unknown }).tool;
  } catch {
    return undefined;
  }
}
