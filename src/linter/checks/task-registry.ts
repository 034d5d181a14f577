import { ts } from 'ts-morph';
import { defineCheck } from './check.js';
import { calleeMatches, calleeOf } from '../facts/syntax/callee.js';
import type { FileFacts } from '../facts/project/file-facts.js';
import { jobModelsOf } from '../facts/records/job-models.js';
import type { ProjectFacts } from '../facts/project/project-facts.js';
import { resolveIdentifier, resolveMember } from '../facts/syntax/symbols.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { jobModelNeedles } from '../engine/prefilter-vocabulary.js';

interface Options {
  /** Variables that hold the registry: `TASK_MODELS = { import: ImportJob }` (any file). */
  registryNames: string[];
  /** Calls whose arguments (and type arguments) register models: `registerTaskModel(ImportJob)`. */
  registryCalls: string[];
}

/** Is this identifier a name being declared or a property key, rather than a reference? */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p)) && p.name === id) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p) && p.right === id) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionLike(p)) && (p as { name?: ts.Node }).name === id) return false;
  return true;
}

/** Adds the declarations every identifier (value or type) under `node` refers to; strings and comments are not references. */
function collectReferences(project: ProjectFacts, file: FileFacts, node: ts.Node, out: Set<ts.Node>): void {
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && isReference(n)) {
      const resolved = resolveIdentifier(project, file, n);
      if (resolved?.kind === 'declaration') out.add(resolved.node);
    } else if ((ts.isPropertyAccessExpression(n) || ts.isQualifiedName(n)) && ts.isIdentifier(ts.isPropertyAccessExpression(n) ? n.expression : n.left)) {
      // models.ImportJob through `import * as models from './models'`
      const left = (ts.isPropertyAccessExpression(n) ? n.expression : n.left) as ts.Identifier;
      const right = ts.isPropertyAccessExpression(n) ? n.name.text : n.right.text;
      const member = resolveMember(project, resolveIdentifier(project, file, left), right);
      if (member?.kind === 'declaration') out.add(member.node);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
}

/** The declarations referenced from task registries anywhere in the project: scanned once per run. */
function registeredDeclarations(project: ProjectFacts, options: Options): Set<ts.Node> {
  const key = `task-registry:${options.registryNames.join(',')}|${options.registryCalls.join(',')}`;
  return project.memo(key, () => {
    const out = new Set<ts.Node>();
    const names = new Set(options.registryNames);
    // A cheap text test first (most files mention no registry): only those files are parsed.
    const needles = [...options.registryNames, ...options.registryCalls.map((c) => c.slice(c.lastIndexOf('.') + 1))];
    for (const file of project.filesContaining(needles)) {
      for (const v of file.index.variables) {
        if (ts.isIdentifier(v.name) && names.has(v.name.text)) {
          if (v.type) collectReferences(project, file, v.type, out);
          if (v.initializer) collectReferences(project, file, v.initializer, out);
        }
      }
      for (const b of file.index.binaries) {
        // TASK_MODELS = {...}; TASK_MODELS.import = ImportJob; TASK_MODELS['scan'] = ScanRun
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
        let target: ts.Expression = b.left;
        while (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) target = target.expression;
        if (ts.isIdentifier(target) && names.has(target.text)) collectReferences(project, file, b.right, out);
      }
      for (const call of file.index.calls) {
        const callee = calleeOf(project, file, call);
        if (!callee || !options.registryCalls.some((p) => calleeMatches(callee, p))) continue;
        for (const t of call.typeArguments ?? []) collectReferences(project, file, t, out);
        for (const a of call.arguments) collectReferences(project, file, a, out);
      }
    }
    return out;
  });
}

/** Findings, by message id; `registryNames` and `registryCalls` are the ways to register it. */
const messages = {
  unregistered: (d: { model: string; registryNames: readonly string[]; registryCalls: readonly string[] }) =>
    `job model "${d.model}" is not referenced from a task registry (${d.registryNames.join(' / ')} or ${d.registryCalls.map((c) => `${c}(...)`).join(' / ')}): its jobs are not monitored`,
};

/** BG-022: every job model is referenced (by symbol, not by name) from a task registry. */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'task-registry',
    messages,
    description: 'Every job model is referenced from a task registry (TASK_MODELS, registerTaskModel(...)), resolved by symbol.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        registryNames: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['TASK_MODELS'], description: 'Variables that hold the task registry.' },
        registryCalls: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['registerTaskModel'], description: 'Calls that register a model (callee names, `module.name` or `object.method`).' },
      },
    },
    needsTypes: false,
  },
  check(ctx) {
    const models = jobModelsOf(ctx.project, ctx.file);
    if (models.length === 0) return;
    const registered = registeredDeclarations(ctx.project, ctx.options);
    for (const model of models) {
      if (registered.has(model.declaration)) continue;
      const { registryNames, registryCalls } = ctx.options;
      ctx.report(model.nameNode, 'unregistered', { model: model.name, registryNames, registryCalls });
    }
  },
});

/** Text prefilter (engine/prefilter.ts): only a file that declares a job model can be reported on. */
export const prefilter = (_options: Options, subjects: SubjectSettings) => jobModelNeedles(subjects);
