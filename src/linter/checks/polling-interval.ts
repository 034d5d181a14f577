import { ts } from 'ts-morph';
import { defineCheck, type CheckContext } from './check.js';
import { calleeOf } from '../facts/syntax/callee.js';
import { foldConstant, propertyNameText, unwrap } from '../facts/syntax/fold.js';
import { isFrontendFile } from '../facts/http/frontend.js';
import { enclosingFunctionName, someNode } from '../facts/syntax/ast-utils.js';

interface Options {
  minMs: number;
  maxMs: number;
  /** A timer callback polls when its names or URLs mention one of these words. */
  pollWords: string[];
  /** Object keys whose value is a polling interval: TanStack Query, SWR, the runtime client. */
  intervalKeys: string[];
  timerFunctions: string[];
}

type Ctx = CheckContext<Options, typeof messages>;

/** Findings, by message id; `what` names the poll (`setInterval`, `refetchInterval`, …). */
const messages = {
  tooFrequent: (d: { what: string; value: number; minMs: number; maxMs: number }) => `${d.what} every ${d.value} ms is too frequent: use ${d.minMs}–${d.maxMs} ms`,
  tooSlow: (d: { what: string; value: number; minMs: number; maxMs: number }) => `${d.what} every ${d.value} ms may feel unresponsive: use ${d.minMs}–${d.maxMs} ms`,
};

/** Identifier names and string contents inside a callback: what tells us it polls. */
function wordsOf(node: ts.Node, sourceFile: ts.SourceFile): string[] {
  const words: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) words.push(n.text);
    else if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) words.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  void sourceFile;
  return words;
}

function mentionsPolling(words: string[], pollWords: string[]): boolean {
  return words.some((w) => {
    const lower = w.toLowerCase();
    return pollWords.some((p) => lower.includes(p));
  });
}

/** `setTimeout(poll, ms)` inside `poll`, or a callback that calls the function it is inside of. */
function reschedulesItself(call: ts.CallExpression, callback: ts.Expression): boolean {
  const name = enclosingFunctionName(call, { classFields: false });
  if (!name) return false;
  return someNode(callback, (n) => (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) && n.text === name);
}

/** The expressions a function returns: its concise body, or its own `return`s (not nested functions'). */
function returnedExpressions(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression[] {
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n)) {
      if (n.expression) out.push(n.expression);
    } else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return out;
}

function judge(ctx: Ctx, at: ts.Expression, what: string, depth = 0): void {
  const e = unwrap(at);
  // `active ? 1000 : false`, `ms ?? 2000`: each numeric branch is an interval (false/undefined stop
  // polling and are not judged). TanStack's `refetchInterval: (query) => …` returns one: judge what
  // it returns.
  if (depth < 4) {
    if (ts.isConditionalExpression(e)) {
      judge(ctx, e.whenTrue, what, depth + 1);
      judge(ctx, e.whenFalse, what, depth + 1);
      return;
    }
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      judge(ctx, e.left, what, depth + 1);
      judge(ctx, e.right, what, depth + 1);
      return;
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
      for (const r of returnedExpressions(e)) judge(ctx, r, what, depth + 1);
      return;
    }
  }
  const value = foldConstant(ctx.project, ctx.file, at);
  // 0 is how SWR and TanStack Query spell "do not poll": not an interval.
  if (typeof value !== 'number' || !Number.isFinite(value) || value === 0) return;
  const { minMs, maxMs } = ctx.options;
  if (value < minMs) ctx.report(at, 'tooFrequent', { what, value, minMs, maxMs });
  else if (value > maxMs) ctx.report(at, 'tooSlow', { what, value, minMs, maxMs });
}

/** BG-041: every status poll in frontend code waits 3000–5000 ms (folded through constants and enums). */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'polling-interval',
    messages,
    description: 'Status polls in frontend files wait between minMs and maxMs.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minMs: { type: 'number', minimum: 0, default: 3000, description: 'Shortest allowed interval in milliseconds.' },
        maxMs: { type: 'number', minimum: 0, default: 5000, description: 'Longest allowed interval in milliseconds.' },
        pollWords: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['poll', 'status', 'job', 'task', 'progress'], description: 'Words (lower case) that make a timer callback a status poll.' },
        intervalKeys: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['refetchInterval', 'refreshInterval', 'intervalMs'], description: 'Object keys whose value is a polling interval.' },
        timerFunctions: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['setInterval', 'setTimeout'], description: 'Timers checked when their callback polls.' },
      },
    },
    needsTypes: false,
  },
  check(ctx) {
    if (!isFrontendFile(ctx.file.relativePath, ctx.project.subjects.frontend)) return;
    const { pollWords, intervalKeys, timerFunctions } = ctx.options;
    for (const call of ctx.file.index.calls) {
      if (call.arguments.length < 2) continue;
      const callee = calleeOf(ctx.project, ctx.file, call);
      if (!callee || !timerFunctions.includes(callee.name)) continue;
      // `window.setInterval` and `globalThis.setTimeout` are the same timers; `foo.setInterval` is not.
      if (callee.text !== callee.name && !/^(window|globalThis|self)\./.test(callee.text)) continue;
      const callback = unwrap(call.arguments[0]!);
      const interval = call.arguments[1]!;
      const polls = mentionsPolling(wordsOf(callback, ctx.file.sourceFile), pollWords);
      if (callee.name === 'setTimeout') {
        if (polls && reschedulesItself(call, callback)) judge(ctx, interval, 'polling');
      } else if (polls) {
        judge(ctx, interval, 'polling');
      }
    }
    for (const prop of ctx.file.index.propertyAssignments) {
      const key = propertyNameText(prop.name);
      if (key !== undefined && intervalKeys.includes(key)) judge(ctx, prop.initializer, `polling (${key})`);
    }
  },
});

/** Text prefilter (engine/prefilter.ts): a finding is a timer call or an interval key. */
export const prefilter = (o: Options) => ({ words: [...o.timerFunctions, ...o.intervalKeys] });
