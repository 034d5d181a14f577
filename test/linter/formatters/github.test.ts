import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../../src/linter/formatters/github-escape.js';
import { github } from '../../../src/linter/formatters/github.js';
import { cleanReport, CWD, fixtureReport } from './report-fixture.js';

const NO_COLOR = { color: false };

describe('GitHub escaping', () => {
  it('escapes %, CR and LF in data, and leaves : and , alone', () => {
    expect(escapeData('100%\r\n a:b,c %0A')).toBe('100%25%0D%0A a:b,c %250A');
  });

  it('escapes : and , as well in property values', () => {
    expect(escapeProperty('100%\r\n a:b,c')).toBe('100%25%0D%0A a%3Ab%2Cc');
  });
});

describe('github formatter', () => {
  it('prints one workflow command per finding, notice for info, message escaped', () => {
    expect(github(fixtureReport(), NO_COLOR).split('\n')).toEqual([
      '::error file=src/api/trigger.ts,line=2,col=12,endLine=2,endColumn=15,title=BG-031::Trigger responds 200 instead of 202 Accepted',
      "::error file=src/jobs/worker.ts,line=3,col=5,endLine=3,endColumn=11,title=BG-031::Job status 'done' is not one of pending, running, succeeded, failed",
      '::warning file=src/jobs/worker.ts,line=12,col=10,endLine=14,endColumn=2,title=BG-012::Poll interval 100%25 below the floor: 50ms, want >= 1s%0Anot <&> "quoted" \'single\'',
      '::notice file=src/jobs/worker.ts,line=120,col=3,endLine=120,endColumn=18,title=BG-050::Session opened outside a transaction',
      'bg-lint: 4 findings (2 errors, 1 warnings, 1 infos)',
    ]);
  });

  it('annotates at most 10 findings per level, errors first, and says where the rest are', () => {
    const report = fixtureReport();
    const file = report.files[1]!;
    const template = file.diagnostics[0]!;
    file.diagnostics = [
      ...Array.from({ length: 12 }, (_, i) => ({ ...template, severity: 'info' as const, message: `info ${i}` })),
      ...Array.from({ length: 11 }, (_, i) => ({ ...template, severity: 'error' as const, message: `error ${i}` })),
    ];
    report.files = [file];
    const lines = github(report, NO_COLOR).split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(10);
    expect(lines[0]).toMatch(/::error .*::error 0$/);
    expect(lines[10]).toMatch(/::notice .*::info 0$/);
    expect(lines.at(-1)).toBe('bg-lint: 23 findings (11 errors, 0 warnings, 12 infos); 3 not annotated (GitHub shows 10 per level): the SARIF report (-f sarif) has them all');
  });

  it('escapes property separators in the file path and the title', () => {
    const report = fixtureReport();
    const file = report.files[0]!;
    file.file = `${CWD}/odd,dir/a:b%.ts`;
    file.diagnostics[0]!.ruleId = 'my:rule,1';
    expect(github(report, NO_COLOR).split('\n')[0]).toMatch(
      /^::error file=odd%2Cdir\/a%3Ab%25\.ts,line=2,.*,title=my%3Arule%2C1::Trigger/,
    );
  });

  it('prints nothing for a clean run', () => {
    expect(github(cleanReport(), NO_COLOR)).toBe('');
  });
});
