import type { Check } from './check.js';
import coOccurrence from './co-occurrence.js';
import forbiddenCall from './forbidden-call.js';
import jobModelStatus from './job-model-status.js';
import pollingInterval from './polling-interval.js';
import requiredCall from './required-call.js';
import requiredField from './required-field.js';
import statusTyped from './status-typed.js';
import statusValues from './status-values.js';
import taskRegistry from './task-registry.js';
import textPatterns from './text-patterns.js';
import triggerResponse from './trigger-response.js';
import blockingHandler from './blocking-handler.js';
import safeDelete from './safe-delete.js';
import pageStatusOnReturn from './page-status-on-return.js';
import taskStart from './task-start.js';
import taskCompletion from './task-completion.js';
import taskExceptions from './task-exceptions.js';
import taskSession from './task-session.js';
import failureSession from './failure-session.js';
import observedPromises from './observed-promises.js';
import taskLogging from './task-logging.js';

/** Every built-in check, by the name rule files use in `check:`. */
export const builtinChecks: ReadonlyMap<string, Check<any>> = new Map(
  [
    jobModelStatus,
    requiredField,
    pollingInterval,
    forbiddenCall,
    requiredCall,
    coOccurrence,
    textPatterns,
    triggerResponse,
    blockingHandler,
    safeDelete,
    pageStatusOnReturn,
    statusValues,
    taskStart,
    taskCompletion,
    taskExceptions,
    taskSession,
    failureSession,
    observedPromises,
    taskLogging,
    statusTyped,
    taskRegistry,
  ].map((c: Check<any>) => [c.meta.name, c]),
);
