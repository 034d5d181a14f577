import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { FileFacts } from '../../src/linter/facts/project/file-facts.js';
import { parseFile } from '../../src/linter/facts/project/parse-file.js';
import { ProjectFacts } from '../../src/linter/facts/project/project-facts.js';
import type { SubjectSettings } from '../../src/linter/facts/project/subjects.js';
import { tempProject } from './temp-project.js';

export function defaultSubjects(): SubjectSettings {
  return parse(readFileSync(new URL('../../rules/subjects.yaml', import.meta.url), 'utf8')) as SubjectSettings;
}

/** A project on disk with every file parsed as linted, for fact-level tests. */
export function projectOf(files: Record<string, string>): { project: ProjectFacts; file(path: string): FileFacts; root: string } {
  const root = tempProject(files);
  const parsed = Object.entries(files).map(([path, text]) => parseFile(join(root, path), path, text));
  const project = new ProjectFacts(root, defaultSubjects(), parsed);
  return {
    project,
    root,
    file(path: string) {
      const f = parsed.find((p) => p.relativePath === path);
      if (!f) throw new Error(`no file ${path}`);
      return f;
    },
  };
}
