import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/shared/diagnostic.js';
import { parseFile } from '../../../src/linter/facts/project/parse-file.js';
import { applySuppressions, parseSuppressions } from '../../../src/linter/engine/suppressions.js';

function finding(line: number, ruleId = 'BG-041'): Diagnostic {
  return { ruleId, severity: 'info', file: '/x.ts', span: { start: { line, column: 1 }, end: { line, column: 2 } }, message: 'm' };
}

function run(code: string, diagnostics: Diagnostic[], rulesRun = ['BG-041', 'BG-001']) {
  const file = parseFile('/x.ts', 'x.ts', code);
  return applySuppressions(file, diagnostics, parseSuppressions(file), new Set(rulesRun));
}

describe('suppressions', () => {
  it('disable-next-line with an id and a reason', () => {
    const code = 'a();\n// bg-lint-disable-next-line BG-041 -- the clock ticks every second\nsetInterval(f, 1000);\n';
    const file = parseFile('/x.ts', 'x.ts', code);
    const [s] = parseSuppressions(file);
    expect(s).toMatchObject({ kind: 'disable-next-line', ruleIds: ['BG-041'], reason: 'the clock ticks every second', fromLine: 3, toLine: 3 });
    expect(run(code, [finding(3), finding(3, 'BG-001')]).map((d) => d.ruleId)).toEqual(['BG-001']);
  });

  it('disable-line applies to its own line only', () => {
    const code = 'setInterval(f, 1000); // bg-lint-disable-line BG-041\nsetInterval(f, 1000);\n';
    expect(run(code, [finding(1), finding(2)]).map((d) => d.span.start.line)).toEqual([2]);
  });

  it('block disable/enable covers the lines between', () => {
    const code = 'x;\n/* bg-lint-disable BG-041 */\na;\nb;\n/* bg-lint-enable */\nc;\n';
    expect(run(code, [finding(3), finding(4), finding(6)]).map((d) => d.span.start.line)).toEqual([6]);
  });

  it('a block without enable runs to the end of the file, and no ids means every rule', () => {
    const code = '/* bg-lint-disable */\na;\nb;\n';
    expect(run(code, [finding(2), finding(3, 'BG-001')])).toEqual([]);
  });

  it('reports a suppression that suppresses nothing, as a warning at the comment', () => {
    const code = 'a;\n// bg-lint-disable-next-line BG-041, BG-001\nb;\n';
    const out = run(code, [finding(3, 'BG-001')]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      ruleId: 'unused-suppression',
      severity: 'warning',
      message: 'bg-lint-disable-next-line BG-041 suppresses nothing',
      span: { start: { line: 2, column: 4 } },
    });
  });

  it('does not judge a suppression for a rule that did not run', () => {
    const code = '// bg-lint-disable-next-line BG-999\nb;\n';
    expect(run(code, [])).toEqual([]);
  });

  it('ignores the words inside strings and code', () => {
    const code = 'const s = "// bg-lint-disable-next-line BG-041";\nsetInterval(f, 1000);\n';
    const file = parseFile('/x.ts', 'x.ts', code);
    expect(parseSuppressions(file)).toEqual([]);
  });

  it('takes a directive only where it opens its comment, not where a comment mentions one in prose', () => {
    const code = [
      '/**',
      ' * Inserts a `bg-lint-disable-next-line` comment above the finding.',
      ' */',
      '// see bg-lint-disable-line in the README',
      '/* bg-lint-disable BG-041 */',
      'setInterval(f, 1000);',
      '   // bg-lint-enable',
      '',
    ].join('\n');
    const found = parseSuppressions(parseFile('/x.ts', 'x.ts', code));
    expect(found.map((s) => [s.kind, s.ruleIds, s.span.start.line])).toEqual([['disable', ['BG-041'], 5]]);
    expect(found[0]!.toLine).toBe(7);
  });
});
