import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compact } from '../../../src/linter/formatters/compact.js';
import { fixtureReport } from './report-fixture.js';

/**
 * The shipped problem matchers, run over the compact formatter's real output.
 *
 * Severity words: compact prints error|warning|info. The GitHub runner only knows error, warning
 * and notice, and skips a match whose severity is anything else (actions/runner OutputManager),
 * so a single matcher capturing `info` would silently drop info findings. The GitHub file
 * therefore registers two matchers: `bg-lint` captures error|warning as the severity, and
 * `bg-lint-info` matches only info lines and sets the matcher's default severity to `notice`
 * (a captured severity would override that default, so it maps no severity group). VS Code's
 * matcher severity understands `info` (as well as error and warning), so its single pattern
 * captures all three words as they are.
 *
 * Both regexes are plain ECMAScript: the runner compiles them with RegexOptions.ECMAScript and
 * VS Code with JavaScript's RegExp, which is what this test uses.
 */

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity?: number;
  message: number;
  code: number;
}

interface GithubMatcher {
  owner: string;
  severity?: string;
  pattern: Pattern[];
}

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../problem-matchers/${name}`, import.meta.url), 'utf8')) as T;
}

const lines = compact(fixtureReport(), { color: false }).split('\n');

/** What each compact line of the fixture must yield; severity as the consumer understands it. */
const expected = (severities: Record<'error' | 'warning' | 'info', string>) => [
  { file: 'src/api/trigger.ts', line: '2', column: '12', severity: severities.error, message: 'Trigger responds 200 instead of 202 Accepted', code: 'BG-031' },
  { file: 'src/jobs/worker.ts', line: '3', column: '5', severity: severities.error, message: "Job status 'done' is not one of pending, running, succeeded, failed", code: 'BG-031' },
  { file: 'src/jobs/worker.ts', line: '12', column: '10', severity: severities.warning, message: 'Poll interval 100% below the floor: 50ms, want >= 1s not <&> "quoted" \'single\'', code: 'BG-012' },
  { file: 'src/jobs/worker.ts', line: '120', column: '3', severity: severities.info, message: 'Session opened outside a transaction', code: 'BG-050' },
];

function extract(pattern: Pattern, line: string, defaultSeverity?: string) {
  const m = new RegExp(pattern.regexp).exec(line);
  if (!m) return undefined;
  return {
    file: m[pattern.file],
    line: m[pattern.line],
    column: m[pattern.column],
    severity: (pattern.severity !== undefined ? m[pattern.severity] : undefined) || defaultSeverity,
    message: m[pattern.message],
    code: m[pattern.code],
  };
}

describe('problem matchers', () => {
  it('the fixture has a line of every severity', () => {
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => / (error|warning|info): /.exec(l)?.[1])).toEqual(['error', 'error', 'warning', 'info']);
  });

  it('GitHub: each line is matched by exactly one matcher, with every group right', () => {
    const { problemMatcher } = load<{ problemMatcher: GithubMatcher[] }>('bg-lint-github.json');
    expect(problemMatcher.map((m) => m.owner)).toEqual(['bg-lint', 'bg-lint-info']);
    expect(problemMatcher[0]!.pattern[0]).toMatchObject({ file: 1, line: 2, column: 3, severity: 4, message: 5, code: 6 });

    const found = lines.map((line) => {
      const matches = problemMatcher
        .map((matcher) => extract(matcher.pattern[0]!, line, matcher.severity))
        .filter((m) => m !== undefined);
      expect(matches, line).toHaveLength(1); // no line lost, no line annotated twice
      return matches[0];
    });
    expect(found).toEqual(expected({ error: 'error', warning: 'warning', info: 'notice' }));
  });

  it('VS Code: the pattern matches every line, with every group right', () => {
    const matcher = load<{ owner: string; fileLocation: string[]; pattern: Pattern }>('bg-lint-vscode.json');
    expect(matcher.owner).toBe('bg-lint');
    expect(matcher.fileLocation).toEqual(['relative', '${workspaceFolder}']);
    expect(lines.map((line) => extract(matcher.pattern, line))).toEqual(
      expected({ error: 'error', warning: 'warning', info: 'info' }),
    );
  });

  it('neither matches lines that are not findings', () => {
    const github = load<{ problemMatcher: GithubMatcher[] }>('bg-lint-github.json').problemMatcher;
    const vscode = load<{ pattern: Pattern }>('bg-lint-vscode.json').pattern;
    for (const line of ['', '\u2716 4 problems (2 errors, 1 warning, 1 info)', 'src/a.ts:1:2: fatal: boom [X]', 'src/a.ts:1:2: error: no rule id']) {
      for (const m of github) expect(extract(m.pattern[0]!, line), line).toBeUndefined();
      expect(extract(vscode, line), line).toBeUndefined();
    }
  });

  it('a message ending in brackets keeps them; only the last [..] is the code', () => {
    const line = 'src/a.ts:1:2: warning: keys [a, b] [BG-001]';
    const vscode = load<{ pattern: Pattern }>('bg-lint-vscode.json').pattern;
    expect(extract(vscode, line)).toMatchObject({ message: 'keys [a, b]', code: 'BG-001' });
  });
});
