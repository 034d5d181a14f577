#!/usr/bin/env node
// The only place that touches the process: argv in, exit code out. Everything else returns values.
import module from 'node:module';
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // What scripts and editors probe the tool with: answered before the CLI (commander, the
  // formatters) is loaded, as `main` would answer it (test/linter/cli/packaging.test.ts compares them).
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // V8's code cache on disk (Node >= 22.1): loading the TypeScript compiler is most of a warm run.
  module.enableCompileCache?.();
  const io = {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  };
  // With --cache, the command line the last full run recorded, replayed before the CLI's parser
  // and commands are loaded (dist/linter/cli/replay.js); undefined when it does not hold.
  const replayed = argv.includes('--cache') ? await (await import('../dist/linter/cli/replay.js')).replayRecorded(argv, io) : undefined;
  if (replayed !== undefined) {
    process.exitCode = replayed;
  } else {
    // Peak memory: a cold run's garbage is mostly released trees; V8 would let it grow to 4x the live set.
    (await import('../dist/linter/cli/heap-growth.js')).limitHeapGrowth();
    const { main } = await import('../dist/linter/cli/main.js');
    process.exitCode = await main(argv, io);
  }
}
