import { statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { ConfigProblem } from '../config/problems.js';
import { suggestionSuffix } from '../config/suggest.js';
import { resolveProjectConfiguration } from '../service/lint-service.js';
import { loadRuleTestFile, type RuleTestFile } from './load.js';
import { formatFailure } from './report.js';
import { runCase } from './run.js';
import { updateSnapshots } from './update.js';

export interface RuleTestRun {
  /** 0 every case holds, 1 some case failed, 2 a test file is malformed (nothing was run). */
  code: 0 | 1 | 2;
  problems: ConfigProblem[];
  /** The report to print: a diff per failing case and a summary line. */
  output: string;
}

/** The rule-test files a folder holds: every `rule-tests/*.yaml` under it (or in it, when it is one); a file names itself. */
export function findRuleTestFiles(target: string): string[] {
  if (statSync(target).isFile()) return [target];
  const pattern = basename(target) === 'rule-tests' ? '*.{yaml,yml}' : '**/rule-tests/*.{yaml,yml}';
  return globSync(pattern, { cwd: target, absolute: true, ignore: ['**/node_modules/**'] })
    .map((f) => resolve(f))
    .sort();
}

/**
 * `bg-lint test`: loads every rule-test file (all of them first: one malformed file stops the run
 * with positioned problems), then runs each case against the rule it names, with the rules and
 * configuration a lint run in `root` loads.
 */
export function runRuleTests(input: { root: string; target: string; cwd: string; config?: string; rules?: string[]; updateSnapshots?: boolean }): RuleTestRun {
  const files = findRuleTestFiles(input.target);
  const problems: ConfigProblem[] = [];
  const tests: RuleTestFile[] = [];
  for (const file of files) {
    const loaded = loadRuleTestFile(file);
    problems.push(...loaded.problems);
    if (loaded.test) tests.push(loaded.test);
  }
  if (problems.length > 0) return { code: 2, problems, output: '' };
  if (files.length === 0) {
    return { code: 2, problems: [], output: `bg-lint: no rule tests (rule-tests/*.yaml) under ${input.target}\n` };
  }
  const config = resolveProjectConfiguration(input.root, { ...(input.config !== undefined ? { config: input.config } : {}), rules: input.rules ?? [] });
  const byId = new Map(config.rules.map((r) => [r.id, r]));
  for (const t of tests) {
    if (byId.has(t.ruleId)) continue;
    const where = t.yaml.has(['id']) ? t.yaml.problemAt(['id'], '') : { file: t.file, line: 1, column: 1 };
    problems.push({ ...where, message: `no loaded rule has id "${t.ruleId}"${suggestionSuffix(t.ruleId, [...byId.keys()], 'ids')}` });
  }
  if (problems.length > 0) return { code: 2, problems, output: '' };

  let output = '';
  let cases = 0;
  let failed = 0;
  for (const t of tests) {
    const rule = byId.get(t.ruleId)!;
    const outcomes = t.cases.map((c) => ({ case: c, ...runCase(rule, config, c) }));
    if (input.updateSnapshots && updateSnapshots(t.file, outcomes.filter((o) => o.case.kind === 'invalid' && !o.problem))) {
      output += `updated ${relative(input.cwd, t.file)}: review the new expected findings\n`;
      for (const o of outcomes) if (o.case.kind === 'invalid' && !o.problem) o.ok = o.found.length > 0;
    }
    for (const o of outcomes) {
      cases += 1;
      if (o.ok) continue;
      failed += 1;
      output += formatFailure(t.ruleId, o.case, o, relative(input.cwd, t.file));
    }
  }
  output += `${cases} case${cases === 1 ? '' : 's'} in ${tests.length} file${tests.length === 1 ? '' : 's'}: ${failed === 0 ? 'all hold' : `${failed} failed`}\n`;
  return { code: failed > 0 ? 1 : 0, problems: [], output };
}
