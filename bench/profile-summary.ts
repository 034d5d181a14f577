/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`) by self time: per function and per
 * module, so "where a cold scan's time goes" can be read without a GUI profiler.
 *
 *   npx tsx bench/profile-summary.ts /tmp/prof/CPU.*.cpuprofile [--top 15]
 *
 * Several profiles (one per thread) are summed. Self time is estimated from the sample counts
 * and each sample's time delta, which is what DevTools shows as "Self Time".
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Groups node_modules paths by package and repo paths by file, so a module row means one unit. */
function moduleOf(url: string): string {
  if (url === '') return '(native / V8)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    return `${pkg}/${rest[rest.length - 1]}`;
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}

function main(): void {
  const args = process.argv.slice(2);
  const topIdx = args.indexOf('--top');
  const top = topIdx >= 0 ? Number(args[topIdx + 1]) : 15;
  const files = args.filter((_, i) => topIdx < 0 || (i !== topIdx && i !== topIdx + 1));
  const byFn = new Map<string, number>();
  const byModule = new Map<string, number>();
  // Inclusive time of bg-lint's own functions (dist/): self time alone hides which of our
  // functions drive the TypeScript parser and binder, where most self time lands.
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const label = (frame: CallFrame): string =>
      `${frame.functionName || '(anonymous)'} ${moduleOf(frame.url)}:${frame.lineNumber + 1}`;
    profile.samples.forEach((id, i) => {
      const us = profile.timeDeltas[i] ?? 0;
      const frame = nodes.get(id)?.callFrame;
      if (!frame) return;
      const mod = moduleOf(frame.url);
      const fn = label(frame);
      byFn.set(fn, (byFn.get(fn) ?? 0) + us);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const f = nodes.get(at)?.callFrame;
        if (!f || !moduleOf(f.url).startsWith('dist/')) continue;
        const name = label(f);
        if (seen.has(name)) continue; // recursion counts once per sample
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      }
      byModule.set(mod, (byModule.get(mod) ?? 0) + us);
      total += us;
    });
  }
  const table = (title: string, rows: Map<string, number>): void => {
    console.log(`\n| ${title} | self ms | % |\n|---|---:|---:|`);
    for (const [name, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`| \`${name}\` | ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} |`);
    }
  };
  console.log(`total sampled: ${(total / 1e6).toFixed(2)} s over ${files.length} profile(s)`);
  table('function (self time)', byFn);
  table('module (self time)', byModule);
  table('bg-lint function (inclusive time)', inclusive);
}

main();
