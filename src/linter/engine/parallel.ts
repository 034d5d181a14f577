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
}

export type WorkerReply = { ok: true; output: CheckOutput } | { ok: false; file?: string; ruleId?: string; message: string };

/**
 * Below this many files to check, one thread is faster: a worker costs ~0.5 s to start (loading the
 * TypeScript compiler, resolving the rules), and each thread parses again the shared files its shard
 * reads (models, imported constants) and builds its own type checker. Measured with `npm run bench`
 * on 2 cores (docs/benchmarks.md): at 1,000 files two threads were slower (9.4 s against 6.6 s),
 * at 5,000 faster (15.6 s against 20.2 s).
 */
export const PARALLEL_THRESHOLD = 2000;

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

/**
 * Checks files on several threads, one contiguous shard each: this thread takes the first shard
 * while worker threads take the others (an idle main thread would cost a worker's memory for
 * nothing). Results come back in the same order as one thread gives them.
 */
export async function checkInParallel(input: CheckInput, selection: RuleSelection, threads: number): Promise<CheckOutput> {
  const [own = [], ...others] = shard(input.targets, threads);
  const workers = others.map((targets) => runWorker({ selection, targets, projectPaths: input.projectPaths }));
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
  };
}
