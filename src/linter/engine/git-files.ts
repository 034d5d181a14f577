import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** git could not answer: not a repository, an unknown ref. The run cannot be trusted (exit 2). */
export class GitError extends Error {}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new GitError(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

function paths(output: string, top: string): string[] {
  return output.split('\0').filter(Boolean).map((p) => resolve(top, p));
}

/**
 * Files for --staged (added, copied, modified or renamed in the index) and --changed [ref] (differing
 * from ref in the working tree, plus untracked files that are not ignored). Deleted files are left out.
 * The working-tree content is linted; lint-staged's stash keeps it equal to the staged content.
 */
export function gitFiles(cwd: string, mode: { staged: true } | { changed: string }): string[] {
  const top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  if ('staged' in mode) {
    return paths(git(top, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z']), top);
  }
  git(top, ['rev-parse', '--verify', '--quiet', `${mode.changed}^{commit}`]);
  const changed = paths(git(top, ['diff', '--name-only', '--diff-filter=ACMR', '-z', mode.changed]), top);
  const untracked = paths(git(top, ['ls-files', '--others', '--exclude-standard', '-z']), top);
  return [...new Set([...changed, ...untracked])];
}
