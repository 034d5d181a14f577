// Starts `bg-lint lsp` from the workspace's own bg-lint (so the editor runs the version and rules
// the project's CI runs) and hands the documents bg-lint lints to it.
const path = require('node:path');
const fs = require('node:fs');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function serverScript() {
  const configured = vscode.workspace.getConfiguration('bg-lint').get('path');
  if (configured) return configured;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const candidate = path.join(folder.uri.fsPath, 'node_modules', 'bg-lint', 'bin', 'bg-lint.js');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function activate(context) {
  const script = serverScript();
  if (!script) {
    void vscode.window.showWarningMessage('bg-lint: no node_modules/bg-lint in this workspace; install it or set bg-lint.path.');
    return;
  }
  const run = { module: script, args: ['lsp'], transport: TransportKind.stdio };
  client = new LanguageClient(
    'bg-lint',
    'bg-lint',
    { run, debug: run },
    {
      documentSelector: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ scheme: 'file', language })),
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,ts,tsx,mts,cts,js,jsx,mjs,cjs}') },
      initializationOptions: { debounceMs: vscode.workspace.getConfiguration('bg-lint').get('debounceMs') },
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
