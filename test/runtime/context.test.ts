import { describe, expect, it } from 'vitest';
import {
  TaskConfigurationError,
  TaskContext,
  TaskNotFoundError,
  TaskTestContext,
  TaskValidationError,
  defineTask,
  mockTaskSession,
  type InMemorySession,
} from '../../src/runtime/index.js';

const JOB = '3f2b8c1e-5d4a-4b7c-9e8f-0a1b2c3d4e5f';

describe('TaskContext', () => {
  it('logs structured entries with the job id and task', () => {
    const ctx = new TaskTestContext({ taskId: JOB, task: 'mod.task' });
    ctx.logInfo('Processing', { user_id: 'u1' });
    ctx.logError('Failed', { error: new Error('boom') });
    ctx.logDebug('Verbose');
    expect(ctx.logs[0]).toMatchObject({ level: 'info', message: 'Processing', job_id: JOB, task: 'mod.task', user_id: 'u1' });
    expect(ctx.logs[1]).toMatchObject({ level: 'error', error: 'boom', error_name: 'Error' });
    expect(ctx.logged('debug')).toHaveLength(1);
  });

  it('keeps warnings for completed_with_warnings', () => {
    const ctx = new TaskTestContext();
    ctx.logWarning('Something concerning', { item: 3 });
    expect(ctx.warnings).toEqual([expect.objectContaining({ message: 'Something concerning', item: 3, at: expect.any(String) })]);
  });

  it('validates uuids and builds non-retriable errors', () => {
    const ctx = new TaskTestContext();
    expect(ctx.validateUuid(JOB.toUpperCase(), 'user_id')).toBe(JOB);
    expect(() => ctx.validateUuid('not-a-uuid', 'user_id')).toThrow(TaskValidationError);
    expect(ctx.notFoundError('User not found', { user_id: 'u' })).toBeInstanceOf(TaskNotFoundError);
    expect(ctx.validationError('Invalid input', { field: 'email' })).toBeInstanceOf(TaskValidationError);
    expect(ctx.configError('Missing API key')).toBeInstanceOf(TaskConfigurationError);
  });

  it('builds the seed\'s success result', () => {
    const ctx = new TaskTestContext({ taskId: 'test-123' });
    expect(ctx.successResult({ user_id: 'u1' })).toEqual({ status: 'success', task_id: 'test-123', user_id: 'u1' });
  });

  it('iterates batches, loading each one, and counts stats', async () => {
    const ctx = new TaskTestContext();
    const stats = ctx.createStatsCounter();
    const batches: number[][] = [];
    for await (const batch of ctx.iterBatches([1, 2, 3, 4, 5], { batchSize: 2, load: async (ids) => ids.map((i) => i * 10) })) {
      batches.push(batch);
      stats.increment('processed', batch.length);
      await ctx.commitBatch();
    }
    expect(batches).toEqual([[10, 20], [30, 40], [50]]);
    expect(stats.toDict()).toEqual({ processed: 5 });
    expect(ctx.batchCommits).toBe(3);
    await expect(async () => {
      for await (const _ of ctx.iterBatches([1], 0)) void _;
    }).rejects.toThrow(TaskConfigurationError);
  });

  it('stops iterating when the run is aborted', async () => {
    const controller = new AbortController();
    const ctx = new TaskTestContext({ signal: controller.signal });
    const seen: number[][] = [];
    await expect(async () => {
      for await (const batch of ctx.iterBatches([1, 2, 3, 4], 1)) {
        seen.push(batch);
        if (seen.length === 2) controller.abort(new Error('cancelled'));
      }
    }).rejects.toThrow('cancelled');
    expect(seen).toHaveLength(2);
  });

  it('records progress without waiting for anything', async () => {
    const pushed: unknown[] = [];
    const ctx = new TaskTestContext({ onProgress: (p) => pushed.push(p) });
    await ctx.logProgress({ done: 2, total: 5 });
    expect(ctx.progress).toMatchObject({ done: 2, total: 5 });
    expect(pushed).toHaveLength(1);
  });

  it('has no session in a simple task', () => {
    expect(() => new TaskTestContext().session).toThrow(TaskConfigurationError);
  });
});

describe('testing a task body (seed 002)', () => {
  const myDbTask = defineTask({ name: 'entities.process', kind: 'db' }, async (ctx: TaskContext<InMemorySession>, entityId: string) => {
    const id = ctx.validateUuid(entityId, 'entity_id');
    await ctx.session.query('UPDATE entities SET processed = true WHERE id = $1', [id]);
    ctx.logSuccess('Processed', { entity_id: id });
    return ctx.successResult({ entity_id: id });
  });

  it('runs with TaskTestContext and an in-memory session', async () => {
    const session = mockTaskSession();
    const ctx = new TaskTestContext({ taskId: 'test-123', session });
    const result = await myDbTask.run(ctx, JOB);
    expect(result.status).toBe('success');
    expect(session.queries).toEqual([{ text: 'UPDATE entities SET processed = true WHERE id = $1', params: [JOB] }]);
    ctx.assertLoggedSuccess();
    ctx.assertLoggedSuccess('Processed');
  });

  it('assertLoggedSuccess fails when nothing succeeded', async () => {
    const ctx = new TaskTestContext({ session: mockTaskSession() });
    await expect(myDbTask.run(ctx, 'nope')).rejects.toThrow(TaskValidationError);
    expect(() => ctx.assertLoggedSuccess()).toThrow(/Expected a success log/);
  });
});
