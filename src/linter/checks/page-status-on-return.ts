import { ts } from 'ts-morph';
import { defineCheck, type CheckContext } from './check.js';
import { calleeOf } from '../facts/syntax/callee.js';
import { matchesAnyCallPattern } from '../facts/syntax/call-patterns.js';
import { foldConstant, propertyNameText, unwrap } from '../facts/syntax/fold.js';
import { isPageFile } from '../facts/http/frontend.js';
import { someInScope } from '../facts/syntax/handler-scope.js';
import { routePathText } from '../facts/http/route-paths.js';
import { routeHandlersOf } from '../facts/http/routes.js';
import { triggerWordsIn } from '../facts/http/trigger-endpoints.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { isFrontendFile } from '../facts/http/frontend.js';
import { calleeWords, type Needles } from '../engine/prefilter-needles.js';

interface Options {
  /** The runtime client's trigger calls. */
  triggerCalls: string[];
  /** `fetch`-like functions: a trigger when called with `{ method: 'POST' }` and a trigger URL. */
  fetchFunctions: string[];
  /** HTTP client methods that POST: `axios.post(url)`, `api.post(url)`, `this.http.post(url)`. */
  postMethods: string[];
  /** Calls that check for (and resume) an active job. */
  activeTaskChecks: string[];
  /** Methods and properties run when a page loads: Alpine `init`, Vue `mounted`, Angular `ngOnInit`. */
  loadMethods: string[];
  /** Calls whose callback runs when a page loads: React `useEffect`, Vue `onMounted`, Svelte `onMount`. */
  loadHooks: string[];
  /** `addEventListener(event, cb)` events that mean "loaded". */
  loadEvents: string[];
}

type Ctx = CheckContext<Options, typeof messages>;

/** Findings, by message id; `trigger` is how the page starts the job. */
const messages = {
  noStatusOnLoad: (d: { trigger: string }) => `this page starts a job (${d.trigger}) but never checks for an active job when it loads`,
};

interface Trigger {
  call: ts.CallExpression;
  what: string;
}

function objectProperty(o: ts.Expression | undefined, key: string): ts.Expression | undefined {
  if (!o) return undefined;
  const e = unwrap(o);
  if (!ts.isObjectLiteralExpression(e)) return undefined;
  for (const prop of e.properties) {
    if (ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === key) return prop.initializer;
    if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === key) return prop.name;
  }
  return undefined;
}

/** `POST /api/imports` when `url` names a trigger path; the URL's unknown parts are `*`, its query is dropped. */
function triggerUrl(ctx: Ctx, url: ts.Expression | undefined): string | undefined {
  if (!url) return undefined;
  const text = routePathText(ctx.project, ctx.file, url);
  if (text === undefined) return undefined;
  const path = text.split('?')[0]!;
  return triggerWordsIn(path, true, ctx.project.subjects.triggerEndpoint.words).length > 0 ? `POST ${path}` : undefined;
}

function isPost(ctx: Ctx, method: ts.Expression | undefined): boolean {
  if (!method) return false;
  const v = foldConstant(ctx.project, ctx.file, method);
  return typeof v === 'string' && v.toLowerCase() === 'post';
}

function triggersOf(ctx: Ctx): Trigger[] {
  const o = ctx.options;
  const registrations = new Set<ts.Node>(routeHandlersOf(ctx.project, ctx.file).map((r) => r.registration));
  const triggers: Trigger[] = [];
  for (const call of ctx.file.index.calls) {
    if (registrations.has(call)) continue;
    const callee = calleeOf(ctx.project, ctx.file, call);
    if (!callee) continue;
    const [first, second] = call.arguments;
    let what: string | undefined;
    if (matchesAnyCallPattern(callee, o.triggerCalls)) {
      const renamed = callee.text !== callee.name && !callee.text.endsWith(`.${callee.name}`);
      what = renamed ? `${callee.text}() (${callee.name})` : `${callee.text}()`;
    } else if (matchesAnyCallPattern(callee, o.fetchFunctions)) {
      if (isPost(ctx, objectProperty(second, 'method'))) what = triggerUrl(ctx, first);
    } else if (callee.text !== callee.name && o.postMethods.includes(callee.name)) {
      what = triggerUrl(ctx, first);
    } else if (call.arguments.length === 1 && isPost(ctx, objectProperty(first, 'method'))) {
      // `axios({ method: 'post', url })`, `api.request({ method: 'POST', url })`
      what = triggerUrl(ctx, objectProperty(first, 'url'));
    }
    if (what !== undefined) triggers.push({ call, what });
  }
  return triggers;
}

/** The functions a page runs when it loads. */
function loadFunctions(ctx: Ctx): ts.FunctionLikeDeclaration[] {
  const o = ctx.options;
  const out: ts.FunctionLikeDeclaration[] = [];
  const asFn = (e: ts.Node | undefined): ts.FunctionLikeDeclaration | undefined => {
    if (!e) return undefined;
    const x = ts.isExpression(e) ? unwrap(e) : e;
    return ts.isArrowFunction(x) || ts.isFunctionExpression(x) || ts.isMethodDeclaration(x) || ts.isFunctionDeclaration(x) ? x : undefined;
  };
  for (const fn of ctx.file.index.functions) {
    if (ts.isMethodDeclaration(fn) && fn.name && o.loadMethods.includes(propertyNameText(fn.name) ?? '')) out.push(fn);
  }
  for (const prop of ctx.file.index.propertyAssignments) {
    const f = asFn(prop.initializer);
    if (f && o.loadMethods.includes(propertyNameText(prop.name) ?? '')) out.push(f);
  }
  for (const call of ctx.file.index.calls) {
    const callee = calleeOf(ctx.project, ctx.file, call);
    if (!callee) continue;
    if (o.loadHooks.includes(callee.name)) {
      const f = asFn(call.arguments[0]);
      if (f) out.push(f);
    } else if (callee.name === 'addEventListener') {
      const event = call.arguments[0] && foldConstant(ctx.project, ctx.file, call.arguments[0]);
      const f = asFn(call.arguments[1]);
      if (typeof event === 'string' && o.loadEvents.includes(event) && f) out.push(f);
    }
  }
  return out;
}

function checksOnLoad(ctx: Ctx): boolean {
  for (const fn of loadFunctions(ctx)) {
    const found = someInScope(ctx.project, ctx.file, fn, [], (node) => {
      if (!ts.isCallExpression(node)) return false;
      const callee = calleeOf(ctx.project, ctx.file, node);
      return callee !== undefined && matchesAnyCallPattern(callee, ctx.options.activeTaskChecks);
    });
    if (found) return true;
  }
  return false;
}

/** BG-040: a page that starts a job looks for an active job when it loads, so a return shows its status. */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'page-status-on-return',
    messages,
    description: 'A page file that triggers a job also checks for an active job when it loads.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        triggerCalls: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['triggerJob'], description: 'Calls that trigger a job.' },
        fetchFunctions: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['fetch', '$fetch', 'ofetch'], description: 'fetch-like functions (a trigger with `method: "POST"`).' },
        postMethods: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['post'], description: 'Client methods that POST (`axios.post`).' },
        activeTaskChecks: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['checkActiveTask', 'getActiveJob', 'findActiveJob', 'resumeActiveJob', 'fetchActiveJob'], description: 'Calls that look for an active job.' },
        loadMethods: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['init', 'mounted', 'ngOnInit'], description: 'Methods run when the page loads.' },
        loadHooks: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['useEffect', 'onMounted', 'onMount'], description: 'Calls whose callback runs when the page loads.' },
        loadEvents: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['DOMContentLoaded'], description: 'Events of `addEventListener` that mean the page loaded.' },
      },
    },
    needsTypes: false,
  },
  check(ctx) {
    if (!isPageFile(ctx.file, ctx.project.subjects.frontend)) return;
    const triggers = triggersOf(ctx);
    if (triggers.length === 0 || checksOnLoad(ctx)) return;
    for (const t of triggers) {
      ctx.report(t.call, 'noStatusOnLoad', { trigger: t.what });
    }
  },
});

/**
 * Text prefilter (engine/prefilter.ts): only page files (by path) that can hold a trigger. Each way
 * triggersOf finds one shows a word in the page's text: a `method` key in an object literal (a
 * `fetch(url, { method })`, an `axios({ method, url })`), a post method's name (`api.post`, or the
 * import that renames it), or the trigger call's word (calleeWords; with a `*` pattern there is none,
 * and every page file is judged). A page file without any of them reports nothing whatever it loads.
 */
export const prefilter = (o: Options, subjects: SubjectSettings): Needles => {
  const isFrontend = (p: string) => isFrontendFile(p, subjects.frontend);
  const triggerWords = calleeWords(o.triggerCalls);
  if (triggerWords === undefined) return { words: [], path: isFrontend };
  const words = ['method', ...o.postMethods, ...triggerWords].map((w) => w.toLowerCase());
  return { words: [], test: (p, lower) => isFrontend(p) && words.some((w) => lower.includes(w)) };
};
