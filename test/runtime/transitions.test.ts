import { describe, expect, it } from 'vitest';
import { JOB_STATUSES, ModelValidationError, TRANSITIONS, assertTransition, canTransition } from '../../src/runtime/index.js';
import { statusChangeSql } from '../../src/runtime/transitions.js';

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

describe('statusChangeSql: the one place a status write gets its WHERE and SET', () => {
  it('builds both fragments from a checked pair', () => {
    expect(statusChangeSql('pending', 'running')).toEqual({ where: "status = 'pending'", set: "status = 'running'" });
    expect(statusChangeSql('running', 'failed', { alias: 't' })).toEqual({ where: "t.status = 'running'", set: "status = 'failed'" });
  });

  it('refuses a pair the table does not allow, naming the job', () => {
    expect(() => statusChangeSql('completed', 'pending', { jobId: 'j1' })).toThrow(ModelValidationError);
    expect(() => statusChangeSql('failed', 'running', { jobId: 'j1' })).toThrow(/Invalid job status transition failed → running/);
  });
});
