import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';
import { startLsp, uri, type LspClient } from './lsp-client.js';

const LEGACY_TASK = "export async function runImport(job) {\n  job.status = 'processing';\n}\n";
const CLEAN_TASK = "export async function runImport(job) {\n  job.status = 'running';\n}\n";
const BASE = 'export abstract class JobBase {\n  status!: string;\n}\n';
const FULL_BASE = 'export abstract class JobBase {\n  status!: string;\n  createdAt!: Date;\n  startedAt?: Date;\n  completedAt?: Date;\n}\n';
const MODEL = "import { JobBase } from './job-base';\n\nexport class ImportJob extends JobBase {\n  id!: string;\n}\n";

const clients: LspClient[] = [];
afterAll(async () => {
  for (const c of clients.splice(0)) await c.close();
});

async function server(root: string): Promise<LspClient> {
  const client = await startLsp(root);
  clients.push(client);
  return client;
}

const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.code}`).sort();

/** Applies LSP text edits to a text (ranges against the original text). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const offset = (p: { line: number; character: number }) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('bg-lint lsp over stdio', () => {
  it('publishes, for every file of the example app, the findings `bg-lint -f json` reports', async () => {
    const root = tempProject({});
    cpSync(join(REPO_ROOT, 'fixtures/example-app'), root, { recursive: true });
    const cli = JSON.parse(runCli(['-f', 'json', '.'], root).stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; severity: number; message: string; bgSeverity?: string }[] }[];
    const client = await server(root);
    let compared = 0;
    for (const file of cli) {
      const received = client.diagnostics(file.filePath);
      client.open(file.filePath, readFileSync(file.filePath, 'utf8'));
      const diagnostics = await received;
      const expected = file.messages.map((m) => ({
        code: m.ruleId,
        source: 'bg-lint',
        message: m.message,
        // LSP: 1 error, 2 warning, 3 information.
        severity: m.bgSeverity === 'info' ? 3 : m.severity === 2 ? 1 : 2,
        range: { start: { line: m.line - 1, character: m.column - 1 }, end: { line: m.endLine - 1, character: m.endColumn - 1 } },
      }));
      expect(diagnostics.map(({ codeDescription: _c, ...d }) => d)).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(20);
    expect(cli.flatMap((f) => f.messages).some((m) => m.bgSeverity === 'info')).toBe(true);
  });

  it('lints the unsaved text, links each code to its rule doc, and survives a half-typed file', async () => {
    const root = tempProject({ 'src/tasks/import.task.ts': CLEAN_TASK });
    const path = join(root, 'src/tasks/import.task.ts');
    const client = await server(root);
    const legacy = (await client.opened(path, LEGACY_TASK)).find((d) => d.code === 'BG-010');
    expect(legacy).toMatchObject({ source: 'bg-lint', code: 'BG-010', severity: 2, range: { start: { line: 1, character: 15 } } });
    expect(legacy!.codeDescription!.href).toMatch(/^file:\/\/.*\/docs\/rules\/BG-010\.md$/);
    expect(readFileSync(legacy!.codeDescription!.href.replace('file://', ''), 'utf8')).toContain('BG-010');

    const broken = client.diagnostics(path, (ds) => ds.some((d) => d.code === 'parse-error'));
    client.change(path, "export async function runImport(job) {\n  job.status = 'proc\n", 2);
    expect((await broken)[0]).toMatchObject({ severity: 1, source: 'bg-lint' });

    const fixed = client.diagnostics(path);
    client.change(path, CLEAN_TASK, 3);
    const clean = codes(await fixed);
    expect(clean.length).toBeGreaterThan(0);
    expect(clean.filter((c) => c.endsWith('BG-010') || c.endsWith('parse-error'))).toEqual([]);
  });

  it('offers the legacy-status fix and a suppression as code actions, and the hover shows the suggestion', async () => {
    const root = tempProject({ 'src/tasks/import.task.ts': LEGACY_TASK });
    const path = join(root, 'src/tasks/import.task.ts');
    const client = await server(root);
    const legacy = (await client.opened(path, LEGACY_TASK)).find((d) => d.code === 'BG-010');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(path) },
      range: legacy!.range,
      context: { diagnostics: [legacy] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual([expect.stringContaining('(BG-010)'), 'Suppress BG-010 on this line']);
    const [fix, suppress] = actions;
    expect(fix!.isPreferred).toBe(true);
    expect(applyEdits(LEGACY_TASK, fix!.edit!.changes![uri(path)]!)).toBe(CLEAN_TASK);
    const suppressed = applyEdits(LEGACY_TASK, suppress!.edit!.changes![uri(path)]!);
    expect(suppressed.split('\n')[1]).toBe('  // bg-lint-disable-next-line BG-010 -- reason');

    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(path) }, position: { line: 1, character: 17 } })) as Hover;
    expect((hover.contents as { value: string }).value).toContain('`bg-lint --fix`');
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(path) }, position: { line: 0, character: 0 } })).toBeNull();

    const after = client.diagnostics(path);
    client.change(path, suppressed, 2);
    expect(codes(await after).filter((c) => c.endsWith('BG-010'))).toEqual([]);
  });

  it('re-publishes a model when its base class in another file changes, without the model being touched', async () => {
    const root = tempProject({ 'src/models/job-base.ts': BASE, 'src/models/import-job.entity.ts': MODEL });
    const base = join(root, 'src/models/job-base.ts');
    const model = join(root, 'src/models/import-job.entity.ts');
    const client = await server(root);
    expect(codes(await client.opened(model, MODEL))).toContain('3:BG-002');

    // Unsaved edit in the open base class.
    const fixedModel = client.diagnostics(model, (ds) => !codes(ds).includes('3:BG-002'));
    client.open(base, BASE);
    client.change(base, FULL_BASE, 2);
    await fixedModel;

    // The base class closed without saving: the disk's text counts again, then a change on disk.
    const back = client.diagnostics(model, (ds) => codes(ds).includes('3:BG-002'));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(base) } });
    await back;
    const saved = client.diagnostics(model, (ds) => !codes(ds).includes('3:BG-002'));
    writeFileSync(base, FULL_BASE);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(base), type: 2 }] });
    await saved;
  });

  it('reloads the configuration when .bg-lint.yaml or a rule file changes, and reports a broken one on the file', async () => {
    const root = tempProject({ 'src/tasks/import.task.ts': LEGACY_TASK });
    const path = join(root, 'src/tasks/import.task.ts');
    const config = join(root, '.bg-lint.yaml');
    const client = await server(root);
    expect(codes(await client.opened(path, LEGACY_TASK))).toContain('2:BG-010');

    const configProblem = client.diagnostics(config);
    writeFileSync(config, 'rules:\n  BG-010: sometimes\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(config), type: 1 }] });
    const [problem] = await configProblem;
    expect(problem).toMatchObject({ source: 'bg-lint', severity: 1, range: { start: { line: 1 } } });

    const off = client.diagnostics(path, (ds) => ds.length > 0 && !codes(ds).includes('2:BG-010'));
    writeFileSync(config, 'rules:\n  BG-010: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(config), type: 2 }] });
    await off;
    expect(client.history(config).at(-1)).toEqual([]);

    // A team rule file the config extends: loaded on its change, and its own edits reload too.
    const rule = (message: string) => `rules:\n  - id: ACME-001\n    name: n\n    description: d\n    severity: error\n    check: text\n    options:\n      anti_patterns: [{ pattern: 'runImport', message: ${JSON.stringify(message)} }]\n`;
    const teamRule = client.diagnostics(path, (ds) => ds.some((d) => d.code === 'ACME-001' && d.message === 'first wording'));
    writeFileSync(join(root, 'acme.yaml'), rule('first wording'));
    writeFileSync(config, 'extends: [bg-lint:recommended, ./acme.yaml]\nrules:\n  BG-010: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(config), type: 2 }] });
    await teamRule;
    const reworded = client.diagnostics(path, (ds) => ds.some((d) => d.code === 'ACME-001' && d.message === 'second wording'));
    writeFileSync(join(root, 'acme.yaml'), rule('second wording'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(join(root, 'acme.yaml')), type: 2 }] });
    await reworded;
    expect(client.stderr()).toBe('');
  });
});
