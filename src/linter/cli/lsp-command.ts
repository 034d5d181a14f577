import type { Command } from 'commander';
import type { ExitCode } from './io.js';

/**
 * `bg-lint lsp`: the language server over stdio. It needs the process's own stdin and stdout (the
 * protocol is the output), so unlike the other commands it does not print through CliIO. The server
 * and the engine load only when the command runs.
 */
export function registerLspCommand(program: Command, setCode: (code: ExitCode) => void): void {
  program
    .command('lsp')
    .description('run the language server over stdio (for editors)')
    .option('--stdio', 'talk over stdin/stdout (the default and only transport; accepted for clients that pass it)')
    .action(async () => {
      const [{ createConnection, StreamMessageReader, StreamMessageWriter }, { startServer }] = await Promise.all([
        import('vscode-languageserver/node').then((m) => m.default),
        import('../lsp/server.js'),
      ]);
      const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
      // An editor's linter must outlive its own mistakes: a rejected promise is logged, not fatal.
      process.on('unhandledRejection', (error) => connection.console.error(`bg-lint: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));
      const closed = new Promise<void>((resolve) => connection.onExit(() => resolve()));
      startServer(connection);
      await closed;
      setCode(0);
    });
}
