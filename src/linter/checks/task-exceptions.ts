import { ts } from 'ts-morph';
import { defineCheck } from './check.js';
import { normalizeFieldName, spelled } from '../facts/project/names.js';
import { jobTaskFlowsOf, type FlowHandler, type FlowVocabulary } from '../facts/tasks/task-flow.js';
import { fieldSchema, flowSchema, joinAnd, pick, statusSchema, type FieldNames, flowVocabularyOf } from './task-vocabulary.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { taskNeedles } from '../engine/prefilter-vocabulary.js';

interface Options extends FlowVocabulary, Pick<FieldNames, 'errorField'> {
  /** The status a failed job gets. */
  failedValue: string;
}

/** Is `inner` nested inside the try statement (or promise chain) of `outer`? */
function nestedIn(inner: FlowHandler, outer: FlowHandler): boolean {
  const scope = outer.node.parent;
  return inner !== outer && inner.node.pos >= scope.pos && inner.node.end <= scope.end;
}

/** Findings, by message id; `errorField` is the error field as the model spells it. */
const messages = {
  noTryCatch: (d: { task: string; errorField: string }) => `task "${d.task}" has no try/catch: an exception leaves the job "running" with no ${d.errorField}`,
  emptyCatch: (d: { task: string; failedValue: string }) => `empty catch in task "${d.task}": the error is swallowed and the job is never marked "${d.failedValue}"`,
  logOnlyCatch: (d: { task: string; failedValue: string; errorField: string }) =>
    `catch in task "${d.task}" only logs the error: the job is never marked "${d.failedValue}" and has no ${d.errorField}`,
  /** `missing`: what the catch does not do, each a phrase (`write status "failed"`, `log the error`). */
  incompleteCatch: (d: { task: string; missing: string[] }) => `catch in task "${d.task}" does not ${joinAnd(d.missing, 'or')}`,
  noFailureCatch: (d: { task: string; failedValue: string; errorField: string }) =>
    `task "${d.task}" has no catch that writes status "${d.failedValue}", writes ${d.errorField} from the caught error and logs it`,
};

/**
 * BG-032: a task that touches a job record has a try whose catch writes status "failed", writes
 * error_message from the caught error, and logs the error (error-level logging). Catches in the
 * same-file helpers it calls count, and so do writes and logs of helpers called from the catch
 * (`markFailed(job, err)`). `.catch(cb)` on a promise chain is a catch too. When no catch does all
 * three: an empty or log-only catch is reported at the catch; otherwise the outermost catch says what
 * it misses; a task with no catch at all is reported at its name.
 */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'task-exceptions',
    messages,
    description: 'A task catches its errors: the catch writes status "failed" and error_message from the error, and logs it.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...pick(statusSchema, ['failedValue']),
        ...pick(fieldSchema, ['errorField']),
        ...flowSchema,
      },
    },
    needsTypes: false,
    recordFieldOptions: ['errorField'],
  },
  check(ctx) {
    const o = ctx.options;
    const vocab = flowVocabularyOf(o);
    const status = normalizeFieldName(ctx.project.subjects.jobModel.statusField);
    const errorField = normalizeFieldName(o.errorField);
    for (const flow of jobTaskFlowsOf(ctx.project, ctx.file, vocab)) {
      const name = flow.task.name;
      const errorName = spelled(o.errorField, flow.camelCase);
      const missing = (h: FlowHandler): string[] => {
        const out: string[] = [];
        if (!h.writes.some((w) => w.field === status && (w.value === undefined || w.value === o.failedValue))) out.push(`write status "${o.failedValue}"`);
        if (!h.writes.some((w) => w.field === errorField && w.fromCaughtError)) {
          const instead = h.errorKey !== undefined ? ` (it writes the error to "${h.errorKey}" instead)` : '';
          out.push(h.caughtNames.length === 0 ? `write ${errorName} from the caught error (it binds none)` : `write ${errorName} from "${h.caughtNames[0]}"${instead}`);
        }
        if (!h.logsError) out.push('log the error');
        return out;
      };
      if (flow.handlers.some((h) => missing(h).length === 0)) continue;
      if (flow.handlers.length === 0) {
        ctx.report(flow.task.nameNode, 'noTryCatch', { task: name, errorField: errorName });
        continue;
      }
      const own = flow.handlers.filter((h) => h.own);
      const swallowing = own.filter((h) => (h.empty || h.logOnly) && !h.rethrows);
      if (swallowing.length > 0) {
        for (const h of swallowing) {
          if (h.empty) ctx.report(h.node, 'emptyCatch', { task: name, failedValue: o.failedValue });
          else ctx.report(h.node, 'logOnlyCatch', { task: name, failedValue: o.failedValue, errorField: errorName });
        }
        continue;
      }
      const outermost = own.find((h) => !own.some((other) => nestedIn(h, other)));
      if (outermost) ctx.report(outermost.node, 'incompleteCatch', { task: name, missing: missing(outermost) });
      else ctx.report(flow.task.nameNode, 'noFailureCatch', { task: name, failedValue: o.failedValue, errorField: errorName });
    }
  },
});

/** Text prefilter (engine/prefilter.ts): its findings are on task functions that touch a job record. */
export const prefilter = (_options: Options, subjects: SubjectSettings) => taskNeedles(subjects);
