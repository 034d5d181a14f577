/**
 * Issue 11, item 8: task auto-discovery. `createRuntime({ tasks: 'src/**\/tasks.{ts,js}' })`
 * imports the matching modules (real files on disk) and registers every definition they export;
 * a module that fails to load, or a glob that matches nothing, stops the start with a clear error.
 */
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRuntime, silentLogger } from '../../src/runtime/index.js';
import { tempProject } from '../helpers/temp-project.js';

const RUNTIME = pathToFileURL(new URL('../../src/runtime/index.ts', import.meta.url).pathname).href;

const tasksModule = (name: string) => `
import { defineTask } from ${JSON.stringify(RUNTIME)};
export const greet = defineTask({ name: ${JSON.stringify(name)}, kind: 'simple' }, async (ctx, who) => ctx.successResult({ hello: who }));
export const notATask = { name: 'looks.like.one', run: () => 1 };
export default greet;
`;

describe('task auto-discovery (pglite)', () => {
  it('registers every task exported by the modules the glob matches, and runs them', async () => {
    const root = tempProject({
      'src/billing/tasks.js': tasksModule('billing.greet'),
      'src/orders/tasks.ts': tasksModule('orders.greet').replace('async (ctx, who)', 'async (ctx: any, who: string)'),
      'src/orders/helpers.js': 'throw new Error("not a tasks module: never imported")',
      'node_modules/dep/src/x/tasks.js': 'throw new Error("dependencies are not scanned")',
    });
    const rt = await createRuntime({ store: 'pglite:memory', logger: silentLogger, tasks: 'src/**/tasks.{ts,js}', tasksRoot: root });
    try {
      expect(rt.registry.names()).toEqual(['billing.greet', 'orders.greet']);
      const record = await rt.runNow('orders.greet', ['ada']);
      expect(record).toMatchObject({ status: 'completed', result: { status: 'success', hello: 'ada' } });
    } finally {
      await rt.close();
    }
  });

  it('a module that fails to load: createRuntime rejects naming the file and the cause', async () => {
    const root = tempProject({
      'src/ok/tasks.js': tasksModule('ok.greet'),
      'src/broken/tasks.js': 'import "./missing-dependency.js";\n',
    });
    await expect(
      createRuntime({ store: 'pglite:memory', logger: silentLogger, tasks: 'src/**/tasks.js', tasksRoot: root }),
    ).rejects.toThrow(/Could not load tasks module .*src\/broken\/tasks\.js: .*missing-dependency/);
  });

  it('a glob that matches nothing, and two modules defining one name: clear errors', async () => {
    const root = tempProject({ 'src/a/tasks.js': tasksModule('same.name'), 'src/b/tasks.js': tasksModule('same.name') });
    await expect(
      createRuntime({ store: 'pglite:memory', logger: silentLogger, tasks: 'lib/**/tasks.js', tasksRoot: root }),
    ).rejects.toThrow(/The tasks glob "lib\/\*\*\/tasks.js" matched no files under/);
    await expect(
      createRuntime({ store: 'pglite:memory', logger: silentLogger, tasks: 'src/**/tasks.js', tasksRoot: root }),
    ).rejects.toThrow(/Task "same.name" is already registered \(from .*src\/b\/tasks\.js\)/);
  });
});
