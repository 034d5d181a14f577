import { defineCheck } from './check.js';
import { normalizeFieldName, spelled } from '../facts/project/names.js';
import { jobTaskFlowsOf, type FlowVocabulary, type FlowWrite, type RegionKind } from '../facts/tasks/task-flow.js';
import { fieldSchema, flowSchema, joinAnd, pick, statusSchema, type FieldNames, flowVocabularyOf } from './task-vocabulary.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { taskNeedles } from '../engine/prefilter-vocabulary.js';

interface Options extends FlowVocabulary, Pick<FieldNames, 'completedField'> {
  finalValues: string[];
}

type Path = 'success' | 'failure';

/** Which regions run on each path: `finally` runs on both. */
const PATH_REGIONS: Record<Path, readonly RegionKind[]> = { success: ['body', 'finally'], failure: ['catch', 'finally'] };

const onPaths = (paths: readonly Path[]) => `on the ${joinAnd(paths)} path${paths.length > 1 ? 's' : ''}`;
/** Findings, by message id: the paths (success, failure) on which the task writes no final status, no completion time. */
const messages = {
  missingFinalWrites: (d: { task: string; finalValues: readonly string[]; completedField: string; statusPaths: Path[]; completedPaths: Path[] }) => {
    const finalStatus = `a final status (${joinAnd(d.finalValues.map((v) => `"${v}"`), 'or')})`;
    const items: string[] = [];
    if (d.statusPaths.length > 0 && d.statusPaths.join() === d.completedPaths.join()) {
      items.push(`${finalStatus} or ${d.completedField} ${onPaths(d.statusPaths)}`);
    } else {
      if (d.statusPaths.length > 0) items.push(`${finalStatus} ${onPaths(d.statusPaths)}`);
      if (d.completedPaths.length > 0) items.push(`${d.completedField} ${onPaths(d.completedPaths)}`);
    }
    return `task "${d.task}" does not write ${items.join(', nor ')}`;
  },
};

/**
 * BG-031: a task that touches a job record writes a final status and completed_at on the success
 * path (outside catch) and on the failure path (in a catch), or in `finally` for both. A status
 * whose value cannot be folded counts as final.
 */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'task-completion',
    messages,
    description: 'A task writes a final status and completed_at on its success path and on its failure path (or in finally).',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...pick(statusSchema, ['finalValues']),
        ...pick(fieldSchema, ['completedField']),
        ...flowSchema,
      },
    },
    needsTypes: false,
    recordFieldOptions: ['completedField'],
  },
  check(ctx) {
    const o = ctx.options;
    const vocab = flowVocabularyOf(o);
    const status = normalizeFieldName(ctx.project.subjects.jobModel.statusField);
    const completed = normalizeFieldName(o.completedField);
    for (const flow of jobTaskFlowsOf(ctx.project, ctx.file, vocab)) {
      const missingPaths = (matches: (w: FlowWrite) => boolean): Path[] =>
        (['success', 'failure'] as const).filter((path) => !flow.writes.some((w) => matches(w) && PATH_REGIONS[path].includes(w.region)));
      const statusPaths = missingPaths((w) => w.field === status && (w.value === undefined || o.finalValues.includes(w.value)));
      const completedPaths = missingPaths((w) => w.field === completed);
      if (statusPaths.length === 0 && completedPaths.length === 0) continue;
      const completedField = spelled(o.completedField, flow.camelCase);
      ctx.report(flow.task.nameNode, 'missingFinalWrites', { task: flow.task.name, finalValues: o.finalValues, completedField, statusPaths, completedPaths });
    }
  },
});

/** Text prefilter (engine/prefilter.ts): its findings are on task functions that touch a job record. */
export const prefilter = (_options: Options, subjects: SubjectSettings) => taskNeedles(subjects);
