#!/usr/bin/env node
// The only place that touches the process: argv in, exit code out. Everything else returns values.
import module from 'node:module';

// V8's code cache on disk (Node >= 22.1): loading the TypeScript compiler is most of a warm run.
module.enableCompileCache?.();

const { main } = await import('../dist/linter/cli/main.js');
const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
});
process.exitCode = code;
