import type { ts } from 'ts-morph';
import type { Fix } from '../../shared/diagnostic.js';
import { JOB_STATUSES, type JobStatus } from '../../shared/jobs.js';
import { defineCheck } from './check.js';
import { normalizeFieldName } from '../facts/project/names.js';
import { recordWritesOf } from '../facts/records/record-writes.js';
import { removeDuplicateUnionMember } from './union-member-fix.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { fieldWords } from '../engine/prefilter-needles.js';

interface Options {
  /** The standard statuses. */
  vocabulary: string[];
  /** Legacy status → its standard replacement; a finding with a fix. */
  legacy: Record<string, string>;
}

/** A string literal with the same quotes as `literal`, holding `value`. */
function quoted(literal: ts.StringLiteralLike, sourceFile: ts.SourceFile, value: string): string {
  const quote = literal.getText(sourceFile)[0] ?? "'";
  const escaped = value.replace(/\\/g, '\\\\').replace(new RegExp(quote === '`' ? '`|\\$\\{' : quote, 'g'), (m) => `\\${m}`);
  return `${quote}${escaped}${quote}`;
}

/** Findings, by message id. */
const messages = {
  standardInOtherCase: (d: { value: string; standard: string }) => `status "${d.value}" differs from the standard "${d.standard}" only in case: use "${d.standard}"`,
  legacyInOtherCase: (d: { value: string; legacy: string; replacement: string }) => `status "${d.value}" is the legacy value "${d.legacy}" in another case: use "${d.replacement}"`,
  legacy: (d: { value: string; replacement: string }) => `status "${d.value}" is a legacy value: use "${d.replacement}"`,
  nonStandard: (d: { value: string; vocabulary: readonly string[] }) => `status "${d.value}" is not a standard status: use one of ${d.vocabulary.join(', ')}`,
};

/**
 * BG-010: every status a job record is written with, compared with or declared to have is one of the
 * standard statuses; legacy ones name their replacement and are fixed where they are written as a
 * string literal (a status enum's member at its initializer, once, not at each use).
 */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'status-values',
    messages,
    description: 'Job status writes, comparisons, defaults and status types use the standard status vocabulary.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        vocabulary: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          minItems: 1,
          default: [...JOB_STATUSES],
          description: 'The standard statuses (default: the runtime\'s, src/shared/jobs.ts).',
        },
        legacy: {
          type: 'object',
          additionalProperties: { type: 'string', minLength: 1 },
          default: { processing: 'running', fetching: 'running', passed: 'completed', error: 'failed' } satisfies Record<string, JobStatus>,
          description: 'Legacy status → its standard replacement (fixed by --fix where written as a literal).',
        },
      },
    },
    // Only for a record whose type syntax cannot tell, outside task files; built lazily, at most once.
    needsTypes: true,
  },
  check(ctx) {
    const statusField = normalizeFieldName(ctx.project.subjects.jobModel.statusField);
    const { vocabulary, legacy } = ctx.options;
    const standard = new Set(vocabulary);
    const seen = new Set<ts.Node>();
    const sourceFile = ctx.file.sourceFile;
    for (const write of recordWritesOf(ctx.project, ctx.file)) {
      // A member of a status enum/object is judged at the member (its own enum-member write).
      if (write.field !== statusField || write.value === undefined || write.member || seen.has(write.valueNode)) continue;
      seen.add(write.valueNode);
      const value = write.value;
      if (standard.has(value)) continue;
      const replacement = Object.prototype.hasOwnProperty.call(legacy, value) ? legacy[value] : undefined;
      const lower = value.toLowerCase();
      if (replacement === undefined && lower !== value) {
        // `"PENDING"`, `"Processing"`: the project's words in another case. No fix: the upper-case
        // words are usually stored too (a database enum, existing rows, other readers), so rewriting
        // the code alone would stop it matching its own data.
        const standardWord = vocabulary.find((v) => v.toLowerCase() === lower);
        const legacyWord = Object.keys(legacy).find((k) => k.toLowerCase() === lower);
        if (standardWord !== undefined) {
          ctx.report(write.valueNode, 'standardInOtherCase', { value, standard: standardWord });
          continue;
        }
        if (legacyWord !== undefined) {
          ctx.report(write.valueNode, 'legacyInOtherCase', { value, legacy: legacyWord, replacement: legacy[legacyWord]! });
          continue;
        }
      }
      if (replacement !== undefined) {
        const literal = write.literal;
        // In a union that already lists the replacement, the legacy member is dropped instead.
        const dropped = literal ? removeDuplicateUnionMember(literal, sourceFile, replacement, (text) => (Object.hasOwn(legacy, text) ? legacy[text]! : text)) : undefined;
        const fix: Fix | undefined = dropped
          ? { description: `remove "${value}" ("${replacement}" is already in the union)`, edits: [dropped] }
          : literal
            ? {
                description: `replace "${value}" with "${replacement}"`,
                edits: [{ start: literal.getStart(sourceFile), end: literal.getEnd(), text: quoted(literal, sourceFile, replacement) }],
              }
            : undefined;
        ctx.report(write.valueNode, 'legacy', { value, replacement }, fix ? { fix } : undefined);
      } else {
        ctx.report(write.valueNode, 'nonStandard', { value, vocabulary });
      }
    }
  },
});

/** Text prefilter (engine/prefilter.ts): a finding is a write of the status field, which names it. */
export const prefilter = (_options: Options, subjects: SubjectSettings) => ({ words: fieldWords(subjects.jobModel.statusField) });
