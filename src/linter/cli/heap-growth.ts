import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what the last full collection kept alive, in percent: 2x.
 *
 * A cold run promotes every parsed tree to the old generation (a file's check outlives several
 * young collections) and releases it a moment later, so most of the old generation is garbage
 * between full collections. On a machine with memory to spare V8 grows the heap up to 4x the live
 * set before collecting: on 20,000 generated files 1.4 GB of peak memory for ~300 MB live. At 2x
 * (V8's own bound on memory-constrained devices) the peak is ~0.9 GB for about the same CPU time;
 * 1.5x cost 15% more CPU (docs/benchmarks.md, "Branch mem").
 */
export const HEAP_GROWING_PERCENT = 100;

/** Applied by bin/bg-lint.js before the linter loads; a process-wide V8 setting, so only the CLI sets it, never the library. */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
