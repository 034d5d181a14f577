/**
 * The safe-delete pattern (BG-023): a DELETE must carry `X-RESOURCE-NAME` equal to the
 * resource's name, so a wrong id or a stray request cannot delete the wrong thing. Missing header:
 * 400; a different name: 409; a resource that is busy (a running job): 409. The runtime's
 * `DELETE /jobs/:id` uses it (a job's name is its id), and apps use it for their own resources.
 */
import { BadRequestError, ConflictError, NotFoundError } from './errors.js';
import { errorResponse, jsonResponse } from './responses.js';

export const RESOURCE_NAME_HEADER = 'X-RESOURCE-NAME';

/**
 * Throws 400 when the header is missing, 409 when it names another resource. The 409 never tells
 * the expected name: the header is a confirmation, and an answer that reveals it would let a stray
 * script confirm anything in two requests. `normalize` maps both names to one form before
 * comparing (e.g. lower case for UUIDs, which compare case-insensitively).
 */
export function checkResourceName(headers: Headers, expectedName: string, normalize: (name: string) => string = (n) => n): void {
  const provided = headers.get(RESOURCE_NAME_HEADER);
  if (provided === null || provided.trim() === '') {
    throw new BadRequestError(`Missing ${RESOURCE_NAME_HEADER} header: send the name of the resource to delete`, {
      header: RESOURCE_NAME_HEADER,
    });
  }
  if (normalize(provided.trim()) !== normalize(expectedName)) {
    throw new ConflictError(`${RESOURCE_NAME_HEADER} does not match the name of the resource to delete: nothing was deleted`, {
      header: RESOURCE_NAME_HEADER,
    });
  }
}

export interface SafeDeleteOptions<T> {
  /** Loads the resource; null → 404. */
  find(): Promise<T | null>;
  /** The name the header must repeat. */
  name(resource: T): string;
  /** One form for both names before comparing (e.g. lower case for UUIDs); default: as they are. */
  normalize?(name: string): string;
  /** A reason the resource cannot be deleted now (→ 409), or null. */
  busy?(resource: T): string | null;
  /** Deletes it; what it returns (if anything) is sent as the 200 body's `resource`. */
  remove(resource: T): Promise<unknown>;
  /** Called with errors that become a 503 (for your logs), as in `errorResponse`. */
  onError?(error: unknown): void;
}

/** Runs the whole pattern and answers with a Response (200 `{ deleted: true, name }` or an error). */
export async function safeDelete<T>(request: Request, options: SafeDeleteOptions<T>): Promise<Response> {
  try {
    const resource = await options.find();
    if (resource === null) throw new NotFoundError('Resource not found');
    const name = options.name(resource);
    checkResourceName(request.headers, name, options.normalize);
    const busy = options.busy?.(resource);
    if (busy) throw new ConflictError(busy, { name });
    const removed = await options.remove(resource);
    return jsonResponse(200, { deleted: true, name, ...(removed !== undefined && { resource: removed }) });
  } catch (error) {
    return errorResponse(error, options.onError);
  }
}
