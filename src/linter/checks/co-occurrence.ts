import { defineCheck } from './check.js';
import { fileConditionSchema, findCondition, type FileCondition } from './file-conditions.js';
import { conditionNeedles } from './file-conditions.js';

interface Options {
  /** When a file has this … */
  when: FileCondition;
  /** … it must also have this. */
  require: FileCondition;
  message: string;
}

/** Findings, by message id: the text is the rule's own `message` option. */
const messages = {
  missingCounterpart: (d: { message: string }) => d.message,
};

/** Generic matcher: a file that has X must have Y (e.g. a file that triggers jobs must poll them). */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'co-occurrence',
    messages,
    description: 'A file that has X (calls or code pattern) must also have Y.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['when', 'require'],
      properties: {
        when: { ...fileConditionSchema, description: 'What makes the rule apply to a file.' },
        require: { ...fileConditionSchema, description: 'What such a file must also have.' },
        message: { type: 'string', default: 'this file needs a matching counterpart', description: 'The finding, reported where `when` matched.' },
      },
    },
    needsTypes: false,
  },
  check(ctx) {
    const where = findCondition(ctx.project, ctx.file, ctx.options.when);
    if (!where) return;
    if (findCondition(ctx.project, ctx.file, ctx.options.require)) return;
    ctx.report(ctx.file.spanOf(where.start, where.end), 'missingCounterpart', { message: ctx.options.message });
  },
});

/** Text prefilter (engine/prefilter.ts): a finding is where `when` holds. */
export const prefilter = (o: Options) => conditionNeedles(o.when);
