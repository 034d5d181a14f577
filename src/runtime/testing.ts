/**
 * Test helpers (docs/runtime.md, Testing): a `TaskTestContext` that records logs, an in-memory session
 * that records what the task did with it, and `assertLoggedSuccess()`. For the real lifecycle
 * against a database, use `rt.runNow(task, args)`.
 */
import { TaskContext, type TaskContextInit } from './context.js';
import type { LogEntry, LogLevel } from './logger.js';
import type { SessionFactory, SessionHandle, SqlSession } from './sessions.js';

export interface RecordedQuery {
  text: string;
  params: unknown[];
}

/** A `SqlSession` that answers from a function and records every query, commit and rollback. */
export class InMemorySession implements SqlSession {
  readonly queries: RecordedQuery[] = [];
  commits = 0;
  rollbacks = 0;
  closed = false;

  constructor(private readonly answer: (text: string, params: unknown[]) => unknown[] = () => []) {}

  async query<R = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<{ rows: R[] }> {
    if (this.closed) throw new Error('InMemorySession is closed');
    this.queries.push({ text, params });
    return { rows: this.answer(text, params) as R[] };
  }

  /** A handle over this session, for code that takes a `SessionHandle`. */
  handle(): SessionHandle<InMemorySession> {
    return {
      session: this,
      commit: async () => void this.commits++,
      rollback: async () => void this.rollbacks++,
      close: async () => void (this.closed = true),
    };
  }
}

/** An in-memory session for task tests (docs/runtime.md, Testing): records what the task ran. */
export function mockTaskSession(answer?: (text: string, params: unknown[]) => unknown[]): InMemorySession {
  return new InMemorySession(answer);
}

/** A factory whose every `open()` is a new `InMemorySession`; `opened` lists them in order. */
export function inMemorySessionFactory(answer?: (text: string, params: unknown[]) => unknown[]) {
  const opened: InMemorySession[] = [];
  const factory: SessionFactory<InMemorySession> = {
    open: async () => {
      const session = new InMemorySession(answer);
      opened.push(session);
      return session.handle();
    },
  };
  return { factory, opened };
}

export interface TaskTestContextInit<S> extends Partial<Omit<TaskContextInit<S>, 'session' | 'logger'>> {
  /** The job id (`task_id` in task results). */
  taskId?: string;
  session?: S;
}

export class TaskTestContext<S = InMemorySession> extends TaskContext<S> {
  readonly logs: LogEntry[];
  /** Times `commitBatch()` was called. */
  batchCommits = 0;

  constructor(init: TaskTestContextInit<S> = {}) {
    const logs: LogEntry[] = [];
    const { session, taskId, commitBatch, jobId, task, ...rest } = init;
    let self: TaskTestContext<S> | undefined;
    super({
      ...rest,
      jobId: jobId ?? taskId ?? '00000000-0000-4000-8000-000000000000',
      task: task ?? 'test.task',
      logger: (entry) => void logs.push(entry),
      ...(session !== undefined && { session: () => session }),
      commitBatch: async () => {
        self!.batchCommits++;
        await commitBatch?.();
      },
    });
    self = this;
    this.logs = logs;
  }

  logged(level: LogLevel): LogEntry[] {
    return this.logs.filter((e) => e.level === level);
  }

  /** Throws unless the task logged at `success` level (optionally with a message containing `text`). */
  assertLoggedSuccess(text?: string): void {
    this.assertLogged('success', text);
  }

  assertLogged(level: LogLevel, text?: string): void {
    const found = this.logged(level).some((e) => text === undefined || e.message.includes(text));
    if (!found) {
      const seen = this.logs.map((e) => `${e.level}: ${e.message}`).join('\n  ') || '(nothing)';
      throw new Error(`Expected a ${level} log${text ? ` containing "${text}"` : ''}; logged:\n  ${seen}`);
    }
  }
}
