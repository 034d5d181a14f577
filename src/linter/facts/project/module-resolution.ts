import { dirname, resolve } from 'node:path';
import { ts } from 'ts-morph';
import { findWorkspacePackages, isFile as statIsFile, resolveWorkspaceImport, type WorkspacePackage } from './workspace-packages.js';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** ESM TypeScript imports name the emitted file: `./base.js` is `./base.ts` on disk. */
const EMITTED_TO_SOURCE: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
  '.jsx': ['.tsx', '.jsx'],
};

type IsFile = (path: string) => boolean;


/** What the project's compiler knows about module resolution, read from its tsconfig. */
export interface ProjectCompilerSettings {
  options: ts.CompilerOptions;
  /** Problems reading the tsconfig, already formatted (the run goes on with what was read). */
  problems: string[];
}

/**
 * Reads a tsconfig with TypeScript's own parser: `extends` chains (also from packages), `paths`,
 * `baseUrl`, `rootDirs`. The host lists no directory, so the `include` globs are not walked: only
 * the options are wanted, and walking a large project's folders here would cost a second discovery.
 */
export function readCompilerSettings(tsconfigPath: string | undefined): ProjectCompilerSettings {
  if (tsconfigPath === undefined) return { options: {}, problems: [] };
  const problems: string[] = [];
  const parsed = parseTsconfig(tsconfigPath, (d) => problems.push(ts.flattenDiagnosticMessageText(d.messageText, ' ')));
  return { options: parsed?.options ?? {}, problems };
}

function parseTsconfig(tsconfigPath: string, onProblem: (d: ts.Diagnostic) => void): ts.ParsedCommandLine | undefined {
  const host: ts.ParseConfigFileHost = {
    useCaseSensitiveFileNames: true,
    getCurrentDirectory: () => dirname(tsconfigPath),
    fileExists: (f) => ts.sys.fileExists(f),
    readFile: (f) => ts.sys.readFile(f),
    readDirectory: () => [],
    onUnRecoverableConfigFileDiagnostic: onProblem,
  };
  return ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, host);
}

/** The tsconfig and every file its `extends` chain read: what its options depend on (the fully cached run checks them). */
export function tsconfigChain(tsconfigPath: string): string[] {
  const parsed = parseTsconfig(tsconfigPath, () => undefined);
  const source = parsed?.options.configFile as ts.TsConfigSourceFile | undefined;
  return [tsconfigPath, ...(source?.extendedSourceFiles ?? [])];
}

/** Never part of the program: third-party declarations (what makes type-aware linting slow). */
function isThirdParty(path: string): boolean {
  return path.includes('/node_modules/');
}

export interface ModuleResolverSettings {
  /** The project root: where the workspace declaration is looked for, upward. */
  root?: string;
  /** The project's tsconfig, for `paths`, `baseUrl` and `rootDirs`. */
  tsconfig?: string;
}

/**
 * A resolver for one run and one project root: resolving every import of a large project asks about
 * the same few candidates again and again (`./base.ts`, `./base.tsx`, …), so stat results are kept
 * for the run (files do not appear mid-run; a new run starts afresh). Relative imports take a fast
 * path; other specifiers go through `ts.resolveModuleName` with the project's compiler options and
 * ONE module resolution cache (tsconfig `paths`/`baseUrl`/`rootDirs`), then through the workspace's
 * packages (`@acme/shared` → its own sources). Both are set up lazily, on the first specifier that
 * needs them. Third-party packages stay unresolved: a resolution into node_modules is refused.
 */
export function createModuleResolver(settings: ModuleResolverSettings = {}): ModuleResolver {
  const stats: ResolverStats = { calls: 0, compilerResolutions: 0, stats: 0 };
  // Each path's existence reaches the disk once per resolver: the same candidates (`x.ts`, `x.tsx`,
  // `x/index.ts`) are tried from every file that imports `x`.
  const onceEach = (check: IsFile): IsFile => {
    const known = new Map<string, boolean>();
    return (path) => {
      let v = known.get(path);
      if (v === undefined) {
        stats.stats += 1;
        known.set(path, (v = check(path)));
      }
      return v;
    };
  };
  const isFile = onceEach(statIsFile);
  const isDirectory = onceEach((path) => ts.sys.directoryExists(path));
  let compiler: { options: ts.CompilerOptions; host: ts.ModuleResolutionHost; cache: ts.ModuleResolutionCache; usesPaths: boolean } | undefined;
  const compilerResolution = () => {
    if (compiler) return compiler;
    const read = readCompilerSettings(settings.tsconfig).options;
    // Bundler resolution takes both `./base` and `./base.js` (NodeNext writes the latter): lenient on purpose.
    const options: ts.CompilerOptions = { ...read, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, allowJs: true, resolveJsonModule: false };
    const host: ts.ModuleResolutionHost = {
      fileExists: (f) => !isThirdParty(f) && isFile(f),
      readFile: (f) => (isThirdParty(f) ? undefined : ts.sys.readFile(f)),
      directoryExists: (d) => !isThirdParty(d + '/') && isDirectory(d),
      realpath: (p) => p,
      getCurrentDirectory: () => settings.root ?? '/',
    };
    const cache = ts.createModuleResolutionCache(settings.root ?? '/', (f) => f, options);
    const usesPaths = options.paths !== undefined || options.baseUrl !== undefined || (options.rootDirs?.length ?? 0) > 0;
    return (compiler = { options, host, cache, usesPaths });
  };
  let workspace: Map<string, WorkspacePackage> | undefined;
  const byFile = (stemOrFile: string): string | undefined => resolveFrom(isFile, isDirectory, stemOrFile);
  const viaCompiler = (fromFile: string, specifier: string): string | undefined => {
    const c = compilerResolution();
    if (!c.usesPaths) return undefined;
    stats.compilerResolutions += 1;
    const resolved = ts.resolveModuleName(specifier, fromFile, c.options, c.host, c.cache).resolvedModule;
    return resolved && !resolved.isExternalLibraryImport && !isThirdParty(resolved.resolvedFileName) ? resolved.resolvedFileName : undefined;
  };
  const nonRelative = new Map<string, string | undefined>();
  const scopes = new Map<string, string>();
  const resolver = (fromFile: string, specifier: string): string | undefined => {
    stats.calls += 1;
    if (isRelative(specifier)) {
      const found = resolveWith(isFile, isDirectory, fromFile, specifier);
      if (found !== undefined || (compilerResolution().options.rootDirs?.length ?? 0) === 0) return found;
      return viaCompiler(fromFile, specifier);
    }
    if (specifier.startsWith('node:')) return undefined;
    // A bare specifier resolves the same from every file of one package scope (see packageScopeOf):
    // a project importing `react` from 2,000 files asks the compiler once per scope, not per folder.
    const key = `${packageScopeOf(isFile, scopes, dirname(fromFile))}\u0000${specifier}`;
    if (nonRelative.has(key)) return nonRelative.get(key);
    let found = viaCompiler(fromFile, specifier);
    if (found === undefined) {
      workspace ??= settings.root !== undefined ? findWorkspacePackages(settings.root) : new Map();
      if (workspace.size > 0) found = resolveWorkspaceImport(workspace, specifier, byFile);
    }
    nonRelative.set(key, found);
    return found;
  };
  return Object.assign(resolver, { stats });
}

/** Import resolution for one run (createModuleResolver), with what it did so far. */
export type ModuleResolver = ((fromFile: string, specifier: string) => string | undefined) & { readonly stats: ResolverStats };

/** Counts for tests and measurements: the work a resolver did, not what it answered. */
export interface ResolverStats {
  /** Specifiers asked. */
  calls: number;
  /** Of those, resolved by `ts.resolveModuleName` (the others: the relative fast path, a `node:` name, or a cached bare specifier). */
  compilerResolutions: number;
  /** File and folder existence checks that reached the disk. */
  stats: number;
}

/**
 * The folder of the nearest package.json at or above `dir` ('' for none): what a bare specifier's
 * resolution depends on besides the specifier. Of the compiler's steps, `paths`, `baseUrl`,
 * `typeRoots` and the workspace's packages do not look at the importing file at all; package.json
 * `imports` (`#db`) and a package importing itself by name read the nearest package.json, which is
 * the one found here (TypeScript's getPackageScopeForPath takes the first ancestor holding one);
 * and node_modules, the only lookup that walks from the importing folder, is refused by this
 * resolver. Cached per folder.
 */
function packageScopeOf(isFile: IsFile, scopes: Map<string, string>, dir: string): string {
  const known = scopes.get(dir);
  if (known !== undefined) return known;
  const parent = dirname(dir);
  const scope = !isThirdParty(dir + '/') && isFile(resolve(dir, 'package.json')) ? dir : parent === dir ? '' : packageScopeOf(isFile, scopes, parent);
  scopes.set(dir, scope);
  return scope;
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/**
 * Resolves a relative import to a file of the project, the way TypeScript's bundler/NodeNext
 * resolution finds sources.
 */
function resolveWith(isFile: IsFile, isDirectory: IsFile, fromFile: string, specifier: string): string | undefined {
  return resolveFrom(isFile, isDirectory, resolve(dirname(fromFile), specifier));
}

/** A path as an import names it (with an emitted extension, none, or a folder) → the source file. */
function resolveFrom(isFile: IsFile, isDirectory: IsFile, base: string): string | undefined {
  for (const [emitted, sources] of Object.entries(EMITTED_TO_SOURCE)) {
    if (base.endsWith(emitted)) {
      const stem = base.slice(0, -emitted.length);
      for (const ext of sources) if (isFile(stem + ext)) return stem + ext;
    }
  }
  if (EXTENSIONS.some((ext) => base.endsWith(ext)) && isFile(base)) return base;
  for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext;
  if (isDirectory(base)) {
    for (const ext of EXTENSIONS) if (isFile(resolve(base, 'index' + ext))) return resolve(base, 'index' + ext);
  }
  return undefined;
}
