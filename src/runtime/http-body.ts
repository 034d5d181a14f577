/**
 * Reading a request body under a limit counted in BYTES (issue 11): a declared `content-length`
 * over the limit is refused before reading, and a streamed body is read chunk by chunk and
 * cancelled as soon as it passes the limit, so a 1 GB upload costs at most the limit in memory.
 * The bytes must be UTF-8 (decoded strictly: a client's mojibake is refused, not silently replaced).
 */
import { BadRequestError, RuntimeError } from './errors.js';

/** The body is over `maxBodyBytes`. HTTP 413. */
export class PayloadTooLargeError extends RuntimeError {
  override readonly retriable = false;
  override readonly httpStatus = 413;
  override readonly code = 'payload_too_large';
}

const tooLarge = (maxBytes: number) =>
  new PayloadTooLargeError(`Body larger than ${maxBytes} bytes`, { max_bytes: maxBytes });

/** The body's bytes, at most `maxBytes` of them; throws 413 past the limit. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = request.body.getReader();
  } catch {
    // Already read or locked (e.g. by a middleware): the body is gone, as when a read fails.
    throw new BadRequestError('Could not read the request body');
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Stop the sender: the rest of the body is never pulled into memory.
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw error;
    throw new BadRequestError('Could not read the request body');
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The body as a JSON object (an empty body is `{}`): 413 over the limit, 400 for bytes that are
 * not UTF-8, text that is not JSON, or JSON that is not an object.
 */
export async function readJsonObject(request: Request, maxBytes: number, shape: string): Promise<Record<string, unknown>> {
  const bytes = await readBodyBytes(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError('Body is not valid UTF-8');
  }
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError('Body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError(`Body must be a JSON object: ${shape}`);
  }
  return body as Record<string, unknown>;
}
