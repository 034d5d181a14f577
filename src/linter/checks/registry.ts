import type { Check } from './check.js';
import coOccurrence from './co-occurrence.js';
import forbiddenCall from './forbidden-call.js';
import jobModelStatus from './job-model-status.js';
import pollingInterval from './polling-interval.js';
import requiredCall from './required-call.js';
import requiredField from './required-field.js';
import textPatterns from './text-patterns.js';

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
  ].map((c: Check<any>) => [c.meta.name, c]),
);
