import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DependencyState } from '../../../src/linter/engine/dependency-state.js';
import { FileContributions } from '../../../src/linter/engine/file-contributions.js';
import { ScanAnswers } from '../../../src/linter/engine/scan-answers.js';
import { globRelativePath, scanDependency } from '../../../src/linter/facts/project/scan-deps.js';
import { tempProject } from '../../helpers/temp-project.js';

// A scan the last run answered is updated by the files changed since (scan-answers.ts), not run over
// every file again. Each value must equal a fresh computation's; `fullScans` says which way it went.
const FILES = {
  'src/registry.ts': "import { A } from './a';\nexport const TASK_MODELS = [A];\n",
  'src/a.ts': 'export class A {}\n',
  'src/b.ts': "import { A } from './a';\nexport const b = new A();\n",
  'src/c.ts': 'export const c = 3;\n',
};

describe('stored scan answers', () => {
  function setUp() {
    const root = tempProject(FILES);
    // The project's file list: FILES, plus files an edit created, minus those it deleted.
    const extra: string[] = [];
    const paths = () => Object.keys(FILES).concat(extra.filter((p) => !p.startsWith('-'))).filter((p) => !extra.includes(`-${p}`)).map((p) => join(root, p)).sort();
    const deps = [
      scanDependency({ kind: 'matching', globs: [], needles: ['TASK_MODELS'] }),
      scanDependency({ kind: 'matching', globs: ['**/c.ts'], needles: [] }),
      scanDependency({ kind: 'importers', target: join(root, 'src/a.ts') }),
      scanDependency({ kind: 'importers', target: join(root, 'src/a.ts'), needles: ['new A'] }),
    ];
    const state = (answers: ScanAnswers, contributions: FileContributions) =>
      new DependencyState(root, paths(), new Map(), (p) => globRelativePath(root, p), undefined, contributions, answers);
    return { root, deps, extra, state };
  }

  /** Runs `edit` between a first run and a second one fed the first one's store; returns both runs' values and the fresh ones. */
  function afterEdit(edit: (root: string, extra: string[]) => void) {
    const { root, deps, extra, state } = setUp();
    const first = state(new ScanAnswers(), new FileContributions());
    deps.forEach((d) => first.valueOf(d));
    const stored = JSON.parse(JSON.stringify(first.answersToStore()));
    edit(root, extra);
    const warm = state(new ScanAnswers(stored), new FileContributions());
    const fresh = state(new ScanAnswers(), new FileContributions());
    return { first, warm, fresh, deps, stored, values: (s: DependencyState) => deps.map((d) => s.valueOf(d)) };
  }

  it('an unchanged tree reuses every stored answer and has nothing new to store', () => {
    const { first, warm, fresh, values } = afterEdit(() => {});
    expect(values(warm)).toEqual(values(fresh));
    expect(values(warm)).toEqual(values(first));
    expect(warm.fullScans).toBe(0);
    expect(fresh.fullScans).toBe(4);
    expect(warm.answersToStore()).toBeUndefined();
  });

  it('an edit that changes two answers is folded in from the edited file alone', () => {
    const { first, warm, fresh, values } = afterEdit((root) => {
      writeFileSync(join(root, 'src/c.ts'), "import { A } from './a';\nexport const c = new A(); // TASK_MODELS\n");
    });
    expect(values(warm)).toEqual(values(fresh));
    expect(values(warm)).not.toEqual(values(first));
    expect(warm.fullScans).toBe(0);
    expect(warm.answersToStore()).toBeDefined();
  });

  it('a file that stops matching leaves the answer', () => {
    const { warm, fresh, values } = afterEdit((root) => writeFileSync(join(root, 'src/b.ts'), 'export const b = 2;\n'));
    expect(values(warm)).toEqual(values(fresh));
    expect(warm.fullScans).toBe(0);
  });

  it('a created or deleted file re-runs the importer scans (resolution may change) but not the text scans', () => {
    const created = afterEdit((root, extra) => {
      writeFileSync(join(root, 'src/d.ts'), "import { A } from './a';\nconst TASK_MODELS = 1;\n");
      extra.push('src/d.ts');
    });
    expect(created.values(created.warm)).toEqual(created.values(created.fresh));
    expect(created.warm.fullScans).toBe(2);
    const deleted = afterEdit((root, extra) => {
      rmSync(join(root, 'src/b.ts'));
      extra.push('-src/b.ts');
    });
    expect(deleted.values(deleted.warm)).toEqual(deleted.values(deleted.fresh));
    expect(deleted.values(deleted.warm)).not.toEqual(deleted.values(deleted.first));
    expect(deleted.warm.fullScans).toBe(2);
  });
});
