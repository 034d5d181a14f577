import { defineCheck } from './check.js';
import { jobTaskFlowsOf, type FlowLog, type FlowVocabulary } from '../facts/tasks/task-flow.js';
import { flowSchema, joinAnd, flowVocabularyOf } from './task-vocabulary.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { taskNeedles } from '../engine/prefilter-vocabulary.js';

interface Options extends FlowVocabulary {
  /** Words (lower case) of a start message: `Import 42 started`. */
  startWords: string[];
  /** Words (lower case) of a completion message: `Import 42 completed`. */
  completionWords: string[];
}

type Moment = 'start' | 'completion' | 'failure';
/** Findings, by message id: the moments of the task's run it does not log. */
const messages = {
  missingLogs: (d: { task: string; missing: Moment[] }) => `task "${d.task}" does not log ${joinAnd(d.missing.map((m) => `its ${m}`))}`,
};

/**
 * BG-036: a task that touches a job record logs its start, its completion and its failure.
 * Failure: an error-level log in a catch. Start and completion: logs outside catch, told apart by
 * their words (`started`, `completed`), or else by place: before the task's first lifecycle write
 * outside catch is a start, one after it a completion (with no writes: the first log, and a later
 * one).
 */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'task-logging',
    messages,
    description: 'A task logs its start, its completion and its failure.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        startWords: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['start', 'begin', 'running', 'launch', 'processing', 'picked up'], description: 'Words (lower case) of a start message.' },
        completionWords: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['complete', 'finish', 'done', 'success', 'succeed', 'processed', 'ended'], description: 'Words (lower case) of a completion message.' },
        ...flowSchema,
      },
    },
    needsTypes: false,
  },
  check(ctx) {
    const o = ctx.options;
    const vocab = flowVocabularyOf(o);
    const has = (log: FlowLog, words: readonly string[]) => {
      const text = log.text.toLowerCase();
      return words.some((w) => text.includes(w));
    };
    for (const flow of jobTaskFlowsOf(ctx.project, ctx.file, vocab)) {
      const failure = flow.logs.some((l) => l.region === 'catch' && l.level === 'error');
      const outside = flow.logs.filter((l) => l.region !== 'catch' && l.level === 'info');
      let start = outside.some((l) => has(l, o.startWords) && !has(l, o.completionWords));
      let completion = outside.some((l) => has(l, o.completionWords));
      const plain = outside.filter((l) => !has(l, o.startWords) && !has(l, o.completionWords));
      const writes = flow.writes.filter((w) => w.region !== 'catch');
      if (writes.length > 0) {
        const first = writes[0]!.order;
        start ||= plain.some((l) => l.order < first);
        completion ||= plain.some((l) => l.order > first);
      } else {
        // No lifecycle write to place them by: the first plain log is a start, a later one a completion.
        const rest = start ? plain : plain.slice(1);
        start ||= plain.length > 0;
        completion ||= rest.length > 0;
      }
      const missing = ([[start, 'start'], [completion, 'completion'], [failure, 'failure']] as const).filter(([logged]) => !logged).map(([, m]) => m);
      if (missing.length > 0) ctx.report(flow.task.nameNode, 'missingLogs', { task: flow.task.name, missing });
    }
  },
});

/** Text prefilter (engine/prefilter.ts): its findings are on task functions that touch a job record. */
export const prefilter = (_options: Options, subjects: SubjectSettings) => taskNeedles(subjects);
