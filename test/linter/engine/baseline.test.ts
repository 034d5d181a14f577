import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/linter/lint.js';
import { runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

const PAGE = 'setInterval(() => pollStatus(), 1000);\n';

describe('baseline', () => {
  it('accepts old findings after unrelated edits above them, reports new ones, lists stale entries', async () => {
    const root = tempProject({ 'static/js/a.js': PAGE, 'static/js/b.js': PAGE });
    const written = await lint({ cwd: root, paths: ['.'], updateBaseline: 'baseline.json' });
    expect(written.baseline?.written).toBe(2);
    expect(written.counts.info).toBe(0);
    const doc = JSON.parse(readFileSync(join(root, 'baseline.json'), 'utf8'));
    expect(doc.entries.map((e: { file: string }) => e.file)).toEqual(['static/js/a.js', 'static/js/b.js']);

    // Lines added above the old finding, a new finding below it, and b.js fixed.
    writeFileSync(join(root, 'static/js/a.js'), `// header\n\nconst unrelated = 1;\n${PAGE}setInterval(() => pollJob(), 900);\n`);
    writeFileSync(join(root, 'static/js/b.js'), 'setInterval(() => pollStatus(), 4000);\n');
    const result = await lint({ cwd: root, paths: ['.'], baseline: 'baseline.json' });
    const found = result.report.files.flatMap((f) => f.diagnostics.map((d) => `${d.span.start.line}: ${d.message}`));
    expect(found).toEqual(['5: polling every 900 ms is too frequent: use 3000–5000 ms']);
    expect(result.baseline?.matched).toBe(1);
    expect(result.baseline?.stale.map((e) => e.file)).toEqual(['static/js/b.js']);
  });

  it('the CLI refuses a file that is not a baseline with exit 2', () => {
    const root = tempProject({ 'static/js/a.js': PAGE, 'bad.json': '{"entries": 3}' });
    const run = runCli(['.', '--baseline', 'bad.json'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a bg-lint baseline');
    const updated = runCli(['.', '--update-baseline'], root);
    expect(updated.code).toBe(0);
    expect(updated.stderr).toContain('wrote 1 finding to the baseline');
    expect(runCli(['.', '--baseline', '.bg-lint-baseline.json'], root).code).toBe(0);
  });
});
