import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { declarationFields } from '../../../../src/linter/facts/records/job-models.js';
import { inheritedMembersBySyntax } from '../../../../src/linter/facts/records/model-heritage.js';
import { projectOf } from '../../../helpers/project-facts.js';

/**
 * The fields syntax reads for a model with `extends` must be the type checker's, field for field
 * (same declaration node, same order); where syntax cannot be sure it must decline and leave it to
 * the checker.
 */
const MODEL = 'src/models/import-job.ts';

function compare(files: Record<string, string>, name = 'ImportJob') {
  const { project, file } = projectOf(files);
  const f = file(MODEL);
  const node = [...f.index.classes, ...f.index.interfaces].find((d) => d.name?.text === name)!;
  const syntax = inheritedMembersBySyntax(project, f, node);
  const checkersBefore = project.typeCheckersCreated;
  const fast = declarationFields(project, f, node);
  const builtForFast = project.typeCheckersCreated - checkersBefore;
  const slow = declarationFields(project, f, node, true);
  const view = (m: Map<string, { name: string; node: ts.Node; optional: boolean; indexed: boolean }>) =>
    [...m].map(([key, field]) => [key, field.name, field.node.getSourceFile().fileName.split('/src/')[1], field.node.pos, field.optional, field.indexed]);
  return { syntax, fast: view(fast), slow: view(slow), builtForFast, checkerFields: [...declarationFields(project, f, node, true).keys()] };
}

const BASE = `
export abstract class JobBase {
  static table = 'jobs';
  status!: string;
  started_at?: Date | null;
  #secret = 1;
  constructor(public readonly id: string, private tries: number, plain: number) {}
  'quoted_field': string = '';
  ['computed_literal']!: number;
  get label(): string { return this.status; }
  finish(): void {}
}`;

describe('inherited fields read from the declarations', () => {
  const answered: [string, Record<string, string>][] = [
    [
      'a base class in another file: fields, parameter properties, quoted and literal-computed names; statics, methods and #private left out',
      {
        'src/models/base.ts': BASE,
        [MODEL]: "import { JobBase } from './base';\nexport class ImportJob extends JobBase { payload!: string; }",
      },
    ],
    [
      'a chain through a default export, a re-export and `export *`',
      {
        'src/models/base/root.ts': 'export class Root { created_at!: Date; status!: number; }',
        'src/models/base/index.ts': "export * from './root';",
        'src/models/base/job-base.ts': "import { Root } from './index';\nclass JobBase extends Root { status!: string; }\nexport default JobBase;",
        'src/models/shared.ts': "export { default as JobBase } from './base/job-base';",
        [MODEL]: "import { JobBase } from './shared';\nexport class ImportJob extends JobBase {}",
      },
    ],
    [
      'members of the model shadow the base by exact name: an accessor hides a field, another spelling does not',
      {
        'src/models/base.ts': 'export class JobBase { status!: string; started_at!: Date; finished_at!: Date; }',
        [MODEL]: "import { JobBase } from './base';\nexport class ImportJob extends JobBase { get status() { return 'x'; } startedAt(): void {} declare finishedAt: Date; }",
      },
    ],
    [
      'an interface extending two interfaces that share a base (diamond), with generic arguments',
      {
        'src/models/parts.ts': [
          'export interface Stamped { created_at: Date; status: string }',
          'export interface Owned<T> extends Stamped { owner: T; }',
          'export interface Tracked extends Stamped { status: string; progress?: number }',
        ].join('\n'),
        [MODEL]: "import type { Owned, Tracked } from './parts';\nexport interface ImportJob extends Owned<string>, Tracked { payload: string }",
      },
    ],
    [
      'an interface extending a class',
      {
        'src/models/base.ts': 'export class JobBase { status!: string; constructor(protected tries: number) {} }',
        [MODEL]: "import { JobBase } from './base';\nexport interface ImportJob extends JobBase { payload: string }",
      },
    ],
    [
      'a base that extends a package class the resolver does not find (any to the checker)',
      {
        'src/models/base.ts': "import { Model } from 'sequelize-typescript';\nexport default class IdModel<A = any> extends Model<A> { id!: string; createdAt!: Date; }",
        [MODEL]: "import IdModel from './base';\nexport class ImportJob extends IdModel<{ a: 1 }> { state!: string; }",
      },
    ],
    [
      'a base reached through a namespace import',
      {
        'src/models/base.ts': 'export class JobBase { status!: string; }',
        [MODEL]: "import * as base from './base';\nexport class ImportJob extends base.JobBase {}",
      },
    ],
  ];

  it.each(answered)('%s', (_name, files) => {
    const r = compare(files);
    expect(r.syntax).toBeDefined();
    expect(r.builtForFast).toBe(0);
    expect(r.fast).toEqual(r.slow);
  });

  it('reads what the checker reads for the first case, spelled out', () => {
    const r = compare(answered[0]![1]);
    expect(r.fast.map((f) => f[1])).toEqual(['payload', 'status', 'started_at', 'id', 'tries', 'quoted_field']);
  });

  const declined: [string, Record<string, string>][] = [
    ['a global base (the standard library)', { [MODEL]: 'export class ImportJob extends Error { status!: string; }' }],
    [
      'the model merged with an interface of the same name',
      {
        'src/models/base.ts': 'export class JobBase { status!: string; }',
        [MODEL]: "import { JobBase } from './base';\nexport interface ImportJob { extra: string }\nexport class ImportJob extends JobBase {}",
      },
    ],
    [
      'a base merged with an interface in its own file',
      {
        'src/models/base.ts': 'export interface JobBase { extra: string }\nexport class JobBase { status!: string; }',
        [MODEL]: "import { JobBase } from './base';\nexport class ImportJob extends JobBase {}",
      },
    ],
    [
      'a base augmented by `declare module` in another file',
      {
        'src/models/base.ts': 'export class JobBase { status!: string; }',
        'src/augment.ts': "import { JobBase } from './models/base';\ndeclare module './models/base' { interface JobBase { extra: string } }\nexport const touch = JobBase;",
        [MODEL]: "import { JobBase } from './base';\nimport '../augment';\nexport class ImportJob extends JobBase {}",
      },
    ],
    [
      'a computed member name that may shadow an inherited field',
      {
        'src/models/base.ts': 'export class JobBase { status!: string; }',
        [MODEL]: "import { JobBase } from './base';\nconst KEY = 'status';\nexport class ImportJob extends JobBase { [KEY](): void {} }",
      },
    ],
    [
      'a mixin call',
      {
        'src/models/base.ts': 'export class JobBase { status!: string; }\nexport function Stamped<T extends new (...a: any[]) => object>(B: T) { return class extends B { created_at!: Date; }; }',
        [MODEL]: "import { JobBase, Stamped } from './base';\nexport class ImportJob extends Stamped(JobBase) {}",
      },
    ],
    [
      'a cycle',
      {
        'src/models/base.ts': "import { ImportJob } from './import-job';\nexport class JobBase extends ImportJob { status!: string; }",
        [MODEL]: "import { JobBase } from './base';\nexport class ImportJob extends JobBase { payload!: string; }",
      },
    ],
    ['a script file (its declarations are global and may merge across files)', { [MODEL]: 'class JobBase { status!: string; }\nclass ImportJob extends JobBase {}' }],
  ];

  it.each(declined)('declines %s', (_name, files) => {
    const r = compare(files);
    expect(r.syntax).toBeUndefined();
    expect(r.builtForFast).toBe(1);
    expect(r.fast).toEqual(r.slow);
  });

  it('the declined merges and augmentations do change the answer (syntax alone would be wrong)', () => {
    expect(compare(declined[1]![1]).checkerFields).toContain('extra');
    expect(compare(declined[3]![1]).checkerFields).toContain('extra');
    expect(compare(declined[4]![1]).checkerFields).not.toContain('status');
  });
});
