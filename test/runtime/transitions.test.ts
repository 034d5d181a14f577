import { describe, expect, it } from 'vitest';
import { JOB_STATUSES, ModelValidationError, TRANSITIONS, assertTransition, canTransition } from '../../src/runtime/index.js';

describe('transitions table', () => {
  const allowed = new Set([
    'pending→running',
    'running→completed',
    'running→completed_with_warnings',
    'running→failed',
    'running→pending',
    'pending→failed',
  ]);

  it('is exactly the transitions runtime.md allows', () => {
    expect(new Set(TRANSITIONS.map((t) => `${t.from}→${t.to}`))).toEqual(allowed);
  });

  it.each(JOB_STATUSES.flatMap((from) => JOB_STATUSES.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const ok = allowed.has(`${from}→${to}`);
    expect(canTransition(from, to)).toBe(ok);
    if (ok) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to, 'j1')).toThrow(ModelValidationError);
  });

  it('names the job and the pair in the error (a 422)', () => {
    try {
      assertTransition('completed', 'running', 'job-1');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelValidationError);
      expect((error as ModelValidationError).httpStatus).toBe(422);
      expect((error as ModelValidationError).details).toMatchObject({ job_id: 'job-1', from: 'completed', to: 'running' });
    }
  });
});
