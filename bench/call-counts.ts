/**
 * Exact call counts of named functions in one run, from V8's precise coverage: deterministic where
 * CPU times on a shared machine are not (how many files were preprocessed, parsed, resolved).
 *
 *   NODE_V8_COVERAGE=/tmp/cov node bin/bg-lint.js --concurrency off -f json -o /dev/null <project>
 *   npx tsx bench/call-counts.ts /tmp/cov importsOf@project-snapshot resolveModuleName@typescript.js
 *
 * A name is `function@part-of-the-script-url` (the part is optional). Counts are summed over every
 * function of that name in matching scripts, so compare runs of two builds, not absolute numbers.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Coverage {
  result: Array<{ url: string; functions: Array<{ functionName: string; ranges: Array<{ count: number }> }> }>;
}

const [dir, ...names] = process.argv.slice(2);
if (!dir || names.length === 0) {
  console.error('usage: tsx bench/call-counts.ts <NODE_V8_COVERAGE dir> <function[@url part]>...');
  process.exit(2);
}
const counts = new Map(names.map((n) => [n, 0]));
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const coverage = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Coverage;
  for (const script of coverage.result) {
    for (const fn of script.functions) {
      for (const name of names) {
        const [wanted, urlPart] = name.split('@');
        if (fn.functionName === wanted && (!urlPart || script.url.includes(urlPart))) counts.set(name, counts.get(name)! + (fn.ranges[0]?.count ?? 0));
      }
    }
  }
}
console.log(JSON.stringify(Object.fromEntries(counts), null, 2));
