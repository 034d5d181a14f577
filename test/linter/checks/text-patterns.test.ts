import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/shared/diagnostic.js';
import { textCheck } from '../../../src/linter/checks/text-patterns.js';
import type { TextOptions } from '../../../src/linter/checks/text-patterns.js';
import { deepMerge } from '../../../src/linter/config/deep-merge.js';
import type { CompiledRule } from '../../../src/linter/config/rule.js';
import { codeOnlyText } from '../../../src/linter/facts/project/code-only-text.js';
import type { FileFacts } from '../../../src/linter/facts/project/file-facts.js';
import { load } from '../config/support/load.js';
import { expectMessages } from '../../helpers/rule-tester.js';

expectMessages(textCheck, {
  timeBudget: [{ pattern: '(a+)+$', budgetMs: 50 }, 'stopped matching /(a+)+$/ in this file after its 50 ms time budget; its findings here may be incomplete'],
  missingText: [{ text: 'started_at' }, 'missing "started_at"'],
  missingOneOf: [{ texts: ['a', 'b'] }, 'missing one of "a", "b"'],
  noMatch: [{ pattern: 'setInterval.*[3-5]000' }, 'no match for /setInterval.*[3-5]000/'],
  antiPattern: [{ message: '1 second polling is too frequent' }, '1 second polling is too frequent'],
});

/** A FileFacts good enough for text matching: a parsed file, its code-only text and spans. */
function facts(relativePath: string, text: string): FileFacts {
  const kind = relativePath.endsWith('x') ? ts.ScriptKind.TSX : relativePath.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(relativePath, text, ts.ScriptTarget.Latest, true, kind);
  let code: string | undefined;
  const pos = (offset: number) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(offset);
    return { line: line + 1, column: character + 1 };
  };
  return {
    path: `/project/${relativePath}`,
    relativePath,
    text,
    sourceFile,
    isJavaScript: kind === ts.ScriptKind.JS,
    index: {} as FileFacts['index'],
    codeOnlyText: () => (code ??= codeOnlyText(text, sourceFile.languageVariant)),
    spanOf: (start, end) => ({ start: pos(start), end: pos(end) }),
    spanOfNode: (node) => ({ start: pos(node.getStart(sourceFile)), end: pos(node.getEnd()) }),
  };
}

type Finding = { at: string; message: string };

function run(options: Partial<TextOptions> | CompiledRule, file: FileFacts): Finding[] {
  const opts = 'check' in options ? (options.options as TextOptions) : deepMerge(textCheck.meta.defaults, options);
  const found: Finding[] = [];
  textCheck.check({
    rule: {} as CompiledRule<TextOptions>,
    options: opts,
    file,
    project: {} as never,
    report: (at, messageId, data) => {
      const s = at as Span;
      // Rendered as the engine renders it: through the check's own message table.
      const message = (textCheck.meta.messages[messageId] as (d: typeof data) => string)(data);
      found.push({ at: `${s.start.line}:${s.start.column}-${s.end.line}:${s.end.column}`, message });
    },
  });
  return found;
}

describe('text check', () => {
  it('must_contain: each missing needle is a finding at 1:1; comments and strings do not count', () => {
    const file = facts('src/a.ts', '// started_at completed_at\nconst x = "completed_at";\nconst started_at = 1;\n');
    expect(run({ patterns: [{ must_contain: ['started_at', 'completed_at'] }] }, file)).toEqual([{ at: '1:1-1:1', message: 'missing "completed_at"' }]);
  });

  it('a needle with a quote is matched on the text with strings kept (comments still removed)', () => {
    const ok = facts('app/tasks/a.ts', 'job.status = "running";\n');
    const commented = facts('app/tasks/b.ts', '// job.status = "running";\n');
    const p = { patterns: [{ must_contain: 'status = "running"' }] };
    expect(run(p, ok)).toEqual([]);
    expect(run(p, commented)).toEqual([{ at: '1:1-1:1', message: 'missing "status = "running""' }]);
  });

  it('a match that starts in code may run into a string: the seed\'s status pattern sees the status value', () => {
    const file = facts('a.ts', 'update({ status: "processing" });\njob.status = "processing";\n');
    const p = { anti_patterns: [{ pattern: 'status.*processing', message: 'legacy' }] };
    expect(run(p, file)).toEqual([
      { at: '1:10-1:29', message: 'legacy' },
      { at: '2:5-2:25', message: 'legacy' },
    ]);
  });

  it('match_strings makes plain needles and regexes also match from inside string contents', () => {
    const file = facts('a.ts', 'log("status now processing");\n');
    const p = { anti_patterns: [{ pattern: 'status.*processing', message: 'legacy' }] };
    expect(run(p, file)).toEqual([]);
    expect(run({ ...p, match_strings: true }, file)).toEqual([{ at: '1:6-1:27', message: 'legacy' }]);
  });

  it('a match refused because it starts in a string does not hide a later one that starts in code', () => {
    const file = facts('a.ts', 'f("status", status = processing);\n');
    expect(run({ anti_patterns: [{ pattern: 'status.*processing', message: 'legacy' }] }, file)).toEqual([{ at: '1:13-1:32', message: 'legacy' }]);
  });

  it('file globs and when_contains gate an entry', () => {
    const p = { patterns: [{ file: 'app/api/**/*.ts', when_contains: ['import_', 'run_scan'], must_contain: 'BackgroundTasks' }] };
    expect(run(p, facts('app/api/v1/x.ts', 'import_products();'))).toEqual([{ at: '1:1-1:1', message: 'missing "BackgroundTasks"' }]);
    expect(run(p, facts('app/api/v1/x.ts', 'other();'))).toEqual([]);
    expect(run(p, facts('lib/x.ts', 'import_products();'))).toEqual([]);
    expect(run(p, facts('app/api/v1/x.ts', 'import_products(BackgroundTasks);'))).toEqual([]);
  });

  it('must_contain_one_of: one finding listing the options', () => {
    const p = { patterns: [{ must_contain_one_of: ['status = "completed"', 'status = "failed"'] }] };
    expect(run(p, facts('t.ts', 'job.status = "failed";'))).toEqual([]);
    expect(run(p, facts('t.ts', 'job.status = "done";'))).toEqual([{ at: '1:1-1:1', message: 'missing one of "status = "completed"", "status = "failed""' }]);
  });

  it('anti_patterns report every match at its span, line by line (`.` stops at newlines, `^` per line)', () => {
    const file = facts('p.js', 'a();\nsetInterval(poll, 1000);\n/* setInterval(poll, 1000) */\nsetInterval(\n  poll, 1000);\n');
    expect(run({ anti_patterns: [{ pattern: 'setInterval.*1000', message: 'too often' }] }, file)).toEqual([{ at: '2:1-2:23', message: 'too often' }]);
    expect(run({ anti_patterns: [{ pattern: '^\\s+poll', message: 'm', file: '*.ts' }] }, file)).toEqual([]);
    expect(run({ anti_patterns: [{ pattern: '^\\s+poll', message: 'm' }] }, file)).toEqual([{ at: '5:1-5:7', message: 'm' }]);
  });

  it('should_match: no match is a finding', () => {
    const p = { patterns: [{ when_contains: 'setInterval', should_match: 'setInterval.*[3-5]000' }] };
    expect(run(p, facts('p.js', 'setInterval(poll, 4000);'))).toEqual([]);
    expect(run(p, facts('p.js', 'setInterval(poll, 9000);'))).toEqual([{ at: '1:1-1:1', message: 'no match for /setInterval.*[3-5]000/' }]);
  });

  it('empty matches do not loop', () => {
    expect(run({ anti_patterns: [{ pattern: 'x*', message: 'e' }] }, facts('a.ts', 'ab'))).toHaveLength(3);
  });

  it('a RegExp-only pattern (lookahead: RE2 cannot run it) over its time budget is dropped for the file and reported once', () => {
    const file = facts('a.ts', 'x x x x x x');
    const found = run({ time_budget_ms: 0, anti_patterns: [{ pattern: 'x(?= |$)', message: 'an x' }] }, file);
    expect(found).toEqual([
      { at: '1:1-1:2', message: 'an x' },
      { at: '1:1-1:1', message: 'stopped matching /x(?= |$)/ in this file after its 0 ms time budget; its findings here may be incomplete' },
    ]);
  });

  it('RE2 patterns have no budget to exceed: every match is found even with a 0 ms budget', () => {
    const file = facts('a.ts', 'x x x x x x');
    expect(run({ time_budget_ms: 0, anti_patterns: [{ pattern: 'x', message: 'an x' }] }, file)).toHaveLength(6);
  });

  it('runs the seed’s rules as loaded from the re-flowed seed file', () => {
    const seed = readFileSync(fileURLToPath(new URL('../config/data/seed-003.yaml', import.meta.url)), 'utf8');
    const rules = Object.fromEntries(load(seed, 'seed.yaml').rules.map((r) => [r.id, r]));
    const page = facts('static/admin/js/page.js', 'function init() {\n  // setInterval(x, 4000)\n  this.t = setInterval(() => this.poll(), 1000);\n}\n');
    expect(run(rules['BG-041']!, page)).toEqual([
      { at: '1:1-1:1', message: 'no match for /setInterval.*[3-5]000/' },
      { at: '3:12-3:47', message: '1 second polling is too frequent' },
    ]);
    // The seed's globs are a Python code base's (`app/tasks/*.py`): name the snippets so.
    const task = facts('app/tasks/import.py', 'const db = SessionLocal();\ntry { job.status = "running"; job.started_at = now(); } catch (e) {}\n');
    expect(run(rules['BG-030']!, task)).toEqual([]);
    expect(run(rules['BG-030']!, facts('app/tasks/x.py', '// status = "running"\nstarted_at'))).toEqual([{ at: '1:1-1:1', message: 'missing "status = "running""' }]);
    expect(run(rules['BG-030']!, facts('app/other/x.py', ''))).toEqual([]);
    expect(run(rules['BG-031']!, task)).toEqual([
      { at: '1:1-1:1', message: 'missing "completed_at"' },
      { at: '1:1-1:1', message: 'missing one of "status = "completed"", "status = "failed""' },
    ]);
    expect(run(rules['BG-033']!, facts('app/tasks/t.py', 'def_task(db: Session)'))).toEqual([
      { at: '1:1-1:1', message: 'missing "SessionLocal()"' },
      { at: '1:1-1:21', message: "Don't pass request db session to background tasks" },
    ]);
  });
});
