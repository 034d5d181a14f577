import { defineCheck } from './check.js';
import { jobModelsOf } from '../facts/records/job-models.js';
import { normalizeFieldName } from '../facts/project/names.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { jobModelNeedles } from '../engine/prefilter-vocabulary.js';

interface Options {
  /** Report an ORM-declared model whose status is not indexed. */
  requireIndex: boolean;
  /** Report a status field that may be missing (optional or nullable). */
  requireNonNull: boolean;
  /** Other field names that mean "status" in legacy code: the message then says to rename. */
  synonyms: string[];
}

/** Findings, by message id. */
const messages = {
  missingStatus: (d: { model: string; field: string; synonym?: string }) =>
    `job model "${d.model}" has no "${d.field}" field` +
    (d.synonym !== undefined ? `; it has "${d.synonym}": rename it to "${d.field}", or set subjects.jobModel.statusField in .bg-lint.yaml` : ''),
  optionalStatus: (d: { model: string; field: string }) => `"${d.field}" of job model "${d.model}" is optional or nullable: every job has a status`,
  unindexedStatus: (d: { model: string; field: string }) => `"${d.field}" of job model "${d.model}" is not indexed: status is what jobs are queried by`,
};

/** BG-001: a job model has a required, indexed status field. */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'job-model-status',
    messages,
    description: 'A job model has a non-optional status field, indexed when the model is declared through an ORM.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requireIndex: { type: 'boolean', default: true, description: 'Report an ORM model whose status is not indexed.' },
        requireNonNull: { type: 'boolean', default: true, description: 'Report an optional or nullable status.' },
        synonyms: { type: 'array', items: { type: 'string' }, default: ['state'], description: 'Legacy names of the status field (e.g. state).' },
      },
    },
    // Only for models that inherit fields; created lazily, at most once.
    needsTypes: true,
  },
  check(ctx) {
    const statusName = ctx.project.subjects.jobModel.statusField;
    for (const model of jobModelsOf(ctx.project, ctx.file)) {
      const status = model.fields.get(normalizeFieldName(statusName));
      if (!status) {
        const synonym = ctx.options.synonyms.find((s) => model.fields.has(normalizeFieldName(s)));
        const found = synonym !== undefined ? { synonym: model.fields.get(normalizeFieldName(synonym))!.name } : {};
        ctx.report(model.nameNode, 'missingStatus', { model: model.name, field: statusName, ...found });
        continue;
      }
      const own = status.node.getSourceFile() === ctx.file.sourceFile;
      const at = own ? status.node : model.nameNode;
      if (ctx.options.requireNonNull && status.optional) {
        ctx.report(at, 'optionalStatus', { model: model.name, field: status.name });
      }
      if (ctx.options.requireIndex && model.orm && !status.indexed) {
        ctx.report(at, 'unindexedStatus', { model: model.name, field: status.name }, {
          help: 'Index it: `@Index()` on the property, `@Column({ index: true })`, or for Drizzle `(t) => [index().on(t.status)]`.',
        });
      }
    }
  },
});

/** Text prefilter (engine/prefilter.ts): only a file that declares a job model can be reported on. */
export const prefilter = (_options: Options, subjects: SubjectSettings) => jobModelNeedles(subjects);
