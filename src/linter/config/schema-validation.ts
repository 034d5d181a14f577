import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../checks/check.js';
import type { ConfigProblem } from './problems.js';
import { suggestionSuffix } from './suggest.js';
import type { YamlPath } from './yaml-source.js';

/**
 * ajv (draft 2020-12) turned into positioned, human messages. Messages name the key and say what
 * would be valid, e.g. `rules[2].severity: must be one of error, warning, info (got "fatal")`.
 */

/** Marks a string option (or the items of a string list) as a user regex: vetted for ReDoS before use. */
export const REGEX_KEYWORD = 'x-regex';

let ajv: Ajv2020 | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/** The validator factory, as runs and the ahead-of-time compilation (scripts/write-validators.mjs) both use it. */
export function newAjv(extra: Options = {}): Ajv2020 {
  // verbose: errors carry their schema (enum values, known keys for did-you-mean).
  const instance = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, ...extra });
  instance.addKeyword({ keyword: REGEX_KEYWORD, schemaType: 'boolean' });
  instance.addKeyword({ keyword: 'markdownDescription', schemaType: 'string' });
  return instance;
}

/** Where `npm run build` writes the validators compiled ahead of time (absent when running from src/). */
const PRECOMPILED = new URL('./validators.cjs', import.meta.url);

/**
 * The validators compiled at build time, by the JSON text of their schema: compiling the rule
 * schema and the checks' option schemas with ajv was a quarter of a warm run's CPU. A schema is
 * only served by the validator of exactly the same JSON, so a stale build can cost time, never a
 * wrong answer. Null when the file is missing or unreadable.
 */
export function loadPrecompiled(location: URL = PRECOMPILED): Map<string, ValidateFunction> | null {
  try {
    const mod = createRequire(import.meta.url)(fileURLToPath(location)) as Record<string, ValidateFunction> & { schemaKeys?: Record<string, string> };
    const out = new Map<string, ValidateFunction>();
    for (const [json, name] of Object.entries(mod.schemaKeys ?? {})) if (typeof mod[name] === 'function') out.set(json, mod[name]);
    return out;
  } catch {
    return null;
  }
}

let precompiled: Map<string, ValidateFunction> | null | undefined;

/** Compiles once per schema object (a check's optionsSchema is validated for many rules); a built one when the build has it. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    precompiled ??= loadPrecompiled();
    fn = precompiled?.get(JSON.stringify(schema)) ?? (ajv ??= newAjv()).compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/** How errors in one validated value are placed and named. Paths are relative to that value. */
export interface ValidationTarget {
  problemAt(path: YamlPath, message: string, target?: 'value' | 'key'): ConfigProblem;
  /** `rules[2].severity`: how a path is written in messages. */
  display(path: YamlPath): string;
  /** `rule BG-001` / `rule BG-001 examples.pass[0]`: the thing an unknown key is "in". */
  container(path: YamlPath): string;
}

export function validateValue(schema: JsonSchema, data: unknown, target: ValidationTarget): ConfigProblem[] {
  const validate = compileSchema(schema);
  if (validate(data)) return [];
  return toProblems(validate.errors ?? [], data, target);
}

function toProblems(errors: readonly ErrorObject[], data: unknown, target: ValidationTarget): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  // A failed `if`/`then` also reports the `if` itself; the `then` error is the useful one.
  for (const e of errors.filter((x) => x.keyword !== 'if')) {
    const path = pointerToPath(e.instancePath, data);
    const problem = toProblem(e, path, target);
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

function toProblem(e: ErrorObject, path: YamlPath, target: ValidationTarget): ConfigProblem {
  const where = target.display(path);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      return target.problemAt(
        [...path, key],
        `unknown key "${key}" in ${target.container(path)}${suggestionSuffix(key, known, 'keys')}`,
        'key',
      );
    }
    case 'required':
      return target.problemAt(path, `${where}: missing required key "${String(params.missingProperty)}"`);
    case 'enum':
      return target.problemAt(path, `${where}: must be one of ${(e.schema as unknown[]).map(String).join(', ')} (got ${show(e.data)})`);
    case 'const':
      return target.problemAt(path, `${where}: must be ${show(e.schema)} (got ${show(e.data)})`);
    case 'type':
      return target.problemAt(path, `${where}: must be ${typeWords(params.type)} (got ${describe(e.data)})`);
    case 'pattern':
      return target.problemAt(path, `${where}: must match /${String(params.pattern)}/ (got ${show(e.data)})`);
    case 'minLength':
      return target.problemAt(path, params.limit === 1 ? `${where}: must not be empty` : `${where}: must have at least ${String(params.limit)} characters`);
    case 'minItems':
      return target.problemAt(path, `${where}: must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return target.problemAt(path, `${where}: must have at most ${String(params.limit)} items`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return target.problemAt(path, `${where}: must be ${String(params.comparison)} ${String(params.limit)} (got ${show(e.data)})`);
    case 'uniqueItems':
      return target.problemAt(path, `${where}: must not repeat items (items ${String(params.j)} and ${String(params.i)} are equal)`);
    case 'propertyNames':
      return target.problemAt(path, `${where}: has an invalid key "${String(params.propertyName)}"`);
    default:
      return target.problemAt(path, `${where}: ${e.message ?? 'is invalid'}`);
  }
}

/** JSON pointer → path segments; indexes become numbers where the data is a list. */
export function pointerToPath(pointer: string, data: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^\d+$/.test(seg)) {
      path.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      path.push(seg);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

/** `a.b[2].c`, with an optional prefix (`rules[2]`). */
export function displayPath(prefix: string, path: YamlPath): string {
  let out = prefix;
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(top level)' : out;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  array: 'a list',
  object: 'a mapping',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t: unknown) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

/** What the user wrote, in words: `a list`, `the number 3`, `"fatal"`. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${show(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  return typeof value;
}

export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === undefined) return 'nothing';
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return String(value);
  }
}
