import { basename, extname } from 'node:path';
import type { ConfigProblem } from '../config/problems.js';
import { readText } from '../config/rule-sources.js';
import { displayPath, validateValue } from '../config/schema-validation.js';
import { parseYaml, type YamlPath, type YamlSource } from '../config/yaml-source.js';
import { ruleTestsSchema } from './schema.js';

/** A finding a case expects. */
export interface ExpectedFinding {
  line: number;
  message?: string;
}

export interface RuleTestCase {
  kind: 'valid' | 'invalid';
  /** Index within its list. */
  index: number;
  code: string;
  /** The case's or the file's filename; undefined when neither gives one. */
  filename?: string;
  /** Invalid cases: the findings expected, or undefined for "at least one". */
  errors?: ExpectedFinding[];
  /** Where the case is written (`file:line:col`), for the report. */
  at: { file: string; line: number; column: number };
  /** Its path in the YAML document (for --update-snapshots). */
  path: YamlPath;
}

export interface RuleTestFile {
  file: string;
  ruleId: string;
  cases: RuleTestCase[];
  yaml: YamlSource;
}

interface RawCase {
  code: string;
  filename?: string;
  errors?: ExpectedFinding[];
}

interface RawFile {
  id?: string;
  filename?: string;
  valid?: RawCase[];
  invalid?: RawCase[];
}

/** Reads and validates one rule-test file; every problem is positioned (`file:line:col`). */
export function loadRuleTestFile(file: string): { test?: RuleTestFile; problems: ConfigProblem[] } {
  const read = readText(file);
  if ('problem' in read) return { problems: [read.problem] };
  const parsed = parseYaml(read.text, file);
  if (!parsed.ok) return { problems: parsed.problems };
  const yaml = parsed.source;
  const problems = validateValue(ruleTestsSchema, yaml.value ?? {}, {
    problemAt: (p, m, t) => yaml.problemAt(p, m, t),
    display: (p) => displayPath('', p),
    container: (p) => (p.length ? displayPath('', p) : 'the rule-test file'),
  });
  if (problems.length > 0) return { problems };
  const raw = (yaml.value ?? {}) as RawFile;
  const cases: RuleTestCase[] = [];
  for (const kind of ['valid', 'invalid'] as const) {
    (raw[kind] ?? []).forEach((c, index) => {
      const path = [kind, index];
      const name = c.filename ?? raw.filename;
      cases.push({
        kind,
        index,
        code: c.code,
        ...(name !== undefined ? { filename: name } : {}),
        ...(kind === 'invalid' && c.errors ? { errors: c.errors } : {}),
        at: { file, ...yaml.positionOf(path) },
        path,
      });
    });
  }
  return { test: { file, ruleId: raw.id ?? basename(file, extname(file)), cases, yaml }, problems: [] };
}
