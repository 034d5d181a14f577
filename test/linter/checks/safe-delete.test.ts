import safeDelete from '../../../src/linter/checks/safe-delete.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(safeDelete, {
  headerNotRead: [{ route: 'DELETE /api/datasets/:id', header: 'X-RESOURCE-NAME' }, 'DELETE /api/datasets/:id deletes without checking the "X-RESOURCE-NAME" header against the resource\'s name'],
  headerNotCompared: [{ route: 'DELETE /api/datasets/:id', header: 'X-RESOURCE-NAME' }, 'DELETE /api/datasets/:id reads the "X-RESOURCE-NAME" header but never compares it with the resource\'s name'],
  headerComparedLate: [{ route: 'DELETE /api/datasets/:id', header: 'X-RESOURCE-NAME' }, 'DELETE /api/datasets/:id checks the "X-RESOURCE-NAME" header only after deleting'],
});

// The `header` option through a rule object (BG-023 is the bundled rule's spec).
const route = (header: string) =>
  `app.delete('/api/datasets/:id', async (req, res) => {\n  if (req.get('${header}') !== req.params.id) return res.status(400).end();\n  await db.datasets.delete(req.params.id);\n  res.status(204).end();\n});\n`;

testRule(safeDelete, {
  valid: [{ name: 'a configured header, compared before deleting', options: { header: 'X-Confirm' }, files: { 'src/routes.ts': route('x-confirm') } }],
  invalid: [
    {
      name: 'the default header does not count once another is configured',
      options: { header: 'X-Confirm' },
      files: { 'src/routes.ts': route('X-RESOURCE-NAME') },
      errors: [{ line: 1, messageId: 'headerNotRead', data: { route: 'DELETE /api/datasets/:id', header: 'X-Confirm' } }],
    },
  ],
});
