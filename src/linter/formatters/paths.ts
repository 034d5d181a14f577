import path from 'node:path';

/**
 * A file's path relative to the run's cwd with POSIX separators, as every formatter but json
 * prints it: CI annotations, SARIF's %SRCROOT%-relative URIs and problem matchers all resolve
 * paths against the checkout root, and a Windows `\` would break them.
 */
export function relativePath(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}
