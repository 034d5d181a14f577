import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/**
 * Issue 9 item 4: a rule file in the seed's shape does what its author meant. The seed's own rules
 * (seed 003 with its newlines restored), retargeted from Python to `.ts` files, run on code that
 * breaks each rule and on code that keeps each one. BG-020 and BG-022 are left out: their keys
 * (`endpoint_pattern`, `must_return`, `must_reference`) are refused with a pointer to the bundled
 * rule that checks them on the syntax tree (seed.test.ts).
 */

const SEED = readFileSync(fileURLToPath(new URL('../config/data/seed-003.yaml', import.meta.url)), 'utf8');

function retargeted(): string {
  const blocks = SEED.split(/(?=^ {2}- id: )/m);
  return blocks
    .filter((b) => !/^ {2}- id: BG-02[02]\n/.test(b))
    .join('')
    .replace(/\.py"/g, '.ts"')
    .replace('"try:"', '"try {"')
    .replace('"except"', '"catch"')
    .replace('"def.*task.*db.*Session"', '"function.*[tT]ask.*db: Session"');
}

const BROKEN = {
  'models/database/marketplace_import_job.ts': 'export class MarketplaceImportJob {\n  id = Column(Integer);\n}\n',
  'app/tasks/import.ts': 'export async function importTask(jobId: number, db: Session) {\n  const job = await db.get(jobId);\n  job.status = "processing";\n}\n',
  'app/api/v1/imports.ts': 'export function trigger() {\n  import_products();\n  time.sleep(1);\n  subprocess.run(cmd, { wait: True });\n}\n',
  'static/admin/js/page.js': 'const kind = BackgroundTasks;\nsetInterval(poll, 1000);\n',
};

const KEPT = {
  'models/database/marketplace_import_job.ts':
    'export class MarketplaceImportJob {\n  status = Column(String);\n  started_at = Column(DateTime);\n  completed_at = Column(DateTime);\n  error_message = Column(Text);\n  triggered_by = Column(String);\n}\n',
  'app/tasks/import.ts': [
    'export async function importTask(jobId: number) {',
    '  const db = SessionLocal();',
    '  const job = await db.get(jobId);',
    '  try {',
    '    job.status = "running";',
    '    job.started_at = new Date();',
    '    await work(job);',
    '    job.status = "completed";',
    '    job.completed_at = new Date();',
    '  } catch (e) {',
    '    job.status = "failed";',
    '    job.error_message = String(e);',
    '    job.completed_at = new Date();',
    '  } finally {',
    '    db.close();',
    '  }',
    '}',
    '',
  ].join('\n'),
  'app/api/v1/imports.ts': 'export function trigger(tasks: BackgroundTasks) {\n  tasks.addTask(import_products);\n  log("time.sleep is not used here");\n}\n',
  'static/admin/js/page.js': 'const kind = BackgroundTasks;\nfunction init() {\n  if (this.activeTask) this.timer = setInterval(poll, 4000);\n}\n',
};

const run = (root: string) => runCli(['app', 'models', 'static', '--no-bundled', '--rules', 'seed.yaml', '-f', 'compact'], root);

describe('the seed\'s rules as a YAML file, retargeted at .ts', () => {
  it('loads: validate accepts it', () => {
    const root = tempProject({ 'seed.yaml': retargeted() });
    const v = runCli(['validate', 'seed.yaml'], root);
    expect(v.stderr).toBe('');
    expect(v.stdout).toBe('12 rules in 1 file: valid\n');
  });

  it('code that breaks each rule: every rule reports, status values inside strings included', () => {
    const root = tempProject({ 'seed.yaml': retargeted(), ...BROKEN });
    const r = run(root);
    expect(r.stderr).toBe('');
    const ids = new Set(r.stdout.trim().split('\n').map((l) => /\[([^\]]+)\]$/.exec(l)?.[1]));
    expect([...ids].sort()).toEqual(['BG-001', 'BG-002', 'BG-003', 'BG-004', 'BG-010', 'BG-021', 'BG-030', 'BG-031', 'BG-032', 'BG-033', 'BG-040', 'BG-041']);
    expect(r.stdout).toContain("app/tasks/import.ts:3:7: warning: Use 'running' instead of 'processing' [BG-010]\n");
    expect(r.stdout).toContain('app/api/v1/imports.ts:3:3: error: Don\'t use time.sleep in API handlers [BG-021]\n');
    expect(r.stdout).toContain('app/tasks/import.ts:1:1: error: missing "SessionLocal()" [BG-033]\n');
    expect(r.stdout).toContain('static/admin/js/page.js:2:1: info: 1 second polling is too frequent [BG-041]\n');
    expect(r.code).toBe(1);
  });

  it('code that keeps each rule: no findings', () => {
    const root = tempProject({ 'seed.yaml': retargeted(), ...KEPT });
    const r = run(root);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  it('match_strings at rule level (not only under options) is accepted and matches inside strings', () => {
    const rules = 'background_task_rules:\n  - id: LOG-1\n    name: n\n    severity: warning\n    match_strings: true\n    anti_patterns:\n      - pattern: "status.*processing"\n        message: legacy status in a message\n';
    const root = tempProject({ 'seed.yaml': rules, 'app/a.ts': 'log("status now processing");\n' });
    const r = runCli(['app', '--no-bundled', '--rules', 'seed.yaml', '-f', 'compact'], root);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('app/a.ts:1:6: warning: legacy status in a message [LOG-1]\n');
  });
});
