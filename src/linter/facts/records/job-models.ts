import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import { propertyNameText, unwrap } from '../syntax/fold.js';
import { normalizeFieldName } from '../project/names.js';
import { matchesAnyGlob } from '../project/wildcard.js';
import type { ProjectFacts } from '../project/project-facts.js';
import type { SubjectSettings } from '../project/subjects.js';
import { calleeOf } from '../syntax/callee.js';
import { resolveIdentifier } from '../syntax/symbols.js';
import { inheritedMembersBySyntax } from './model-heritage.js';

export type JobModelKind = 'class' | 'interface' | 'type' | 'table';

export interface JobModelField {
  /** As written: `started_at` or `startedAt`. */
  name: string;
  /** The property, column or member that declares it (possibly in another file). */
  node: ts.Node;
  /** `status?:`, `| null`, `nullable: true`, a Drizzle column without `.notNull()`. */
  optional: boolean;
  /** `@Index()` on it, `index: true`, or named by a class/table index. */
  indexed: boolean;
  /** The declared type, when written. */
  typeNode?: ts.TypeNode;
}

export interface JobModel {
  name: string;
  /** The node findings about the model point at: its name. */
  nameNode: ts.Node;
  declaration: ts.Node;
  kind: JobModelKind;
  /** Declared through an ORM (decorated class or table builder call): its status must be indexed. */
  orm: boolean;
  file: FileFacts;
  /** Own and inherited fields, keyed by normalized name (see normalizeFieldName). */
  fields: Map<string, JobModelField>;
  /** True when the model's fields are mostly camelCase (messages then name `startedAt`). */
  camelCase: boolean;
}

/**
 * `ImportJob`, `ScanRunTable`, `import_jobs`, `ImportJobsEntity`: the shape of a job model's name. An
 * acronym or an interface prefix may stand right before the ending (`IJob`, `ETLJob`, `SMSRun`,
 * `AIScan`), so the letter before it may be upper case; the ending itself must start a word
 * (`Subtask`, `Outrun` are not models: their ending is lower case).
 */
export function jobModelNamePattern(settings: SubjectSettings['jobModel']): RegExp {
  const alt = (words: string[]) => words.map((w) => w.replace(/[^\w]/g, '')).join('|');
  const endings = alt(settings.nameEndings);
  const suffixes = alt(settings.nameSuffixes);
  const snakeSuffixes = settings.nameSuffixes.map((s) => s.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()).join('|');
  const pascal = `(?:^|[A-Za-z0-9])(?:${endings})s?(?:${suffixes})?$`;
  const snake = `(?:^|_)(?:${endings.toLowerCase()})s?(?:_(?:${snakeSuffixes}))?$`;
  return new RegExp(`(?:${pascal})|(?:${snake})`);
}

function hasTag(node: ts.Node, tag: string): boolean {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === tag);
}

function decoratorsOf(node: ts.Node): readonly ts.Decorator[] {
  return ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
}

function decoratorName(d: ts.Decorator): string | undefined {
  const e = d.expression;
  const callee = ts.isCallExpression(e) ? e.expression : e;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function decoratorObjectArg(d: ts.Decorator): ts.ObjectLiteralExpression | undefined {
  const e = d.expression;
  if (!ts.isCallExpression(e)) return undefined;
  for (const arg of e.arguments) if (ts.isObjectLiteralExpression(arg)) return arg;
  return undefined;
}

function objectFlag(obj: ts.ObjectLiteralExpression | undefined, key: string): boolean {
  if (!obj) return false;
  return obj.properties.some((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === key && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
}

function typeAllowsNull(type: ts.TypeNode | undefined): boolean {
  if (!type || !ts.isUnionTypeNode(type)) return false;
  return type.types.some((t) =>
    t.kind === ts.SyntaxKind.UndefinedKeyword ||
    (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
}

/** Field names listed by class-level index decorators: `@Index(['status'])`, `@Index({ properties: ['status'] })`. */
function classIndexedFields(node: ts.Node): Set<string> {
  const out = new Set<string>();
  for (const d of decoratorsOf(node)) {
    if (decoratorName(d) !== 'Index' || !ts.isCallExpression(d.expression)) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isStringLiteralLike(n)) out.add(normalizeFieldName(n.text));
      ts.forEachChild(n, visit);
    };
    for (const arg of d.expression.arguments) {
      if (ts.isArrayLiteralExpression(arg)) visit(arg);
      else if (ts.isObjectLiteralExpression(arg)) {
        for (const p of arg.properties) {
          if (ts.isPropertyAssignment(p) && ['properties', 'columns', 'fields'].includes(propertyNameText(p.name) ?? '')) visit(p.initializer);
        }
      }
    }
  }
  return out;
}

/** A class property, interface/type member or constructor parameter property, read syntactically. */
function memberField(node: ts.Node, classIndexes: Set<string>): JobModelField | undefined {
  if (!(ts.isPropertyDeclaration(node) || ts.isPropertySignature(node) || ts.isParameter(node))) return undefined;
  if (ts.isParameter(node) && !ts.getModifiers(node)?.length) return undefined;
  const name = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined;
  if (name === undefined) return undefined;
  const decorators = decoratorsOf(node);
  const options = decorators.map(decoratorObjectArg);
  const optional = Boolean(node.questionToken) || typeAllowsNull(node.type) || options.some((o) => objectFlag(o, 'nullable'));
  const indexed =
    classIndexes.has(normalizeFieldName(name)) ||
    decorators.some((d) => decoratorName(d) === 'Index') ||
    options.some((o) => objectFlag(o, 'index'));
  return { name, node, optional, indexed, ...(node.type ? { typeNode: node.type } : {}) };
}

function ownMembers(node: ts.Node): readonly ts.Node[] {
  if (ts.isClassLike(node)) {
    const params = node.members.filter(ts.isConstructorDeclaration).flatMap((c) => [...c.parameters]);
    return [...node.members, ...params];
  }
  if (ts.isInterfaceDeclaration(node)) return node.members;
  if (ts.isTypeAliasDeclaration(node)) {
    const t = node.type;
    if (ts.isTypeLiteralNode(t)) return t.members;
    if (ts.isIntersectionTypeNode(t)) return t.types.filter(ts.isTypeLiteralNode).flatMap((l) => [...l.members]);
  }
  return [];
}

/** True when some of the model's fields come from elsewhere (a base class, an intersection): ask the checker. */
function inheritsFields(node: ts.Node): boolean {
  if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) {
    return (node.heritageClauses ?? []).some((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  }
  if (ts.isTypeAliasDeclaration(node) && ts.isIntersectionTypeNode(node.type)) {
    return node.type.types.some((t) => !ts.isTypeLiteralNode(t));
  }
  return false;
}

function addField(fields: Map<string, JobModelField>, field: JobModelField | undefined): void {
  if (field && !fields.has(normalizeFieldName(field.name))) fields.set(normalizeFieldName(field.name), field);
}

/**
 * A model's own and inherited fields. Inherited ones are read from the base declarations when syntax
 * gives the checker's answer (model-heritage.ts), else from the type checker; `viaChecker` skips the
 * syntactic reading (tests compare the two).
 */
export function declarationFields(project: ProjectFacts, file: FileFacts, node: ts.Node, viaChecker = false): Map<string, JobModelField> {
  const fields = new Map<string, JobModelField>();
  const classIndexes = classIndexedFields(node);
  for (const member of ownMembers(node)) addField(fields, memberField(member, classIndexes));
  if (inheritsFields(node)) {
    const readable = !viaChecker && (ts.isClassLike(node) || ts.isInterfaceDeclaration(node));
    const syntactic = readable ? inheritedMembersBySyntax(project, file, node) : undefined;
    const inherited = syntactic ?? inheritedMembersByChecker(project, node);
    for (const decl of inherited) {
      project.load(decl.getSourceFile().fileName);
      const owner = decl.parent;
      addField(fields, memberField(decl, owner ? classIndexedFields(owner) : new Set()));
    }
  }
  return fields;
}

/**
 * The type checker's properties of a model whose fields syntax cannot read (a global base, a mixin,
 * an intersection with a derived type): every property's declaration, own ones included (they are
 * already in the map and change nothing).
 */
function inheritedMembersByChecker(project: ProjectFacts, node: ts.Node): ts.Node[] {
  const named = node as ts.ClassLikeDeclaration | ts.InterfaceDeclaration | ts.TypeAliasDeclaration;
  if (!named.name) return [];
  const checker = project.typeChecker(node.getSourceFile().fileName);
  const symbol = checker.getSymbolAtLocation(named.name);
  const type = symbol ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
  // The result cache must know every file the fields came from: base declarations too, even
  // when they contribute no field of their own (a base whose fields were all removed).
  const seen = new Set<ts.Type>();
  const visitBases = (t: ts.Type): void => {
    if (seen.has(t) || !(t.flags & ts.TypeFlags.Object)) return;
    seen.add(t);
    for (const d of t.getSymbol()?.declarations ?? []) project.load(d.getSourceFile().fileName);
    if ((t as ts.ObjectType).objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Interface)) {
      for (const base of checker.getBaseTypes(t as ts.InterfaceType)) visitBases(base);
    }
  };
  if (type) visitBases(type);
  const out: ts.Node[] = [];
  for (const prop of type?.getProperties() ?? []) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    if (decl) out.push(decl);
  }
  return out;
}

/** Drizzle: `pgTable('import_jobs', { status: text('status').notNull(), ...timestamps }, (t) => [index().on(t.status)])`. */
function tableFields(project: ProjectFacts, file: FileFacts, call: ts.CallExpression): Map<string, JobModelField> {
  const fields = new Map<string, JobModelField>();
  const indexed = new Set<string>();
  const extra = call.arguments[2];
  if (extra) {
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'on') {
        for (const arg of n.arguments) {
          const a = unwrap(arg);
          if (ts.isPropertyAccessExpression(a)) indexed.add(normalizeFieldName(a.name.text));
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(extra);
  }
  const readColumns = (obj: ts.ObjectLiteralExpression, owner: FileFacts, depth: number): void => {
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) {
        const name = propertyNameText(p.name);
        if (name === undefined) continue;
        const chain = ts.isPropertyAssignment(p) ? p.initializer.getText(owner.sourceFile) : '';
        const notNull = /\.\s*(notNull|primaryKey)\s*\(/.test(chain);
        addField(fields, { name, node: p, optional: !notNull, indexed: indexed.has(normalizeFieldName(name)) || /\.\s*unique\s*\(/.test(chain) });
      } else if (ts.isSpreadAssignment(p) && depth < 4) {
        const spread = unwrap(p.expression);
        if (!ts.isIdentifier(spread)) continue;
        const resolved = resolveIdentifier(project, owner, spread);
        if (resolved?.kind === 'declaration' && ts.isVariableDeclaration(resolved.node) && resolved.node.initializer) {
          const init = unwrap(resolved.node.initializer);
          if (ts.isObjectLiteralExpression(init)) readColumns(init, resolved.file, depth + 1);
        }
      }
    }
  };
  const columns = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
  if (columns && ts.isObjectLiteralExpression(columns)) readColumns(columns, file, 0);
  return fields;
}

function isCamel(fields: Map<string, JobModelField>): boolean {
  let camel = 0;
  let snake = 0;
  for (const f of fields.values()) {
    if (f.name.includes('_')) snake += 1;
    else if (/[a-z][A-Z]/.test(f.name)) camel += 1;
  }
  return camel > snake;
}

/**
 * Does some class of the project implement this interface? Then the interface is the class's shape,
 * not a second model. Only files that name the interface are parsed to find out.
 */
function isImplemented(project: ProjectFacts, name: string): boolean {
  return project.memo(`job-models:implemented:${name}`, () =>
    project.filesContaining([name]).some((f) =>
      f.index.classes.some((c) =>
        (c.heritageClauses ?? []).some(
          (h) => h.token === ts.SyntaxKind.ImplementsKeyword && h.types.some((t) => ts.isIdentifier(t.expression) && t.expression.text === name),
        ),
      ),
    ),
  );
}

/** Utility types whose result is another type's shape: `Omit<JobEntity, 'id'>` is JobEntity again. */
const DERIVING_TYPES = new Set(['Omit', 'Pick', 'Partial', 'Required', 'Readonly', 'NonNullable', 'Exclude', 'Extract']);

/**
 * rules.md: "a type alias derived from a model is not reported again". An intersection with a part
 * that is a model (`ImportJob & { _id: string }`) or a utility type over one
 * (`Omit<JobEntity, 'payload'> & { payload: string }`) is the model's shape once more. A model is
 * recognised here by its name (its declaration may be this very file, still being read).
 */
function isDerivedFromModel(shape: ts.TypeNode, modelName: RegExp): boolean {
  if (!ts.isIntersectionTypeNode(shape)) return false;
  const named = (t: ts.TypeNode): string | undefined =>
    ts.isTypeReferenceNode(t) ? (ts.isIdentifier(t.typeName) ? t.typeName.text : t.typeName.right.text) : undefined;
  return shape.types.some((part) => {
    if (!ts.isTypeReferenceNode(part)) return false;
    const name = named(part)!;
    if (DERIVING_TYPES.has(name)) {
      const arg = part.typeArguments?.[0];
      const argName = arg ? named(arg) : undefined;
      return argName !== undefined && modelName.test(argName);
    }
    return modelName.test(name);
  });
}

/**
 * Every job model of the project's model files (and tagged files), once per run. Only files whose
 * text can declare one are parsed for it: a model's name ends with one of `nameEndings` (`Job`, or
 * `job` in snake case; a table's name may be its string argument), and a tagged one says `@tag`, so
 * a file without those words declares none (`\u` escapes in names are let through). On outline
 * 124 of the 149 model files are Sequelize models of other things.
 */
export function projectJobModels(project: ProjectFacts): JobModel[] {
  return project.memo('job-models:project', () => {
    const settings = project.subjects.jobModel;
    const tag = `@${settings.tag}`;
    const words = settings.nameEndings.map((w) => w.replace(/[^\w]/g, '')).flatMap((w) => [w, w.toLowerCase()]);
    const mayDeclare = (text: string) => text.includes(tag) || text.includes('\\u') || words.some((w) => text.includes(w));
    return project.textsMatching({ globs: settings.files, needles: [tag] }).flatMap(({ path, text }) => {
      if (!mayDeclare(text)) return [];
      const file = project.load(path);
      return file ? jobModelsOf(project, file) : [];
    });
  });
}

/** The job models declared in one file (rules.md "job model"), with their own and inherited fields. */
export function jobModelsOf(project: ProjectFacts, file: FileFacts): JobModel[] {
  return project.memo(`job-models:${file.path}`, () => findJobModels(project, file));
}

function findJobModels(project: ProjectFacts, file: FileFacts): JobModel[] {
  const settings = project.subjects.jobModel;
  const namePattern = project.memo('job-models:name-pattern', () => jobModelNamePattern(settings));
  const inModelFile = matchesAnyGlob(file.relativePath, settings.files);
  const isCandidate = (name: string, node: ts.Node): boolean =>
    hasTag(node, settings.tag) || (inModelFile && namePattern.test(name));
  const models: JobModel[] = [];
  const push = (model: Omit<JobModel, 'camelCase'>): void => {
    models.push({ ...model, camelCase: isCamel(model.fields) });
  };

  for (const c of file.index.classes) {
    if (!c.name || !isCandidate(c.name.text, c)) continue;
    // `@ObjectType()` (GraphQL) alone mirrors a table declared elsewhere (Prisma): not an ORM declaration.
    const orm = decoratorsOf(c).some((d) => !settings.nonOrmDecorators?.includes(decoratorName(d) ?? ''));
    push({ name: c.name.text, nameNode: c.name, declaration: c, kind: 'class', orm, file, fields: declarationFields(project, file, c) });
  }
  for (const i of file.index.interfaces) {
    if (!isCandidate(i.name.text, i) || isImplemented(project, i.name.text)) continue;
    push({ name: i.name.text, nameNode: i.name, declaration: i, kind: 'interface', orm: false, file, fields: declarationFields(project, file, i) });
  }
  for (const t of file.index.typeAliases) {
    const shape = t.type;
    const objectShaped = ts.isTypeLiteralNode(shape) || (ts.isIntersectionTypeNode(shape) && shape.types.some(ts.isTypeLiteralNode));
    if (!objectShaped || !isCandidate(t.name.text, t) || isDerivedFromModel(shape, namePattern)) continue;
    push({ name: t.name.text, nameNode: t.name, declaration: t, kind: 'type', orm: false, file, fields: declarationFields(project, file, t) });
  }
  for (const v of file.index.variables) {
    if (!ts.isIdentifier(v.name) || !v.initializer) continue;
    const init = unwrap(v.initializer);
    if (!ts.isCallExpression(init)) continue;
    const tableName = init.arguments[0] && ts.isStringLiteralLike(init.arguments[0]) ? init.arguments[0].text : '';
    const statement = v.parent.parent;
    if (!(hasTag(statement, settings.tag) || (inModelFile && (namePattern.test(v.name.text) || namePattern.test(tableName))))) continue;
    // Resolving the callee follows imports (and parses what they name): only for a candidate.
    const callee = calleeOf(project, file, init);
    if (!callee || !settings.tableFactories.includes(callee.name)) continue;
    push({ name: v.name.text, nameNode: v.name, declaration: v, kind: 'table', orm: true, file, fields: tableFields(project, file, init) });
  }
  return models;
}

/**
 * Can a value in this file have a job model's type? Only if the file, or a project file it imports,
 * names a model: types do not travel further than that without a name somewhere on the way (and
 * when they do, through a chain of inferred returns, the loss is a missed finding, not a false one).
 * Decides whether asking the type checker is worth building it.
 */
export function mayHoldJobModels(project: ProjectFacts, file: FileFacts): boolean {
  return project.memo(`job-models:may-hold:${file.path}`, () => {
    const names = project.memo('job-models:names', () => projectJobModelNames(project));
    if (names.length === 0) return false;
    const mentions = (text: string) => names.some((n) => text.includes(n));
    if (mentions(file.text)) return true;
    for (const imp of file.index.imports) {
      if (!ts.isStringLiteral(imp.moduleSpecifier)) continue;
      const target = project.importedFile(file, imp.moduleSpecifier.text);
      if (target && mentions(target.text)) return true;
    }
    return false;
  });
}

/**
 * The names the project's job models may have, read from the text of model files (and tagged
 * files) with a regex: declarations whose name has a model's shape. A superset of the real models
 * is fine for its use (deciding whether the type checker may be worth asking); parsing every model
 * file for it is not, in a --staged run of ten files.
 */
function projectJobModelNames(project: ProjectFacts): string[] {
  const settings = project.subjects.jobModel;
  const pattern = jobModelNamePattern(settings);
  const declared = /\b(?:class|interface|type|const|let|var)\s+([A-Za-z_$][\w$]*)/g;
  const names = new Set<string>();
  for (const { text } of project.textsMatching({ globs: settings.files, needles: [`@${settings.tag}`] })) {
    for (const m of text.matchAll(declared)) if (pattern.test(m[1]!)) names.add(m[1]!);
  }
  return [...names];
}
