import { defineCheck } from './check.js';
import { normalizeFieldName } from '../facts/project/names.js';
import { mentions, sessionText, sessionWordOf, type SessionVocabulary } from '../facts/tasks/sessions.js';
import { jobTaskFlowsOf, type FlowVocabulary } from '../facts/tasks/task-flow.js';
import { fieldSchema, flowSchema, pick, sessionSchema, type FieldNames, flowVocabularyOf } from './task-vocabulary.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { taskNeedles } from '../engine/prefilter-vocabulary.js';

type Options = FlowVocabulary & SessionVocabulary & Pick<FieldNames, 'completedField' | 'errorField'>;

/** Findings, by message id. */
const messages = {
  failedSession: (d: { session: string; word: string }) =>
    `failure update goes through "${d.session}", the ${d.word} the failed try used: it is rolled back with it`,
};

/**
 * BG-034 (docs/rules/BG-034.md): in a task's catch, the status / error write does not go
 * through the session or transaction the failed try body used: it is rolled back with it. A write
 * goes through the root of its call's receiver (`trx` in `trx.update(jobs).set(…)`, `qr` in
 * `qr.manager.update(…)`), or for an in-memory change (`job.status = 'failed'`) through the next
 * persisting call (`await em.flush()`); a helper's parameter is followed to the task's argument.
 * Only sessions count: a factory's result or callback parameter, or a name/type of the session
 * vocabulary. A global client (`prisma`, `db`, a repository) commits each statement on its own.
 */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'failure-session',
    messages,
    description: "A task's failure update does not go through the session or transaction its failed try used.",
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { ...pick(fieldSchema, ['completedField', 'errorField']), ...flowSchema, ...sessionSchema },
    },
    needsTypes: false,
    recordFieldOptions: ['completedField', 'errorField'],
  },
  check(ctx) {
    const o = ctx.options;
    const vocab = flowVocabularyOf(o);
    const fields = new Set([ctx.project.subjects.jobModel.statusField, o.errorField, o.completedField].map(normalizeFieldName));
    for (const flow of jobTaskFlowsOf(ctx.project, ctx.file, vocab)) {
      for (const h of flow.handlers) {
        if (!h.guarded) continue;
        // One finding per catch and session: at its first failure write.
        const reported = new Set<string>();
        for (const w of h.writes) {
          if (!fields.has(w.field) || !w.session) continue;
          const text = sessionText(w.session, ctx.file.sourceFile);
          if (reported.has(text)) continue;
          const word = sessionWordOf(ctx.project, ctx.file, w.session, flow.task.fn, o);
          if (!word || !mentions(h.guarded, text)) continue;
          reported.add(text);
          ctx.report(w.anchor, 'failedSession', { session: text, word });
        }
      }
    }
  },
});

/** Text prefilter (engine/prefilter.ts): its findings are on task functions that touch a job record. */
export const prefilter = (_options: Options, subjects: SubjectSettings) => taskNeedles(subjects);
