import { ConfigError } from '../config/problems.js';
import { BaselineError } from '../engine/baseline.js';
import { GitError } from '../engine/git-files.js';
import { reasonOf, WriteError } from '../engine/write-owned.js';

/**
 * The one message a failed run prints (exit 2). Expected failures (bad config, unusable baseline,
 * git, a file that cannot be written or read) get one line naming the path and the cause; only a
 * bug in bg-lint itself prints a stack, so it can be reported.
 */
export async function messageForUser(error: unknown): Promise<string> {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof BaselineError || error instanceof GitError || error instanceof WriteError) return `bg-lint: ${error.message}`;
  const fsError = error as NodeJS.ErrnoException;
  if (typeof fsError?.code === 'string' && typeof fsError.path === 'string') {
    return `bg-lint: cannot ${fsError.syscall ?? 'access'} ${fsError.path}: ${reasonOf(error)}`;
  }
  // Loaded only here: the engine (and the TypeScript compiler) is not needed to report other failures.
  const { InternalError } = await import('../engine/lint-files.js');
  if (error instanceof InternalError) return `bg-lint: ${error.message}`;
  return `bg-lint: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
}
