import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Diagnostic, Fix } from '../../../src/shared/diagnostic.js';
import { applyFixes } from '../../../src/linter/engine/apply-fixes.js';
import { unifiedDiff } from '../../../src/linter/engine/diff.js';
import { runFixPasses } from '../../../src/linter/engine/fix-loop.js';
import { writeFileAtomic } from '../../../src/linter/engine/write-atomic.js';
import type { FileReport } from '../../../src/linter/report.js';
import { tempProject } from '../../helpers/temp-project.js';

const replace = (start: number, end: number, text: string, description = 'fix'): Fix => ({ description, edits: [{ start, end, text }] });

describe('applyFixes', () => {
  it('applies non-overlapping fixes in text order whatever order they come in', () => {
    const text = "a = 'processing'; b = 'error';";
    const r = applyFixes(text, [replace(22, 29, "'failed'"), replace(4, 16, "'running'")]);
    expect(r.text).toBe("a = 'running'; b = 'failed';");
    expect(r.applied).toHaveLength(2);
    expect(r.skipped).toEqual([]);
  });

  it('skips a fix that overlaps or touches one applied before it (a later pass gets it)', () => {
    const text = '0123456789';
    const first = replace(2, 5, 'X');
    const overlapping = replace(4, 6, 'Y');
    const touching = replace(5, 5, 'Z');
    const later = replace(8, 9, 'W');
    const r = applyFixes(text, [later, touching, overlapping, first]);
    expect(r.text).toBe('01X567W9');
    expect(r.applied).toEqual([later, first]);
    expect(new Set(r.skipped)).toEqual(new Set([touching, overlapping]));
  });

  it('applies a multi-edit fix whole or not at all', () => {
    const text = 'abcdef';
    const multi: Fix = { description: 'two', edits: [{ start: 4, end: 5, text: 'E' }, { start: 0, end: 1, text: 'A' }] };
    expect(applyFixes(text, [multi]).text).toBe('AbcdEf');
    const blocked = applyFixes(text, [replace(0, 2, '--'), { description: 'two', edits: [{ start: 1, end: 2, text: 'B' }, { start: 4, end: 5, text: 'E' }] }]);
    expect(blocked.text).toBe('--cdef');
    expect(blocked.skipped).toHaveLength(1);
  });

  it('refuses malformed edits (out of range, reversed) instead of corrupting the text', () => {
    const r = applyFixes('abc', [replace(2, 9, 'x'), replace(2, 1, 'y'), { description: 'none', edits: [] }]);
    expect(r.text).toBe('abc');
    expect(r.applied).toEqual([]);
  });

  it('property: the result is the text with every applied edit, and nothing else, changed', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(40), fc.nat(5), fc.string({ maxLength: 4 })), { maxLength: 6 }),
        (text, raw) => {
          const fixes = raw.map(([s, len, t]) => replace(Math.min(s, text.length), Math.min(s + len, text.length), t));
          const r = applyFixes(text, fixes);
          // Re-applying the applied fixes from the end backwards gives the same text.
          let expected = text;
          const edits = r.applied.flatMap((f) => f.edits).sort((a, b) => b.start - a.start);
          for (const e of edits) expected = expected.slice(0, e.start) + e.text + expected.slice(e.end);
          expect(r.text).toBe(expected);
          expect(r.applied.length + r.skipped.length).toBe(fixes.length);
        },
      ),
    );
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a.ts', 'x\n', 'x\n')).toBe('');
  });

  it('prints hunks with three lines of context, merging close changes', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 5\n', 'LINE 5\n').replace('line 8\n', 'LINE 8\n').replace('line 18\n', '');
    expect(unifiedDiff('src/a.ts', before, after)).toBe(
      [
        '--- a/src/a.ts',
        '+++ b/src/a.ts',
        '@@ -2,10 +2,10 @@',
        ' line 2', ' line 3', ' line 4', '-line 5', '+LINE 5', ' line 6', ' line 7', '-line 8', '+LINE 8', ' line 9', ' line 10', ' line 11',
        '@@ -15,6 +15,5 @@',
        ' line 15', ' line 16', ' line 17', '-line 18', ' line 19', ' line 20',
        '',
      ].join('\n'),
    );
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('a.ts', 'a\nb', 'a\nc')).toBe('--- a/a.ts\n+++ b/a.ts\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
    expect(unifiedDiff('a.ts', 'a\n', 'a')).toBe('--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n');
  });

  it('writes ranges as diff -u does: an empty range names the line before it, a count of 1 is left out', () => {
    expect(unifiedDiff('f', '', 'a\n')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n');
    expect(unifiedDiff('f', 'a\n', '')).toBe('--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-a\n');
    expect(unifiedDiff('f', 'a\nb\nc\n', 'a\nc\n', 0)).toBe('--- a/f\n+++ b/f\n@@ -2 +1,0 @@\n-b\n');
  });

  it('keeps CRLF endings and a BOM in the lines, so the patch applies to that file', () => {
    expect(unifiedDiff('f', 'x\r\ny\r\n', 'x\r\nz\r\n')).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n x\r\n-y\r\n+z\r\n');
    expect(unifiedDiff('f', '\uFEFFa\n', '\uFEFFb\n')).toBe('--- a/f\n+++ b/f\n@@ -1 +1 @@\n-\uFEFFa\n+\uFEFFb\n');
  });

  it('is a patch that git apply takes, for random edits', () => {
    const root = tempProject({});
    execFileSync('git', ['init', '-q'], { cwd: root });
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', '', 'e\r'), { maxLength: 30 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'x', '', 'e\r'), { maxLength: 30 }),
        fc.boolean(),
        (linesA, linesB, finalNewline) => {
          const before = linesA.join('\n') + (linesA.length && finalNewline ? '\n' : '');
          const after = linesB.join('\n') + (linesB.length ? '\n' : '');
          writeFileSync(join(root, 'f.txt'), before);
          const patch = unifiedDiff('f.txt', before, after);
          if (patch === '') return;
          writeFileSync(join(root, 'p.diff'), patch);
          execFileSync('git', ['apply', '--unidiff-zero', 'p.diff'], { cwd: root });
          expect(readFileSync(join(root, 'f.txt'), 'utf8')).toBe(after);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the mode, leaves no temporary file', () => {
    const root = tempProject({ 'src/a.ts': 'old\n' });
    const path = join(root, 'src/a.ts');
    chmodSync(path, 0o640);
    writeFileAtomic(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(root, 'src'))).toEqual(['a.ts']);
  });

  it('follows a symbolic link: the target is replaced, the link stays', () => {
    const root = tempProject({ 'real.ts': 'old\n' });
    symlinkSync(join(root, 'real.ts'), join(root, 'link.ts'));
    writeFileAtomic(join(root, 'link.ts'), 'new\n');
    expect(lstatSync(join(root, 'link.ts')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'real.ts'), 'utf8')).toBe('new\n');
  });

  it('fails without touching the original when the folder cannot be written', () => {
    const root = tempProject({ 'ro/a.ts': 'old\n' });
    chmodSync(join(root, 'ro'), 0o555);
    try {
      if (process.getuid?.() === 0) return; // root writes anywhere
      expect(() => writeFileAtomic(join(root, 'ro/a.ts'), 'new\n')).toThrow();
      expect(readFileSync(join(root, 'ro/a.ts'), 'utf8')).toBe('old\n');
      expect(readdirSync(join(root, 'ro'))).toEqual(['a.ts']);
    } finally {
      chmodSync(join(root, 'ro'), 0o755);
    }
  });
});

describe('runFixPasses', () => {
  const finding = (file: string, fix: Fix): Diagnostic => ({
    ruleId: 'BG-010',
    severity: 'warning',
    file,
    span: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    message: 'm',
    fix,
  });

  it('refuses a fix that would introduce a syntax error, keeping the others, and never writes a broken file', async () => {
    const root = tempProject({ 'a.ts': "const a = 'error';\nconst b = 'error';\n" });
    const path = join(root, 'a.ts');
    const good = replace(10, 17, "'failed'");
    const bad = replace(29, 36, "'failed");
    const output = { files: [{ file: path, diagnostics: [finding(path, good), finding(path, bad)] }] as FileReport[] };
    let relints = 0;
    const { outcome } = await runFixPasses(output, async () => {
      relints += 1;
      return { files: [] as FileReport[] };
    }, 'write');
    expect(readFileSync(path, 'utf8')).toBe("const a = 'failed';\nconst b = 'error';\n");
    expect(outcome.refused).toEqual([{ path, reason: expect.stringMatching(/^a fix would introduce a syntax error \(2:\d+: /) }]);
    expect(outcome.files.map((f) => f.applied)).toEqual([1]);
    expect(relints).toBe(1);
  });

  it('dry-run writes nothing and keeps the report; write mode keeps a BOM', async () => {
    const root = tempProject({});
    const path = join(root, 'a.ts');
    writeFileSync(path, "\uFEFFconst a = 'error';\n");
    const output = { files: [{ file: path, diagnostics: [finding(path, replace(10, 17, "'failed'"))] }] as FileReport[] };
    const dry = await runFixPasses(output, async () => ({ files: [] }), 'dry-run');
    expect(dry.output).toBe(output);
    expect(dry.outcome.files[0]!.fixed).toBe("const a = 'failed';\n");
    expect(readFileSync(path, 'utf8')).toBe("\uFEFFconst a = 'error';\n");
    await runFixPasses(output, async () => ({ files: [] }), 'write');
    expect(readFileSync(path, 'utf8')).toBe("\uFEFFconst a = 'failed';\n");
  });

  it('stops after the pass limit when fixes keep coming', async () => {
    const root = tempProject({ 'a.ts': 'let x = 0;\n' });
    const path = join(root, 'a.ts');
    const again = () => ({ files: [{ file: path, diagnostics: [finding(path, replace(0, 0, ' '))] }] as FileReport[] });
    const { outcome } = await runFixPasses(again(), async () => again(), 'write');
    expect(outcome.passes).toBe(10);
    expect(readFileSync(path, 'utf8')).toBe(' '.repeat(10) + 'let x = 0;\n');
  });
});
