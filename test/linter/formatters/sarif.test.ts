import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { sarif } from '../../../src/linter/formatters/sarif.js';
import { cleanReport, fixtureReport, TRICKY_MESSAGE } from './report-fixture.js';

/**
 * The official SARIF 2.1.0 schema (draft-07), as in the OASIS TC's repository at
 * oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json (its `$id` names that file). Our copy
 * was taken from the schema bundled in @datadog/datadog-ci-plugin-sarif@5.25.0 and re-serialised
 * as 2-space JSON: same content, not byte-identical formatting.
 */
const schema = JSON.parse(
  readFileSync(new URL('../../fixtures-data/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
);
// strict: false because the schema uses keywords Ajv's strict mode rejects; formats are not
// checked because Ajv ships no format validators without ajv-formats (not a dependency).
const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);

const NO_COLOR = { color: false };

/** Errors of a SARIF log against the schema, readable in a failed assertion. */
function schemaErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

// Loose typing on purpose: the test reads the log as any consumer would, from parsed JSON.
type Json = any;

describe('sarif formatter', () => {
  const log: Json = JSON.parse(sarif(fixtureReport(), NO_COLOR));
  const run: Json = log.runs[0];

  it('is valid against the SARIF 2.1.0 schema, with findings and for a clean run', () => {
    expect(schemaErrors(log)).toEqual([]);
    expect(schemaErrors(JSON.parse(sarif(cleanReport(), NO_COLOR)))).toEqual([]);
  });

  it('the schema check can fail: a broken log is rejected', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].tool.driver.name;
    expect(schemaErrors(broken).length).toBeGreaterThan(0);
  });

  it('describes the tool and every rule that ran', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(run.tool.driver).toMatchObject({ name: 'bg-lint', version: '0.1.0', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.tool.driver.rules).toEqual([
      {
        id: 'BG-031',
        name: 'job-status-values',
        shortDescription: { text: 'Job status must be one of the canonical values.' },
        fullDescription: { text: 'Job status must be one of the canonical values. Other values break pollers.' },
        help: { text: 'Use pending, running, succeeded or failed.' },
        helpUri: 'https://example.com/rules/BG-031',
        defaultConfiguration: { level: 'error' },
      },
      {
        id: 'BG-012',
        name: 'poll-interval-floor',
        shortDescription: { text: 'Poll intervals have a floor.' },
        fullDescription: { text: 'Poll intervals have a floor.' },
        help: { text: 'Poll intervals have a floor.' },
        defaultConfiguration: { level: 'warning' },
      },
      {
        // docs that is not an absolute URI gives no helpUri
        id: 'BG-050',
        name: 'session-in-transaction',
        shortDescription: { text: 'Sessions belong in a transaction.' },
        fullDescription: { text: 'Sessions belong in a transaction.' },
        help: { text: 'Sessions belong in a transaction.' },
        defaultConfiguration: { level: 'note' },
      },
    ]);
  });

  it('maps %SRCROOT% to the cwd as a file URI ending in a slash', () => {
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('reports every finding with rule, index, level, message and a relative region', () => {
    const summary = run.results.map((r: Json) => [
      r.ruleId,
      r.ruleIndex,
      r.level,
      r.message.text,
      r.locations[0].physicalLocation.artifactLocation.uri,
      r.locations[0].physicalLocation.artifactLocation.uriBaseId,
      r.locations[0].physicalLocation.region,
    ]);
    expect(summary).toEqual([
      ['BG-031', 0, 'error', 'Trigger responds 200 instead of 202 Accepted', 'src/api/trigger.ts', '%SRCROOT%', { startLine: 2, startColumn: 12, endLine: 2, endColumn: 15 }],
      ['BG-031', 0, 'error', "Job status 'done' is not one of pending, running, succeeded, failed", 'src/jobs/worker.ts', '%SRCROOT%', { startLine: 3, startColumn: 5, endLine: 3, endColumn: 11 }],
      ['BG-012', 1, 'warning', TRICKY_MESSAGE, 'src/jobs/worker.ts', '%SRCROOT%', { startLine: 12, startColumn: 10, endLine: 14, endColumn: 2 }],
      ['BG-050', 2, 'note', 'Session opened outside a transaction', 'src/jobs/worker.ts', '%SRCROOT%', { startLine: 120, startColumn: 3, endLine: 120, endColumn: 18 }],
    ]);
  });

  it("uses the engine's fingerprint when set, else a line-free sha256", () => {
    const fps = run.results.map((r: Json) => r.partialFingerprints['bgLint/v1']);
    expect(fps[1]).toBe('fp-worker-status');
    expect(fps[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(fps[2]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(fps).size).toBe(4);

    // Moving the finding to other lines keeps the fallback fingerprint.
    const moved = fixtureReport();
    moved.files[0]!.diagnostics[0]!.span = { start: { line: 40, column: 1 }, end: { line: 41, column: 1 } };
    const movedRun = JSON.parse(sarif(moved, NO_COLOR)).runs[0];
    expect(movedRun.results[0].partialFingerprints['bgLint/v1']).toBe(fps[0]);
  });

  it('carries fixes as replacements by character offset', () => {
    expect(run.results[0].fixes).toEqual([
      {
        description: { text: 'Respond 202 with the job id' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'src/api/trigger.ts', uriBaseId: '%SRCROOT%' },
            replacements: [
              { deletedRegion: { charOffset: 62, charLength: 3 }, insertedContent: { text: '{ id: job.id }' } },
              { deletedRegion: { charOffset: 45, charLength: 3 }, insertedContent: { text: '202' } },
            ],
          },
        ],
      },
    ]);
    expect(run.results[2]).not.toHaveProperty('fixes');
  });

  it('adds a descriptor for engine ids that are not rules, so every result has a ruleIndex', () => {
    const report = fixtureReport();
    report.files[2]!.diagnostics.push({
      ruleId: 'parse-error',
      severity: 'error',
      file: report.files[2]!.file,
      span: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
      message: 'Unexpected token',
    });
    const out = JSON.parse(sarif(report, NO_COLOR));
    expect(schemaErrors(out)).toEqual([]);
    const r = out.runs[0];
    expect(r.tool.driver.rules[3]).toMatchObject({ id: 'parse-error', defaultConfiguration: { level: 'error' } });
    expect(r.results.at(-1)).toMatchObject({ ruleId: 'parse-error', ruleIndex: 3 });
  });

  it('percent-encodes path segments so odd file names stay valid relative URIs', () => {
    const report = fixtureReport();
    report.files[0]!.file = '/repo/my dir/a#b.ts';
    report.files[0]!.diagnostics[0]!.file = '/repo/my dir/a#b.ts';
    const r = JSON.parse(sarif(report, NO_COLOR)).runs[0];
    expect(r.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20dir/a%23b.ts');
  });
});
