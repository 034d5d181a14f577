import type { SubjectSettings } from '../facts/project/subjects.js';
import type { Needles } from './prefilter-needles.js';
import { prefilter as blockingHandler } from '../checks/blocking-handler.js';
import { prefilter as coOccurrence } from '../checks/co-occurrence.js';
import { prefilter as failureSession } from '../checks/failure-session.js';
import { prefilter as forbiddenCall } from '../checks/forbidden-call.js';
import { prefilter as jobModelStatus } from '../checks/job-model-status.js';
import { prefilter as observedPromises } from '../checks/observed-promises.js';
import { prefilter as pageStatusOnReturn } from '../checks/page-status-on-return.js';
import { prefilter as pollingInterval } from '../checks/polling-interval.js';
import { prefilter as requiredCall } from '../checks/required-call.js';
import { prefilter as requiredField } from '../checks/required-field.js';
import { prefilter as safeDelete } from '../checks/safe-delete.js';
import { prefilter as statusTyped } from '../checks/status-typed.js';
import { prefilter as statusValues } from '../checks/status-values.js';
import { prefilter as taskCompletion } from '../checks/task-completion.js';
import { prefilter as taskExceptions } from '../checks/task-exceptions.js';
import { prefilter as taskLogging } from '../checks/task-logging.js';
import { prefilter as taskRegistry } from '../checks/task-registry.js';
import { prefilter as taskSession } from '../checks/task-session.js';
import { prefilter as taskStart } from '../checks/task-start.js';
import { prefilter as textPatterns } from '../checks/text-patterns.js';
import { prefilter as triggerResponse } from '../checks/trigger-response.js';

type Declare = (options: any, subjects: SubjectSettings) => Needles;

/** Each built-in check's own prefilter (declared in its file, next to `meta` and `check`), by check name. A check missing here has none. */
export const checkPrefilters: ReadonlyMap<string, Declare> = new Map<string, Declare>([
  ['blocking-handler', blockingHandler],
  ['co-occurrence', coOccurrence],
  ['failure-session', failureSession],
  ['forbidden-call', forbiddenCall],
  ['job-model-status', jobModelStatus],
  ['observed-promises', observedPromises],
  ['page-status-on-return', pageStatusOnReturn],
  ['polling-interval', pollingInterval],
  ['required-call', requiredCall],
  ['required-field', requiredField],
  ['safe-delete', safeDelete],
  ['status-typed', statusTyped],
  ['status-values', statusValues],
  ['task-completion', taskCompletion],
  ['task-exceptions', taskExceptions],
  ['task-logging', taskLogging],
  ['task-registry', taskRegistry],
  ['task-session', taskSession],
  ['task-start', taskStart],
  ['text', textPatterns],
  ['trigger-response', triggerResponse],
]);
