import { describe, expect, it } from 'vitest';
import { compareDiagnostics, type Diagnostic } from '../../src/shared/diagnostic.js';

const d = (file: string, line: number, column: number, ruleId: string, message = ''): Diagnostic => ({
  ruleId,
  severity: 'error',
  file,
  span: { start: { line, column }, end: { line, column } },
  message,
});

describe('compareDiagnostics', () => {
  it('orders by file, then line, then column, then rule id', () => {
    const sorted = [d('/b.ts', 1, 1, 'BG-001'), d('/a.ts', 2, 1, 'BG-001'), d('/a.ts', 1, 5, 'BG-001'), d('/a.ts', 1, 5, 'BG-000'), d('/a.ts', 1, 2, 'BG-009')]
      .sort(compareDiagnostics)
      .map((x) => `${x.file}:${x.span.start.line}:${x.span.start.column} ${x.ruleId}`);
    expect(sorted).toEqual(['/a.ts:1:2 BG-009', '/a.ts:1:5 BG-000', '/a.ts:1:5 BG-001', '/a.ts:2:1 BG-001', '/b.ts:1:1 BG-001']);
  });

  it('keeps findings of one rule at one place in the order they were reported', () => {
    const sorted = [d('/a.ts', 3, 1, 'BG-010', 'first'), d('/a.ts', 3, 1, 'BG-010', 'second')].sort(compareDiagnostics);
    expect(sorted.map((x) => x.message)).toEqual(['first', 'second']);
  });
});
