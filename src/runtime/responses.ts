/**
 * JSON responses of the HTTP API. Errors map by class (errors.ts): 400, 404, 409, 422. An error
 * the runtime did not expect (a database outage) is a 503 with a JSON body, never a 500: the
 * request was fine and may be retried.
 */
import type { ErrorBody } from '../shared/jobs.js';
import { RuntimeError, isIntegrityError } from './errors.js';

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
  onUnexpected?.(error);
  return jsonResponse(
    503,
    { error: 'service_unavailable', message: 'The job service could not answer; try again' } satisfies ErrorBody,
    { 'retry-after': '5' },
  );
}
