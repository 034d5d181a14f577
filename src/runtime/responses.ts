/**
 * JSON responses of the HTTP API. Errors map by class (errors.ts): 400, 404, 409, 413, 422. A
 * database error of SQLSTATE class 23 (integrity) or 22 (data exception: a value PostgreSQL cannot
 * take, such as U+0000 or an out-of-range date) is the client's value, so a 422 — the HTTP layer
 * checks values before SQL, and this is the net for anything it missed. An error the runtime did not
 * expect (a database outage) is a 503 with a JSON body, never a 500: the request was fine and may
 * be retried.
 */
import type { ErrorBody } from '../shared/jobs.js';
import { RuntimeError, isIntegrityError, sqlState } from './errors.js';

/** SQLSTATE of the error or of an error it wraps (`cause`), a few levels deep. */
function causeSqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const state = sqlState(e);
    if (state) return state;
  }
  return undefined;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export function errorResponse(error: unknown, onUnexpected?: (error: unknown) => void): Response {
  if (error instanceof RuntimeError) {
    const body: ErrorBody = { error: error.code, message: error.message };
    if (Object.keys(error.details).length) body.details = error.details;
    return jsonResponse(error.httpStatus, body);
  }
  if (isIntegrityError(error)) {
    return jsonResponse(422, { error: 'model_validation_error', message: 'A database constraint was violated' } satisfies ErrorBody);
  }
  const state = causeSqlState(error);
  if (state?.startsWith('22')) {
    return jsonResponse(422, {
      error: 'model_validation_error',
      message: 'The database refused a value of the request',
      details: { sqlstate: state },
    } satisfies ErrorBody);
  }
  onUnexpected?.(error);
  return jsonResponse(
    503,
    { error: 'service_unavailable', message: 'The job service could not answer; try again' } satisfies ErrorBody,
    { 'retry-after': '5' },
  );
}
