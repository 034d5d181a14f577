import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/linter/lint.js';
import { tempProject } from '../../helpers/temp-project.js';

/** Tokens that make the rules' subjects likely: models, status writes, routes, tasks, timers, JSX. */
const TOKENS = [
  'export', 'class', 'interface', 'type', 'enum', 'const', 'let', 'function', 'async', 'await', 'return', 'new',
  'try', 'catch', 'finally', 'throw', 'if', 'else', 'switch', 'case', 'default', 'import', 'from', 'extends',
  'implements', 'as', 'void', 'this', 'null', 'undefined', 'ImportJob', 'JobBase', 'status', 'started_at',
  'completed_at', 'error_message', 'job', 'req', 'res', 'app', 'router', 'post', 'get', 'delete', 'json',
  'setInterval', 'setTimeout', 'execSync', 'pgTable', 'Entity', 'Column', 'Index', 'Worker', 'Processor',
  'backgroundTasks', 'add', 'useEffect', 'fetch', 'TASK_MODELS', 'registerTaskModel', 'sleep', 'enqueue',
  '{', '}', '(', ')', '[', ']', '<', '>', '</', '/>', ';', ',', '.', '...', ':', '?', '!', '=', '===', '=>',
  '+', '-', '*', '/', '@', '#', '`', '${', "'", '"', '//', '/*', '*/', '\n', ' ',
  "'running'", "'processing'", "'/api/imports'", '1000', '5 * 1000', '`/jobs/${id}`', '/** @bgJobModel */',
  '// bg-lint-disable-next-line BG-041', '/* bg-lint-disable */', '\u00e9', '\u2028',
];

const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join(' '));

describe('engine robustness', () => {
  it('random token soup never crashes the engine: every run ends with a report', async () => {
    const root = tempProject({});
    const paths = ['src/models/soup-job.entity.ts', 'src/tasks/soup.task.ts', 'src/routes/soup.ts', 'web/components/Soup.tsx', 'static/js/soup.js'];
    await fc.assert(
      fc.asyncProperty(fc.tuple(soup, soup, soup, soup, soup), async (texts) => {
        paths.forEach((p, i) => {
          const abs = join(root, p);
          mkdirSync(dirname(abs), { recursive: true });
          writeFileSync(abs, texts[i]!, { flag: 'w' });
        });
        const result = await lint({ cwd: root, paths: ['.'] });
        expect(result.report.files).toHaveLength(paths.length);
        for (const f of result.report.files) {
          for (const d of f.diagnostics) {
            expect(d.span.start.line).toBeGreaterThanOrEqual(1);
            expect(d.span.start.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
