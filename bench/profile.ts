/**
 * Where does bg-lint spend its time? Runs the engine in-process on a generated project and prints
 * time (and memory) per phase next to the floor linter.md quotes ("a bare parse-and-walk").
 *
 *   npx tsx bench/profile.ts [--size 1000] [--concurrency 1] [--rules]
 *   node --expose-gc --import tsx bench/profile.ts ...   # gc between phases: steadier memory numbers
 *
 * The programmatic API (`lint` from src/linter/lint.ts) does not expose its phases, so they are
 * taken apart from the outside:
 *   - floor: read every file, `ts.createSourceFile`, a `ts.forEachChild` walk (without and with
 *     parent pointers, which the engine sets);
 *   - discovery alone (the engine's `discoverFiles`, if that module is there);
 *   - the type checker floor: a program (own sources, no lib) + checker over the floor's trees;
 *   - `lint()` with no rules (config + discovery + read + parse + index), with all rules, and, with
 *     `--rules`, with each rule alone (its cost = that run − the no-rule run);
 *   - formatting: each formatter over the full report.
 * Runs in the engine's source (tsx), so numbers include a first-use JIT warm-up: the full `lint()`
 * is run twice and both are printed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ts } from 'ts-morph';
import { formatters, type FormatName } from '../src/linter/formatters/index.js';
import { lint, type LintOptions, type LintResult } from '../src/linter/lint.js';
import { DEFAULT_OUT, generateProject } from './generate.js';

interface Args {
  size: number;
  concurrency: number | undefined;
  perRule: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { size: 1000, concurrency: undefined, perRule: false };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--size') a.size = Number(argv[++i]);
    else if (argv[i] === '--concurrency') a.concurrency = Number(argv[++i]);
    else if (argv[i] === '--rules') a.perRule = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return a;
}

interface Phase {
  name: string;
  ms: number;
  /** CPU time of this process (all threads): steadier than wall time on a busy machine. */
  cpuMs: number;
  rssMb: number;
  heapMb: number;
  note?: string;
}

const phases: Phase[] = [];
const gc = (globalThis as { gc?: () => void }).gc;

async function time<T>(name: string, fn: () => T | Promise<T>, note?: (r: T) => string): Promise<T> {
  gc?.();
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await fn();
  const ms = performance.now() - t;
  const cu = process.cpuUsage(c);
  const cpuMs = (cu.user + cu.system) / 1000;
  const mem = process.memoryUsage();
  phases.push({ name, ms, cpuMs, rssMb: mem.rss / 2 ** 20, heapMb: mem.heapUsed / 2 ** 20, ...(note ? { note: note(r) } : {}) });
  console.error(`  ${name}: ${(ms / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU`);
  return r;
}

function walkCount(sf: ts.SourceFile): number {
  let n = 0;
  const visit = (node: ts.Node): void => {
    n += 1;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return n;
}

const KINDS: Record<string, ts.ScriptKind> = { '.tsx': ts.ScriptKind.TSX, '.jsx': ts.ScriptKind.JSX, '.js': ts.ScriptKind.JS, '.mjs': ts.ScriptKind.JS, '.cjs': ts.ScriptKind.JS };
const kindOf = (p: string): ts.ScriptKind => KINDS[p.slice(p.lastIndexOf('.'))] ?? ts.ScriptKind.TS;

function parseAll(files: string[], parents: boolean): { trees: Map<string, ts.SourceFile>; nodes: number } {
  const trees = new Map<string, ts.SourceFile>();
  let nodes = 0;
  for (const f of files) {
    const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, parents, kindOf(f));
    nodes += walkCount(sf);
    trees.set(f, sf);
  }
  return { trees, nodes };
}

/**
 * The floor for the type-aware rules, built here rather than through the engine's internals (which
 * change): a program over the already parsed trees, no lib files, relative imports resolved to the
 * project's files, external ones left unresolved (so they type as `any`), and its checker, which
 * binds every file. linter.md asks the engine for exactly this shape.
 */
function projectChecker(files: string[], trees: Map<string, ts.SourceFile>): ts.TypeChecker {
  const exts = ['', '.ts', '.tsx', '.js', '.jsx', '.mts', '.cts', '/index.ts', '/index.tsx', '/index.js'];
  const resolveRelative = (from: string, spec: string): string | undefined => {
    if (!spec.startsWith('.')) return undefined;
    const base = resolve(from, '..', spec.replace(/\.js$/, ''));
    for (const e of exts) if (trees.has(base + e)) return base + e;
    return trees.has(resolve(from, '..', spec)) ? resolve(from, '..', spec) : undefined;
  };
  const host: ts.CompilerHost = {
    getSourceFile: (f) => trees.get(f),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => trees.has(f),
    readFile: () => undefined,
    resolveModuleNameLiterals: (literals, containingFile) =>
      literals.map((l) => {
        const r = resolveRelative(containingFile, l.text);
        if (!r) return { resolvedModule: undefined };
        const extension = r.endsWith('.tsx') ? ts.Extension.Tsx : r.endsWith('.jsx') ? ts.Extension.Jsx : /\.(c|m)?js$/.test(r) ? ts.Extension.Js : ts.Extension.Ts;
        return { resolvedModule: { resolvedFileName: r, extension, isExternalLibraryImport: false } };
      }),
  };
  const options: ts.CompilerOptions = { noLib: true, allowJs: true, checkJs: false, jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.Latest, module: ts.ModuleKind.ESNext, types: [], noEmit: true, experimentalDecorators: true };
  return ts.createProgram({ rootNames: files, options, host }).getTypeChecker();
}

async function optionalImport<T>(path: string): Promise<T | undefined> {
  try {
    return (await import(path)) as T;
  } catch {
    return undefined;
  }
}

function summary(r: LintResult): string {
  return `${r.report.files.length} files, ${r.counts.error} errors, ${r.counts.warning} warnings, ${r.counts.info} info; type checkers: ${r.typeCheckersCreated}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const project = generateProject(args.size, DEFAULT_OUT);
  const dir = project.dir;
  const base: LintOptions = { cwd: dir, paths: ['.'] };
  // `concurrency` is passed only when asked for, so this runs against engines without it.
  const opts = (extra: Partial<LintOptions> = {}): LintOptions =>
    ({ ...base, ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}), ...extra }) as LintOptions;
  console.error(`profile: ${dir} (${project.files} files), node ${process.version}, concurrency ${args.concurrency ?? 'engine default'}, gc ${gc ? 'on' : 'off (use node --expose-gc --import tsx)'}`);

  // Files as the engine sees them: its own report lists every linted file.
  const full1 = await time('lint(): all rules (1st call, JIT cold)', () => lint(opts()), summary);
  const files = full1.report.files.map((f) => resolve(dir, f.file));
  await time('lint(): all rules (2nd call)', () => lint(opts()), summary);
  await time('lint(): no rules (config + discovery + read + parse + index)', () => lint(opts({ onlyRules: [] })), summary);

  const discover = await optionalImport<{ discoverFiles(i: { cwd: string; paths: string[] }): Promise<{ files: unknown[] }> }>(
    '../src/linter/engine/discover.js',
  );
  if (discover) {
    await time('  discovery alone (discoverFiles)', () =>
      discover.discoverFiles({ cwd: dir, paths: ['.'] }),
      (r) => `${r.files.length} files`);
  }

  await time('floor: read + createSourceFile + forEachChild walk', () => parseAll(files, false), (r) => `${r.nodes.toLocaleString('en-US')} nodes`);
  const withParents = await time('floor: the same with parent pointers (as the engine parses)', () => parseAll(files, true), (r) => `${r.nodes.toLocaleString('en-US')} nodes`);

  await time('  type checker floor: program + checker over those trees (own sources only, noLib)', () => {
    const c = projectChecker(files, withParents.trees);
    return (c as unknown as { getTypeCount?: () => number }).getTypeCount?.() ?? 0;
  }, (n) => `${n} types created by binding`);

  if (args.perRule) {
    // The baseline again, now that the JIT is warm: per-rule costs are taken against the lower one.
    await time('lint(): no rules, again (baseline for the per-rule rows)', () => lint(opts({ onlyRules: [] })), summary);
    for (const rule of full1.report.rules) {
      await time(`lint(): only ${rule.id}`, () => lint(opts({ onlyRules: [rule.id] })), summary);
    }
  }

  for (const name of Object.keys(formatters) as FormatName[]) {
    await time(`format ${name}`, () => formatters[name](full1.report, { color: false }), (s) => `${(s.length / 1024).toFixed(0)} KB`);
  }

  const noRules = Math.min(...phases.filter((p) => p.name.startsWith('lint(): no rules')).map((p) => p.cpuMs));
  console.log(`\n### Profile: ${project.files} files (${dir}), node ${process.version}, concurrency ${args.concurrency ?? 'engine default'}\n`);
  console.log('| phase | wall s | CPU s | RSS after MB | heap after MB | notes |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const p of phases) {
    const extra = p.name.startsWith('lint(): only ') ? ` (rule ≈ ${((p.cpuMs - noRules) / 1000).toFixed(2)} s CPU)` : '';
    console.log(`| ${p.name} | ${(p.ms / 1000).toFixed(2)} | ${(p.cpuMs / 1000).toFixed(2)} | ${p.rssMb.toFixed(0)} | ${p.heapMb.toFixed(0)} | ${p.note ?? ''}${extra} |`);
  }
  console.log(`\npeak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

await main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

