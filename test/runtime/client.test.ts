/**
 * The browser client against a fake fetch and fake timers: a real server cannot make time pass
 * on demand, and these tests are about the client's own clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  JobRequestError,
  backoffDelay,
  clampInterval,
  pollJob,
  resumeActiveJob,
  triggerJob,
  type JobRecordJson,
  type JobStatus,
} from '../../src/runtime/client/index.js';

const ID = '3f2b8c1e-5d4a-4b7c-9e8f-0a1b2c3d4e5f';

function record(status: JobStatus): JobRecordJson {
  return {
    id: ID, task: 't', queue: 'default', status, args: [], result: null, progress: null, warnings: [],
    error_message: null, triggered_by: 'api:test', dedup_key: null, attempts: 1, max_attempts: 1,
    run_after: '2025-01-01T00:00:00.000Z', lease_owner: null, lease_expires_at: null,
    created_at: '2025-01-01T00:00:00.000Z', started_at: null, completed_at: null, updated_at: '2025-01-01T00:00:00.000Z',
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fetch that answers from a script and records when (fake time) each call happened. */
function scriptedFetch(script: Array<() => Response | Promise<Response>>) {
  const calls: { url: string; at: number; init?: RequestInit }[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, at: Date.now(), ...(init && { init }) });
    const step = script.shift();
    if (!step) throw new Error('unexpected call');
    return step();
  });
  return { fetch, calls };
}

describe('client', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('clamps the interval to 3000–5000 ms', () => {
    expect(clampInterval(1000)).toBe(3000);
    expect(clampInterval(10_000)).toBe(5000);
    expect(clampInterval(4500)).toBe(4500);
    expect(clampInterval(undefined)).toBe(4000);
    expect(clampInterval(Number.NaN)).toBe(4000);
  });

  it('polls at the clamped interval and stops on a final status', async () => {
    const { fetch, calls } = scriptedFetch([
      () => json(200, record('pending')),
      () => json(200, record('running')),
      () => json(200, record('completed')),
    ]);
    const updates: JobStatus[] = [];
    const done = pollJob(ID, { intervalMs: 1000, fetch, onUpdate: (j) => updates.push(j.status) });
    await vi.runAllTimersAsync();
    const final = await done;
    expect(final.status).toBe('completed');
    expect(updates).toEqual(['pending', 'running', 'completed']);
    expect(calls.map((c) => c.at)).toEqual([0, 3000, 6000]);
    expect(calls[0]!.url).toBe(`/jobs/${ID}`);
  });

  it('stops on failed and completed_with_warnings too', async () => {
    for (const status of ['failed', 'completed_with_warnings'] as const) {
      const { fetch } = scriptedFetch([() => json(200, record(status))]);
      const done = pollJob(ID, { fetch });
      await vi.runAllTimersAsync();
      expect((await done).status).toBe(status);
      expect(fetch).toHaveBeenCalledTimes(1);
    }
  });

  it('backs off on network errors and 5xx, then returns to the interval', async () => {
    const { fetch, calls } = scriptedFetch([
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => json(503, { error: 'service_unavailable', message: 'later' }),
      () => json(200, record('running')),
      () => json(200, record('completed')),
    ]);
    const errors: number[] = [];
    const done = pollJob(ID, { intervalMs: 4000, fetch, onError: (_e, retryIn) => errors.push(retryIn) });
    await vi.runAllTimersAsync();
    await done;
    expect(errors).toEqual([8000, 16000]);
    expect(calls.map((c) => c.at)).toEqual([0, 8000, 24000, 28000]);
    expect(backoffDelay(4000, 20)).toBe(60_000);
  });

  it('gives up on a 404 and stops when aborted', async () => {
    const gone = scriptedFetch([() => json(404, { error: 'not_found', message: 'No job' })]);
    await expect(pollJob(ID, { fetch: gone.fetch })).rejects.toBeInstanceOf(JobRequestError);

    const controller = new AbortController();
    const running = scriptedFetch([() => json(200, record('running')), () => json(200, record('running'))]);
    const done = pollJob(ID, { fetch: running.fetch, signal: controller.signal });
    const outcome = expect(done).rejects.toThrow('left the page');
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort(new Error('left the page'));
    await outcome;
    expect(running.fetch).toHaveBeenCalledTimes(1);
  });

  it('triggers a job and returns the trigger response', async () => {
    const { fetch, calls } = scriptedFetch([() => json(202, { job_id: ID, status: 'pending', message: 'Task queued successfully' })]);
    const response = await triggerJob('reports.build', { args: [1], triggered_by: 'api:web' }, { fetch, baseUrl: '/api/jobs/' });
    expect(response).toEqual({ job_id: ID, status: 'pending', message: 'Task queued successfully' });
    expect(calls[0]!.url).toBe('/api/jobs/reports.build');
    expect(calls[0]!.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ args: [1], triggered_by: 'api:web' });
  });

  it('surfaces a 422 as a JobRequestError with the body', async () => {
    const { fetch } = scriptedFetch([() => json(422, { error: 'model_validation_error', message: 'bad triggered_by' })]);
    const error = await triggerJob('t', {}, { fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobRequestError);
    expect((error as JobRequestError).status).toBe(422);
    expect((error as JobRequestError).message).toBe('bad triggered_by');
  });

  it('resumes the active job of a task, or null', async () => {
    const { fetch, calls } = scriptedFetch([() => json(200, { jobs: [record('running')] }), () => json(200, { jobs: [] })]);
    expect((await resumeActiveJob('reports.build', { fetch }))?.status).toBe('running');
    expect(await resumeActiveJob('reports.build', { fetch })).toBeNull();
    expect(calls[0]!.url).toBe('/jobs?task=reports.build&status=pending,running&limit=1');
  });
});
