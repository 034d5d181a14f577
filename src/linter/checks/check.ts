import type { ts } from 'ts-morph';
import type { Fix, Span } from '../../shared/diagnostic.js';
import type { CompiledRule } from '../config/rule.js';
import type { FileFacts } from '../facts/project/file-facts.js';
import type { ProjectFacts } from '../facts/project/project-facts.js';
import { schemaDefaults } from './option-defaults.js';

/** A JSON Schema (draft 2020-12) object, as ajv takes it. */
export type JsonSchema = Record<string, unknown>;

/** What a check declares about itself, like an ESLint rule's `meta`. */
export interface CheckMeta<O> {
  /** The name a rule file uses in `check:`. */
  name: string;
  /** One line: what the check looks at. */
  description: string;
  /** Options accepted under `options:` in a rule; validated by ajv with positioned errors. */
  optionsSchema: JsonSchema;
  /** Options a rule gets for keys it does not set: read by defineCheck from the schema's `default`s. */
  defaults: O;
  /** True when the check asks the type checker; the program is only built if a loaded rule needs it. */
  needsTypes: boolean | ((options: O) => boolean);
}

export interface ReportExtra {
  fix?: Fix;
  /** Overrides the rule's suggestion for this finding. */
  help?: string;
}

/** Everything a check sees while it checks one file. */
export interface CheckContext<O> {
  rule: CompiledRule<O>;
  options: O;
  file: FileFacts;
  project: ProjectFacts;
  /** Report a finding about a node of this file (or an explicit span in it). */
  report(at: ts.Node | Span, message: string, extra?: ReportExtra): void;
}

/** One check: one file that exports `meta` and `check`, like an ESLint rule. */
export interface Check<O = unknown> {
  meta: CheckMeta<O>;
  check(ctx: CheckContext<O>): void;
}

/** A check as its file writes it: option defaults only in `optionsSchema` (JSON Schema `default`). */
export interface CheckDefinition<O> {
  meta: Omit<CheckMeta<O>, 'defaults'>;
  check(ctx: CheckContext<O>): void;
}

/** Defines a check; its `meta.defaults` are read from the options schema, the one place they are written. */
export function defineCheck<O>(definition: CheckDefinition<O>): Check<O> {
  return { ...definition, meta: { ...definition.meta, defaults: schemaDefaults<O>(definition.meta.optionsSchema) } };
}
