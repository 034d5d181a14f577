import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { ExpectedFinding, RuleTestCase } from './load.js';
import { writeFileAtomic } from '../engine/write-atomic.js';

/**
 * --update-snapshots: writes each invalid case's current findings (lines and messages) as its
 * `errors`, keeping the file's comments and layout, so the change is reviewed as a diff. Returns
 * true when the file changed.
 */
export function updateSnapshots(file: string, cases: ReadonlyArray<{ case: RuleTestCase; found: Required<ExpectedFinding>[] }>): boolean {
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  for (const { case: c, found } of cases) {
    if (c.kind !== 'invalid') continue;
    doc.setIn([...c.path, 'errors'], doc.createNode(found.map((f) => ({ line: f.line, message: f.message }))));
  }
  const updated = doc.toString();
  if (updated === text) return false;
  writeFileAtomic(file, updated);
  return true;
}
