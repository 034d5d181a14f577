import { ts } from 'ts-morph';
import { calleeOf } from '../syntax/callee.js';
import type { FileFacts } from '../project/file-facts.js';
import { unwrap } from '../syntax/fold.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { resolveIdentifier } from '../syntax/symbols.js';
import { functionOfDeclaration } from '../syntax/ast-utils.js';

/**
 * Tasks defined through the bundled runtime (rules.md "task function": `defineTask`, `dbTask`,
 * `simpleTask`): the runtime opens the session, writes the lifecycle and logs it, so these bodies are
 * compliant with BG-030..BG-034 by construction and are not task functions for them. They are still
 * entry points of background work for BG-035 (a promise they drop is still dropped).
 *
 * A body is runtime-defined when it is a function argument of a factory call (inline, or a reference
 * to a function of the same file), or when its first parameter is typed with the runtime's context
 * type (`subjects.taskFunction.runtimeContextTypes`): `export async function run(ctx: TaskContext, id)`
 * registered from another file.
 */
export function runtimeTaskBodiesOf(project: ProjectFacts, file: FileFacts): ReadonlySet<ts.FunctionLikeDeclaration> {
  return project.memo(`task-runtime:${file.path}`, () => {
    const settings = project.subjects.taskFunction;
    const factories = new Set(settings.runtimeFactories);
    const contextTypes = new Set(settings.runtimeContextTypes ?? []);
    const bodies = new Set<ts.FunctionLikeDeclaration>();
    const aliases = importAliases(file, factories);
    for (const call of file.index.calls) {
      if (call.arguments.length === 0) continue;
      // A method keeps its name (`rt.dbTask`); only a bare function may be an alias worth resolving.
      if (!mayCall(call, factories, aliases)) continue;
      const callee = calleeOf(project, file, call);
      if (!callee || !factories.has(callee.name)) continue;
      for (const arg of call.arguments) {
        const fn = functionOfExpression(project, file, arg);
        if (fn) bodies.add(fn);
      }
    }
    if (contextTypes.size > 0) {
      for (const fn of file.index.functions) {
        const first = fn.parameters[0];
        if (first?.type && ts.isTypeReferenceNode(first.type) && contextTypes.has(entityLastName(first.type.typeName))) bodies.add(fn);
      }
    }
    return bodies;
  });
}

/** Local names an import gives to one of `names`: `t` for `import { dbTask as t }` or `const { dbTask: t } = require(…)`. */
export function importAliases(file: FileFacts, names: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const decl of file.index.imports) {
    const bindings = decl.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const spec of bindings.elements) {
      const imported = spec.propertyName && ts.isIdentifier(spec.propertyName) ? spec.propertyName.text : spec.name.text;
      if (names.has(imported)) out.add(spec.name.text);
    }
  }
  // const { Worker: BullWorker } = require('bullmq')
  for (const v of file.index.variables) {
    if (!ts.isObjectBindingPattern(v.name) || !v.initializer) continue;
    const init = unwrap(v.initializer);
    if (!ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') continue;
    for (const el of v.name.elements) {
      const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : undefined;
      if (key !== undefined && names.has(key) && ts.isIdentifier(el.name)) out.add(el.name.text);
    }
  }
  return out;
}

/**
 * Cheap filter before resolving a callee: the written name is one of `names` (a method keeps its
 * name: `rt.dbTask`), or a local alias of one. Only candidates are resolved (calleeOf).
 */
export function mayCall(call: ts.CallExpression | ts.NewExpression, names: ReadonlySet<string>, aliases: ReadonlySet<string>): boolean {
  const written = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(written)) return names.has(written.name.text);
  if (ts.isIdentifier(written)) return names.has(written.text) || aliases.has(written.text);
  return false;
}

function entityLastName(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : name.right.text;
}

/** The function an argument is: inline, or an identifier naming a function of the same file. */
export function functionOfExpression(project: ProjectFacts, file: FileFacts, expr: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  const e = unwrap(expr);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const resolved = resolveIdentifier(project, file, e);
    if (resolved?.kind === 'declaration' && resolved.file === file) return functionOfDeclaration(resolved.node);
  }
  return undefined;
}
