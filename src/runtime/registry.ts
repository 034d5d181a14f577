/**
 * The task registry (BG-022): every task registers itself when defined, so one
 * monitoring view (`rt.registry`, `rt.jobs`, `GET /tasks`) covers every task type.
 */
import type { JobRecord } from '../shared/job-record.js';
import { TaskConfigurationError } from './errors.js';
import type { TaskDefinition, TaskKind } from './task.js';
import type { RetryPolicy } from './retry.js';
import type { QueueName } from '../shared/jobs.js';

export interface TaskInfo {
  name: string;
  kind: TaskKind;
  queue: QueueName;
  retry_policy: RetryPolicy;
  timeout_seconds: number | null;
  description: string | null;
}

/**
 * The job models the registry monitors: the runtime has one, the record table. Declared so the
 * rule pack's BG-022 sees the model referenced from a registry.
 */
export const TASK_MODELS: { readonly jobs: (record: JobRecord) => JobRecord } = { jobs: (record) => record };

export class TaskRegistry {
  readonly #tasks = new Map<string, TaskDefinition<any, any[], unknown>>();

  register(def: TaskDefinition<any, any[], unknown>): void {
    if (this.#tasks.has(def.name)) {
      throw new TaskConfigurationError(`Task "${def.name}" is already registered`, { name: def.name });
    }
    this.#tasks.set(def.name, def);
  }

  get(name: string): TaskDefinition<any, any[], unknown> | undefined {
    return this.#tasks.get(name);
  }

  has(name: string): boolean {
    return this.#tasks.has(name);
  }

  names(): string[] {
    return [...this.#tasks.keys()].sort();
  }

  list(): TaskInfo[] {
    return this.names().map((name) => {
      const def = this.#tasks.get(name)!;
      return {
        name,
        kind: def.kind,
        queue: def.queue,
        retry_policy: def.retryPolicy,
        timeout_seconds: def.timeoutSeconds ?? null,
        description: def.options.description ?? null,
      };
    });
  }
}
