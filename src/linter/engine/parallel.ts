import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResolveOptions } from '../config/resolve.js';
import { checkFiles, InternalError, type CheckInput, type CheckOutput, type SourceInput } from './check-files.js';

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
  prefilter?: boolean;
}

export type WorkerReply = { ok: true; output: CheckOutput } | { ok: false; file?: string; ruleId?: string; message: string };

/**
 * When threads pay, decided by measurement (`npm run bench`, docs/benchmarks.md). Each extra thread
 * costs ~0.5 s to start (the TypeScript compiler, the rules) and repeats the shared work of its
 * shard (model files, imported constants, its own type checker): on 5,000 files two threads used
 * 28 s of CPU where one used 17 s. On this project's 2-core machines two threads therefore never
 * won (1,000 files: 3.95 s vs 3.94 s; 5,000: 14.6-16.3 s vs 11.9-14.7 s, and 1.27 GB against
 * 0.8 GB). With 4 or more cores the same overhead leaves room to win (17 s x 1.6 / 4 < 17 s), so
 * `auto` uses threads only there, from PARALLEL_THRESHOLD files: that part is arithmetic on the
 * measured overhead, not yet a measurement. `--concurrency n` forces n threads anywhere.
 */
export const PARALLEL_THRESHOLD = 2000;
export const MIN_CORES_FOR_THREADS = 4;

export function workerCount(files: number, requested?: number, cores = availableParallelism()): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, files));
  if (files < PARALLEL_THRESHOLD || cores < MIN_CORES_FOR_THREADS) return 1;
  return Math.max(1, Math.min(cores, 8, Math.floor(files / (PARALLEL_THRESHOLD / 2))));
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

/**
 * Checks files on several threads, one contiguous shard each: this thread takes the first shard
 * while worker threads take the others (an idle main thread would cost a worker's memory for
 * nothing). Results come back in the same order as one thread gives them.
 */
export async function checkInParallel(input: CheckInput, selection: RuleSelection, threads: number): Promise<CheckOutput> {
  const [own = [], ...others] = shard(input.targets, threads);
  const workers = others.map((targets) => runWorker({ selection, targets, projectPaths: input.projectPaths, ...(input.prefilter === false ? { prefilter: false } : {}) }));
  // If this thread's shard throws, the workers' rejections must not go unobserved.
  let mine: CheckOutput;
  try {
    mine = checkFiles({ ...input, targets: own });
  } catch (error) {
    await Promise.allSettled(workers);
    throw error;
  }
  const outputs = [mine, ...(await Promise.all(workers))];
  return {
    files: outputs.flatMap((o) => o.files),
    typeCheckersCreated: outputs.reduce((n, o) => n + o.typeCheckersCreated, 0),
    prefiltered: outputs.reduce((n, o) => n + (o.prefiltered ?? 0), 0),
  };
}
