import { describe, expect, it } from 'vitest';
import { calleeMatches, calleeOf } from '../../../../src/linter/facts/syntax/callee.js';
import { projectOf } from '../../../helpers/project-facts.js';

function callees(code: string, extra: Record<string, string> = {}) {
  const { project, file } = projectOf({ 'main.ts': code, ...extra });
  const main = file('main.ts');
  return main.index.calls.map((c) => calleeOf(project, main, c));
}

describe('calleeOf', () => {
  it('sees through import aliases', () => {
    const [c] = callees("import { execSync as sh } from 'node:child_process'; sh('ls');");
    expect(c).toEqual({ name: 'execSync', module: 'child_process', text: 'sh' });
    expect(calleeMatches(c!, 'execSync')).toBe(true);
    expect(calleeMatches(c!, 'child_process.execSync')).toBe(true);
    expect(calleeMatches(c!, 'fs.execSync')).toBe(false);
  });

  it('sees through namespace imports and require', () => {
    const [a] = callees("import * as cp from 'child_process'; cp.spawnSync('x');");
    expect(a).toMatchObject({ name: 'spawnSync', module: 'child_process' });
    const [, b] = callees("const { execSync: run } = require('child_process'); run('x');");
    expect(b).toMatchObject({ name: 'execSync', module: 'child_process' });
    const [, c] = callees("const cp = require('node:child_process'); cp.execFileSync('x');");
    expect(c).toMatchObject({ name: 'execFileSync', module: 'child_process' });
  });

  it('follows a local re-export of a package function', () => {
    const [c] = callees("import { run } from './util'; run();", { 'util.ts': "export { execSync as run } from 'child_process';" });
    expect(c).toMatchObject({ name: 'execSync', module: 'child_process' });
  });

  it('matches member chains as written, with or without this', () => {
    const [a] = callees('this.backgroundTasks.add(() => 1);');
    expect(calleeMatches(a!, 'backgroundTasks.add')).toBe(true);
    expect(calleeMatches(a!, 'queue.add')).toBe(false);
  });

  it('a local function named like a forbidden one is still that name', () => {
    const [c] = callees('function execSync() {} execSync();');
    expect(c).toEqual({ name: 'execSync', text: 'execSync' });
  });
});
