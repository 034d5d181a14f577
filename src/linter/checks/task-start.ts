import { defineCheck } from './check.js';
import { normalizeFieldName, spelled } from '../facts/project/names.js';
import { jobTaskFlowsOf, writesInOrder, type FlowVocabulary, type FlowWrite } from '../facts/tasks/task-flow.js';
import { fieldSchema, flowSchema, joinAnd, pick, statusSchema, type FieldNames, flowVocabularyOf } from './task-vocabulary.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { taskNeedles } from '../engine/prefilter-vocabulary.js';

interface Options extends FlowVocabulary, Pick<FieldNames, 'startedField' | 'completedField'> {
  /** Status values that mark a job started. */
  runningValues: string[];
  /** Status values that end a job: a write of one of them (or of completed_at) is a completion write. */
  finalValues: string[];
}

/** Findings, by message id: what the task does not write when it starts, and what it writes only after completing. */
const messages = {
  startNotRecorded: (d: { task: string; missing: string[]; late: string[] }) => {
    const parts: string[] = [];
    if (d.missing.length > 0) parts.push(`does not write ${joinAnd(d.missing, 'or')} when it starts`);
    if (d.late.length > 0) parts.push(`writes ${joinAnd(d.late)} only after its first completion write`);
    return `task "${d.task}" ${parts.join(', and ')}`;
  },
};

/**
 * BG-030: a task that touches a job record writes status "running" and started_at outside any
 * catch, before its first completion write. A status whose value cannot be folded counts as running.
 */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'task-start',
    messages,
    description: 'A task writes status "running" and started_at outside catch, before its first completion write.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...pick(statusSchema, ['runningValues', 'finalValues']),
        ...pick(fieldSchema, ['startedField', 'completedField']),
        ...flowSchema,
      },
    },
    needsTypes: false,
    recordFieldOptions: ['startedField', 'completedField'],
  },
  check(ctx) {
    const o = ctx.options;
    const vocab = flowVocabularyOf(o);
    const status = normalizeFieldName(ctx.project.subjects.jobModel.statusField);
    const started = normalizeFieldName(o.startedField);
    const completed = normalizeFieldName(o.completedField);
    for (const flow of jobTaskFlowsOf(ctx.project, ctx.file, vocab)) {
      const isCompletion = (w: FlowWrite): boolean =>
        w.field === completed || (w.field === status && w.value !== undefined && o.finalValues.includes(w.value));
      const firstCompletion = flow.writes.find(isCompletion);
      const outsideCatch = flow.writes.filter((w) => w.region !== 'catch');
      const judge = (matches: (w: FlowWrite) => boolean): 'ok' | 'late' | 'missing' => {
        const found = outsideCatch.filter(matches);
        if (found.length === 0) return 'missing';
        return !firstCompletion || found.some((w) => writesInOrder(w, firstCompletion) < 0) ? 'ok' : 'late';
      };
      const requirements: [string, 'ok' | 'late' | 'missing'][] = [
        [`status "${o.runningValues[0] ?? 'running'}"`, judge((w) => w.field === status && (w.value === undefined || o.runningValues.includes(w.value)))],
        [spelled(o.startedField, flow.camelCase), judge((w) => w.field === started)],
      ];
      const missing = requirements.filter(([, s]) => s === 'missing').map(([what]) => what);
      const late = requirements.filter(([, s]) => s === 'late').map(([what]) => what);
      if (missing.length > 0 || late.length > 0) ctx.report(flow.task.nameNode, 'startNotRecorded', { task: flow.task.name, missing, late });
    }
  },
});

/** Text prefilter (engine/prefilter.ts): its findings are on task functions that touch a job record. */
export const prefilter = (_options: Options, subjects: SubjectSettings) => taskNeedles(subjects);
