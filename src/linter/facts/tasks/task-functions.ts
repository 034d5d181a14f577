import { ts } from 'ts-morph';
import { calleeOf } from '../syntax/callee.js';
import { matchesAnyCallPattern } from '../syntax/call-patterns.js';
import type { FileFacts } from '../project/file-facts.js';
import { propertyNameText, unwrap } from '../syntax/fold.js';
import { matchesAnyGlob } from '../project/wildcard.js';
import type { ProjectFacts } from '../project/project-facts.js';
import type { TaskFunction, TaskFunctionKind } from './task-function.js';
import { resolveIdentifier } from '../syntax/symbols.js';
import { functionOfDeclaration } from '../syntax/ast-utils.js';
import { functionOfExpression, importAliases, mayCall, runtimeTaskBodiesOf } from './task-runtime.js';

/**
 * The task entry points of a file (rules.md "task function"), memoized per file, in source order:
 *
 * - in a task file (`subjects.taskFunction.files`): exported functions (`export function`,
 *   `export const f = () => …`, `export default function`, `export { f }`, `export default f`, and in
 *   CommonJS `module.exports = { f }`, `module.exports.f = …`, `exports.f = …`) and the public methods
 *   of exported classes;
 * - anywhere: the processor of `new Worker(name, fn)` (`workerClasses`, matched through import
 *   aliases), the `process` method of a class decorated `@Processor(…)` (`processorDecorators`), a
 *   function handed to `backgroundTasks.add(fn)` / `addTask(fn)` (`backgroundAdders`). A processor
 *   or callback given by reference counts when it is declared in the same file (a reference to
 *   another file is found there when that file is a task file).
 *
 * Not tasks: functions named with a leading `_`, non-exported functions (helpers), and bodies defined
 * through the runtime's factories (task-runtime.ts): those are compliant by construction.
 */
export function taskFunctionsOf(project: ProjectFacts, file: FileFacts): TaskFunction[] {
  return project.memo(`tasks:${file.path}`, () => new TaskFinder(project, file).find());
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function isHelperName(name: string): boolean {
  return name.startsWith('_');
}

class TaskFinder {
  private readonly tasks: TaskFunction[] = [];
  private readonly seen = new Set<ts.Node>();
  private readonly runtimeBodies: ReadonlySet<ts.FunctionLikeDeclaration>;

  constructor(
    private readonly project: ProjectFacts,
    private readonly file: FileFacts,
  ) {
    this.runtimeBodies = runtimeTaskBodiesOf(project, file);
  }

  find(): TaskFunction[] {
    const settings = this.project.subjects.taskFunction;
    if (matchesAnyGlob(this.file.relativePath, settings.files)) this.exported();
    if (this.file.index.news.length > 0) this.workers(settings.workerClasses);
    if (this.file.index.decorators.length > 0) this.nestProcessors(settings.processorDecorators);
    this.backgroundCallbacks(settings.backgroundAdders);
    return this.tasks.sort((a, b) => a.fn.pos - b.fn.pos);
  }

  private add(fn: ts.FunctionLikeDeclaration | undefined, name: string, nameNode: ts.Node, kind: TaskFunctionKind): void {
    if (!fn || !fn.body || this.seen.has(fn) || this.runtimeBodies.has(fn) || isHelperName(name)) return;
    this.seen.add(fn);
    this.tasks.push({ file: this.file, name, nameNode, fn, kind });
  }

  /** A function the file declares by name: its name node and function. */
  private local(id: ts.Identifier): { fn: ts.FunctionLikeDeclaration; nameNode: ts.Node; name: string } | undefined {
    const resolved = resolveIdentifier(this.project, this.file, id);
    if (resolved?.kind !== 'declaration' || resolved.file !== this.file) return undefined;
    const fn = functionOfDeclaration(resolved.node);
    if (!fn) return undefined;
    const named = resolved.node as { name?: ts.Node };
    const nameNode = named.name && ts.isIdentifier(named.name) ? named.name : id;
    return { fn, nameNode, name: ts.isIdentifier(nameNode) ? nameNode.text : id.text };
  }

  // ---- task files: exported functions and classes ------------------------------------------

  private exported(): void {
    for (const statement of this.file.sourceFile.statements) {
      const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
      if (ts.isFunctionDeclaration(statement) && exported) {
        const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
        const nameNode = statement.name ?? (ts.getModifiers(statement) ?? []).find((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? statement;
        this.add(statement, statement.name?.text ?? (isDefault ? 'default' : 'function'), nameNode, 'exported-function');
      } else if (ts.isVariableStatement(statement) && exported) {
        for (const decl of statement.declarationList.declarations) {
          if (ts.isIdentifier(decl.name)) this.add(functionOfDeclaration(decl), decl.name.text, decl.name, 'exported-function');
        }
      } else if (ts.isClassDeclaration(statement) && exported) {
        this.classMethods(statement);
      } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && !statement.isTypeOnly) {
        const clause = statement.exportClause;
        if (clause && ts.isNamedExports(clause)) {
          for (const spec of clause.elements) this.exportedReference(spec.propertyName ?? spec.name, spec.name.text);
        }
      } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
        this.exportedExpression(statement.expression, 'default', statement.expression);
      } else if (ts.isExpressionStatement(statement)) {
        this.commonJsExport(statement.expression);
      }
    }
  }

  private exportedReference(local: ts.ModuleExportName, exportedAs: string): void {
    if (!ts.isIdentifier(local)) return;
    const found = this.local(local);
    if (found) this.add(found.fn, exportedAs, found.nameNode, 'exported-function');
    else {
      const resolved = resolveIdentifier(this.project, this.file, local);
      if (resolved?.kind === 'declaration' && resolved.file === this.file && ts.isClassDeclaration(resolved.node)) this.classMethods(resolved.node);
    }
  }

  /** `export default f`, `module.exports = async function run() {}`, `exports.run = run`. */
  private exportedExpression(expr: ts.Expression, name: string, at: ts.Node): void {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) {
      this.exportedReference(e, name === 'default' ? e.text : name);
    } else if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
      const own = ts.isFunctionExpression(e) && e.name ? e.name : undefined;
      this.add(e, name === 'default' && own ? own.text : name, own ?? at, 'exported-function');
    } else if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isShorthandPropertyAssignment(p)) this.exportedReference(p.name, p.name.text);
        else if (ts.isPropertyAssignment(p)) {
          const key = propertyNameText(p.name);
          if (key !== undefined) this.exportedExpression(p.initializer, key, p.name);
        } else if (ts.isMethodDeclaration(p)) {
          const key = propertyNameText(p.name);
          if (key !== undefined) this.add(p, key, p.name, 'exported-function');
        }
      }
    } else if (ts.isClassExpression(e)) {
      this.classMethods(e);
    }
  }

  private commonJsExport(expr: ts.Expression): void {
    if (!ts.isBinaryExpression(expr) || expr.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    const left = unwrap(expr.left);
    const text = ts.isPropertyAccessExpression(left) || ts.isIdentifier(left) ? left.getText(this.file.sourceFile) : '';
    if (text === 'module.exports') {
      this.exportedExpression(expr.right, 'default', left);
    } else if (ts.isPropertyAccessExpression(left) && /^(module\.)?exports\.[\w$]+$/.test(text)) {
      this.exportedExpression(expr.right, left.name.text, left.name);
    }
  }

  private classMethods(cls: ts.ClassLikeDeclaration): void {
    for (const member of cls.members) {
      if (!ts.isMethodDeclaration(member) || !member.body) continue;
      if (hasModifier(member, ts.SyntaxKind.PrivateKeyword) || hasModifier(member, ts.SyntaxKind.ProtectedKeyword)) continue;
      if (!ts.isIdentifier(member.name) && !ts.isStringLiteral(member.name)) continue;
      this.add(member, member.name.text, member.name, 'exported-method');
    }
  }

  // ---- anywhere: BullMQ workers, NestJS processors, background callbacks ----------------------

  private workers(classes: readonly string[]): void {
    const names = new Set(classes);
    const aliases = importAliases(this.file, names);
    for (const n of this.file.index.news) {
      const processor = n.arguments?.[1];
      if (!processor || !mayCall(n, names, aliases)) continue;
      const callee = calleeOf(this.project, this.file, n);
      if (!callee || !classes.includes(callee.name)) continue;
      this.callback(processor, 'processor', n.expression, 'worker-processor');
    }
  }

  /** A function argument: inline (named `fallbackName`, reported at `at`) or a same-file reference. */
  private callback(arg: ts.Expression, fallbackName: string, at: ts.Node, kind: TaskFunctionKind): void {
    const e = unwrap(arg);
    if (ts.isIdentifier(e)) {
      const found = this.local(e);
      if (found) this.add(found.fn, found.name, found.nameNode, kind);
      return;
    }
    const fn = functionOfExpression(this.project, this.file, e);
    if (fn) {
      const own = ts.isFunctionExpression(fn) && fn.name ? fn.name : undefined;
      this.add(fn, own?.text ?? fallbackName, own ?? at, kind);
    }
  }

  private nestProcessors(decorators: readonly string[]): void {
    for (const cls of this.file.index.classes) {
      const classDecorators = ts.canHaveDecorators(cls) ? ts.getDecorators(cls) ?? [] : [];
      const isProcessor = classDecorators.some((d) => {
        const e = d.expression;
        if (ts.isCallExpression(e)) {
          const callee = calleeOf(this.project, this.file, e);
          return callee !== undefined && decorators.includes(callee.name);
        }
        return ts.isIdentifier(e) && decorators.includes(e.text);
      });
      if (!isProcessor) continue;
      for (const member of cls.members) {
        if (ts.isMethodDeclaration(member) && member.body && propertyNameText(member.name) === 'process') {
          // A processor's `process` is the task even when the file's other exports are not.
          this.seen.delete(member);
          this.tasks.splice(0, this.tasks.length, ...this.tasks.filter((t) => t.fn !== member));
          this.add(member, 'process', member.name, 'nest-processor');
        }
      }
      // Its other methods (event hooks: `@OnWorkerEvent('failed')`) are not entry points of work.
      const others = new Set(cls.members.filter((m) => ts.isMethodDeclaration(m) && propertyNameText(m.name) !== 'process'));
      this.tasks.splice(0, this.tasks.length, ...this.tasks.filter((t) => !others.has(t.fn as ts.ClassElement)));
    }
  }

  private backgroundCallbacks(adders: readonly string[]): void {
    if (adders.length === 0) return;
    // Cheap filter first: a method call's own name must end some pattern (`backgroundTasks.add` → `add`).
    const wildcard = adders.some((a) => a.includes('*'));
    const lastNames = new Set(adders.map((a) => a.slice(a.lastIndexOf('.') + 1)));
    const aliases = importAliases(this.file, lastNames);
    for (const call of this.file.index.calls) {
      const first = call.arguments[0];
      if (!first) continue;
      if (!wildcard && !mayCall(call, lastNames, aliases)) continue;
      const callee = calleeOf(this.project, this.file, call);
      if (!callee || !matchesAnyCallPattern(callee, adders)) continue;
      this.callback(first, 'background callback', call.expression, 'background-callback');
    }
  }
}
