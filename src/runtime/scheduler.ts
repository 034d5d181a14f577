/**
 * Which queue a worker asks first. Higher queues are preferred, but each queue gets a share of
 * first picks (smooth weighted round robin, as nginx balances upstreams), so a busy
 * `high_priority` queue cannot starve `low_priority`. When the first pick is empty the worker
 * falls through to the others in priority order, so no capacity idles.
 */
import { QUEUE_NAMES, type QueueName } from '../shared/jobs.js';

export const QUEUE_WEIGHTS: Readonly<Record<QueueName, number>> = { high_priority: 6, default: 3, low_priority: 1 };

/** One full cycle of first picks for these queues, e.g. 6×high, 3×default, 1×low, interleaved. */
export function firstPickCycle(queues: readonly QueueName[]): QueueName[] {
  const current = new Map<QueueName, number>(queues.map((q) => [q, 0]));
  const total = queues.reduce((sum, q) => sum + QUEUE_WEIGHTS[q], 0);
  const cycle: QueueName[] = [];
  for (let i = 0; i < total; i++) {
    let best: QueueName | undefined;
    for (const q of queues) {
      const value = current.get(q)! + QUEUE_WEIGHTS[q];
      current.set(q, value);
      if (best === undefined || value > current.get(best)!) best = q;
    }
    current.set(best!, current.get(best!)! - total);
    cycle.push(best!);
  }
  return cycle;
}

/** The order to try queues on poll number `tick`: the cycle's pick, then the rest by priority. */
export function queueOrder(tick: number, queues: readonly QueueName[], cycle = firstPickCycle(queues)): QueueName[] {
  if (!queues.length) return [];
  const first = cycle[tick % cycle.length]!;
  const rest = QUEUE_NAMES.filter((q) => q !== first && queues.includes(q));
  return [first, ...rest];
}
