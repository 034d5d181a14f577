import { describe, expect, it } from 'vitest';
import { QUEUE_WEIGHTS, queueOrder } from '../../src/runtime/index.js';

describe('queue order', () => {
  const all = ['high_priority', 'default', 'low_priority'] as const;

  it('prefers higher queues but gives every queue first picks (no starvation)', () => {
    const total = QUEUE_WEIGHTS.high_priority + QUEUE_WEIGHTS.default + QUEUE_WEIGHTS.low_priority;
    const firsts = Array.from({ length: total * 10 }, (_, tick) => queueOrder(tick, all)[0]);
    const count = (q: string) => firsts.filter((f) => f === q).length;
    expect(count('high_priority')).toBe(QUEUE_WEIGHTS.high_priority * 10);
    expect(count('default')).toBe(QUEUE_WEIGHTS.default * 10);
    expect(count('low_priority')).toBe(QUEUE_WEIGHTS.low_priority * 10);
    expect(queueOrder(0, all)[0]).toBe('high_priority');
  });

  it('falls through to every other queue in priority order', () => {
    for (let tick = 0; tick < 20; tick++) {
      const order = queueOrder(tick, all);
      expect([...order].sort()).toEqual([...all].sort());
      const rest = order.slice(1);
      expect(rest).toEqual(all.filter((q) => rest.includes(q)));
    }
  });

  it('serves only the queues asked for', () => {
    expect(queueOrder(3, ['low_priority'])).toEqual(['low_priority']);
    expect(queueOrder(0, [])).toEqual([]);
  });
});
