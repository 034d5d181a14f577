import type { JsonSchema } from './check.js';
import type { DeferVocabulary } from '../facts/http/deferred-work.js';
import type { SessionVocabulary } from '../facts/tasks/sessions.js';
import type { FlowVocabulary } from '../facts/tasks/task-flow.js';

/**
 * The option vocabularies the task checks (BG-030..BG-036) share: defaults and JSON Schema pieces.
 * Each check declares the keys it reads; a rule's YAML may override any of them.
 */
const stringList = (description: string): JsonSchema => ({ type: 'array', items: { type: 'string', minLength: 1 }, description });

export const flowDefaults: FlowVocabulary = {
  errorLoggers: ['*logger.error', '*logger.fatal', '*logger.exception', 'log.error', 'console.error', 'ctx.logError', 'logError'],
  infoLoggers: [
    '*logger.info', '*logger.log', '*logger.debug', '*logger.warn', 'log.info', 'log.debug', 'log.warn',
    'console.log', 'console.info', 'console.warn', 'ctx.logInfo', 'ctx.logSuccess', 'ctx.logWarning', 'logInfo',
  ],
  persistMethods: ['save', 'flush', 'persist', 'persistAndFlush', 'commit', 'commitTransaction'],
  helperDepth: 2,
};

export const flowSchema: Record<keyof FlowVocabulary, JsonSchema> = {
  errorLoggers: stringList('Call patterns of error-level logging (`*` matches any name part: `*logger.error` is also `this.logger.error`).'),
  infoLoggers: stringList('Call patterns of info-level logging.'),
  persistMethods: stringList('Methods that persist an entity changed in memory (`job.status = "failed"; await em.flush()`).'),
  helperDepth: { type: 'integer', minimum: 0, maximum: 5, description: 'Levels of same-file calls whose writes and logs count as the task\'s.' },
};

export const sessionDefaults: SessionVocabulary = {
  sessionNames: ['session', 'em', 'manager', 'trx', 'tx', 'queryRunner'],
  sessionTypes: ['EntityManager', 'SqlEntityManager', 'QueryRunner', 'Session', 'ClientSession', 'Transaction', 'TransactionClient', 'PoolClient'],
  requestTypes: ['Request', 'FastifyRequest', 'IncomingMessage', 'NextRequest'],
  sessionFactories: {
    SessionLocal: ['close'],
    createSession: ['close'],
    createQueryRunner: ['release'],
    'em.fork': [],
    '*.transaction': [],
    '*.$transaction': [],
    '*.startSession': ['endSession'],
    '*pool.connect': ['release'],
  },
  sessionSources: ['ctx.session'],
};

export const sessionSchema: Record<keyof SessionVocabulary, JsonSchema> = {
  sessionNames: stringList('Names of parameters and variables that hold a database session or transaction.'),
  sessionTypes: stringList('Type names of sessions (the last name of `Knex.Transaction` is matched too).'),
  requestTypes: stringList('Type names of HTTP requests.'),
  sessionFactories: {
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
    description: 'Session factories (call patterns) → the methods that release what they open; [] when nothing must be released.',
  },
  sessionSources: stringList('Property reads that hand a task its own session (the runtime\'s `ctx.session`).'),
};

export const deferDefaults: Omit<DeferVocabulary, 'deferrers'> & { deferrers: string[] } = {
  deferrers: ['setImmediate', 'setTimeout', 'process.nextTick', 'queueMicrotask'],
  eventMethods: ['on', 'once'],
  events: ['finish', 'close'],
  observedCalls: ['*.enqueue', 'enqueue'],
  typeAware: false,
};

export const deferSchema: Record<keyof DeferVocabulary, JsonSchema> = {
  deferrers: stringList('Calls that run their function argument later (the subjects\' backgroundAdders are added).'),
  eventMethods: stringList('Methods that register a callback for a response event: `res.on`.'),
  events: stringList('Response events whose callback runs after the response: `finish`, `close`.'),
  observedCalls: stringList('Calls whose promise needs no observer: the runtime\'s `enqueue` records failures itself.'),
  typeAware: { type: 'boolean', description: 'Ask the type checker whether a method call syntax cannot follow returns a Promise.' },
};

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

export const fieldDefaults: FieldNames = { startedField: 'started_at', completedField: 'completed_at', errorField: 'error_message' };

export const fieldSchema: Record<keyof FieldNames, JsonSchema> = {
  startedField: { type: 'string', minLength: 1, description: 'The field a task writes when it starts.' },
  completedField: { type: 'string', minLength: 1, description: 'The field a task writes when it ends.' },
  errorField: { type: 'string', minLength: 1, description: 'The field a failed task writes the error to.' },
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
