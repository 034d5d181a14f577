/** The filter of `GET /jobs?status=&task=&since=&limit=`, checked before it reaches SQL (400 when bad). */
import { isJobStatus, type JobStatus } from '../shared/jobs.js';
import { BadRequestError } from './errors.js';
import { checkUrlText, parseSince } from './http-input.js';
import type { ListFilter } from './records.js';

export function parseListQuery(params: URLSearchParams): ListFilter {
  const filter: { status?: JobStatus[]; task?: string; since?: Date; limit?: number } = {};
  const status = params.get('status');
  if (status) {
    const list = status.split(',').map((s) => s.trim());
    const bad = list.filter((s) => !isJobStatus(s));
    if (bad.length) throw new BadRequestError(`Unknown status ${bad.join(', ')}`, { field: 'status' });
    filter.status = list as JobStatus[];
  }
  const task = params.get('task');
  if (task) {
    checkUrlText(task, 'task');
    filter.task = task;
  }
  const since = params.get('since');
  if (since) filter.since = parseSince(since);
  const limit = params.get('limit');
  if (limit) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new BadRequestError('limit must be an integer in 1..1000', { field: 'limit' });
    filter.limit = n;
  }
  return filter;
}
