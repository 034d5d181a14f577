/**
 * What the HTTP API checks in the URL before it reaches SQL (issue 11): text PostgreSQL cannot
 * compare (storable.ts says which) and dates `timestamptz` cannot hold. Each is the client's mistake,
 * so each is a 400, never a 503 from the database. Values in the body are checked by storable.ts
 * (422), as they are for `rt.enqueue` called in code.
 */
import { BadRequestError } from './errors.js';
import { unstorableText } from './storable.js';

/** A query parameter or path segment: 400 when it cannot be compared in SQL. */
export function checkUrlText(text: string, field: string): void {
  const reason = unstorableText(text);
  if (reason) throw new BadRequestError(`${field} ${reason}`, { field });
}

/** Years `timestamptz` and `Date#toISOString` agree on; outside them PostgreSQL answers 22008. */
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

/** `?since=`: an ISO date in years 0001–9999; 400 otherwise. */
export function parseSince(text: string): Date {
  const date = new Date(text);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new BadRequestError(`since must be an ISO date between ${MIN_YEAR.toString().padStart(4, '0')} and ${MAX_YEAR}`, {
      field: 'since',
    });
  }
  return date;
}
