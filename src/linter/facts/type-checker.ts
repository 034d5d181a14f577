import { ts } from 'ts-morph';

/**
 * A program over the project's own sources only: no lib files, no node_modules, no re-parsing (the
 * host hands back the trees the engine already parsed). External imports resolve to nothing and type
 * as `any`. That is all the bundled rules ask: the fields of the project's models, the values of its
 * constants and enums.
 */
export function createProjectProgram(
  rootFiles: readonly string[],
  sourceFileOf: (path: string) => ts.SourceFile | undefined,
  resolveModule: (fromFile: string, specifier: string) => string | undefined,
  oldProgram?: ts.Program,
): ts.Program {
  const options: ts.CompilerOptions = {
    noLib: true,
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
    getSourceFile: (fileName) => sourceFileOf(fileName),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => sourceFileOf(f) !== undefined,
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
