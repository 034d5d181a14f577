import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledRulesDir } from '../config/bundled.js';
import type { LintReport } from '../report.js';

/**
 * What a document format needs beyond the findings, read here so the formatter stays pure: the
 * text of every file with findings (for code excerpts; a file that cannot be read just has none)
 * and the rules' docs as links: a docs path of a bundled rule (relative to the package root, as
 * rule-schema.ts says) becomes the file:// URL of the doc shipped in the package.
 */
export function withSourcesAndDocLinks(report: LintReport): LintReport {
  const packageRoot = dirname(bundledRulesDir());
  const files = report.files.map((file) => {
    if (file.source !== undefined || file.diagnostics.length === 0) return file;
    try {
      return { ...file, source: readFileSync(file.file, 'utf8') };
    } catch {
      return file;
    }
  });
  const rules = report.rules.map((rule) => {
    const docs = rule.docs;
    if (docs === undefined || /^[a-z][a-z0-9+.-]*:/i.test(docs) || isAbsolute(docs)) return rule;
    const target = resolve(packageRoot, docs);
    return existsSync(target) ? { ...rule, docs: pathToFileURL(target).href } : rule;
  });
  return { ...report, files, rules };
}
