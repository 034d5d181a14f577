import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** git could not answer: not a repository, an unknown ref. The run cannot be trusted (exit 2). */
export class GitError extends Error {}

/** Runs git; a failure becomes `failure` (a sentence for the user), plus git's own first line when it said one. */
function git(cwd: string, args: string[], failure: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new GitError(`${failure}: git is not installed (not on PATH)`);
    const said = (error as { stderr?: string }).stderr?.trim().split('\n')[0]?.replace(/^(?:fatal|error): /, '');
    throw new GitError(said ? `${failure} (git: ${said})` : failure);
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
  const option = 'staged' in mode ? '--staged' : '--changed';
  const top = git(cwd, ['rev-parse', '--show-toplevel'], `${option} needs a git repository, and ${cwd} is not inside one`).trim();
  if ('staged' in mode) {
    return paths(git(top, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z'], 'cannot list the staged files'), top);
  }
  const ref = mode.changed;
  // `--quiet` makes git print nothing for an unknown ref: the sentence is all the user sees.
  git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], `--changed ${ref}: "${ref}" is not a commit, branch or tag in this repository`);
  const changed = paths(git(top, ['diff', '--name-only', '--diff-filter=ACMR', '-z', ref, '--'], `cannot list the files changed since ${ref}`), top);
  const untracked = paths(git(top, ['ls-files', '--others', '--exclude-standard', '-z'], 'cannot list the untracked files'), top);
  return [...new Set([...changed, ...untracked])];
}
