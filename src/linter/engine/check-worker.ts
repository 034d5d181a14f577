import { parentPort, workerData } from 'node:worker_threads';
import { builtinChecks } from '../checks/registry.js';
import { resolveConfiguration } from '../config/resolve.js';
import { checkFiles, InternalError } from './check-files.js';
import type { WorkerJob, WorkerReply } from './parallel.js';

/** A worker thread: rebuild the same rules, check one shard, post the results back once. */
const job = workerData as WorkerJob;
let reply: WorkerReply;
try {
  const config = resolveConfiguration({ ...job.selection.resolve, checks: builtinChecks });
  const ids = new Set(job.selection.ruleIds);
  const rules = config.rules.filter((r) => ids.has(r.id) && r.level !== 'off');
  reply = { ok: true, output: checkFiles({
    root: config.root,
    subjects: config.subjects,
    rules,
    knownRuleIds: config.rules.map((r) => r.id),
    targets: job.targets,
    projectPaths: job.projectPaths,
    ...(job.prefilter === false ? { prefilter: false } : {}),
    ...(config.tsconfig !== undefined ? { tsconfig: config.tsconfig } : {}),
  }) };
} catch (error) {
  reply = error instanceof InternalError
    ? { ok: false, file: error.file, ruleId: error.ruleId, message: error.message }
    : { ok: false, message: error instanceof Error ? error.stack ?? error.message : String(error) };
}
parentPort!.postMessage(reply);
