import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of docs/architecture.md, read from the sources as the compiler reads them
 * (ts.preProcessFile): src/linter and src/runtime meet only in src/shared, and the linter's facts are
 * layered project ← syntax ← records ← domain (tasks, http) ← checks, with no import going up.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const src = path.join(repo, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every relative import of every file under src/, as repo-relative POSIX paths of .ts files. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((s) => s.startsWith('.'))
      .map((s) => path.relative(repo, path.resolve(path.dirname(file), s)).split(path.sep).join('/').replace(/\.js$/, '.ts'));
    graph.set(path.relative(repo, file).split(path.sep).join('/'), targets);
  }
  return graph;
}

/** Rank of a linter module in the layering; undefined for modules the layering does not order. */
const FACT_LAYERS: Record<string, number> = { project: 0, syntax: 1, records: 2, tasks: 3, http: 3 };
function layerOf(file: string): { name: string; rank: number } | undefined {
  const facts = /^src\/linter\/facts\/([^/]+)\//.exec(file);
  if (facts) return { name: `facts/${facts[1]}`, rank: FACT_LAYERS[facts[1]!] ?? -1 };
  if (file.startsWith('src/linter/checks/')) return { name: 'checks', rank: 4 };
  return undefined;
}

/** The imports that break a rule, as `from → to (why)`. */
export function violations(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const side = (f: string) => (f.startsWith('src/linter/') ? 'linter' : f.startsWith('src/runtime/') ? 'runtime' : 'other');
      if (side(from) !== 'other' && side(to) !== 'other' && side(from) !== side(to)) out.push(`${from} → ${to} (linter and runtime meet only in src/shared)`);
      if (from.startsWith('src/shared/') && !to.startsWith('src/shared/')) out.push(`${from} → ${to} (src/shared imports only src/shared)`);
      const a = layerOf(from);
      if (a === undefined || !from.startsWith('src/linter/facts/')) continue;
      if (a.rank < 0) out.push(`${from} (not in a layer: project, syntax, records, tasks or http)`);
      const b = layerOf(to);
      if (b === undefined) {
        if (to.startsWith('src/linter/')) out.push(`${from} → ${to} (facts import only facts and src/shared)`);
      } else if (b.rank > a.rank) out.push(`${from} → ${to} (${a.name} is below ${b.name})`);
    }
  }
  return out;
}

describe('import rules', () => {
  it('holds for the sources', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(violations(graph)).toEqual([]);
  });

  it('every facts module is in a layer folder', () => {
    const flat = readdirSync(path.join(src, 'linter/facts'), { withFileTypes: true }).filter((e) => e.isFile());
    expect(flat.map((e) => e.name)).toEqual([]);
    const folders = readdirSync(path.join(src, 'linter/facts'));
    expect(folders.sort()).toEqual(Object.keys(FACT_LAYERS).sort());
  });

  it('reports an import that goes up, across, or out of facts', () => {
    const graph = new Map([
      ['src/linter/facts/syntax/fold.ts', ['src/linter/facts/records/job-models.ts', 'src/linter/facts/project/names.ts']],
      ['src/linter/facts/records/job-models.ts', ['src/linter/checks/check.ts', 'src/shared/jobs.ts']],
      ['src/linter/facts/tasks/task-flow.ts', ['src/linter/facts/http/routes.ts']],
      ['src/runtime/worker.ts', ['src/linter/facts/syntax/fold.ts']],
      ['src/linter/checks/task-start.ts', ['src/linter/facts/tasks/task-flow.ts']],
      ['src/shared/jobs.ts', ['src/runtime/job-record.ts']],
    ]);
    expect(violations(graph)).toEqual([
      'src/linter/facts/syntax/fold.ts → src/linter/facts/records/job-models.ts (facts/syntax is below facts/records)',
      'src/linter/facts/records/job-models.ts → src/linter/checks/check.ts (facts/records is below checks)',
      'src/runtime/worker.ts → src/linter/facts/syntax/fold.ts (linter and runtime meet only in src/shared)',
      'src/shared/jobs.ts → src/runtime/job-record.ts (src/shared imports only src/shared)',
    ]);
  });
});
