import { nextRoutePath, remixRoutePath } from '../facts/http/file-route-paths.js';
import { matchesAnyGlob } from '../facts/project/names.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { calleeWords, type Needles } from './prefilter-needles.js';

/**
 * The subjects' words the bundled checks share for the prefilter: each mirrors how a fact finds its
 * subject (facts/records/job-models.ts, task-functions.ts, routes.ts), so a file without them has none.
 */

/** A job model is a declaration named `…Job`/`…Run`/… in a model file, a `pgTable(…)` so named, or one tagged `@bgJobModel`. */
export function jobModelNeedles(subjects: SubjectSettings): Needles {
  const m = subjects.jobModel;
  const endings = m.nameEndings.map((w) => w.replace(/[^\w]/g, '').toLowerCase()).filter((w) => w.length > 0);
  return {
    words: m.tag.length > 0 ? [m.tag] : [],
    test: (p, lower) => matchesAnyGlob(p, m.files) && endings.some((e) => lower.includes(e)),
  };
}

/** A task is any exported function of a task file (by path), or a Worker processor, a `@Processor` class, a background callback. */
export function taskNeedles(subjects: SubjectSettings): Needles {
  const t = subjects.taskFunction;
  const adders = calleeWords(t.backgroundAdders) ?? [];
  return { words: [...t.workerClasses, ...t.processorDecorators, ...adders], path: (p) => matchesAnyGlob(p, t.files) };
}

/**
 * A route is registered as `x.post(…)`, `x.route(…)`, or by a method decorator `@Post()` (also
 * `@nest.Post()` and an aliased `Post as P`).
 */
export function routeWords(subjects: SubjectSettings): string[] {
  const r = subjects.routeHandler;
  const decorators = Object.keys(r.methodDecorators);
  return [...r.methods.map((m) => `.${m}`), '.route', ...decorators.flatMap((d) => [`@${d}`, `.${d}`, `${d} as `])];
}

/** A module that is a route by where it is (facts/http/module-routes.ts): a Next.js `route.ts` under `app/`, a Remix module under `app/routes/`. */
export function isRouteModulePath(relativePath: string): boolean {
  return nextRoutePath(relativePath) !== undefined || remixRoutePath(relativePath) !== undefined;
}

/** A file that registers routes: by a registration call or decorator, or by being a route module. */
export function routeNeedles(subjects: SubjectSettings): Exclude<Needles, 'always'> {
  return { words: routeWords(subjects), path: isRouteModulePath };
}

/** Routes whose handler function is declared in the file: registered there, or by a file that imports it (routes.ts routeHandlersDeclaredIn). */
export function routeHandlerNeedles(subjects: SubjectSettings): Needles {
  return { ...routeNeedles(subjects), importedByRoutes: true };
}

/** The same needles routes.ts gives `importersOf` when it looks for the files that register a handler declared elsewhere. */
export function routeImporterNeedles(subjects: SubjectSettings): string[] {
  const r = subjects.routeHandler;
  return [...r.methods.map((m) => `.${m}(`), '.route(', ...Object.keys(r.methodDecorators).map((d) => `@${d}`)];
}
