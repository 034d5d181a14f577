import type { FileFacts } from '../project/file-facts.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { routeHandlersOf } from './routes.js';
import type { RouteHandler } from './route-handler.js';

/**
 * rules.md "trigger endpoint": a POST route whose path or handler name has a trigger word as a path
 * segment or name part. Paths split on `/ . - _ :` (RPC-style `collections.export`, `jobs:run`), names
 * and segments also on camelCase humps (`startImport`, `/bulkImport`); route parameters (`:importId`,
 * `{id}`, `*`) are not words. Plurals count both ways (`imports` for `import`, `job` for `jobs`);
 * a word inside a longer word does not (`/prune` is not a run, `/reimport` not an import). An RPC
 * path that ends in a read or removal verb (`imports.list`, `imports.delete`:
 * `subjects.triggerEndpoint.rpcNonTriggerVerbs`) is not a trigger through its resource word.
 */
export interface TriggerEndpoint {
  route: RouteHandler;
  /** The trigger words found, path words first. */
  words: string[];
  /** The keys the response may carry, one per distinct word key (`job_id`, `run_id`); any one will do. */
  keys: string[];
}

/** The parts of a path or name: lower-case words split on separators and camelCase humps. */
export function wordsOf(text: string, isPath: boolean): string[] {
  const parts = isPath
    ? text.split(/[/.\-_:]+/).filter((s) => s !== '' && !isParameter(s, text))
    : text.split(/[.\-_\s]+/);
  return parts.flatMap((p) => p.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)).map((w) => w.toLowerCase()).filter((w) => w !== '');
}

/** `:id`, `{id}`, `*`, `[id]` (Next.js), `$id` (Remix): route parameters are not words. */
function isParameter(segment: string, path: string): boolean {
  if (/^[{[*$]/.test(segment)) return true;
  // A segment that follows a `:` (`/:importId`) is a parameter; `jobs:run` (after a word) is a verb.
  const at = path.indexOf(`:${segment}`);
  return at >= 0 && (at === 0 || path[at - 1] === '/');
}

function matchesWord(part: string, word: string): boolean {
  const w = word.toLowerCase();
  if (part === w || part === `${w}s` || part === `${w}es`) return true;
  return w.endsWith('s') && part === w.slice(0, -1);
}

/** The trigger words (keys of `words`) a path or name contains, in order, each once. */
export function triggerWordsIn(text: string, isPath: boolean, words: Readonly<Record<string, string>>): string[] {
  const found: string[] = [];
  for (const part of wordsOf(text, isPath)) {
    for (const word of Object.keys(words)) {
      if (matchesWord(part, word) && !found.includes(word)) found.push(word);
    }
  }
  return found;
}

/**
 * `/api/imports.list`: an RPC path (its last segment holds a `.`) whose verb is a read or a removal.
 * Its resource word (`imports`) does not make it a trigger; `imports.create`, `collections.export` still are.
 */
function endsInNonTriggerVerb(path: string, verbs: readonly string[]): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (!last.includes('.')) return false;
  const verb = last.slice(last.lastIndexOf('.') + 1).toLowerCase();
  return verbs.some((v) => v.toLowerCase() === verb);
}

/** The trigger endpoints registered in a file. */
export function triggerEndpointsOf(project: ProjectFacts, file: FileFacts): TriggerEndpoint[] {
  return project.memo(`trigger-endpoints:${file.path}`, () => {
    const words = project.subjects.triggerEndpoint.words;
    const nonTriggerVerbs = project.subjects.triggerEndpoint.rpcNonTriggerVerbs ?? [];
    const endpoints: TriggerEndpoint[] = [];
    for (const route of routeHandlersOf(project, file)) {
      if (route.method !== 'post') continue;
      const pathWords = route.path !== undefined && !endsInNonTriggerVerb(route.path, nonTriggerVerbs) ? triggerWordsIn(route.path, true, words) : [];
      const found = [
        ...pathWords,
        ...(route.handlerName !== undefined ? triggerWordsIn(route.handlerName, false, words) : []),
      ].filter((w, i, all) => all.indexOf(w) === i);
      if (found.length === 0) continue;
      const keys = found.map((w) => words[w]!).filter((k, i, all) => all.indexOf(k) === i);
      endpoints.push({ route, words: found, keys });
    }
    return endpoints;
  });
}
