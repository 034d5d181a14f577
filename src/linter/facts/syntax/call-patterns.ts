import { wildcard } from '../project/wildcard.js';
import { calleeMatches, type Callee } from './callee.js';

/**
 * Call patterns as rule options write them:
 * - `execSync`: the function's own name, however imported or aliased (`import { execSync as sh }`);
 * - `child_process.execSync`: also from that module (`require`, namespace import), or the written chain;
 * - `*queue.add`: `*` stands for any name parts, matched case-insensitively on the written chain
 *   (`importQueue.add`, `this.jobsQueue.add`): the `call` kind of wildcard.ts.
 */
export function matchesCallPattern(callee: Callee, pattern: string): boolean {
  return pattern.includes('*') ? wildcard('call', pattern)(callee.text) : calleeMatches(callee, pattern);
}

export function matchesAnyCallPattern(callee: Callee, patterns: readonly string[]): boolean {
  return patterns.some((p) => matchesCallPattern(callee, p));
}
