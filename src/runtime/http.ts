/**
 * The HTTP API as one standard Fetch handler, `rt.fetch(request): Promise<Response>`, so Hono,
 * Next.js route handlers, Bun.serve, Deno and Node (via a small adapter) all mount it.
 *
 *   POST   /jobs/:task        {"args": [...], "triggered_by": "api:<client>", "dedup_key": "…"} → 202 trigger response
 *   GET    /jobs/:id          → 200 record | 404
 *   GET    /jobs?status=&task=&since=&limit=  → 200 { jobs: [...] }   (status may list several: pending,running)
 *   DELETE /jobs/:id          X-RESOURCE-NAME: <id>  → 200 | 400 missing | 409 different or running | 404
 *   POST   /jobs/:id/cancel   → 200 record (pending → failed) | 409 running | 422 final
 *   POST   /jobs/:id/retry    → 202 trigger response of a new try of a failed job | 409 not failed (http-actions.ts)
 *   GET    /dashboard         → the job dashboard when `dashboard` is set (dashboard/route.ts)
 *   GET    /tasks             → 200 { tasks: [...] }  (the registry)
 * Errors are JSON `{ error, message, details? }`: 400 malformed, 404 unknown, 405 wrong method,
 * 409 conflict, 422 ModelValidationError; an unexpected failure is 503, never 500.
 */
import { isJobStatus, type JobStatus, type TriggerResponse } from '../shared/jobs.js';
import { dashboardRoute } from './dashboard/route.js';
import type { DashboardOption } from './dashboard/access.js';
import { BadRequestError, NotFoundError, RuntimeError } from './errors.js';
import type { EnqueueOptions } from './enqueue.js';
import { recordToJson } from './job-record.js';
import type { JobsApi } from './jobs.js';
import { UUID_RE } from './jobs.js';
import type { TaskRegistry } from './registry.js';
import { retryJob } from './http-actions.js';
import { errorResponse, jsonResponse } from './responses.js';
import { safeDelete } from './safe-delete.js';

export interface HttpOptions {
  /** Mount point, e.g. `/api`; routes are then `/api/jobs/...`. Default: none. */
  basePath?: string;
  /** `triggered_by` when the body has none, e.g. from your auth: `api:${clientId}`. Default `api:anonymous`. */
  triggeredBy?: (request: Request) => string | undefined;
  /** Largest accepted body in bytes; default 1 MiB. */
  maxBodyBytes?: number;
  /** Called with errors that become a 503 (for your logs). */
  onError?: (error: unknown) => void;
  /** The job dashboard at `{basePath}/dashboard`: off by default; `true` for loopback only, or `{ authorize }`. */
  dashboard?: DashboardOption;
}

/** What the handler needs from a runtime. */
export interface HttpTarget {
  registry: TaskRegistry;
  jobs: JobsApi;
  enqueue(task: string, args: unknown[], options: EnqueueOptions): Promise<TriggerResponse>;
}

class MethodNotAllowed extends RuntimeError {
  override readonly retriable = false;
  override readonly httpStatus = 405;
  override readonly code = 'method_not_allowed';
}

async function readBody(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw new BadRequestError('Could not read the request body');
  }
  if (text.length > maxBytes) throw new BadRequestError(`Body larger than ${maxBytes} bytes`);
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError('Body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError('Body must be a JSON object: {"args": [...], "triggered_by": "...", "dedup_key": "..."}');
  }
  return body as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadRequestError(`${field} must be a string`, { field });
  return value;
}

function parseListQuery(params: URLSearchParams) {
  const filter: { status?: JobStatus[]; task?: string; since?: Date; limit?: number } = {};
  const status = params.get('status');
  if (status) {
    const list = status.split(',').map((s) => s.trim());
    const bad = list.filter((s) => !isJobStatus(s));
    if (bad.length) throw new BadRequestError(`Unknown status ${bad.join(', ')}`, { field: 'status' });
    filter.status = list as JobStatus[];
  }
  const task = params.get('task');
  if (task) filter.task = task;
  const since = params.get('since');
  if (since) {
    const date = new Date(since);
    if (Number.isNaN(date.getTime())) throw new BadRequestError('since must be an ISO date', { field: 'since' });
    filter.since = date;
  }
  const limit = params.get('limit');
  if (limit) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new BadRequestError('limit must be an integer in 1..1000', { field: 'limit' });
    filter.limit = n;
  }
  return filter;
}

export function createFetchHandler(target: HttpTarget, options: HttpOptions = {}): (request: Request) => Promise<Response> {
  const base = (options.basePath ?? '').replace(/\/+$/, '');
  const maxBytes = options.maxBodyBytes ?? 1024 * 1024;

  const route = async (request: Request): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(request.url, 'http://localhost');
    } catch {
      throw new BadRequestError('Malformed URL');
    }
    if (base && !url.pathname.startsWith(`${base}/`)) throw new NotFoundError('No such route');
    let segments: string[];
    try {
      segments = url.pathname.slice(base.length).split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      throw new BadRequestError('Malformed URL path');
    }
    const method = request.method.toUpperCase();
    const allow = (...methods: string[]) => {
      if (!methods.includes(method)) throw new MethodNotAllowed(`${method} is not allowed here`, { allow: methods.join(', ') });
    };
    const [root, first, second, ...rest] = segments;

    if (root === 'dashboard') return dashboardRoute(request, segments.slice(1), base, options.dashboard);
    if (root === 'tasks' && first === undefined) {
      allow('GET');
      return jsonResponse(200, { tasks: target.registry.list() });
    }
    if (root !== 'jobs' || rest.length) throw new NotFoundError('No such route');

    if (first === undefined) {
      allow('GET');
      const jobs = await target.jobs.list(parseListQuery(url.searchParams));
      return jsonResponse(200, { jobs: jobs.map(recordToJson) });
    }
    if (second === 'cancel') {
      allow('POST');
      if (!UUID_RE.test(first)) throw new NotFoundError(`No job ${first}`);
      const by = options.triggeredBy?.(request) ?? 'api:anonymous';
      return jsonResponse(200, recordToJson(await target.jobs.cancel(first, by)));
    }
    if (second === 'retry') {
      allow('POST');
      return retryJob(target, first, options.triggeredBy?.(request) ?? 'api:anonymous', base);
    }
    if (second !== undefined) throw new NotFoundError('No such route');

    if (method === 'POST') {
      if (!target.registry.has(first)) throw new NotFoundError(`Unknown task ${first}`, { task: first });
      const body = await readBody(request, maxBytes);
      const args = body.args ?? [];
      if (!Array.isArray(args)) throw new BadRequestError('args must be an array', { field: 'args' });
      const triggeredBy = optionalString(body, 'triggered_by') ?? options.triggeredBy?.(request) ?? 'api:anonymous';
      const dedupKey = optionalString(body, 'dedup_key');
      const response = await target.enqueue(first, args, { triggeredBy, ...(dedupKey !== undefined && { dedupKey }) });
      return jsonResponse(202, response, { location: `${base}/jobs/${response.job_id}` });
    }
    allow('GET', 'DELETE');
    if (method === 'GET') {
      const record = await target.jobs.get(first);
      if (!record) throw new NotFoundError(`No job ${first}`, { job_id: first });
      return jsonResponse(200, recordToJson(record));
    }
    return safeDelete(request, {
      find: () => target.jobs.get(first),
      name: (job) => job.id,
      busy: (job) => (job.status === 'running' ? 'A running job cannot be deleted' : null),
      remove: async (job) => recordToJson(await target.jobs.delete(job.id)),
    });
  };

  return async (request) => {
    try {
      return await route(request);
    } catch (error) {
      const response = errorResponse(error, options.onError);
      if (error instanceof MethodNotAllowed) response.headers.set('allow', String(error.details.allow));
      return response;
    }
  };
}
