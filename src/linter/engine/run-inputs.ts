import { dirname, join, resolve } from 'node:path';
import { tsconfigChain } from '../facts/project/module-resolution.js';
import { findWorkspaceDeclaration, workspaceManifests } from '../facts/project/workspace-packages.js';
import { matchesHash, recordedFile, recordedFolder, type RunInputs } from './run-record.js';

/** One project of a run, as far as the fully cached run's inputs go. */
export interface RecordedProject {
  root: string;
  /** Every YAML file its configuration came from (config, rule files, subjects). */
  ruleFiles: readonly string[];
  tsconfig?: string;
}

/**
 * What a run's answer depends on besides the linted files (run-record.ts), read on the full run
 * before the checks read the sources: the configuration's files and the folders rule files were
 * found in (and `--rules` folders), the tsconfig chain or the absent default tsconfig.json, the
 * workspace's declarations, package manifests and package globs.
 */
export function environmentInputs(projects: readonly RecordedProject[], ruleDirs: readonly string[]): Omit<RunInputs, 'sources' | 'caches'> {
  const files: RunInputs['files'] = {};
  const folders: RunInputs['folders'] = {};
  const globs: RunInputs['globs'] = [];
  const addFile = (path: string): void => {
    if (!(path in files)) files[path] = recordedFile(path);
  };
  const addFolder = (dir: string): void => {
    if (!(dir in folders)) folders[dir] = recordedFolder(dir);
  };
  for (const dir of ruleDirs) addFolder(dir);
  for (const project of projects) {
    for (const file of project.ruleFiles) {
      addFile(file);
      addFolder(dirname(file));
    }
    for (const file of project.tsconfig !== undefined ? tsconfigChain(project.tsconfig) : [join(project.root, 'tsconfig.json')]) addFile(resolve(file));
    const workspace = findWorkspaceDeclaration(project.root);
    for (const dir of workspace.visited) {
      addFile(join(dir, 'package.json'));
      addFile(join(dir, 'pnpm-workspace.yaml'));
    }
    if (workspace.dir !== undefined && !globs.some((g) => g.cwd === workspace.dir)) {
      // One walk: the matches are both the glob's recorded answer and the manifests to hash.
      const manifests = workspaceManifests(workspace);
      globs.push({ cwd: workspace.dir, include: workspace.include, ignore: workspace.ignore, found: matchesHash(manifests) });
      for (const manifest of manifests) addFile(manifest);
    }
  }
  return { files, folders, globs };
}
