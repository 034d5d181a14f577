import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { normalizeModule, resolveIdentifier, resolveMember, type Resolved } from './symbols.js';

/** Who a call calls, seen through imports and aliases. */
export interface Callee {
  /** The function's own name: `execSync` for `sh()` when `import { execSync as sh } from 'child_process'`. */
  name: string;
  /** The package it comes from, when it is imported (`node:` prefix dropped). */
  module?: string;
  /** The callee as written, without `this.`: `backgroundTasks.add`, `sh`. */
  text: string;
}

function expressionText(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (e.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
    const left = expressionText(e.expression);
    return left === undefined ? undefined : `${left}.${e.name.text}`;
  }
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) return expressionText(e.expression);
  return undefined;
}

function fromResolved(resolved: Resolved | undefined, fallbackName: string, text: string): Callee {
  if (resolved?.kind === 'external') return { name: resolved.name, module: resolved.module, text };
  if (resolved?.kind === 'namespace') return { name: fallbackName, module: normalizeModule(resolved.module), text };
  return { name: fallbackName, text };
}

/** The callee of a call (or `new`) expression; undefined for computed callees. */
export function calleeOf(project: ProjectFacts, file: FileFacts, call: ts.CallExpression | ts.NewExpression): Callee | undefined {
  let e: ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  const written = expressionText(e);
  if (written === undefined) return undefined;
  const text = written.startsWith('this.') ? written.slice(5) : written;
  if (ts.isIdentifier(e)) return fromResolved(resolveIdentifier(project, file, e), e.text, text);
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
    const owner = e.expression;
    if (ts.isIdentifier(owner)) {
      const resolved = resolveIdentifier(project, file, owner);
      if (resolved?.kind === 'namespace') return fromResolved(resolveMember(project, resolved, e.name.text), e.name.text, text);
    }
    return { name: e.name.text, text };
  }
  return undefined;
}

/**
 * Does a callee match a pattern from a rule? `execSync` matches the function's name however it was
 * imported; `child_process.execSync` also requires the module; `backgroundTasks.add` matches the
 * written member chain (`this.backgroundTasks.add` too).
 */
export function calleeMatches(callee: Callee, pattern: string): boolean {
  const dot = pattern.lastIndexOf('.');
  if (dot < 0) return callee.name === pattern;
  const owner = normalizeModule(pattern.slice(0, dot));
  const name = pattern.slice(dot + 1);
  if (callee.module !== undefined && callee.module === owner && callee.name === name) return true;
  return callee.text === pattern || callee.text.endsWith('.' + pattern);
}
