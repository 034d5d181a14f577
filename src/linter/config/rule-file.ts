import type { Severity } from '../../shared/diagnostic.js';
import type { Check } from '../checks/check.js';
import type { RuleExample, RuleSource } from './rule.js';
import { isPlainObject } from './deep-merge.js';
import type { ConfigProblem } from './problems.js';
import { ruleSchema } from './rule-schema.js';
import { displayPath, validateValue } from './schema-validation.js';
import type { ValidationTarget } from './schema-validation.js';
import { toNativeRule } from './seed-compat.js';
import { closest, suggestionSuffix } from './suggest.js';
import { parseYaml } from './yaml-source.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/**
 * A rule as read from a rule file: shape validated (first pass), check resolved, options not yet
 * merged or validated (second pass, in compile-rule.ts, after config overrides are known).
 */
export interface RawRule {
  id: string;
  name: string;
  description: string;
  severity: Severity;
  files: string[];
  ignore: string[];
  check: Check<unknown>;
  /** The options as written (for seed-style rules: `patterns` / `anti_patterns` rewritten under them, seed-compat.ts). */
  options: Record<string, unknown>;
  /** Places option paths in this file (inside `options:`, or at the seed-style keys). */
  optionsTarget: ValidationTarget;
  suggestion?: string;
  /** `prefilter: false`: the rule opts out of the text prefilter. */
  prefilter?: boolean;
  examples: { pass: RuleExample[]; fail: RuleExample[] };
  docs?: string;
  source: RuleSource;
  yaml: YamlSource;
  /** The rule's path in the file, e.g. `['rules', 3]`. */
  path: YamlPath;
}

export interface RuleFileResult {
  rules: RawRule[];
  problems: ConfigProblem[];
  /** Rules with shape problems, read as far as they go: compiled only to report their option problems too. */
  drafts: RawRule[];
}

/** Reads one rule file's text. Never throws for bad input: problems come back positioned. */
export function loadRuleFileText(text: string, file: string, checks: ReadonlyMap<string, Check<any>>): RuleFileResult {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { rules: [], drafts: [], problems: parsed.problems };
  const yaml = parsed.source;
  const located = locateRuleList(yaml);
  if ('problem' in located) return { rules: [], drafts: [], problems: located.problem ? [located.problem] : [] };
  const { listPath, listName, list } = located;
  const rules: RawRule[] = [];
  const drafts: RawRule[] = [];
  const problems: ConfigProblem[] = [];
  list.forEach((item, i) => {
    const r = readRule(yaml, [...listPath, i], `${listName}[${i}]`, item, checks);
    problems.push(...r.problems);
    if (r.rule) rules.push(r.rule);
    if (r.draft) drafts.push(r.draft);
  });
  return { rules, drafts, problems };
}

type Located = { listPath: YamlPath; listName: string; list: unknown[] } | { problem: ConfigProblem | undefined };

/** A top-level list, or a mapping with `rules:` or exactly one `*_rules:` key holding the list. */
function locateRuleList(yaml: YamlSource): Located {
  const v = yaml.value;
  if (v === null || v === undefined) return { problem: undefined }; // an empty file holds no rules
  if (Array.isArray(v)) return { listPath: [], listName: 'rules', list: v };
  const shape = 'a rule file must be a list of rules, or a mapping whose `rules:` key (or one key ending in `_rules`) holds the list';
  if (!isPlainObject(v)) return { problem: yaml.problemAt([], `${shape} (got ${typeof v})`) };
  const keys = Object.keys(v);
  const candidates = keys.includes('rules') ? ['rules'] : keys.filter((k) => k.endsWith('_rules'));
  if (candidates.length !== 1) {
    const found = keys.length ? `; found keys: ${keys.join(', ')}` : '';
    const at = candidates.length > 1 ? [candidates[1]!] : [];
    const hint = candidates.length > 1 ? ` (several keys end in "_rules": ${candidates.join(', ')})` : keys.length === 1 ? suggestionSuffix(keys[0]!, ['rules'], 'keys') : '';
    return { problem: yaml.problemAt(at, `${shape}${hint}${found}`, 'key') };
  }
  const listName = candidates[0]!;
  const extra = keys.find((k) => k !== listName);
  if (extra !== undefined) return { problem: yaml.problemAt([extra], `unknown top-level key "${extra}": a rule file holds only "${listName}"`, 'key') };
  const list = v[listName];
  if (list === null || list === undefined) return { listPath: [listName], listName, list: [] };
  if (!Array.isArray(list)) return { problem: yaml.problemAt([listName], `${listName}: must be a list of rules (got ${typeof list === 'object' ? 'a mapping' : typeof list})`) };
  return { listPath: [listName], listName, list };
}

function readRule(
  yaml: YamlSource,
  rulePath: YamlPath,
  prefix: string,
  item: unknown,
  checks: ReadonlyMap<string, Check<any>>,
): { rule?: RawRule; draft?: RawRule; problems: ConfigProblem[] } {
  const id = isPlainObject(item) && typeof item.id === 'string' ? item.id : undefined;
  const label = id !== undefined ? `rule ${id}` : `rule ${prefix}`;
  const target: ValidationTarget = {
    problemAt: (p, message, t) => yaml.problemAt([...rulePath, ...p], message, t),
    display: (p) => displayPath(prefix, p),
    container: (p) => (p.length === 0 ? label : `${label} ${displayPath('', p)}`),
  };
  const problems = validateValue(ruleSchema, item, target);
  if (!isPlainObject(item)) return { problems };
  // A rule with shape problems is still read as far as it goes (a draft), so its options are
  // checked in the same run: every problem at once, not one stage per fix.
  const shapeOk = problems.length === 0;
  // Seed-style keys are rewritten into the native form first; from here on one form is read.
  const places = { label, problemAt: target.problemAt, display: target.display };
  const rewritten = toNativeRule(shapeOk ? item : draftFields(item), places, checks);
  if ('refused' in rewritten) return { problems: rewritten.refused };
  problems.push(...rewritten.problems);
  const r = rewritten.rule;
  const known = [...checks.keys()].sort();
  if (typeof r.check !== 'string') {
    return {
      problems: [target.problemAt([], `${label} has nothing to check: add "check: <name>" (one of ${known.join(', ')}) with its "options", or seed-style "patterns" / "anti_patterns"`)],
    };
  }
  const checkName: string = r.check;
  if (!checks.has(checkName)) {
    const guess = closest(checkName, known);
    const mean = guess !== undefined ? `; did you mean "${guess}"?` : ';';
    return { problems: [target.problemAt(['check'], `${prefix}.check: unknown check "${checkName}"${mean} known checks: ${known.join(', ')}`)] };
  }

  // Option paths are placed where the file wrote them (under `options:`, or a seed key on the rule).
  const written = (p: YamlPath): YamlPath => rewritten.sourcePath(['options', ...p]);
  const optionsTarget: ValidationTarget = {
    problemAt: (p, message, t) => yaml.problemAt([...rulePath, ...written(p)], message, t),
    display: (p) => displayPath(prefix, written(p)),
    container: (p) => `${label} ${displayPath('', written(p))}`,
  };
  const options: Record<string, unknown> = isPlainObject(r.options) ? { ...r.options } : {};

  const pos = yaml.positionOf(rulePath);
  const rule: RawRule = {
    id: r.id,
    name: r.name,
    description: r.description ?? '',
    severity: r.severity,
    files: r.files ?? [],
    ignore: r.ignore ?? [],
    check: checks.get(checkName)!,
    options,
    optionsTarget,
    suggestion: r.suggestion,
    ...(r.prefilter === false ? { prefilter: false } : {}),
    examples: { pass: r.examples?.pass ?? [], fail: r.examples?.fail ?? [] },
    docs: r.docs,
    source: { file: yaml.file, line: pos.line, column: pos.column },
    yaml,
    path: rulePath,
  };
  if (!shapeOk) return { draft: rule, problems };
  return { rule: problems.length === 0 ? rule : undefined, problems };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The fields of a rule with shape problems, each replaced by a harmless value when it is not what the schema wants. */
function draftFields(item: Record<string, unknown>): Record<string, any> {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    ...item,
    id: text(item.id) ?? '(invalid id)',
    name: text(item.name) ?? '',
    description: text(item.description),
    severity: 'error',
    files: strings(item.files),
    ignore: strings(item.ignore),
    check: text(item.check),
    options: isPlainObject(item.options) ? item.options : undefined,
    suggestion: text(item.suggestion),
    examples: undefined,
    docs: text(item.docs),
  };
}
