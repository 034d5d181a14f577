import { describe, expect, it } from 'vitest';
import { compact } from '../../../src/linter/formatters/compact.js';
import { cleanReport, fixtureReport } from './report-fixture.js';

const NO_COLOR = { color: false };

describe('compact formatter', () => {
  it('prints one exact line per finding, relative path, one-line message, rule in brackets', () => {
    expect(compact(fixtureReport(), NO_COLOR).split('\n')).toEqual([
      'src/api/trigger.ts:2:12: error: Trigger responds 200 instead of 202 Accepted [BG-031]',
      "src/jobs/worker.ts:3:5: error: Job status 'done' is not one of pending, running, succeeded, failed [BG-031]",
      'src/jobs/worker.ts:12:10: warning: Poll interval 100% below the floor: 50ms, want >= 1s not <&> "quoted" \'single\' [BG-012]',
      'src/jobs/worker.ts:120:3: info: Session opened outside a transaction [BG-050]',
    ]);
  });

  it('turns CRLF and CR line breaks into single spaces too', () => {
    const report = fixtureReport();
    report.files[0]!.diagnostics[0]!.message = 'a\r\nb\rc';
    expect(compact(report, NO_COLOR).split('\n')[0]).toBe('src/api/trigger.ts:2:12: error: a b c [BG-031]');
  });

  it('prints nothing for a clean run', () => {
    expect(compact(cleanReport(), NO_COLOR)).toBe('');
  });
});
