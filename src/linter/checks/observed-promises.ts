import { ts } from 'ts-morph';
import { defineCheck } from './check.js';
import { deferredWorkIn, type DeferVocabulary } from '../facts/http/deferred-work.js';
import { unwrap } from '../facts/syntax/fold.js';
import { routeHandlersDeclaredIn } from '../facts/http/routes.js';
import { taskFunctionsOf } from '../facts/tasks/task-functions.js';
import { runtimeTaskBodiesOf } from '../facts/tasks/task-runtime.js';
import { deferSchema, deferVocabulary } from './task-vocabulary.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { unionNeedles } from '../engine/prefilter-needles.js';
import { routeHandlerNeedles, taskNeedles } from '../engine/prefilter-vocabulary.js';

type Options = DeferVocabulary;

function calleeText(call: ts.CallExpression, sourceFile: ts.SourceFile): string {
  const e = unwrap(call.expression);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return 'an async IIFE';
  return `${e.getText(sourceFile).replace(/\s+/g, ' ')}()`;
}

/** Findings, by message id; `what` is the deferred call as written (`an async IIFE` for one). */
const messages = {
  deferredUnobserved: (d: { via: string }) => `async work deferred with ${d.via} has no error path: a rejection in it is unhandled`,
  promiseUnobserved: (d: { what: string; how: 'void' | 'unawaited' }) =>
    `${d.what === 'an async IIFE' ? 'the promise of an async IIFE' : `the promise of ${d.what}`} is ${d.how === 'void' ? 'discarded with void' : 'not awaited'} and has no error path: a rejection is unhandled`,
};

/**
 * BG-035: work deferred from a route handler or a task (`setImmediate(async …)`, `void f()`, an
 * un-awaited call to a function known to be async) has an error path: a `.catch`, a try/catch
 * inside around its awaits, or the runtime's `enqueue`. Entry points: route handlers declared in
 * the file, task functions, and runtime task bodies (a promise they drop is still dropped).
 */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'observed-promises',
    messages,
    description: 'Work deferred from a route handler or task has an error path (.catch, try/catch inside, or enqueue).',
    optionsSchema: { type: 'object', additionalProperties: false, properties: { ...deferSchema } },
    needsTypes: (o) => o.typeAware,
  },
  check(ctx) {
    const vocab = deferVocabulary(ctx.options, ctx.project.subjects.taskFunction.backgroundAdders);
    const entries = new Set<ts.FunctionLikeDeclaration>();
    for (const route of routeHandlersDeclaredIn(ctx.project, ctx.file)) if (route.handler) entries.add(route.handler);
    for (const task of taskFunctionsOf(ctx.project, ctx.file)) entries.add(task.fn);
    for (const body of runtimeTaskBodiesOf(ctx.project, ctx.file)) entries.add(body);
    const reported = new Set<ts.Node>();
    for (const fn of entries) {
      for (const work of deferredWorkIn(ctx.project, ctx.file, fn, vocab)) {
        if (!work.async || work.observed || reported.has(work.call)) continue;
        reported.add(work.call);
        const text = calleeText(work.call, ctx.file.sourceFile);
        if (work.kind === 'deferrer' || work.kind === 'event') ctx.report(work.call, 'deferredUnobserved', { via: text.replace(/\(\)$/, '') });
        else ctx.report(work.call, 'promiseUnobserved', { what: text, how: work.kind === 'void' ? 'void' : 'unawaited' });
      }
    }
  },
});

/** Text prefilter (engine/prefilter.ts): the entries it walks are route handlers declared in the file, tasks, and the runtime's task bodies. */
export const prefilter = (_options: Options, subjects: SubjectSettings) =>
  unionNeedles(taskNeedles(subjects), routeHandlerNeedles(subjects), { words: [...subjects.taskFunction.runtimeFactories, ...subjects.taskFunction.runtimeContextTypes] });
