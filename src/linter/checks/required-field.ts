import { defineCheck } from './check.js';
import { jobModelsOf } from '../facts/records/job-models.js';
import { normalizeFieldName, toCamelCase } from '../facts/project/names.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { jobModelNeedles } from '../engine/prefilter-vocabulary.js';

interface Options {
  /** The subject whose declarations must have the fields. */
  subject: 'job-model';
  /** Field names (snake_case; camelCase spellings match too). One finding per missing field. */
  fields: string[];
}

/** Findings, by message id. */
const messages = {
  missingField: (d: { model: string; field: string }) => `job model "${d.model}" has no "${d.field}" field`,
};

/** Generic matcher: every declaration of a subject has each of the listed fields (BG-002..BG-004). */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'required-field',
    messages,
    description: 'Every declaration of a subject (job models) has each listed field, own or inherited.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['fields'],
      properties: {
        subject: { enum: ['job-model'], default: 'job-model', description: 'Which declarations must have the fields.' },
        fields: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', minLength: 1 },
          description: 'Required field names; `started_at` also matches `startedAt`.',
        },
      },
    },
    needsTypes: true,
  },
  check(ctx) {
    for (const model of jobModelsOf(ctx.project, ctx.file)) {
      for (const field of ctx.options.fields) {
        if (model.fields.has(normalizeFieldName(field))) continue;
        const spelled = model.camelCase ? toCamelCase(field) : field;
        ctx.report(model.nameNode, 'missingField', { model: model.name, field: spelled });
      }
    }
  },
});

/** Text prefilter (engine/prefilter.ts): only a file that declares a job model can be reported on. */
export const prefilter = (_options: Options, subjects: SubjectSettings) => jobModelNeedles(subjects);
