import { describe, expect, it } from 'vitest';
import { matchesAny, matchesAnyGlob, matchesNameList, wildcard, type WildcardKind } from '../../../../src/linter/facts/project/wildcard.js';

/**
 * The one wildcard dialect (README "Patterns"): [kind, pattern, text, matches]. The rows marked
 * "bundled" are answers the bundled rules and subjects depend on.
 */
const table: [WildcardKind, string, string, boolean][] = [
  // name: identifiers, case-sensitive; `*` is any run, also none; nothing else is special.
  ['name', '*JobStatus', 'ImportJobStatus', true], // bundled (subjects.statusType.names)
  ['name', '*JobStatus', 'JobStatus', true],
  ['name', '*JobStatus', 'ImportJobStatusEnum', false],
  ['name', '*JobStatus', 'importjobstatus', false],
  ['name', 'JobStatus', 'JobStatus', true],
  ['name', 'JobStatus', 'jobStatus', false],
  ['name', 'Job*Status', 'JobRunStatus', true],
  ['name', 'Job**Status', 'JobRunStatus', true],
  ['name', 'Job?Status', 'JobXStatus', false], // `?` is literal in a name
  ['name', 'Job.Status', 'JobXStatus', false], // so is `.`
  ['name', '{Import,Export}JobStatus', 'ImportJobStatus', false], // no braces in names
  // call: the written chain (no `this.`), case-insensitive; `*` is any run of name parts and dots.
  ['call', '*logger.error', 'logger.error', true], // bundled (errorLoggers)
  ['call', '*logger.error', 'jobLogger.error', true],
  ['call', '*logger.error', 'app.Logger.error', true],
  ['call', '*logger.error', 'logger.errorCount', false],
  ['call', '*.transaction', 'db.transaction', true], // bundled (sessionFactories)
  ['call', '*.transaction', 'ds.manager.transaction', true],
  ['call', '*.transaction', 'transaction', false],
  ['call', '*.$transaction', 'prisma.$transaction', true], // `$` is literal, and a name character
  ['call', '*.enqueue', 'jobs.enqueue', true], // bundled (observedCalls)
  ['call', '*pool.connect', 'pgPool.connect', true], // bundled
  ['call', '*queue.add', 'importQueue.add', true],
  ['call', '*queue.add', 'queue.add', true],
  ['call', '*queue.add', 'queue.addAll', false],
  ['call', 'a**b', 'a.x.b', true],
  ['call', '*.run', 'get().run', false], // `(` is no name part
  // path: minimatch globs on the project-relative path, dotfiles included, case-sensitive.
  ['path', '**/models/**', 'models/import-job.ts', true], // bundled (jobModel.files)
  ['path', '**/models/**', 'src/models/import-job.ts', true],
  ['path', '**/*.entity.{ts,mts,cts,js,mjs,cjs}', 'src/a/job.entity.mjs', true], // bundled
  ['path', '**/*.entity.{ts,mts,cts,js,mjs,cjs}', 'src/a/job.entity.tsx', false],
  ['path', '**/node_modules/**', 'packages/a/node_modules/x/index.js', true], // bundled (default ignore)
  ['path', '**/.next/**', 'web/.next/server/page.js', true],
  ['path', '**/*.ts', '.config/tool.ts', true], // dotfiles included
  ['path', 'src/**', 'src/routes/a.ts', true],
  ['path', 'src/*.ts', 'src/routes/a.ts', false], // `*` stays within one segment
  ['path', 'src/?.ts', 'src/a.ts', true],
  ['path', 'SRC/**', 'src/a.ts', false], // case-sensitive
  ['path', '!src/**', 'lib/a.ts', true], // a leading `!` negates
  ['path', '!src/**', 'src/a.ts', false],
  // A glob without `/` matches the whole path, not the base name: `*.ts` is root files only, as the
  // rule `files` and text `file` globs always did (subjects and `ignore` used to match base names).
  ['path', '*.ts', 'a.ts', true],
  ['path', '*.ts', 'src/a.ts', false],
  ['path', 'tasks.ts', 'src/tasks.ts', false],
  ['path', '**/*.ts', 'src/a.ts', true],
];

describe('wildcard', () => {
  it.each(table)('%s %j on %j → %s', (kind, pattern, text, expected) => {
    expect(wildcard(kind, pattern)(text)).toBe(expected);
  });

  it('compiles each pattern once per kind', () => {
    expect(wildcard('path', 'src/**')).toBe(wildcard('path', 'src/**'));
    expect(wildcard('name', 'src*')).not.toBe(wildcard('call', 'src*'));
  });

  it('list helpers: any pattern of the list matches; an empty list matches nothing', () => {
    expect(matchesAnyGlob('src/tasks/a.ts', ['**/models/**', '**/tasks/**'])).toBe(true);
    expect(matchesAnyGlob('src/tasks/a.ts', [])).toBe(false);
    expect(matchesNameList('ScanRunStatus', ['TaskStatus', '*RunStatus'])).toBe(true);
    expect(matchesNameList('Status', ['TaskStatus', '*RunStatus'])).toBe(false);
    expect(matchesAny('call', 'Worker.Logger.Fatal', ['*logger.error', '*logger.fatal'])).toBe(true);
  });

  it('glob lists keep their answers per list and per path (the same list asked again, another list, another path)', () => {
    const models = ['**/models/**'];
    const tasks = ['**/tasks/**'];
    for (let round = 0; round < 2; round++) {
      expect(matchesAnyGlob('src/models/a.ts', models)).toBe(true);
      expect(matchesAnyGlob('src/models/a.ts', tasks)).toBe(false);
      expect(matchesAnyGlob('src/tasks/a.ts', models)).toBe(false);
      expect(matchesAnyGlob('src/tasks/a.ts', tasks)).toBe(true);
      // A list with the same globs is answered alike.
      expect(matchesAnyGlob('src/models/a.ts', ['**/models/**'])).toBe(true);
    }
  });
});
