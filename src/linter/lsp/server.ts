import { existsSync } from 'node:fs';
import { dirname, extname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../../shared/diagnostic.js';
import { ConfigError } from '../config/problems.js';
import { SOURCE_EXTENSIONS } from '../facts/project/parse-file.js';
import { LintSession, projectRootOf, ruleDocsUrl } from '../service/lint-service.js';
import { codeActionsFor, hoverFor, toLspDiagnostic } from './convert.js';

/** How long the server waits after the last keystroke before it lints (initializationOptions.debounceMs). */
const DEFAULT_DEBOUNCE_MS = 75;

/** LSP's TextDocumentSyncKind.Incremental and FileChangeType values. */
const SYNC_INCREMENTAL = 2;
const FILE_CREATED = 1;
const FILE_DELETED = 3;

function isSourcePath(path: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(path).toLowerCase()) && !path.toLowerCase().endsWith('.d.ts');
}

function isYaml(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

function pathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

/** What was last published for a file: the findings, on which text (a code action needs the same text). */
interface Published {
  findings: Diagnostic[];
  version: number | undefined;
}

/**
 * bg-lint's language server. Documents are linted through one LintSession per project root (config
 * and file list resolved once, each file's dependencies recorded); a change re-lints the changed
 * files and every known file whose result read them, and publishes all of them, open or not. An
 * open document is linted as the editor has it. Any failure (a bad config, a crashing check) is
 * reported to the client and the server goes on.
 */
export function startServer(connection: Connection): void {
  const documents = new Map<string, TextDocument>();
  const sessions = new Map<string, LintSession | ConfigError>();
  const published = new Map<string, Published>();
  /** YAML files that carry a config problem we published: cleared when the config is fixed. */
  const configProblemFiles = new Set<string>();
  let folders: string[] = [];
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const uriOf = (path: string) => pathToFileURL(path).href;
  const docsUrls = new Map<string, string | undefined>();
  const docsUrl = (ruleId: string) => docsUrls.get(ruleId);

  function fallbackRoot(path: string): string {
    const inFolder = folders.filter((f) => path.startsWith(f + sep)).sort((a, b) => b.length - a.length)[0];
    return inFolder ?? dirname(path);
  }

  function sessionFor(path: string): LintSession | ConfigError {
    const root = projectRootOf(path, fallbackRoot(path));
    let session = sessions.get(root);
    if (!session) {
      try {
        session = LintSession.open(root);
        for (const r of session.rules) docsUrls.set(r.id, ruleDocsUrl(r));
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        session = error;
      }
      sessions.set(root, session);
    }
    return session;
  }

  function publish(path: string, findings: Diagnostic[]): void {
    const doc = documents.get(uriOf(path));
    published.set(path, { findings, version: doc?.version });
    void connection.sendDiagnostics({ uri: uriOf(path), ...(doc ? { version: doc.version } : {}), diagnostics: findings.map((d) => toLspDiagnostic(d, docsUrl)) });
  }

  function publishConfigError(error: ConfigError, paths: readonly string[]): void {
    const byFile = new Map<string, typeof error.problems[number][]>();
    for (const p of error.problems) {
      if (!existsSync(p.file)) continue;
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    }
    for (const [file, problems] of byFile) {
      configProblemFiles.add(file);
      void connection.sendDiagnostics({
        uri: uriOf(file),
        diagnostics: problems.map((p) => ({
          range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: p.column - 1 } },
          severity: 1,
          source: 'bg-lint',
          message: p.message,
        })),
      });
    }
    for (const path of paths) publish(path, []);
    // A notification, not showErrorMessage's request: a client that does not answer must not matter.
    void connection.sendNotification('window/showMessage', { type: 1, message: `bg-lint: the configuration has errors, nothing is linted until they are fixed:\n${error.message}` });
  }

  /** Lints what changed, and what depends on it, root by root. */
  function flush(): void {
    timer = undefined;
    const changed = [...pending];
    pending.clear();
    const byRoot = new Map<LintSession | ConfigError, string[]>();
    for (const path of changed) {
      try {
        const session = sessionFor(path);
        byRoot.set(session, [...(byRoot.get(session) ?? []), path]);
      } catch (error) {
        logError(error);
      }
    }
    for (const [session, paths] of byRoot) {
      if (session instanceof ConfigError) {
        publishConfigError(session, paths);
        continue;
      }
      try {
        if (paths.some((p) => !session.covers(p) && isSourcePath(p) && existsSync(p))) session.refreshFiles();
        const targets = paths.filter((p) => session.covers(p));
        for (const p of paths) if (!session.covers(p) && published.has(p)) publish(p, []);
        for (const p of paths) if (!existsSync(p) && !documents.has(uriOf(p))) session.forget(p);
        const overrides = new Map<string, string>();
        for (const doc of documents.values()) {
          const p = pathOf(doc.uri);
          if (p) overrides.set(p, doc.getText());
        }
        const results = session.lint([...targets, ...session.dependentsOf(paths)], overrides);
        for (const [path, result] of results) publish(path, result.diagnostics);
      } catch (error) {
        // A check that throws on some half-typed code must not take the editor's linting down.
        logError(error);
      }
    }
  }

  function logError(error: unknown): void {
    connection.console.error(`bg-lint: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }

  function schedule(path: string, delay = debounceMs): void {
    pending.add(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delay);
  }

  /** A config or rule file changed: every root resolves its configuration again, every known file is linted again. */
  function reloadConfiguration(): void {
    sessions.clear();
    for (const file of configProblemFiles) void connection.sendDiagnostics({ uri: uriOf(file), diagnostics: [] });
    configProblemFiles.clear();
    for (const path of published.keys()) pending.add(path);
    for (const doc of documents.values()) {
      const p = pathOf(doc.uri);
      if (p) pending.add(p);
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, 0);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folders = (params.workspaceFolders ?? []).map((f) => pathOf(f.uri)).filter((p): p is string => p !== undefined);
    const rootUri = params.rootUri ? pathOf(params.rootUri) : undefined;
    if (folders.length === 0 && rootUri) folders = [rootUri];
    const options = params.initializationOptions as { debounceMs?: unknown } | undefined;
    if (typeof options?.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: SYNC_INCREMENTAL, save: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
      },
      serverInfo: { name: 'bg-lint' },
    };
  });

  connection.onInitialized(() => {
    // Clients that let servers register file watchers get told about config, rule and source changes on disk.
    void connection.client
      .register('workspace/didChangeWatchedFiles' as never, { watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: `**/*{${SOURCE_EXTENSIONS.join(',')}}` }] } as never)
      .catch(() => undefined);
  });

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    documents.set(t.uri, TextDocument.create(t.uri, t.languageId, t.version, t.text));
    const path = pathOf(t.uri);
    if (path) schedule(path, 0);
  });

  connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
    const doc = documents.get(t.uri);
    if (!doc) return;
    documents.set(t.uri, TextDocument.update(doc, contentChanges, t.version));
    const path = pathOf(t.uri);
    if (path) schedule(path);
  });

  connection.onDidCloseTextDocument(({ textDocument: t }) => {
    documents.delete(t.uri);
    // The file on disk is what counts now (unsaved edits were dropped).
    const path = pathOf(t.uri);
    if (path) schedule(path, 0);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let reload = false;
    for (const change of changes) {
      const path = pathOf(change.uri);
      if (!path) continue;
      if (isYaml(path)) {
        reload = true;
        continue;
      }
      if (!isSourcePath(path)) continue;
      if (change.type === FILE_CREATED || change.type === FILE_DELETED) {
        for (const s of sessions.values()) if (s instanceof LintSession && path.startsWith(s.root + sep)) s.refreshFiles();
      }
      // An open document's text wins over its file, but the file's dependents read the file.
      schedule(path);
    }
    if (reload) reloadConfiguration();
  });

  connection.onCodeAction(({ textDocument, range }) => {
    const doc = documents.get(textDocument.uri);
    const path = pathOf(textDocument.uri);
    const last = path ? published.get(path) : undefined;
    if (!doc || !last || last.version !== doc.version) return [];
    return codeActionsFor(doc, last.findings, range, docsUrl);
  });

  connection.onHover(({ textDocument, position }) => {
    const path = pathOf(textDocument.uri);
    const last = path ? published.get(path) : undefined;
    return last ? hoverFor(last.findings, position, docsUrl) : null;
  });

  connection.listen();
}
