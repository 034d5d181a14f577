import type { FileFacts } from '../facts/project/file-facts.js';
import type { ProjectFacts } from '../facts/project/project-facts.js';
import { calleeMatches, calleeOf } from '../facts/syntax/callee.js';
import type { JsonSchema } from './check.js';
import { calleeWords, regexLiteral, unionNeedles, wordsOrAlways, type Needles } from '../engine/prefilter-needles.js';

/** A condition on a whole file, shared by required-call and co-occurrence. */
export interface FileCondition {
  /** The file calls one of these (resolved through imports and aliases). */
  calls?: string[];
  /** The file's code (comments and string contents removed) matches this regex. */
  matches?: string;
}

export const fileConditionSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    calls: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Callee patterns.' },
    matches: { type: 'string', 'x-regex': true, description: 'Regex over the code with comments and strings removed.' },
  },
};

/** Where a condition holds: the first matching call or text offset, or undefined when it does not. */
export function findCondition(project: ProjectFacts, file: FileFacts, condition: FileCondition): { start: number; end: number } | undefined {
  if (condition.calls) {
    for (const call of file.index.calls) {
      const callee = calleeOf(project, file, call);
      if (callee && condition.calls.some((p) => calleeMatches(callee, p))) {
        return { start: call.getStart(file.sourceFile), end: call.getEnd() };
      }
    }
    if (condition.matches === undefined) return undefined;
  }
  if (condition.matches !== undefined) {
    const m = new RegExp(condition.matches, 'm').exec(file.codeOnlyText());
    if (m) return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** Text prefilter (engine/prefilter.ts): the words a file must contain for a condition to hold. */
export function conditionNeedles(c: FileCondition): Needles {
  const parts: Needles[] = [];
  if (c.calls) parts.push(wordsOrAlways(calleeWords(c.calls)));
  if (c.matches !== undefined) {
    const literal = regexLiteral(c.matches);
    parts.push(wordsOrAlways(literal === undefined ? undefined : [literal]));
  }
  return parts.length === 0 ? 'always' : unionNeedles(...parts);
}
