import { getLibFiles } from '@ts-morph/common';
import { ts } from 'ts-morph';

/** Where the lib declarations live for the checker: a folder that exists nowhere, served from memory. */
const LIB_DIR = '/__bg-lint-lib__';
/** The standard library without the DOM: Promise<T>, Omit, Pick, Partial, Record, PromiseSettledResult. */
const DEFAULT_LIB = 'lib.es2023.d.ts';

/**
 * Thrown by ProjectFacts.typeChecker while the run defers its type questions (see
 * ProjectFacts.deferTypeQuestions): the file's check stops, and the engine checks it again once one
 * program over every file that asked answers them all.
 */
export class TypeQuestionDeferred extends Error {
  constructor(readonly path: string | undefined) {
    super(`type question from ${path ?? 'the whole project'} deferred until the run's program is built`);
  }
}

let libTexts: Map<string, string> | undefined;
const libTrees = new Map<string, ts.SourceFile>();

/**
 * A lib file, parsed once per thread and shared by every program of the run: ts-morph bundles the
 * texts (TypeScript's own, for the compiler it ships), so nothing is read from node_modules/typescript.
 * Only the files the lib's `/// <reference lib>` chain asks for are parsed.
 */
function libFile(fileName: string): ts.SourceFile | undefined {
  if (!fileName.startsWith(LIB_DIR + '/')) return undefined;
  const name = fileName.slice(LIB_DIR.length + 1);
  let tree = libTrees.get(name);
  if (tree === undefined) {
    libTexts ??= new Map(getLibFiles().map((f) => [f.fileName, f.text]));
    const text = libTexts.get(name);
    if (text === undefined) return undefined;
    libTrees.set(name, (tree = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false)));
  }
  return tree;
}

/**
 * A program over the project's own sources and the standard library only: no node_modules, no
 * re-parsing (the host hands back the trees the engine already parsed; lib trees are parsed once).
 * External imports resolve to nothing and type as `any`. That
 * is all the bundled rules ask: the fields of the project's models, the values of its constants and
 * enums. The project's tsconfig options that shape types (strictness, jsx, decorators) are kept;
 * what would pull in other files (types, lib references, emit) is overridden.
 */
export function createProjectProgram(
  rootFiles: readonly string[],
  sourceFileOf: (path: string) => ts.SourceFile | undefined,
  resolveModule: (fromFile: string, specifier: string) => string | undefined,
  oldProgram?: ts.Program,
  projectOptions: ts.CompilerOptions = {},
): ts.Program {
  const options: ts.CompilerOptions = {
    ...projectOptions,
    noLib: false,
    lib: [DEFAULT_LIB],
    noResolve: false,
    allowJs: true,
    checkJs: false,
    jsx: ts.JsxEmit.Preserve,
    target: ts.ScriptTarget.Latest,
    module: ts.ModuleKind.ESNext,
    types: [],
    skipLibCheck: true,
    noEmit: true,
    experimentalDecorators: true,
  };
  const host: ts.CompilerHost = {
    getSourceFile: (fileName) => libFile(fileName) ?? sourceFileOf(fileName),
    getDefaultLibFileName: () => `${LIB_DIR}/${DEFAULT_LIB}`,
    getDefaultLibLocation: () => LIB_DIR,
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => libFile(f) !== undefined || sourceFileOf(f) !== undefined,
    readFile: () => undefined,
    resolveModuleNameLiterals: (literals, containingFile) =>
      literals.map((literal) => {
        const resolved = resolveModule(containingFile, literal.text);
        if (!resolved) return { resolvedModule: undefined };
        const extension = resolved.endsWith('.tsx')
          ? ts.Extension.Tsx
          : resolved.endsWith('.jsx')
            ? ts.Extension.Jsx
            : /\.(c|m)?js$/.test(resolved)
              ? ts.Extension.Js
              : ts.Extension.Ts;
        return { resolvedModule: { resolvedFileName: resolved, extension, isExternalLibraryImport: false } };
      }),
  };
  return ts.createProgram({ rootNames: rootFiles, options, host, ...(oldProgram ? { oldProgram } : {}) });
}
