/**
 * The HTTP API as one standard Fetch handler, `rt.fetch(request): Promise<Response>`, so Hono,
 * Next.js route handlers, Bun.serve, Deno and Node (via a small adapter) all mount it.
 *
 *   POST   /jobs/:task        {"args": [...], "triggered_by": "api:<client>", "dedup_key": "…"} → 202 trigger response
 *   GET    /jobs/:id          → 200 record | 404          (HEAD: the same answer without a body)
 *   GET    /jobs?status=&task=&since=&limit=  → 200 { jobs: [...] }   (status may list several: pending,running)
 *   DELETE /jobs/:id          X-RESOURCE-NAME: <id>  → 200 | 400 missing | 409 different or running | 404
 *   POST   /jobs/:id/cancel   → 200 record (pending → failed) | 409 running | 422 final
 *   POST   /jobs/:id/retry    → 202 trigger response of a new try of a failed job | 409 not failed (http-actions.ts)
 *   GET    /dashboard         → the job dashboard when `dashboard` is set (dashboard/route.ts)
 *   GET    /tasks             → 200 { tasks: [...] }  (the registry)
 * Errors are JSON `{ error, message, details? }`: 400 malformed, 404 unknown, 405 wrong method (with
 * `Allow`), 409 conflict, 413 body too large, 422 a value refused; an unexpected failure is 503, never 500.
 * `triggered_by` is the server's (`triggeredBy(request)`), not the client's: see `trustClientTriggeredBy`.
 */
import type { TriggerResponse } from '../shared/jobs.js';
import { dashboardRoute } from './dashboard/route.js';
import type { DashboardOption } from './dashboard/access.js';
import { BadRequestError, NotFoundError, RuntimeError } from './errors.js';
import type { EnqueueOptions } from './enqueue.js';
import { readJsonObject } from './http-body.js';
import { checkStorableJson, checkStorableText } from './storable.js';
import { parseListQuery } from './http-query.js';
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
  /** Who triggers a job over HTTP, e.g. from your auth: `api:${clientId}`. Default (or when it returns undefined) `api:anonymous`. */
  triggeredBy?: (request: Request) => string | undefined;
  /**
   * Let the body's `triggered_by` override `triggeredBy(request)`. Off by default: any client could
   * then write `manual:admin` into the audit trail. Turn it on only behind a caller you trust
   * (e.g. your own backend relaying for a user it authenticated).
   */
  trustClientTriggeredBy?: boolean;
  /** Largest accepted body in bytes (UTF-8, as sent); larger is a 413 without reading the rest. Default 1 MiB. */
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
  /** The runtime's own log of errors that become a 503, whatever the handler's options. */
  logUnexpected?: (error: unknown) => void;
}

class MethodNotAllowed extends RuntimeError {
  override readonly retriable = false;
  override readonly httpStatus = 405;
  override readonly code = 'method_not_allowed';
}

const BODY_SHAPE = '{"args": [...], "triggered_by": "...", "dedup_key": "..."}';

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadRequestError(`${field} must be a string`, { field });
  checkStorableText(value, field);
  return value;
}

/** HEAD is answered as GET without a body (RFC 9110), so it is allowed wherever GET is. */
function allowed(methods: string[]): string[] {
  return methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m]));
}

export function createFetchHandler(target: HttpTarget, options: HttpOptions = {}): (request: Request) => Promise<Response> {
  const base = (options.basePath ?? '').replace(/\/+$/, '');
  const maxBytes = options.maxBodyBytes ?? 1024 * 1024;
  const onUnexpected = (error: unknown) => {
    target.logUnexpected?.(error);
    options.onError?.(error);
  };
  const serverTriggeredBy = (request: Request) => options.triggeredBy?.(request) ?? 'api:anonymous';

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
    const requested = request.method.toUpperCase();
    const method = requested === 'HEAD' ? 'GET' : requested;
    const allow = (...methods: string[]) => {
      if (!methods.includes(method)) {
        throw new MethodNotAllowed(`${requested} is not allowed here`, { allow: allowed(methods).join(', ') });
      }
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
    // Ids are UUIDs, which compare case-insensitively: GET, cancel and DELETE all take either case.
    const jobId = UUID_RE.test(first) ? first.toLowerCase() : null;
    if (second === 'cancel') {
      allow('POST');
      if (!jobId) throw new NotFoundError(`No job ${first}`);
      return jsonResponse(200, recordToJson(await target.jobs.cancel(jobId, serverTriggeredBy(request))));
    }
    if (second === 'retry') {
      allow('POST');
      return retryJob(target, jobId ?? first, serverTriggeredBy(request), base);
    }
    if (second !== undefined) throw new NotFoundError('No such route');

    if (method === 'POST') {
      if (!target.registry.has(first)) throw new NotFoundError(`Unknown task ${first}`, { task: first });
      const body = await readJsonObject(request, maxBytes, BODY_SHAPE);
      const args = body.args ?? [];
      if (!Array.isArray(args)) throw new BadRequestError('args must be an array', { field: 'args' });
      checkStorableJson(args, 'args');
      // The server says who triggered the job; the body's claim is read only when the app trusts its caller.
      const claimed = options.trustClientTriggeredBy ? optionalString(body, 'triggered_by') : undefined;
      const triggeredBy = claimed ?? serverTriggeredBy(request);
      checkStorableText(triggeredBy, 'triggered_by');
      const dedupKey = optionalString(body, 'dedup_key');
      const response = await target.enqueue(first, args, { triggeredBy, ...(dedupKey !== undefined && { dedupKey }) });
      return jsonResponse(202, response, { location: `${base}/jobs/${response.job_id}` });
    }
    allow('GET', 'POST', 'DELETE');
    if (method === 'GET') {
      const record = jobId ? await target.jobs.get(jobId) : null;
      if (!record) throw new NotFoundError(`No job ${first}`, { job_id: first });
      return jsonResponse(200, recordToJson(record));
    }
    return safeDelete(request, {
      find: async () => (jobId ? target.jobs.get(jobId) : null),
      name: (job) => job.id,
      normalize: (name) => name.toLowerCase(),
      busy: (job) => (job.status === 'running' ? 'A running job cannot be deleted' : null),
      remove: async (job) => recordToJson(await target.jobs.delete(job.id)),
      onError: onUnexpected,
    });
  };

  return async (request) => {
    let response: Response;
    try {
      response = await route(request);
    } catch (error) {
      response = errorResponse(error, onUnexpected);
      if (error instanceof MethodNotAllowed) response.headers.set('allow', String(error.details.allow));
    }
    if (request.method.toUpperCase() !== 'HEAD') return response;
    await response.body?.cancel();
    return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
