import { defineCheck } from './check.js';
import { calleeMatches, calleeOf } from '../facts/syntax/callee.js';
import { calleeWords, wordsOrAlways } from '../engine/prefilter-needles.js';

interface Options {
  /** Callee patterns: `execSync`, `child_process.execSync`, `backgroundTasks.add`. */
  callees: string[];
  /** The finding's message; `{callee}` is replaced by the pattern that matched, `{written}` by the call as written. */
  message: string;
}

/** Findings, by message id: the text is the rule's own `message` option. */
const messages = {
  forbidden: (d: { template: string; callee: string; written: string }) =>
    d.template.replaceAll('{callee}', d.callee).replaceAll('{written}', d.written),
};

/** Generic matcher: calls to these functions are not allowed in the rule's files, however they were imported. */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'forbidden-call',
    messages,
    description: 'Reports every call to one of the listed functions, resolved through imports and aliases.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['callees'],
      properties: {
        callees: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', minLength: 1 },
          description: 'Function names, `module.name`, or member chains like `backgroundTasks.add`.',
        },
        message: { type: 'string', default: 'call to {callee} is not allowed here', description: 'Message; {callee} and {written} are replaced.' },
      },
    },
    needsTypes: false,
  },
  check(ctx) {
    const calls = [...ctx.file.index.calls, ...ctx.file.index.news];
    for (const call of calls) {
      const callee = calleeOf(ctx.project, ctx.file, call);
      if (!callee) continue;
      const pattern = ctx.options.callees.find((p) => calleeMatches(callee, p));
      if (pattern === undefined) continue;
      ctx.report(call, 'forbidden', { template: ctx.options.message, callee: pattern, written: callee.text });
    }
  },
});

/** Text prefilter (engine/prefilter.ts): a finding is a call to one of the callees, whose name the text shows. */
export const prefilter = (o: Options) => wordsOrAlways(calleeWords(o.callees));
