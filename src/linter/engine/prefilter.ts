import type { CompiledRule } from '../config/rule.js';
import type { ProjectFacts } from '../facts/project/project-facts.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import type { Needles } from './prefilter-needles.js';
import { checkPrefilters } from './prefilter-table.js';
import { registeringImporters } from '../facts/http/routes.js';

/** A target as the prefilter sees it: its path and text, not parsed. */
export interface PrefilterTarget {
  path: string;
  relativePath: string;
  text: string;
}

/** Does any loaded check possibly report on this file? False: its per-file walk and checks are skipped. */
export type FilePrefilter = (target: PrefilterTarget, project: ProjectFacts) => boolean;

/** Suppression comments are judged in every file (an unused one is a finding), so such a file is always checked. */
const SUPPRESSION = 'bg-lint-disable';

interface RuleNeedles {
  appliesTo: (relativePath: string) => boolean;
  needles: Needles;
  lowerWords: readonly string[];
}

/** What one rule needs: its check's declared needles, or `always` when it cannot say or the rule opts out (`prefilter: false`). */
export function needlesOf(rule: CompiledRule<unknown>, subjects: SubjectSettings): Needles {
  if (rule.prefilter === false) return 'always';
  const declare = checkPrefilters.get(rule.check.meta.name);
  return declare ? declare(rule.options, subjects) : 'always';
}

/**
 * The prefilter of a run, built once from the loaded rules (spec "How it must be built to be
 * fast"): a file is checked when its text contains a needle of some rule that applies to it (raw
 * text, case-insensitive: a superset), when such a rule cannot say, or when it holds a suppression.
 */
export function buildPrefilter(rules: readonly CompiledRule<unknown>[], subjects: SubjectSettings): FilePrefilter {
  const all: RuleNeedles[] = rules
    .filter((r) => r.level !== 'off')
    .map((r) => {
      const needles = needlesOf(r, subjects);
      return { appliesTo: (p: string) => r.appliesTo(p), needles, lowerWords: needles === 'always' ? [] : needles.words.map((w) => w.toLowerCase()) };
    });
  return (target, project) => {
    if (target.text.includes(SUPPRESSION)) return true;
    const lower = target.text.toLowerCase();
    let byImporters = false;
    for (const r of all) {
      if (!r.appliesTo(target.relativePath)) continue;
      if (r.needles === 'always') return true;
      if (r.lowerWords.some((w) => lower.includes(w))) return true;
      if (r.needles.path?.(target.relativePath)) return true;
      if (r.needles.patterns?.some((re) => re.test(target.text))) return true;
      if (r.needles.test?.(target.relativePath, lower)) return true;
      byImporters ||= r.needles.importedByRoutes === true;
    }
    // Last, as it reads the project's import graph and the importers' routes (recorded reads, so
    // the cache re-checks this file when an importer changes): a handler declared here may be
    // registered by another file. Being imported by a file with a `.get(` is not enough: that
    // file's routes must name a handler declared here, as routeHandlersDeclaredIn asks.
    if (!byImporters || !lower.includes('export')) return false;
    return registeringImporters(project, target.path).length > 0;
  };
}
