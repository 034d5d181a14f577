/**
 * Structured logging (BG-036: a task logs its start, completion and failure). Every entry of a run carries the
 * job id and the task name, so one job's lifecycle can be followed in any log store.
 */

export type LogLevel = 'debug' | 'info' | 'success' | 'warning' | 'error';

export interface LogEntry {
  level: LogLevel;
  message: string;
  time: string;
  job_id?: string;
  task?: string;
  [field: string]: unknown;
}

export type Logger = (entry: LogEntry) => void;

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, success: 1, warning: 2, error: 3 };

/** One JSON line per entry on stderr (stdout stays free for the app); `minLevel` filters. */
export function jsonLogger(minLevel: LogLevel = 'info'): Logger {
  return (entry) => {
    if (RANK[entry.level] < RANK[minLevel]) return;
    process.stderr.write(`${JSON.stringify(entry)}\n`);
  };
}

export const silentLogger: Logger = () => undefined;

/** Serialises an error for a log field (JSON.stringify drops an Error's message). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { error: error.message, error_name: error.name, ...(code !== undefined && { error_code: code }) };
  }
  return { error: String(error) };
}

export function logAt(logger: Logger, level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  try {
    logger({ level, message, time: new Date().toISOString(), ...fields });
  } catch {
    // A broken logger must never fail a job.
  }
}
