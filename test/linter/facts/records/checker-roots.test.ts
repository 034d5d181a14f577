import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { recordWritesOf } from '../../../../src/linter/facts/records/record-writes.js';
import { mayDeclareGlobals, rootsWithLeaves } from '../../../../src/linter/facts/project/type-checker.js';
import { projectOf } from '../../../helpers/project-facts.js';

const MODEL = {
  'src/models/import-job.entity.ts': `
@Entity()
export class ImportJob {
  @Column({ default: 'pending' }) status!: string;
}
`,
};

/**
 * A service whose job comes from an untyped helper: syntax cannot tell, the checker is asked. Each
 * imports a helper of its own, so no asker is a leaf over another's program.
 */
const asker = (name: string) => `
import { ImportJob } from '../models/import-job.entity';
import { ${name}Helper } from '../lib/${name}-helper';
function make() { return new ImportJob(); }
function other() { return { status: 'x' }; }
export function ${name}() { const job = make(); job.status = 'queued'; const o = other(); o.status = 'nope'; }
`;

const SERVICES = {
  ...MODEL,
  'src/services/a.ts': asker('a'),
  'src/services/b.ts': asker('b'),
  'src/services/c.ts': asker('c'),
  'src/lib/a-helper.ts': 'export const aHelper = 1;\n',
  'src/lib/b-helper.ts': 'export const bHelper = 1;\n',
  'src/lib/c-helper.ts': 'export const cHelper = 1;\n',
  // Imports only what the askers' program holds already: rooted too, at the cost of its own tree.
  'src/routes/leaf.ts': "import { ImportJob } from '../models/import-job.entity';\nexport const made = () => new ImportJob();\n",
  // Imports a file nobody else imports: left out of the first program.
  'src/routes/far.ts': "import { helper } from '../lib/helper';\nexport const x = helper();\n",
  'src/lib/helper.ts': 'export const helper = () => 1;\n',
};

const values = (project: ReturnType<typeof projectOf>, path: string) => recordWritesOf(project.project, project.file(path)).map((w) => w.value);

describe('the checker program is rooted at the files expected to ask', () => {
  it('one program answers every asking file, as one rooted at every checked file does', () => {
    const guessed = projectOf(SERVICES);
    const whole = projectOf(SERVICES);
    whole.project.typeChecker(); // rooted at every checked file from the start
    for (const path of ['src/services/a.ts', 'src/services/b.ts', 'src/services/c.ts']) {
      expect(values(guessed, path)).toEqual(['queued']);
      expect(values(guessed, path)).toEqual(values(whole, path));
    }
    // Before: a program for a.ts (and the model files), grown for b.ts, grown again for c.ts.
    expect(guessed.project.typeCheckersCreated).toBe(1);
    expect(whole.project.typeCheckersCreated).toBe(1);
  });

  it('a file whose imports the program holds is in it; one that imports more grows it', () => {
    const p = projectOf(SERVICES);
    expect(values(p, 'src/services/a.ts')).toEqual(['queued']);
    p.project.typeChecker(join(p.root, 'src/routes/leaf.ts'));
    expect(p.project.typeCheckersCreated).toBe(1);
    p.project.typeChecker(join(p.root, 'src/routes/far.ts'));
    expect(p.project.typeCheckersCreated).toBe(2);
  });

  it('a global declared in a file nobody imports types the asking file as a whole-project program would', () => {
    const files = {
      ...MODEL,
      // Imports a file nothing else imports: not a leaf over the asker's program.
      'src/globals.ts': "import type { ImportJob } from './models/import-job.entity';\nimport type { Extra } from './extra';\ndeclare global { var currentJob: ImportJob; var extra: Extra }\nexport {};\n",
      'src/extra.ts': 'export type Extra = number;\n',
      'src/services/g.ts': "import { ImportJob } from '../models/import-job.entity';\nexport function g() { const job = currentJob; job.status = 'queued'; return ImportJob; }\n",
    };
    const guessed = projectOf(files);
    const whole = projectOf(files);
    whole.project.typeChecker();
    // rules.md: a job record is a value whose type is a job model. A program rooted at the asking
    // file and the model files alone (before) had no `currentJob` and took it for `any`.
    expect(values(whole, 'src/services/g.ts')).toEqual(['queued']);
    expect(values(guessed, 'src/services/g.ts')).toEqual(['queued']);
  });
});

describe('mayDeclareGlobals', () => {
  it('is true for scripts, global and module declarations and references; false for a plain module', () => {
    expect(mayDeclareGlobals('interface Window { job: unknown }\n')).toBe(true);
    expect(mayDeclareGlobals("// import x from 'y'\nconst a = 1;\n")).toBe(true);
    expect(mayDeclareGlobals('export {};\ndeclare global { var x: number }\n')).toBe(true);
    expect(mayDeclareGlobals("import 'ioredis';\ndeclare module 'ioredis' { interface Redis { x(): void } }\n")).toBe(true);
    expect(mayDeclareGlobals('/// <reference path="./globals.d.ts" />\nexport const a = 1;\n')).toBe(true);
    expect(mayDeclareGlobals("import { a } from './a';\nexport const b = a; // declare globally\n")).toBe(false);
    expect(mayDeclareGlobals('export const s = `\nimport x\n`;\n')).toBe(false);
  });
});

describe('rootsWithLeaves', () => {
  it('adds the candidates whose imports all lie in the roots closure, not the others', () => {
    const imports: Record<string, string[]> = { r: ['m'], m: ['n'], n: [], leaf: ['n', 'm'], far: ['x'], x: [], free: [] };
    const out = rootsWithLeaves(['r'], ['r', 'm', 'leaf', 'far', 'x', 'free'], (p) => imports[p] ?? []);
    expect([...out].sort()).toEqual(['free', 'leaf', 'r', 'x']);
  });
});
