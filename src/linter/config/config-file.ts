import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RuleLevel } from '../../shared/diagnostic.js';
import type { RuleOverride } from './compile-rule.js';
import { configSchema } from './config-schema.js';
import { isPlainObject } from './deep-merge.js';
import { CONFIG_NAMES } from './config-names.js';
import { ConfigError } from './problems.js';
import type { ConfigProblem } from './problems.js';
import { displayPath, validateValue } from './schema-validation.js';
import { parseYaml } from './yaml-source.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/** `.bg-lint.yaml` (or `.yml`), validated; paths still relative to the file's folder. */
export interface ConfigFile {
  file: string;
  dir: string;
  yaml: YamlSource;
  /** `extends` entries with their positions; undefined when the key is absent (→ bundled pack). */
  extends?: { value: string; path: YamlPath }[];
  /** `rules:` overrides by id, with where each was written (for the unknown-id typo guard). */
  rules: Map<string, RuleOverride & { path: YamlPath }>;
  subjects?: Record<string, unknown>;
  ignore: string[];
  tsconfig?: { value: string; path: YamlPath };
}

export { CONFIG_NAMES } from './config-names.js';

/** The nearest config file from `cwd` upward, stopping at the filesystem root. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (isFile(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads and validates a config file; throws ConfigError with every problem found. */
export function loadConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError([{ file, line: 1, column: 1, message: `cannot read config file: ${(e as Error).message}` }]);
  }
  const result = parseConfigText(text, file);
  if ('problems' in result) throw new ConfigError(result.problems);
  return result.config;
}

export function parseConfigText(text: string, file: string): { config: ConfigFile } | { problems: ConfigProblem[] } {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { problems: parsed.problems };
  const yaml = parsed.source;
  const value = yaml.value ?? {}; // an empty config file means all defaults
  const problems = validateValue(configSchema, value, {
    problemAt: (p, m, t) => yaml.problemAt(p, m, t),
    display: (p) => displayPath('', p),
    container: (p) => (p.length === 0 ? 'the config file' : displayPath('', p)),
  });
  if (problems.length > 0 || !isPlainObject(value)) return { problems: problems.length ? problems : [yaml.problemAt([], 'the config file must be a mapping')] };
  const v = value as Record<string, any>;
  const rules = new Map<string, RuleOverride & { path: YamlPath }>();
  for (const [id, entry] of Object.entries((v.rules ?? {}) as Record<string, unknown>)) {
    const path: YamlPath = ['rules', id];
    const optionsPath: YamlPath = [...path, 'options'];
    if (typeof entry === 'string') {
      rules.set(id, { level: entry as RuleLevel, path });
    } else if (isPlainObject(entry)) {
      rules.set(id, {
        path,
        ...(entry.severity !== undefined ? { level: entry.severity as RuleLevel } : {}),
        ...(isPlainObject(entry.options)
          ? {
              options: entry.options,
              optionsTarget: {
                problemAt: (p, m, t) => yaml.problemAt([...optionsPath, ...p], m, t),
                display: (p) => displayPath(`rules.${id}.options`, p),
                container: (p) => `the options of rule ${id}${p.length ? ` at ${displayPath('', p)}` : ''}`,
              },
              hasOption: (p: readonly (string | number)[]) => p.length > 0 && yaml.has([...optionsPath, ...p]),
            }
          : {}),
      });
    }
  }
  const dir = dirname(file);
  const config: ConfigFile = {
    file,
    dir,
    yaml,
    rules,
    ignore: v.ignore ?? [],
    ...(v.extends !== undefined ? { extends: (v.extends as string[]).map((value, i) => ({ value, path: ['extends', i] })) } : {}),
    ...(v.subjects !== undefined ? { subjects: v.subjects } : {}),
    ...(v.tsconfig !== undefined ? { tsconfig: { value: v.tsconfig, path: ['tsconfig'] } } : {}),
  };
  return { config };
}

