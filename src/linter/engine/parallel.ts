import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResolveOptions } from '../config/resolve.js';
import type { CheckInput, CheckOutput, SourceInput } from './check-files.js';
import { InternalError } from './check-files.js';

/**
 * What a worker needs to rebuild the run's rules itself (compiled rules hold functions, which do not
 * cross threads): the same resolve options, and the ids the main thread chose to run.
 */
export interface RuleSelection {
  resolve: Omit<ResolveOptions, 'checks'>;
  ruleIds: string[];
}

export interface WorkerJob {
  selection: RuleSelection;
  targets: SourceInput[];
  projectPaths: readonly string[];
}

export type WorkerReply = { ok: true; output: CheckOutput } | { ok: false; file?: string; ruleId?: string; message: string };

/**
 * Below this many files to check, one thread is faster: a worker costs ~150 ms to start and load the
 * rules, and each worker parses the files its shard imports again. Measured with `npm run bench`
 * (see docs/benchmarks.md).
 */
export const PARALLEL_THRESHOLD = 400;

export function workerCount(files: number, requested?: number): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, files));
  if (files < PARALLEL_THRESHOLD) return 1;
  return Math.max(1, Math.min(availableParallelism(), 8, Math.floor(files / (PARALLEL_THRESHOLD / 2))));
}

/** Contiguous shards of the sorted paths: files of one folder (a model and its base) stay together. */
export function shard<T extends { path: string }>(items: readonly T[], count: number): T[][] {
  const sorted = [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const size = Math.ceil(sorted.length / count);
  const shards: T[][] = [];
  for (let i = 0; i < sorted.length; i += size) shards.push(sorted.slice(i, i + size));
  return shards;
}

function workerUrl(): { url: URL; execArgv: string[] } {
  // From dist/ the worker is compiled JS; from src/ (tests via vitest) it is TypeScript run through tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  return {
    url: new URL(fromSource ? './check-worker.ts' : './check-worker.js', import.meta.url),
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  };
}

function runWorker(job: WorkerJob): Promise<CheckOutput> {
  const { url, execArgv } = workerUrl();
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(url, { workerData: job, execArgv });
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      void worker.terminate();
      if (reply.ok) resolvePromise(reply.output);
      else reject(new InternalError(reply.file ?? '(worker)', reply.ruleId ?? '(engine)', new Error(reply.message)));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(new InternalError(job.targets[0]?.path ?? '(worker)', '(engine)', error));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new InternalError(job.targets[0]?.path ?? '(worker)', '(engine)', new Error(`worker exited with code ${code}`)));
    });
  });
}

/** Checks files on worker threads, one contiguous shard each; results in the same order as one thread. */
export async function checkInParallel(input: CheckInput, selection: RuleSelection, workers: number): Promise<CheckOutput> {
  const shards = shard(input.targets, workers);
  const outputs = await Promise.all(shards.map((targets) => runWorker({ selection, targets, projectPaths: input.projectPaths })));
  return {
    files: outputs.flatMap((o) => o.files),
    typeCheckersCreated: outputs.reduce((n, o) => n + o.typeCheckersCreated, 0),
  };
}
