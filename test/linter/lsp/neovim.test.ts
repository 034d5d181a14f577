import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

const NVIM = '/usr/bin/nvim';

/**
 * Neovim's own LSP client (vim.lsp.start, or start_client + buf_attach_client on 0.7) against the built binary: the first non-empty diagnostics
 * Neovim stores for the buffer are written as JSON from a DiagnosticChanged autocmd, then it quits.
 * With none after the guard's delay it exits 1 (a failure guard, not a speed assertion).
 */
const CLIENT_LUA = `
local out = os.getenv('BG_LINT_NVIM_OUT')
vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function(args)
    local found = vim.diagnostic.get(args.buf)
    if #found == 0 then return end
    local list = {}
    for _, d in ipairs(found) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(list, { lnum = d.lnum, col = d.col, severity = d.severity, source = d.source, code = code, message = d.message })
    end
    local f = io.open(out, 'w')
    f:write(vim.json.encode(list))
    f:close()
    vim.cmd('qall!')
  end,
})
vim.defer_fn(function() vim.cmd('cquit 1') end, 60000)
local config = {
  name = 'bg-lint',
  cmd = { os.getenv('BG_LINT_NODE'), os.getenv('BG_LINT_BIN'), 'lsp', '--stdio' },
  root_dir = os.getenv('BG_LINT_ROOT'),
}
if vim.lsp.start then
  vim.lsp.start(config)
else
  -- Neovim 0.7 (Debian bookworm) has no vim.lsp.start: its two halves by hand.
  vim.lsp.buf_attach_client(0, vim.lsp.start_client(config))
end
`;

describe('bg-lint lsp in Neovim', () => {
  it('Neovim receives the findings the CLI reports for the buffer', () => {
    expect(existsSync(NVIM), 'Debian package neovim is needed (.ci/run installs it)').toBe(true);
    const task = "export async function runImport(job) {\n  job.status = 'processing';\n}\n";
    const root = tempProject({ 'src/tasks/import.task.ts': task });
    const script = join(root, 'client.lua');
    const out = join(root, 'diagnostics.json');
    writeFileSync(script, CLIENT_LUA);
    const run = spawnSync(NVIM, ['--headless', '--clean', join(root, 'src/tasks/import.task.ts'), '-c', `luafile ${script}`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 80_000,
      env: { ...process.env, BG_LINT_NVIM_OUT: out, BG_LINT_NODE: process.execPath, BG_LINT_BIN: join(REPO_ROOT, 'bin/bg-lint.js'), BG_LINT_ROOT: root },
    });
    expect(run.status, run.stderr).toBe(0);
    const received = JSON.parse(readFileSync(out, 'utf8')) as { lnum: number; col: number; severity: number; source: string; code: string; message: string }[];
    const cli = JSON.parse(runCli(['-f', 'json', '.'], root).stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    const expected = cli.flatMap((f) => f.messages).map((m) => `${m.line - 1}:${m.column - 1} ${m.ruleId} ${m.message}`).sort();
    expect(received.map((d) => `${d.lnum}:${d.col} ${d.code} ${d.message}`).sort()).toEqual(expected);
    expect(expected.some((e) => e.startsWith('1:15 BG-010'))).toBe(true);
    expect(received.every((d) => d.source === 'bg-lint')).toBe(true);
    // vim.diagnostic.severity.WARN is 2: BG-010 is a warning.
    expect(received.find((d) => d.code === 'BG-010')?.severity).toBe(2);
  }, 90_000);
});
