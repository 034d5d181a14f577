import { calleeMatches, type Callee } from './callee.js';

/**
 * Call patterns as rule options write them:
 * - `execSync`: the function's own name, however imported or aliased (`import { execSync as sh }`);
 * - `child_process.execSync`: also from that module (`require`, namespace import), or the written chain;
 * - `*queue.add`: `*` stands for any name part, matched case-insensitively on the written chain
 *   (`importQueue.add`, `this.jobsQueue.add`).
 */
const compiled = new Map<string, RegExp>();

export function matchesCallPattern(callee: Callee, pattern: string): boolean {
  if (pattern.includes('*')) {
    let re = compiled.get(pattern);
    if (!re) {
      const source = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[\\w$.]*');
      re = new RegExp(`^${source}$`, 'i');
      compiled.set(pattern, re);
    }
    return re.test(callee.text);
  }
  return calleeMatches(callee, pattern);
}

export function matchesAnyCallPattern(callee: Callee, patterns: readonly string[]): boolean {
  return patterns.some((p) => matchesCallPattern(callee, p));
}
