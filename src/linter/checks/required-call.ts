import { defineCheck } from './check.js';
import { findCondition } from './file-conditions.js';
import { ALWAYS } from '../engine/prefilter-needles.js';

interface Options {
  callees: string[];
  message: string;
}

/** Findings, by message id: the text is the rule's own `message` option. */
const messages = {
  missingCall: (d: { message: string }) => d.message,
};

/** Generic matcher: every file the rule looks at calls one of these (e.g. a task file opens a session). */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'required-call',
    messages,
    description: 'Every file the rule applies to calls one of the listed functions.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['callees'],
      properties: {
        callees: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Callee patterns, any one suffices.' },
        message: { type: 'string', default: 'this file must call one of the required functions', description: 'The finding, reported at the top of the file.' },
      },
    },
    needsTypes: false,
  },
  check(ctx) {
    if (findCondition(ctx.project, ctx.file, { calls: ctx.options.callees })) return;
    ctx.report(ctx.file.spanOf(0, 0), 'missingCall', { message: ctx.options.message });
  },
});

/** Text prefilter (engine/prefilter.ts): it reports a missing call: every file it applies to. */
export const prefilter = () => ALWAYS;
