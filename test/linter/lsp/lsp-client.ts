import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../../helpers/run-cli.js';

/** A failure guard for waits, not a speed assertion: a missing notification fails instead of hanging. */
const WAIT_LIMIT_MS = 60_000;

export interface LspClient {
  connection: ProtocolConnection;
  /** Resolves with the next diagnostics published for `path` that satisfy `accept`. */
  diagnostics(path: string, accept?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  /** Every publication for `path` so far. */
  history(path: string): Diagnostic[][];
  open(path: string, text: string, languageId?: string): void;
  /** Opens a document and resolves with the first diagnostics published for it. */
  opened(path: string, text: string): Promise<Diagnostic[]>;
  change(path: string, text: string, version: number): void;
  stderr(): string;
  close(): Promise<void>;
}

export const uri = (path: string) => pathToFileURL(path).href;

/** Spawns the real built binary, `bg-lint lsp --stdio`, and initializes it on a workspace folder. */
export async function startLsp(workspace: string, initializationOptions: { debounceMs?: number } = { debounceMs: 20 }): Promise<LspClient> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...(process.env.BG_LINT_LSP_NODE_ARGS ?? '').split(' ').filter(Boolean), join(REPO_ROOT, 'bin/bg-lint.js'), 'lsp', '--stdio'], { cwd: REPO_ROOT });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map<string, Diagnostic[][]>();
  const waiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(p.uri, [...(published.get(p.uri) ?? []), p.diagnostics]);
    for (const w of waiters.splice(0)) {
      if (w.uri === p.uri && w.accept(p.diagnostics)) w.resolve(p.diagnostics);
      else waiters.push(w);
    }
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/showMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri(workspace),
    workspaceFolders: [{ uri: uri(workspace), name: 'test' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  const client: LspClient = {
    connection,
    diagnostics(path, accept = () => true) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${path}; got ${JSON.stringify(published.get(uri(path)))}; stderr: ${stderr}`)), WAIT_LIMIT_MS);
        waiters.push({ uri: uri(path), accept, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      });
    },
    history: (path) => published.get(uri(path)) ?? [],
    open(path, text, languageId = 'typescript') {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(path), languageId, version: 1, text } });
    },
    opened(path, text) {
      const first = client.diagnostics(path);
      client.open(path, text);
      return first;
    },
    change(path, text, version) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(path), version }, contentChanges: [{ text }] });
    },
    stderr: () => stderr,
    async close() {
      await connection.sendRequest('shutdown');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendNotification('exit');
      await exited;
      connection.dispose();
    },
  };
  return client;
}
