import { FINAL_STATUSES, type JobStatus } from '../../shared/jobs.js';
import type { JsonSchema } from './check.js';
import { defaultsOf } from './option-defaults.js';
import type { DeferVocabulary } from '../facts/http/deferred-work.js';
import type { SessionVocabulary } from '../facts/tasks/sessions.js';
import type { FlowVocabulary } from '../facts/tasks/task-flow.js';

/**
 * The option vocabularies the task checks (BG-030..BG-036) share: JSON Schema pieces, each with its
 * `default` (the one place defaults are written). Each check declares the keys it reads; a rule's
 * YAML may override any of them.
 */
const stringList = (description: string, defaults?: string[]): JsonSchema => ({
  type: 'array',
  items: { type: 'string', minLength: 1 },
  description,
  ...(defaults !== undefined ? { default: defaults } : {}),
});

export const flowSchema: Record<keyof FlowVocabulary, JsonSchema> = {
  errorLoggers: stringList(
    'Call patterns of error-level logging (`*` matches any name part: `*logger.error` is also `this.logger.error`).',
    ['*logger.error', '*logger.fatal', '*logger.exception', 'log.error', 'console.error', 'ctx.logError', 'logError'],
  ),
  infoLoggers: stringList('Call patterns of info-level logging.', [
    '*logger.info', '*logger.log', '*logger.debug', '*logger.warn', 'log.info', 'log.debug', 'log.warn',
    'console.log', 'console.info', 'console.warn', 'ctx.logInfo', 'ctx.logSuccess', 'ctx.logWarning', 'logInfo',
  ]),
  persistMethods: stringList(
    'Methods that persist an entity changed in memory (`job.status = "failed"; await em.flush()`).',
    ['save', 'flush', 'persist', 'persistAndFlush', 'commit', 'commitTransaction'],
  ),
  helperDepth: { type: 'integer', minimum: 0, maximum: 5, default: 2, description: 'Levels of same-file calls whose writes and logs count as the task\'s.' },
};

export const flowDefaults = defaultsOf<FlowVocabulary>(flowSchema);

export const sessionSchema: Record<keyof SessionVocabulary, JsonSchema> = {
  sessionNames: stringList('Names of parameters and variables that hold a database session or transaction.', ['session', 'em', 'manager', 'trx', 'tx', 'queryRunner']),
  sessionTypes: stringList(
    'Type names of sessions (the last name of `Knex.Transaction` is matched too).',
    ['EntityManager', 'SqlEntityManager', 'QueryRunner', 'Session', 'ClientSession', 'Transaction', 'TransactionClient', 'PoolClient'],
  ),
  requestTypes: stringList('Type names of HTTP requests.', ['Request', 'FastifyRequest', 'IncomingMessage', 'NextRequest']),
  sessionFactories: {
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
    description: 'Session factories (call patterns) → the methods that release what they open; [] when nothing must be released.',
    default: {
      SessionLocal: ['close'],
      createSession: ['close'],
      createQueryRunner: ['release'],
      'em.fork': [],
      '*.transaction': [],
      '*.$transaction': [],
      '*.startSession': ['endSession'],
      '*pool.connect': ['release'],
    },
  },
  sessionSources: stringList('Property reads that hand a task its own session (the runtime\'s `ctx.session`).', ['ctx.session']),
};

export const sessionDefaults = defaultsOf<SessionVocabulary>(sessionSchema);

export const deferSchema: Record<keyof DeferVocabulary, JsonSchema> = {
  deferrers: stringList(
    'Calls that run their function argument later (the subjects\' backgroundAdders are added).',
    ['setImmediate', 'setTimeout', 'process.nextTick', 'queueMicrotask'],
  ),
  eventMethods: stringList('Methods that register a callback for a response event: `res.on`.', ['on', 'once']),
  events: stringList('Response events whose callback runs after the response: `finish`, `close`.', ['finish', 'close']),
  observedCalls: stringList('Calls whose promise needs no observer: the runtime\'s `enqueue` records failures itself.', ['*.enqueue', 'enqueue']),
  typeAware: { type: 'boolean', default: false, description: 'Ask the type checker whether a method call syntax cannot follow returns a Promise.' },
};

export const deferDefaults = defaultsOf<DeferVocabulary>(deferSchema);

/**
 * The job statuses of the task checks, read from the runtime's vocabulary (src/shared/jobs.ts):
 * final statuses in alphabetical order, as the messages list them.
 */
export const statusSchema = {
  runningValues: stringList('Status values that mark a job started.', ['running' satisfies JobStatus]),
  finalValues: stringList('Status values that end a job.', [...FINAL_STATUSES].sort()),
  failedValue: { type: 'string', minLength: 1, default: 'failed' satisfies JobStatus, description: 'The status a failed job gets.' },
} satisfies Record<string, JsonSchema>;

/** The deferrers of a rule plus the subjects' background adders. */
export function deferVocabulary(options: DeferVocabulary, backgroundAdders: readonly string[]): DeferVocabulary {
  return { ...options, deferrers: [...new Set([...options.deferrers, ...backgroundAdders])] };
}

/** `started_at`, `completed_at`, `error_message`: the lifecycle field names the messages use. */
export interface FieldNames {
  startedField: string;
  completedField: string;
  errorField: string;
}

export const fieldSchema: Record<keyof FieldNames, JsonSchema> = {
  startedField: { type: 'string', minLength: 1, default: 'started_at', description: 'The field a task writes when it starts.' },
  completedField: { type: 'string', minLength: 1, default: 'completed_at', description: 'The field a task writes when it ends.' },
  errorField: { type: 'string', minLength: 1, default: 'error_message', description: 'The field a failed task writes the error to.' },
};

export function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = o[k];
  return out;
}

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
export function joinAnd(items: readonly string[], word = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

/**
 * The flow vocabulary out of a task check's options (they carry it among their own keys), so
 * every task rule summarises a task's flow with the same words and shares the memoized summary.
 */
export function flowVocabularyOf(options: FlowVocabulary): FlowVocabulary {
  return pick(options, ['errorLoggers', 'infoLoggers', 'persistMethods', 'helperDepth']);
}
