/**
 * Browser calls to the runtime's HTTP API. Only `fetch` and `AbortSignal`: no Node API, so this
 * file bundles for any page. `fetch` can be injected (tests, SSR, an authenticated wrapper).
 */
import type { ErrorBody, JobRecordJson, TriggerResponse } from '../../shared/jobs.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** Where the runtime's `/jobs` routes are mounted; default `/jobs`. */
  baseUrl?: string;
  fetch?: FetchLike;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface TriggerBody {
  args?: unknown[];
  triggered_by?: string;
  dedup_key?: string;
}

/** A non-2xx answer of the API, with its status and JSON error body. */
export class JobRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? `Request failed with status ${status}`);
    this.name = 'JobRequestError';
  }
}

export function resolveFetch(options: { fetch?: FetchLike }): FetchLike {
  if (options.fetch) return options.fetch;
  return (input, init) => globalThis.fetch(input, init);
}

export function jobsUrl(options: ClientOptions, path = ''): string {
  return `${(options.baseUrl ?? '/jobs').replace(/\/+$/, '')}${path}`;
}

export async function requestJson<T>(url: string, init: RequestInit, options: ClientOptions): Promise<T> {
  const response = await resolveFetch(options)(url, {
    ...init,
    headers: { accept: 'application/json', ...options.headers, ...(init.headers as Record<string, string>) },
    ...(options.signal && { signal: options.signal }),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) throw new JobRequestError(response.status, body as ErrorBody | null);
  return body as T;
}

/** POST /jobs/:task → `{ job_id, status, message }` (BG-020). */
export function triggerJob(task: string, body: TriggerBody = {}, options: ClientOptions = {}): Promise<TriggerResponse> {
  return requestJson<TriggerResponse>(
    jobsUrl(options, `/${encodeURIComponent(task)}`),
    { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
    options,
  );
}

/** GET /jobs/:id. */
export function getJob(id: string, options: ClientOptions = {}): Promise<JobRecordJson> {
  return requestJson<JobRecordJson>(jobsUrl(options, `/${encodeURIComponent(id)}`), { method: 'GET' }, options);
}

/**
 * For a page opened again while its job runs (BG-040): the newest pending or running job of
 * `task`, or null. Call it on load, then `pollJob` the result.
 */
export async function resumeActiveJob(task: string, options: ClientOptions = {}): Promise<JobRecordJson | null> {
  const query = `?task=${encodeURIComponent(task)}&status=pending,running&limit=1`;
  const { jobs } = await requestJson<{ jobs: JobRecordJson[] }>(jobsUrl(options, query), { method: 'GET' }, options);
  return jobs[0] ?? null;
}
