import { describe, expect, it } from 'vitest';
import { toEslintFix } from '../../../src/linter/formatters/eslint-fix.js';
import { json } from '../../../src/linter/formatters/json.js';
import { fixtureReport, TRICKY_MESSAGE, TRIGGER_SOURCE } from './report-fixture.js';

const NO_COLOR = { color: false };

describe('json formatter', () => {
  it("writes JSON.stringify's exact bytes, also for clean files with paths JSON escapes", () => {
    const report = fixtureReport();
    const odd = ['/repo/a "quoted".ts', '/repo/back\\slash.ts', '/repo/new\nline.ts', '/repo/tab\t.ts', '/repo/ünï😀.ts', '/repo/lone\ud800.ts', '/repo/plain.ts'];
    report.files.push(...odd.map((file) => ({ file, diagnostics: [] })));
    const text = json(report, NO_COLOR);
    expect(JSON.stringify(JSON.parse(text))).toBe(text);
    const clean = { messages: [], errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, suppressedMessages: [], usedDeprecatedRules: [] };
    const parsed = JSON.parse(text) as Array<{ filePath: string }>;
    expect(parsed.slice(-odd.length)).toEqual(odd.map((filePath) => ({ filePath, ...clean })));
    // Key order too: the clean entries are the objects' serialisation.
    expect(text.endsWith(`${JSON.stringify({ filePath: '/repo/plain.ts', ...clean })}]`)).toBe(true);
  });

  it("emits ESLint's result array: one entry per file, absolute paths, exact counts", () => {
    const results = JSON.parse(json(fixtureReport(), NO_COLOR));
    expect(results).toEqual([
      {
        filePath: '/repo/src/api/trigger.ts',
        messages: [
          {
            ruleId: 'BG-031',
            severity: 2,
            message: 'Trigger responds 200 instead of 202 Accepted',
            line: 2,
            column: 12,
            endLine: 2,
            endColumn: 15,
            // Two edits merged into one range; the text between them comes from the source.
            fix: { range: [45, 65], text: '202);\n  res.send({ id: job.id }' },
            bgFixDescription: 'Respond 202 with the job id',
          },
        ],
        errorCount: 1,
        warningCount: 0,
        fixableErrorCount: 1,
        fixableWarningCount: 0,
        suppressedMessages: [],
        usedDeprecatedRules: [],
      },
      {
        filePath: '/repo/src/jobs/worker.ts',
        messages: [
          {
            ruleId: 'BG-031',
            severity: 2,
            message: "Job status 'done' is not one of pending, running, succeeded, failed",
            line: 3,
            column: 5,
            endLine: 3,
            endColumn: 11,
            fix: { range: [40, 46], text: "'succeeded'" },
            // What SARIF and `bg-lint merge` need beyond ESLint's shape.
            bgFingerprint: 'fp-worker-status',
            bgHelp: "Use 'succeeded'.",
            bgFixDescription: "Replace 'done' by 'succeeded'",
          },
          { ruleId: 'BG-012', severity: 1, message: TRICKY_MESSAGE, line: 12, column: 10, endLine: 14, endColumn: 2 },
          {
            ruleId: 'BG-050',
            severity: 1,
            bgSeverity: 'info',
            message: 'Session opened outside a transaction',
            line: 120,
            column: 3,
            endLine: 120,
            endColumn: 18,
          },
        ],
        errorCount: 1,
        warningCount: 2,
        fixableErrorCount: 1,
        fixableWarningCount: 0,
        suppressedMessages: [],
        usedDeprecatedRules: [],
      },
      {
        filePath: '/repo/src/clean.ts',
        messages: [],
        errorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        suppressedMessages: [],
        usedDeprecatedRules: [],
      },
    ]);
  });

  it('applying the merged fix gives the same text as applying every edit', () => {
    const [result] = JSON.parse(json(fixtureReport(), NO_COLOR));
    const { range, text } = result.messages[0].fix;
    const merged = TRIGGER_SOURCE.slice(0, range[0]) + text + TRIGGER_SOURCE.slice(range[1]);
    expect(merged).toBe('app.post("/jobs", (req, res) => {\n  res.send(202);\n  res.send({ id: job.id });\n});\n');
  });

  it('omits a multi-edit fix when the source is absent, yet still counts it fixable', () => {
    const report = fixtureReport();
    delete report.files[0]!.source;
    const [result] = JSON.parse(json(report, NO_COLOR));
    expect(result.messages[0]).not.toHaveProperty('fix');
    expect(result.fixableErrorCount).toBe(1);
  });
});

describe('toEslintFix', () => {
  const source = '0123456789';
  it('keeps a single edit as is, even without source', () => {
    expect(toEslintFix({ description: '', edits: [{ start: 2, end: 4, text: 'x' }] }, undefined)).toEqual({
      range: [2, 4],
      text: 'x',
    });
  });

  it('merges adjacent and separate edits in offset order', () => {
    const edits = [
      { start: 8, end: 9, text: 'C' },
      { start: 1, end: 2, text: 'A' },
      { start: 2, end: 2, text: 'B' },
    ];
    expect(toEslintFix({ description: '', edits }, source)).toEqual({ range: [1, 9], text: 'AB234567C' });
  });

  it('refuses overlapping edits and edits past the end of the source', () => {
    const overlap = [
      { start: 1, end: 5, text: 'a' },
      { start: 3, end: 6, text: 'b' },
    ];
    expect(toEslintFix({ description: '', edits: overlap }, source)).toBeUndefined();
    const past = [
      { start: 1, end: 2, text: 'a' },
      { start: 9, end: 12, text: 'b' },
    ];
    expect(toEslintFix({ description: '', edits: past }, source)).toBeUndefined();
  });
});
