import { nextRoutePath, remixRoutePath } from '../facts/http/file-route-paths.js';
import { matchesAnyGlob } from '../facts/project/wildcard.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { calleeWords, type Needles } from './prefilter-needles.js';

/**
 * The subjects' words the bundled checks share for the prefilter: each mirrors how a fact finds its
 * subject (facts/records/job-models.ts, task-functions.ts, routes.ts), so a file without them has none.
 */

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A job model is a declaration named `…Job`/`…Run`/… in a model file, a `pgTable(…)` so named, or one tagged `@bgJobModel`. */
export function jobModelNeedles(subjects: SubjectSettings): Needles {
  const m = subjects.jobModel;
  const endings = m.nameEndings.map((w) => w.replace(/[^\w]/g, '').toLowerCase()).filter((w) => w.length > 0);
  return {
    words: m.tag.length > 0 ? [m.tag] : [],
    test: (p, lower) => matchesAnyGlob(p, m.files) && endings.some((e) => lower.includes(e)),
  };
}

/**
 * A task is any exported function of a task file (by path), or a Worker processor, a `@Processor` class, a background callback.
 * The class and decorator names are whole words, as written: task-functions.ts compares them so
 * (`new Worker(…)`, an import alias `Worker as W`, `@Processor()`, `@bull.Processor()`), while as
 * case-insensitive words `worker` and `processor` also admitted every `./workers` import, `webWorker`
 * and `imageProcessor` (on trigger.dev's webapp 88 files held no other needle, 46 of them for nothing).
 */
export function taskNeedles(subjects: SubjectSettings): Needles {
  const t = subjects.taskFunction;
  const adders = calleeWords(t.backgroundAdders) ?? [];
  const names = [...t.workerClasses, ...t.processorDecorators].map(escapeRegex);
  return {
    words: adders,
    ...(names.length > 0 ? { patterns: [new RegExp(String.raw`\b(?:${names.join('|')})\b`)] } : {}),
    path: (p) => matchesAnyGlob(p, t.files),
  };
}

/** A route is registered by a method decorator `@Post()`, or as routeCallPattern says. */
export function routeWords(subjects: SubjectSettings): string[] {
  return Object.keys(subjects.routeHandler.methodDecorators).map((d) => `@${d}`);
}

/**
 * After a `(`: an argument list `k)`, `'a, b')`, `this.key)` or `)`, fewer than two arguments,
 * written so that no comma, nesting or comment can hide a second one (an identifier or member
 * chain, a number, a quoted string without escapes).
 */
const FEWER_THAN_TWO_ARGS = String.raw`\s*(?:[\w$.]+|'[^'\\\n]*'|"[^"\\\n]*")?\s*\)`;

/**
 * Or by a call `x.post(…)`, `x.route(…)`, `x.get<T>(…)`, `x.get?.(…)`: routes.ts takes a property
 * access whose name IS a method name (lower case, compared as written), called. The words alone
 * (`.get`) also admitted every `.getItem`, `.getTime()`, `.delete_at`; a call needs the name to end
 * there and a `(` (or type arguments) after it. A method call registers a route only with a path
 * and a handler, two arguments at least (routes.ts methodCallRoute), or chained to `.route(path)`,
 * which this pattern admits by itself; so `map.get(k)`, `cache.delete(key)` and `api.post()` do not
 * admit a file (on outline 143 files held no other needle than such a `.get(`).
 */
export function routeCallPattern(subjects: SubjectSettings): RegExp {
  const methods = subjects.routeHandler.methods.map((m) => escapeRegex(m.toLowerCase()));
  const optional = String.raw`\s*(?:\?\.\s*)?`;
  return new RegExp(String.raw`\.\s*(?:route${optional}[(<]|(?:${methods.join('|')})${optional}(?:<|\((?!${FEWER_THAN_TWO_ARGS})))`);
}

/**
 * A decorator reached through a namespace (`@nest.Post()`) or imported under an alias
 * (`Post as P`): as written, case-sensitive (decorator names are compared as written), since as
 * case-insensitive words `.Get` was also every `.get…`.
 */
export function routeDecoratorPattern(subjects: SubjectSettings): RegExp | undefined {
  const names = Object.keys(subjects.routeHandler.methodDecorators).map(escapeRegex);
  return names.length === 0 ? undefined : new RegExp(`\\.\\s*(?:${names.join('|')})\\b|\\b(?:${names.join('|')})\\s+as\\b`);
}

/** A module that is a route by where it is (facts/http/module-routes.ts): a Next.js `route.ts` under `app/`, a Remix module under `app/routes/`. */
export function isRouteModulePath(relativePath: string): boolean {
  return nextRoutePath(relativePath) !== undefined || remixRoutePath(relativePath) !== undefined;
}

/** A file that registers routes: by a registration call or decorator, or by being a route module. */
export function routeNeedles(subjects: SubjectSettings): Exclude<Needles, 'always'> {
  const decorators = routeDecoratorPattern(subjects);
  return { words: routeWords(subjects), patterns: [routeCallPattern(subjects), ...(decorators ? [decorators] : [])], path: isRouteModulePath };
}

/** Routes whose handler function is declared in the file: registered there, or by a file that imports it (routes.ts routeHandlersDeclaredIn). */
export function routeHandlerNeedles(subjects: SubjectSettings): Needles {
  return { ...routeNeedles(subjects), importedByRoutes: true };
}
