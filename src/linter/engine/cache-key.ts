import type { CompiledRule } from '../config/rule.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { contentHash, fileHash } from './content-hash.js';

/**
 * Everything besides a file's own content (and what it read) that decides its findings: the tool's
 * version, the rules that run with their levels, options and globs, the subjects, the ignore list and
 * the text of every YAML file the configuration came from. Any change starts an empty cache.
 */
export function cacheKey(input: {
  toolVersion: string;
  rules: readonly CompiledRule<unknown>[];
  subjects: SubjectSettings;
  ignore: readonly string[];
  configFiles: readonly string[];
}): string {
  const files = input.configFiles.map((path) => [path, fileHash(path)]);
  return contentHash(
    JSON.stringify({
      tool: input.toolVersion,
      rules: input.rules.map((r) => [r.id, r.level, r.check.meta.name, r.options, r.files, r.ignore]),
      subjects: input.subjects,
      ignore: input.ignore,
      files,
    }),
  );
}
