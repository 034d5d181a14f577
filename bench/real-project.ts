/**
 * `npm run bench -- --project DIR`: the same rows as on the generated projects, on a real code base.
 *
 * The folder is copied (its sources and configs, without node_modules, build output or .git) into
 * `<out>/project-<name>`, made a git repository with one commit, and 10 of its source files get a
 * one-line change that is staged, as the generator does, so the `--staged` row means the same thing
 * on both. The original folder is never written to.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { git } from './generate.js';

/** What bg-lint lints (linter.md): the other tools get the same folder. */
const SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
/** Folders that are never copied: dependencies, build output, VCS data (bg-lint ignores them too). */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next', '.turbo', '.cache']);
const STAGED_FILES = 10;

export interface PreparedProject {
  dir: string;
  /** Source files in the copy (not `.d.ts`). */
  files: number;
  /** Relative paths of the files with a staged change. */
  staged: string[];
  /** The source's git commit, when it is a checkout, for the report. */
  commit: string | undefined;
}

function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push(relative(root, join(dir, entry.name)));
      }
    }
  };
  walk(root);
  return out.sort();
}

function sourceCommit(dir: string): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Copies `source` under `out` (afresh each run) and stages a change in 10 of its files. */
export function prepareProject(source: string, out: string): PreparedProject {
  const from = resolve(source);
  if (!existsSync(from) || !statSync(from).isDirectory()) throw new Error(`--project: ${source} is not a folder`);
  const dir = join(out, `project-${basename(from)}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(from, dir, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => src === from || !SKIP_DIRS.has(basename(src)),
  });
  const files = sourceFiles(dir);
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '-m', 'bench copy']);
  const step = Math.max(1, Math.floor(files.length / STAGED_FILES));
  const staged = files.filter((_, i) => i % step === 0).slice(0, STAGED_FILES);
  for (const p of staged) {
    const full = join(dir, p);
    writeFileSync(full, readFileSync(full, 'utf8') + '\n// staged change\n');
  }
  if (staged.length > 0) git(dir, ['add', '--', ...staged]);
  return { dir, files: files.length, staged, commit: sourceCommit(from) };
}

/**
 * The edit of the "one file edited" row: before each run one comment line is appended to the
 * middle source file (neither the first nor the last the engine meets), the smallest edit a
 * developer makes: its content hash changes, what it declares does not. `restore` puts the file
 * back, so a reused generated project stays as generated.
 */
export function oneFileEdit(dir: string, files: readonly string[]): { file: string | undefined; edit: () => void; restore: () => void } {
  const target = files[Math.floor(files.length / 2)];
  const full = target === undefined ? undefined : join(dir, target);
  const original = full === undefined ? undefined : readFileSync(full, 'utf8');
  let n = 0;
  return {
    file: target,
    edit: () => {
      if (full === undefined) return;
      n += 1;
      writeFileSync(full, `${readFileSync(full, 'utf8')}\n// bench edit ${n}\n`);
    },
    restore: () => {
      if (full !== undefined && original !== undefined) writeFileSync(full, original);
    },
  };
}

export { sourceFiles };
