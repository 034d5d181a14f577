/**
 * `npm run bench [-- --sizes 1000,5000 --runs 3 --timeout 600]`: bg-lint against its peers, side by side.
 * `npm run bench -- --project DIR [--project DIR2] --sizes none`: the same rows on real code bases
 * (a copy of each, see bench/real-project.ts), so anyone can measure it on their own code.
 *
 * For each size N it generates (or reuses) a project of N files (bench/generate.ts), and for each
 * --project it prepares a copy, and times, one after another in the same run:
 *   - bg-lint cold: `node bin/bg-lint.js . -f json -o /dev/null`, no cache;
 *   - bg-lint with a warm cache (`--cache --cache-location <tmp>`), when the CLI has the option;
 *   - bg-lint with a warm cache after a one-line edit of one file (a comment appended before each run);
 *   - bg-lint `--staged` (10 staged files in the generated git repo), when the CLI has the option;
 *   - ast-grep (`@ast-grep/cli`): `ast-grep scan` with bench/peers/ast-grep (the syntactic subset);
 *   - ESLint + @typescript-eslint/parser, `no-restricted-syntax` selectors for the same subset;
 *   - `grep -rc setInterval`: the floor for reading the files.
 * Every tool runs once untimed first (warms the page cache, fills bg-lint's cache, and its output is
 * kept to count findings), then `--runs` timed runs with the output thrown away. Reported: median
 * wall time, files/second, peak RSS (`/usr/bin/time -f '%e %M'`; without it, /proc or `ps` sampling),
 * and the ratio to bg-lint cold, as a Markdown table. The bg-lint binary runs from dist/: build first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OUT, generateProject, GENERATOR_VERSION } from './generate.js';
import { oneFileEdit, prepareProject, sourceFiles } from './real-project.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The bg-lint that is measured: a snapshot of the build (see snapshotBuild), so a rebuild or a rule
 * file edited in the working tree during the run cannot change it between runs (or empty its cache). */
let BIN = join(REPO, 'bin/bg-lint.js');
const NODE = process.execPath;
const TIME_BIN = '/usr/bin/time';
const require = createRequire(import.meta.url);

const TOOL_IDS = ['cold', 'cold-1t', 'cache', 'edit', 'staged', 'ast-grep', 'eslint', 'grep'] as const;
type ToolId = (typeof TOOL_IDS)[number];

interface Options {
  sizes: number[];
  /** Real code bases (--project, repeatable). */
  projects: string[];
  tools: ToolId[];
  runs: number;
  timeoutS: number;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { sizes: [1000, 5000], projects: [], tools: [...TOOL_IDS], runs: 3, timeoutS: 600, out: DEFAULT_OUT };
  let sizesGiven = false;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--sizes' && v) { o.sizes = v === 'none' ? [] : v.split(',').map((s) => Number(s.replace(/_/g, ''))); sizesGiven = true; i += 1; }
    else if (a === '--project' && v) { o.projects.push(v); i += 1; }
    else if (a === '--runs' && v) { o.runs = Number(v); i += 1; }
    else if (a === '--timeout' && v) { o.timeoutS = Number(v); i += 1; }
    else if (a === '--out' && v) { o.out = v; i += 1; }
    else if (a === '--tools' && v) {
      const ids = v.split(',');
      const unknown = ids.filter((t) => !(TOOL_IDS as readonly string[]).includes(t));
      if (unknown.length) throw new Error(`--tools: unknown ${unknown.join(', ')}; known: ${TOOL_IDS.join(', ')}`);
      o.tools = ids as ToolId[];
      i += 1;
    }
    else if (a === '-h' || a === '--help') {
      console.log(`npm run bench [-- --sizes 1000,5000|none --project DIR ... --runs 3 --timeout 600 --out /tmp/bg-lint-bench --tools ${TOOL_IDS.join(',')}]`);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  // `--project DIR` alone measures that code base; add --sizes to have the generated ones beside it.
  if (o.projects.length > 0 && !sizesGiven) o.sizes = [];
  if (o.sizes.some((s) => !Number.isInteger(s) || s < 50)) throw new Error('--sizes: integers >= 50');
  if (o.sizes.length === 0 && o.projects.length === 0) throw new Error('nothing to measure: --sizes none needs a --project');
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs: an integer >= 1');
  return o;
}

// ---------------------------------------------------------------------------------------------
// Running one command, measured

interface Measure {
  wallS: number;
  /** User + system CPU seconds (from /usr/bin/time; undefined without it): steadier than wall time on a busy machine. */
  cpuS: number | undefined;
  /** Peak resident set size in MB, or undefined when it could not be measured. */
  rssMb: number | undefined;
  /** How the RSS was measured. */
  rssBy: 'time' | 'proc' | 'ps' | 'none';
  code: number | null;
  timedOut: boolean;
  stderr: string;
}

interface Command {
  cmd: string;
  args: string[];
  cwd: string;
  /** Where stdout goes: a file path or 'ignore'. */
  stdoutTo: string;
}

/** BG_LINT_BENCH_NO_TIME=1 forces the fallback (sampling), to test it where /usr/bin/time exists. */
const hasTime = !process.env.BG_LINT_BENCH_NO_TIME && existsSync(TIME_BIN) && spawnSync(TIME_BIN, ['-f', '%e %M', 'true'], { encoding: 'utf8' }).status === 0;
const hasProc = existsSync('/proc/self/status');

function peakFromProc(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function rssFromPs(pid: number): number | undefined {
  const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  const kb = Number(r.stdout.trim());
  return r.status === 0 && Number.isFinite(kb) && kb > 0 ? kb : undefined;
}

/** The process group being measured (children are detached so a timeout can kill the whole tree). */
let running: number | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (running !== undefined) {
      try {
        process.kill(-running, 'SIGKILL');
      } catch {
        // gone
      }
    }
    process.exit(130);
  });
}

/**
 * Copies what the binary needs (bin, dist, rules, schema, package.json; node_modules linked) to
 * `<out>/snapshot`: other work in the repository (a rebuild, a rule file being edited) then cannot
 * change the tool halfway through the runs.
 */
function snapshotBuild(out: string): string {
  const dir = join(out, 'snapshot');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const part of ['bin', 'dist', 'rules', 'schema', 'package.json']) {
    if (existsSync(join(REPO, part))) cpSync(join(REPO, part), join(dir, part), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

async function measure(c: Command, timeoutS: number): Promise<Measure> {
  const timeFile = join(tmpdir(), `bg-lint-bench-time-${process.pid}.txt`);
  const useTime = hasTime;
  const [cmd, args] = useTime ? [TIME_BIN, ['-f', '%e %M %U %S', '-o', timeFile, c.cmd, ...c.args]] : [c.cmd, c.args];
  const outFd = c.stdoutTo === 'ignore' ? 'ignore' : openSync(c.stdoutTo, 'w');
  const started = process.hrtime.bigint();
  const child = spawn(cmd, args, { cwd: c.cwd, stdio: ['ignore', outFd, 'pipe'], detached: true, env: { ...process.env, NO_COLOR: '1' } });
  running = child.pid;
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let sampledKb = 0;
  let rssBy: Measure['rssBy'] = useTime ? 'time' : hasProc ? 'proc' : 'ps';
  const sampler = useTime
    ? undefined
    : setInterval(() => {
        if (child.pid === undefined) return;
        const kb = hasProc ? peakFromProc(child.pid) : rssFromPs(child.pid);
        if (kb !== undefined) sampledKb = Math.max(sampledKb, kb);
      }, 20);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, timeoutS * 1000);
  const code = await new Promise<number | null>((res) => child.on('close', (status) => res(status)));
  running = undefined;
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  clearTimeout(timer);
  if (sampler) clearInterval(sampler);
  if (typeof outFd === 'number') closeSync(outFd);
  let rssMb: number | undefined;
  let cpuS: number | undefined;
  if (useTime) {
    try {
      const text = readFileSync(timeFile, 'utf8').trim().split('\n');
      const last = text[text.length - 1] ?? '';
      const [, kb, user, sys] = last.split(' ').map(Number);
      rssMb = kb !== undefined && Number.isFinite(kb) ? kb / 1024 : undefined;
      cpuS = user !== undefined && sys !== undefined && Number.isFinite(user + sys) ? user + sys : undefined;
      // /usr/bin/time writes "Command exited with non-zero status N" before the numbers: keep stderr clean.
    } catch {
      rssMb = undefined;
    }
    rmSync(timeFile, { force: true });
  } else {
    rssMb = sampledKb > 0 ? sampledKb / 1024 : undefined;
    if (rssMb === undefined) rssBy = 'none';
  }
  return { wallS, cpuS, rssMb, rssBy, code, timedOut, stderr };
}

// ---------------------------------------------------------------------------------------------
// The tools

interface Tool {
  id: ToolId;
  name: string;
  /** What it checks, for the table. */
  scope: string;
  /** Files it is asked to look at. */
  files: number;
  /** Exit codes that mean "ran fine" (findings are not failures). */
  okCodes: number[];
  /** Why the tool is not run ("n/a (not implemented)"), if it is not. */
  unavailable?: string;
  /** Undo state before the untimed first run (e.g. delete a cache). */
  reset?: () => void;
  /** Before each timed run (e.g. edit one file). */
  beforeRun?: () => void;
  /** After the last run (e.g. put the edited file back). */
  cleanup?: () => void;
  /** The command; `out` is where the untimed run keeps its report, 'ignore' for the timed ones. */
  command: (out: string) => Command;
  /** Findings in the untimed run's report. */
  count: (reportFile: string) => string;
}

function bgLintCounts(file: string): string {
  const results = JSON.parse(readFileSync(file, 'utf8')) as { messages: { ruleId: string }[] }[];
  let n = 0;
  let withFindings = 0;
  const byRule = new Map<string, number>();
  for (const r of results) {
    if (r.messages.length > 0) withFindings += 1;
    for (const m of r.messages) {
      n += 1;
      byRule.set(m.ruleId, (byRule.get(m.ruleId) ?? 0) + 1);
    }
  }
  const rules = [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([id, c]) => `${id.replace(/^BG-/, '')}:${c}`).join(' ');
  return `${n} in ${withFindings} files (${((100 * withFindings) / Math.max(1, results.length)).toFixed(1)} %) [${rules}]`;
}

function astGrepCounts(file: string): string {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const byRule = new Map<string, number>();
  for (const l of lines) {
    const id = (JSON.parse(l) as { ruleId: string }).ruleId.replace(/-tsx$/, '');
    byRule.set(id, (byRule.get(id) ?? 0) + 1);
  }
  return `${lines.length} [${[...byRule].sort().map(([k, v]) => `${k}:${v}`).join(' ')}]`;
}

function eslintCounts(file: string): string {
  const results = JSON.parse(readFileSync(file, 'utf8')) as { messages: { ruleId: string | null; message: string }[] }[];
  let n = 0;
  let fatal = 0;
  const byRule = new Map<string, number>();
  for (const r of results) {
    for (const m of r.messages) {
      if (m.ruleId === null) { fatal += 1; continue; }
      n += 1;
      const key = /\((BG-\d+)\)/.exec(m.message)?.[1] ?? m.ruleId;
      byRule.set(key, (byRule.get(key) ?? 0) + 1);
    }
  }
  return `${n} [${[...byRule].sort().map(([k, v]) => `${k.replace(/^BG-/, '')}:${v}`).join(' ')}]${fatal ? ` + ${fatal} parse errors` : ''} in ${results.length} files`;
}

function grepCounts(file: string): string {
  let lines = 0;
  let files = 0;
  for (const l of readFileSync(file, 'utf8').split('\n')) {
    const c = Number(l.slice(l.lastIndexOf(':') + 1));
    if (Number.isFinite(c) && c > 0) { lines += c; files += 1; }
  }
  return `${lines} lines in ${files} files`;
}

function astGrepBinary(): string | undefined {
  try {
    // The postinstall script knows where the platform package put the native binary; calling it
    // directly skips the JS shim that runs when the postinstall did not.
    const post = require('@ast-grep/cli/postinstall.js') as { resolveBinaryPath(): string | null };
    const p = post.resolveBinaryPath();
    if (p && existsSync(p)) return p;
  } catch {
    // fall through
  }
  const shim = join(REPO, 'node_modules/.bin/ast-grep');
  return existsSync(shim) ? shim : undefined;
}

function help(): string {
  const r = spawnSync(NODE, [BIN, '--help'], { encoding: 'utf8', timeout: 60_000 });
  return `${r.stdout}\n${r.stderr}`;
}

function tools(dir: string, n: number, tmp: string, staged: number, selected: readonly ToolId[]): Tool[] {
  const h = help();
  const hasCache = /--cache\b/.test(h) && /--cache-location\b/.test(h);
  const hasStaged = /--staged\b/.test(h);
  const hasConcurrency = /--concurrency\b/.test(h);
  const cacheDir = join(tmp, 'cache');
  const editCacheDir = join(tmp, 'cache-edit');
  const edit = oneFileEdit(dir, sourceFiles(dir));
  const sg = astGrepBinary();
  const eslint = join(REPO, 'node_modules/eslint/bin/eslint.js');
  const bg = (extra: string[]) => (out: string): Command => ({
    cmd: NODE,
    args: [BIN, ...extra, '-f', 'json', '-o', out === 'ignore' ? '/dev/null' : out],
    cwd: dir,
    stdoutTo: 'ignore',
  });
  const list: Tool[] = [
    {
      id: 'cold',
      name: 'bg-lint cold',
      scope: 'all bundled rules',
      files: n,
      okCodes: [0, 1],
      command: bg(['.']),
      count: bgLintCounts,
    },
    {
      id: 'cold-1t',
      name: 'bg-lint cold, one thread',
      scope: 'all bundled rules (`--concurrency off`)',
      files: n,
      okCodes: [0, 1],
      ...(hasConcurrency ? {} : { unavailable: 'n/a (not implemented)' }),
      command: bg(['.', '--concurrency', 'off']),
      count: bgLintCounts,
    },
    {
      id: 'cache',
      name: 'bg-lint warm cache',
      scope: 'all bundled rules',
      files: n,
      okCodes: [0, 1],
      ...(hasCache ? {} : { unavailable: 'n/a (not implemented)' }),
      reset: () => rmSync(cacheDir, { recursive: true, force: true }),
      command: bg(['.', '--cache', '--cache-location', `${cacheDir}/`]),
      count: bgLintCounts,
    },
    {
      id: 'edit',
      name: 'bg-lint warm cache, one file edited',
      scope: `all bundled rules; a comment appended to ${edit.file ?? '(no file)'} before each run`,
      files: n,
      okCodes: [0, 1],
      ...(hasCache ? {} : { unavailable: 'n/a (not implemented)' }),
      reset: () => rmSync(editCacheDir, { recursive: true, force: true }),
      beforeRun: edit.edit,
      cleanup: edit.restore,
      command: bg(['.', '--cache', '--cache-location', `${editCacheDir}/`]),
      count: bgLintCounts,
    },
    {
      id: 'staged',
      name: `bg-lint --staged (${staged} files)`,
      scope: 'all bundled rules',
      files: staged,
      okCodes: [0, 1],
      ...(hasStaged ? {} : { unavailable: 'n/a (not implemented)' }),
      command: bg(['--staged']),
      count: bgLintCounts,
    },
    {
      id: 'ast-grep',
      name: 'ast-grep scan',
      scope: 'subset: 041 literal setInterval, 021 execSync, 010 legacy `.status =` literal',
      files: n,
      okCodes: [0, 1],
      ...(sg ? {} : { unavailable: 'n/a (@ast-grep/cli not installed)' }),
      command: (out) => ({
        cmd: sg ?? 'ast-grep',
        args: ['scan', '-c', join(REPO, 'bench/peers/ast-grep/sgconfig.yml'), '--json=stream', '.'],
        cwd: dir,
        stdoutTo: out,
      }),
      count: astGrepCounts,
    },
    {
      id: 'eslint',
      name: 'ESLint + TS parser',
      scope: 'same subset (no-restricted-syntax)',
      files: n,
      okCodes: [0, 1],
      ...(existsSync(eslint) ? {} : { unavailable: 'n/a (eslint not installed)' }),
      command: (out) => ({
        cmd: NODE,
        args: [eslint, '--no-config-lookup', '-c', join(REPO, 'bench/peers/eslint/eslint.config.js'), '-f', 'json', ...(out === 'ignore' ? ['-o', '/dev/null'] : ['-o', out]), '.'],
        cwd: dir,
        stdoutTo: 'ignore',
      }),
      count: eslintCounts,
    },
    {
      id: 'grep',
      name: 'grep -rc setInterval',
      scope: 'reads every file (floor)',
      files: n,
      okCodes: [0, 1],
      command: (out) => ({
        cmd: 'grep',
        args: ['-rc', '--exclude-dir=.git', '--exclude-dir=node_modules', 'setInterval', '.'],
        cwd: dir,
        stdoutTo: out,
      }),
      count: grepCounts,
    },
  ];
  return list.filter((t) => selected.includes(t.id));
}

// ---------------------------------------------------------------------------------------------
// Reporting

interface Row {
  tool: Tool;
  findings: string;
  runs: Measure[];
  error?: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};

function fmtS(s: number): string {
  return s < 10 ? s.toFixed(2) : s.toFixed(1);
}

function table(rows: Row[], runs: number): string {
  const cold = rows.find((r) => r.tool.name === 'bg-lint cold');
  const coldWall = cold && !cold.error ? median(cold.runs.map((m) => m.wallS)) : undefined;
  const out = [
    `| tool | checks | files | findings (untimed run) | wall s, median of ${runs} (min–max) | CPU s (user+sys), median | files/s (wall) | peak RSS MB | wall vs bg-lint cold |`,
    '|---|---|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    if (r.tool.unavailable || r.error) {
      out.push(`| ${r.tool.name} | ${r.tool.scope} | ${r.tool.files} | ${r.error ?? r.tool.unavailable} | | | | | |`);
      continue;
    }
    const wall = median(r.runs.map((m) => m.wallS));
    const cpu = r.runs.map((m) => m.cpuS).filter((x): x is number => x !== undefined);
    const rss = r.runs.map((m) => m.rssMb).filter((x): x is number => x !== undefined);
    const approx = r.runs.some((m) => m.rssBy === 'proc' || m.rssBy === 'ps') ? '~' : '';
    const spread = r.runs.length > 1 ? ` (${fmtS(Math.min(...r.runs.map((m) => m.wallS)))}–${fmtS(Math.max(...r.runs.map((m) => m.wallS)))})` : '';
    out.push(
      `| ${r.tool.name} | ${r.tool.scope} | ${r.tool.files} | ${r.findings} | ${fmtS(wall)}${spread} | ${cpu.length ? fmtS(median(cpu)) : 'n/a'} | ${Math.round(r.tool.files / wall).toLocaleString('en-US')} | ${rss.length ? approx + Math.round(Math.max(...rss)) : 'n/a'} | ${coldWall ? (wall / coldWall).toFixed(2) + '×' : ''} |`,
    );
  }
  return out.join('\n');
}

/** The line of a failed run's stderr that says what went wrong (not the stack under it). */
function errorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('at ') && !l.startsWith('Command exited'));
  const line = lines.find((l) => /error/i.test(l)) ?? lines[lines.length - 1] ?? '(no output)';
  return line.replace(/\|/g, '\\|').slice(0, 200);
}

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 ? r.stdout.trim() : '';
}

function machine(): string {
  const cpu = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? cpus()[0]?.model ?? '?';
  const nproc = sh('nproc', []) || String(cpus().length);
  const mem = sh('free', ['-g']).split('\n').find((l) => l.startsWith('Mem:'))?.trim().split(/\s+/);
  const memText = mem ? `${mem[1]} GB total, ${mem[6] ?? '?'} GB available (free -g)` : `${Math.round(totalmem() / 2 ** 30)} GB total, ${Math.round(freemem() / 2 ** 30)} GB free`;
  const sgBin = astGrepBinary();
  const versions = [
    `node ${process.version}`,
    `bg-lint ${sh(NODE, [BIN, '--version'])}`,
    sgBin ? sh(sgBin, ['--version']) : 'ast-grep n/a',
    `eslint ${sh(NODE, [join(REPO, 'node_modules/eslint/bin/eslint.js'), '--version'])}`,
    `@typescript-eslint/parser ${readVersion('@typescript-eslint/parser')}`,
    sh('grep', ['--version']).split('\n')[0] ?? 'grep',
  ];
  return [
    `- CPU: ${cpu}, nproc ${nproc}`,
    `- memory: ${memText}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine skews the numbers)`,
    `- ${versions.join('; ')}`,
    `- peak RSS: ${hasTime ? "`/usr/bin/time -f '%e %M %U %S'` (max RSS of the process; for a process tree, of its largest process)" : hasProc ? '/proc/<pid>/status VmHWM sampled every 20 ms (~)' : '`ps -o rss=` sampled every 20 ms (~)'}`,
    `- date: ${new Date().toISOString()}; generator v${GENERATOR_VERSION}`,
  ].join('\n');
}

function readVersion(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(join(REPO, 'dist/linter/cli/main.js'))) {
    console.error('bench: dist/ is missing: build first (npm run build).');
    process.exit(2);
  }
  const srcNewest = newestMtime(join(REPO, 'src'));
  const distNewest = newestMtime(join(REPO, 'dist'));
  if (srcNewest > distNewest) console.error('bench: warning: src/ is newer than dist/: the numbers are for the last build.');
  const snapshot = snapshotBuild(o.out);
  BIN = join(snapshot, 'bin/bg-lint.js');
  const rules = spawnSync(NODE, [BIN, 'rules'], { encoding: 'utf8', timeout: 60_000 });
  if (rules.status !== 0) {
    console.error(`bench: \`bg-lint rules\` fails (dist/ and rules/ out of step? rebuild):\n${rules.stdout}${rules.stderr}`);
    process.exit(2);
  }
  const ruleCount = rules.stdout.trim().split('\n').filter((l) => /^BG-\d+/.test(l)).length;
  console.log(`# bg-lint benchmark\n\ncommand: \`npm run bench -- --sizes ${o.sizes.join(',') || 'none'}${o.projects.map((p) => ` --project ${p}`).join('')} --runs ${o.runs}${o.tools.length < TOOL_IDS.length ? ` --tools ${o.tools.join(',')}` : ''}\`\n\n${machine()}\n- bg-lint: snapshot of dist/ and rules/ at ${sh('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']) || '?'}${sh('git', ['-C', REPO, 'status', '--porcelain', '--', 'src', 'rules']) ? ' + uncommitted changes' : ''}, ${ruleCount} bundled rules loaded\n`);
  const startedAll = Date.now();
  /** Every selected tool on one project, `label` naming it in the progress lines. */
  const runAll = async (label: string, dir: string, n: number, staged: number): Promise<Row[]> => {
    const tmp = join(o.out, `run-${label.replace(/[^a-z0-9_-]+/gi, '-')}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const rows: Row[] = [];
    for (const tool of tools(dir, n, tmp, staged, o.tools)) {
      if (tool.unavailable) {
        rows.push({ tool, findings: '', runs: [] });
        console.error(`[${label}] ${tool.name}: ${tool.unavailable}`);
        continue;
      }
      tool.reset?.();
      const report = join(tmp, `${tool.name.replace(/[^a-z0-9]+/gi, '-')}.out`);
      const first = await measure(tool.command(report), o.timeoutS);
      const failed = (m: Measure): string | undefined =>
        m.timedOut ? `timeout after ${o.timeoutS} s` : m.code === null || !tool.okCodes.includes(m.code) ? `failed: exit ${m.code}: ${errorLine(m.stderr)}` : undefined;
      const error = failed(first);
      if (error) {
        rows.push({ tool, findings: '', runs: [], error });
        console.error(`[${label}] ${tool.name}: ${error}`);
        continue;
      }
      let findings: string;
      try {
        findings = tool.count(report);
      } catch (e) {
        findings = `? (${(e as Error).message.slice(0, 80)})`;
      }
      const runs: Measure[] = [];
      let runError: string | undefined;
      for (let i = 0; i < o.runs; i += 1) {
        tool.beforeRun?.();
        const m = await measure(tool.command('ignore'), o.timeoutS);
        runError = failed(m);
        if (runError) {
          console.error(`[${label}] ${tool.name}: run ${i + 1}: ${runError}`);
          break;
        }
        runs.push(m);
        console.error(`[${label}] ${tool.name}: run ${i + 1}: ${m.wallS.toFixed(2)} s wall, ${m.cpuS?.toFixed(2) ?? '?'} s CPU, ${m.rssMb?.toFixed(0) ?? '?'} MB`);
      }
      tool.cleanup?.();
      rows.push({ tool, findings, runs, ...(runError ? { error: runError } : {}) });
    }
    return rows;
  };
  for (const n of o.sizes) {
    const t0 = Date.now();
    const project = generateProject(n, o.out);
    console.error(`[${n}] project ${project.dir} ${project.reused ? 'reused' : `generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`}`);
    const rows = await runAll(String(n), project.dir, n, project.staged.length);
    console.log(`## ${n.toLocaleString('en-US')} files\n\n${table(rows, o.runs)}\n`);
  }
  for (const source of o.projects) {
    const project = prepareProject(source, o.out);
    const label = basename(resolve(source));
    console.error(`[${label}] copy ${project.dir}: ${project.files} source files, ${project.staged.length} staged`);
    const rows = await runAll(label, project.dir, project.files, project.staged.length);
    console.log(`## ${label}: ${project.files.toLocaleString('en-US')} source files${project.commit ? ` at commit ${project.commit}` : ''}\n\n${table(rows, o.runs)}\n`);
  }
  console.error(`bench: done in ${((Date.now() - startedAll) / 1000).toFixed(0)} s`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const e of readdirSafe(d)) {
      const p = join(d, e);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else newest = Math.max(newest, s.mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

function readdirSafe(d: string): string[] {
  try {
    return readdirSync(d);
  } catch {
    return [];
  }
}

await main();
