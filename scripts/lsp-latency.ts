/**
 * Measures the language server's latency (not a test: speed is measured, never asserted):
 * diagnostics for an edited file, from the didChange notification to the publishDiagnostics for that
 * version, on the generated project of bench/generate.ts, once warm.
 *
 *   npm run build && npx tsx scripts/lsp-latency.ts [--files 5000] [--edits 30] [--debounce 75]
 *   (BG_LINT_LSP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server)
 *
 * It opens a task file (the first lint builds the session: config, file list, facts), makes a few
 * warm-up edits, then times `--edits` edits that alternately add and remove a legacy status write.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateProject } from '../bench/generate.js';
import { startLsp } from '../test/linter/lsp/lsp-client.js';

const { values } = parseArgs({ options: { files: { type: 'string', default: '5000' }, edits: { type: 'string', default: '30' }, debounce: { type: 'string', default: '75' } } });
const project = generateProject(Number(values.files));
const tasks = join(project.dir, 'src/tasks');
const file = join(tasks, readdirSync(tasks).filter((f) => f.endsWith('.ts')).sort()[0]!);
const original = readFileSync(file, 'utf8');
const edited = `${original}\nexport async function touch(job) {\n  job.status = 'processing';\n}\n`;

const client = await startLsp(project.dir, { debounceMs: Number(values.debounce) });
let t = performance.now();
const first = client.diagnostics(file);
client.open(file, original);
await first;
console.log(`project: ${project.files} files (${project.dir}); file: ${file.slice(project.dir.length + 1)}`);
console.log(`first diagnostics after open (cold session): ${(performance.now() - t).toFixed(0)} ms`);

let version = 1;
async function edit(): Promise<number> {
  version += 1;
  const text = version % 2 === 0 ? edited : original;
  const expectLegacy = version % 2 === 0;
  const got = client.diagnostics(file, (ds) => ds.some((d) => d.code === 'BG-010' && d.range.start.line > original.split('\n').length - 2) === expectLegacy);
  const start = performance.now();
  client.change(file, text, version);
  await got;
  return performance.now() - start;
}

for (let i = 0; i < 5; i++) await edit();
const times: number[] = [];
for (let i = 0; i < Number(values.edits); i++) times.push(await edit());
times.sort((a, b) => a - b);
const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(0);
console.log(`edits: ${times.length}, debounce ${values.debounce} ms included`);
console.log(`latency ms: min ${pick(0)}, median ${pick(0.5)}, p90 ${pick(0.9)}, max ${pick(1)}`);
await client.close();
