/**
 * Task auto-discovery (docs/runtime.md, `createRuntime` `tasks`): the `tasks`
 * option of `createRuntime` names globs (e.g. `src/**\/tasks.{ts,js}`); every matching module is
 * imported and every task definition it exports (made with `defineTask`) is registered. A module
 * that fails to load stops the start with an error naming the file: a worker silently missing
 * half its tasks would retry their jobs elsewhere for ever.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { TaskConfigurationError, errorMessage } from './errors.js';
import { isTaskDefinition, type TaskDefinition } from './task.js';

export interface DiscoveredModule {
  file: string;
  definitions: TaskDefinition<any, any[], unknown>[];
}

/** Finds and imports the task modules; `root` anchors relative globs (default: the process's cwd). */
export async function discoverTasks(patterns: string | readonly string[], root = process.cwd()): Promise<DiscoveredModule[]> {
  const list = typeof patterns === 'string' ? [patterns] : [...patterns];
  const cwd = resolve(root);
  const found: DiscoveredModule[] = [];
  for (const pattern of list) {
    const files = (await glob(pattern, { cwd, absolute: true, ignore: ['**/node_modules/**'] })).sort();
    if (!files.length) {
      throw new TaskConfigurationError(`The tasks glob "${pattern}" matched no files under ${cwd}`, { pattern, root: cwd });
    }
    for (const file of files) {
      if (found.some((m) => m.file === file)) continue;
      let exports: Record<string, unknown>;
      try {
        exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      } catch (error) {
        throw new TaskConfigurationError(`Could not load tasks module ${file}: ${errorMessage(error)}`, { file }, { cause: error });
      }
      found.push({ file, definitions: [...new Set(Object.values(exports).filter(isTaskDefinition))] });
    }
  }
  return found;
}
