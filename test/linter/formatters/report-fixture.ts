import type { Diagnostic } from '../../../src/shared/diagnostic.js';
import type { FileReport, LintReport } from '../../../src/linter/report.js';

/** The run's cwd; every file below lives under it. */
export const CWD = '/repo';

/** A message with every character some format must escape: `%`, `,`, `:`, a newline, `<&>` and quotes. */
export const TRICKY_MESSAGE = 'Poll interval 100% below the floor: 50ms, want >= 1s\nnot <&> "quoted" \'single\'';

/** Source of trigger.ts: the multi-edit fix below renames `res.send` twice. */
export const TRIGGER_SOURCE = 'app.post("/jobs", (req, res) => {\n  res.send(200);\n  res.send(job);\n});\n';

function diag(d: Partial<Diagnostic> & Pick<Diagnostic, 'ruleId' | 'severity' | 'file' | 'message'>, at: [number, number, number, number]): Diagnostic {
  return { span: { start: { line: at[0], column: at[1] }, end: { line: at[2], column: at[3] } }, ...d };
}

const worker = `${CWD}/src/jobs/worker.ts`;
const trigger = `${CWD}/src/api/trigger.ts`;
const clean = `${CWD}/src/clean.ts`;

/** Sorted by position, as the engine sorts them. */
const workerDiagnostics: Diagnostic[] = [
  diag(
    {
      ruleId: 'BG-031',
      severity: 'error',
      file: worker,
      message: "Job status 'done' is not one of pending, running, succeeded, failed",
      help: "Use 'succeeded'.",
      fix: { description: "Replace 'done' by 'succeeded'", edits: [{ start: 40, end: 46, text: "'succeeded'" }] },
      fingerprint: 'fp-worker-status',
    },
    [3, 5, 3, 11],
  ),
  diag({ ruleId: 'BG-012', severity: 'warning', file: worker, message: TRICKY_MESSAGE }, [12, 10, 14, 2]),
  diag({ ruleId: 'BG-050', severity: 'info', file: worker, message: 'Session opened outside a transaction' }, [120, 3, 120, 18]),
];

const triggerDiagnostics: Diagnostic[] = [
  diag(
    {
      ruleId: 'BG-031',
      severity: 'error',
      file: trigger,
      message: 'Trigger responds 200 instead of 202 Accepted',
      fix: {
        description: 'Respond 202 with the job id',
        // `200` on line 2 (offsets 45-48) and `job` on line 3 (offsets 62-65).
        edits: [
          { start: 62, end: 65, text: '{ id: job.id }' },
          { start: 45, end: 48, text: '202' },
        ],
      },
    },
    [2, 12, 2, 15],
  ),
];

export const files: FileReport[] = [
  { file: trigger, diagnostics: triggerDiagnostics, source: TRIGGER_SOURCE },
  { file: worker, diagnostics: workerDiagnostics },
  { file: clean, diagnostics: [] },
];

/** A fresh copy each call, so a test that edits it cannot leak into another. */
export function fixtureReport(): LintReport {
  return structuredClone({
    cwd: CWD,
    files,
    rules: [
      {
        id: 'BG-031',
        name: 'job-status-values',
        description: 'Job status must be one of the canonical values. Other values break pollers.',
        severity: 'error',
        help: 'Use pending, running, succeeded or failed.',
        docs: 'https://example.com/rules/BG-031',
      },
      { id: 'BG-012', name: 'poll-interval-floor', description: 'Poll intervals have a floor.', severity: 'warning' },
      { id: 'BG-050', name: 'session-in-transaction', description: 'Sessions belong in a transaction.', severity: 'info', docs: 'docs/rules/BG-050.md' },
    ],
    toolVersion: '0.1.0',
  } satisfies LintReport);
}

/** A run with no findings at all. */
export function cleanReport(): LintReport {
  return { cwd: CWD, files: [{ file: clean, diagnostics: [] }], rules: [], toolVersion: '0.1.0' };
}
