import type { ts } from 'ts-morph';
import type { Fix, Span } from '../../shared/diagnostic.js';
import type { CompiledRule } from '../config/rule.js';
import type { FileFacts } from '../facts/project/file-facts.js';
import type { ProjectFacts } from '../facts/project/project-facts.js';
import { schemaDefaults } from './option-defaults.js';

/** A JSON Schema (draft 2020-12) object, as ajv takes it. */
export type JsonSchema = Record<string, unknown>;

/**
 * A check's messages, like ESLint's `meta.messages`: message id → the text, rendered from the
 * finding's data. Functions rather than `{{placeholder}}` strings so that each id's data is typed
 * and a misspelled placeholder is a compile error, not a literal `{{modle}}` in a report.
 */
export type Messages = Record<string, (data: any) => string>;

/** The data a message id takes (what its function reads). */
export type MessageData<M extends Messages, K extends keyof M> = Parameters<M[K]>[0];

/** What a check declares about itself, like an ESLint rule's `meta`. */
export interface CheckMeta<O, M extends Messages = Messages> {
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
  /** Every message the check reports, by id; a finding carries its id (`Diagnostic.messageId`). */
  messages: M;
  /**
   * Options that name a job record's field (`completedField: finished_at`). The facts record writes
   * of the subjects' `jobModel.recordFields` only, so config adds these options' values to that list
   * (config/rule-record-fields.ts): a rule that names a field sees the task write it.
   */
  recordFieldOptions?: readonly (keyof O & string)[];
}

export interface ReportExtra {
  fix?: Fix;
  /** Overrides the rule's suggestion for this finding. */
  help?: string;
}

/** Everything a check sees while it checks one file. */
export interface CheckContext<O, M extends Messages = Messages> {
  rule: CompiledRule<O>;
  options: O;
  file: FileFacts;
  project: ProjectFacts;
  /** Report a finding about a node of this file (or an explicit span in it): a message id of `meta.messages` and its data. */
  report<K extends keyof M & string>(at: ts.Node | Span, messageId: K, data: MessageData<M, K>, extra?: ReportExtra): void;
}

/** One check: one file that exports `meta` and `check`, like an ESLint rule. */
export interface Check<O = unknown, M extends Messages = Messages> {
  meta: CheckMeta<O, M>;
  check(ctx: CheckContext<O, M>): void;
}

/** A check as its file writes it: option defaults only in `optionsSchema` (JSON Schema `default`). */
export interface CheckDefinition<O, M extends Messages = Messages> {
  meta: Omit<CheckMeta<O, M>, 'defaults'>;
  check(ctx: CheckContext<O, M>): void;
}

/**
 * Defines a check, keeping its option and message types attached to it; its `meta.defaults` are
 * read from the options schema, the one place they are written.
 */
export function defineCheck<O, M extends Messages = Messages>(definition: CheckDefinition<O, M>): Check<O, M> {
  return { ...definition, meta: { ...definition.meta, defaults: schemaDefaults<O>(definition.meta.optionsSchema) } };
}
