import { join } from 'node:path';
import { subjectsSchema } from './subjects-schema.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { deepMerge } from './deep-merge.js';
import type { ConfigProblem } from './problems.js';
import { readText } from './rule-sources.js';
import { displayPath, validateValue } from './schema-validation.js';
import { parseYaml } from './yaml-source.js';
import { SUBJECTS_FILE } from './bundled.js';

/**
 * The subject vocabulary: the bundled `rules/subjects.yaml` (data, validated like any user file)
 * with the config's `subjects:` merged over it (lists replace, name maps merge by key).
 */
export function loadSubjects(
  bundledDir: string,
  overrides: Record<string, unknown> | undefined,
): { subjects?: SubjectSettings; file: string; problems: ConfigProblem[] } {
  const file = join(bundledDir, SUBJECTS_FILE);
  const read = readText(file);
  if ('problem' in read) return { file, problems: [read.problem] };
  const parsed = parseYaml(read.text, file);
  if (!parsed.ok) return { file, problems: parsed.problems };
  const yaml = parsed.source;
  const problems = validateValue(subjectsSchema, yaml.value, {
    problemAt: (p, m, t) => yaml.problemAt(p, m, t),
    display: (p) => displayPath('', p),
    container: (p) => (p.length ? `subjects ${displayPath('', p)}` : 'subjects'),
  });
  if (problems.length > 0) return { file, problems };
  return { file, subjects: deepMerge(yaml.value as SubjectSettings, overrides), problems: [] };
}
