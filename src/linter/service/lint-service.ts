import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../../shared/diagnostic.js';
import { builtinChecks } from '../checks/registry.js';
import { bundledRulesDir, SUBJECTS_FILE } from '../config/bundled.js';
import { compileRule } from '../config/compile-rule.js';
import { COMMAND_LINE } from '../config/problems.js';
import { loadRuleFiles } from '../config/rule-set.js';
import { expandRuleSources } from '../config/rule-sources.js';
import { resolveConfiguration, type ResolvedConfiguration } from '../config/resolve.js';
import type { CompiledRule } from '../config/rule.js';
import { checkFiles, type SourceInput } from '../engine/check-files.js';
import { ProjectRoots } from '../engine/project-roots.js';
import { globSync } from 'tinyglobby';
import { contentHash } from '../engine/content-hash.js';
import { readSource } from '../engine/read-source.js';
import { matchesAnyGlob } from '../facts/project/wildcard.js';
import { SOURCE_EXTENSIONS } from '../facts/project/parse-file.js';
import { ProjectSnapshot } from '../facts/project/project-snapshot.js';
import { scanQueryOf } from '../facts/project/scan-deps.js';

/**
 * The one door through which the editor integrations (language server, ESLint plugin, rule tests)
 * reach the engine: "lint these texts in this root, with these overrides, reusing what is known
 * about the project". Everything they need from the engine goes through here, so a change in how
 * the engine finds projects or shares facts is absorbed in this file.
 */

export interface ServiceOptions {
  /** Extra rule folders or files, on top of the bundled pack (absolute, or relative to the root). */
  rules?: string[];
  /** Load the bundled pack (default true). */
  bundled?: boolean;
  /** `BG-041=off`-style overrides. */
  ruleOverrides?: string[];
  /** Run only these rule ids. */
  onlyRules?: string[];
}

/**
 * The configuration a lint run in `root` uses (throws ConfigError, positioned, when it is bad): the
 * given config, else the nearest `.bg-lint.yaml` from the root upward, as the CLI finds it for a file.
 */
export function resolveProjectConfiguration(root: string, options: ServiceOptions & { config?: string } = {}): ResolvedConfiguration {
  const configPath = options.config !== undefined ? resolve(root, options.config) : new ProjectRoots().configFor(resolve(root));
  return resolveConfiguration({
    cwd: root,
    root,
    ...(configPath !== undefined ? { configPath } : {}),
    ruleDirs: (options.rules ?? []).map((r) => resolve(root, r)),
    bundled: options.bundled ?? true,
    ruleOverrides: options.ruleOverrides ?? [],
    checks: builtinChecks,
  });
}

/** The content hash results are keyed on. */
export const hashOfText = contentHash;

/** One file's findings and what they were computed from. */
export interface FileResult {
  diagnostics: Diagnostic[];
  /** Other files, and project-wide scans (facts/project/scan-deps.ts), the rules read for this file. */
  deps: string[];
  /** Content hash of the text that was linted: a caller holding other text must lint again. */
  hash: string;
}

/**
 * The project a file belongs to, found as the CLI finds it (engine/project-roots.ts): the nearest
 * folder upward holding a `.bg-lint.yaml`; with none, the nearest holding a tsconfig.json,
 * package.json or .git; with none of those either, `fallback` (the editor's workspace folder,
 * ESLint's cwd).
 */
export function projectRootOf(file: string, fallback: string): string {
  const probe = isDirectory(file) ? join(file, '_') : file;
  // A fresh finder each time: an editor session outlives a `.bg-lint.yaml` being created or deleted.
  return new ProjectRoots().projectOf(probe, resolve(fallback)).root;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Where a rule's documentation lives, as a URI an editor can open (undefined when it has none). */
export function ruleDocsUrl(rule: Pick<CompiledRule, 'docs' | 'source'>): string | undefined {
  if (rule.docs === undefined) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rule.docs)) return rule.docs;
  const bundled = bundledRulesDir();
  // Bundled docs are package-relative (`docs/rules/BG-010.md`); a team's are relative to their rule file.
  const base = rule.source.file.startsWith(bundled + sep) ? dirname(bundled) : dirname(rule.source.file);
  return pathToFileURL(resolve(base, rule.docs)).href;
}

/**
 * The bundled pack as its own files define it, read without looking for any project's config (an
 * installed package sits inside a project whose .bg-lint.yaml must not change the catalogue).
 */
export function bundledRuleCatalog(): CompiledRule[] {
  const { files } = expandRuleSources([{ path: bundledRulesDir(), origin: { file: COMMAND_LINE, line: 1, column: 1 }, skip: [SUBJECTS_FILE] }]);
  return loadRuleFiles(files, builtinChecks).rules.flatMap((raw) => compileRule(raw).rule ?? []);
}

function posixRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/**
 * One project root: its configuration and file list resolved once, and the latest result of every
 * file linted through it, with the files each result read, so a change to one file tells which
 * others to check again.
 */
export class LintSession {
  private readonly results = new Map<string, FileResult>();
  private files: Set<string>;
  /**
   * The project's texts, resolved imports and parsed files, kept between passes: a pass after an
   * edit re-reads (by mtime and size) and re-parses only what changed (facts/project/project-snapshot.ts).
   */
  readonly snapshot: ProjectSnapshot;

  private constructor(
    readonly root: string,
    readonly config: ResolvedConfiguration,
    readonly rules: CompiledRule[],
    files: string[],
  ) {
    this.files = new Set(files);
    this.snapshot = new ProjectSnapshot({ root, persistent: true, ...(config.tsconfig !== undefined ? { tsconfig: config.tsconfig } : {}) });
  }

  /**
   * Resolves the root's configuration (throws ConfigError when it is bad) and lists its files.
   * Synchronous, because ESLint creates rules synchronously.
   */
  static open(root: string, options: ServiceOptions = {}): LintSession {
    const config = resolveProjectConfiguration(root, options);
    const only = options.onlyRules ? new Set(options.onlyRules) : undefined;
    const rules = config.rules.filter((r) => r.level !== 'off' && (!only || only.has(r.id)));
    return LintSession.withConfiguration(config.root, config, rules);
  }

  /** A session on a configuration resolved elsewhere (rule tests: a snippet's project, linted with its project's rules). */
  static withConfiguration(root: string, config: ResolvedConfiguration, rules: CompiledRule[]): LintSession {
    const session = new LintSession(root, config, rules, []);
    session.refreshFiles();
    return session;
  }

  /**
   * Lists the project's files again (a file was created or deleted): every source file under the
   * root that the config does not ignore, as `bg-lint <root>` would find them.
   */
  refreshFiles(): void {
    const ignore = this.config.ignore;
    if (!isDirectory(this.root)) return;
    const found = globSync(`**/*.{${SOURCE_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`, {
      cwd: this.root,
      absolute: true,
      // As the CLI: links to folders are not followed (a loop, or the same files twice).
      followSymbolicLinks: false,
      ignore: ignore.filter((g) => g.startsWith('**/')),
      onlyFiles: true,
    });
    this.files = new Set(
      found.map((f) => resolve(f)).filter((f) => !f.toLowerCase().endsWith('.d.ts') && !matchesAnyGlob(posixRelative(this.root, f), ignore)),
    );
  }

  /** Is this file one the CLI would lint in this root (a source file, not ignored)? */
  covers(path: string): boolean {
    return this.files.has(path);
  }

  /** Every file of the project. */
  get projectFiles(): string[] {
    return [...this.files].sort();
  }

  /** The last result of a file linted through this session. */
  resultOf(path: string): FileResult | undefined {
    return this.results.get(path);
  }

  /** Files linted before whose result read one of `changed` (or scanned the whole project). */
  dependentsOf(changed: readonly string[]): string[] {
    const set = new Set(changed);
    const out: string[] = [];
    for (const [path, result] of this.results) {
      if (set.has(path)) continue;
      // A project-wide scan may find a changed file it did not find before: such a result is checked again.
      if (result.deps.some((d) => set.has(d) || scanQueryOf(d) !== undefined)) out.push(path);
    }
    return out.sort();
  }

  /** Forgets a file's result (it was deleted). */
  forget(path: string): void {
    this.results.delete(path);
  }

  /**
   * Lints `targets` in one engine pass, each as `overrides` has it (unsaved editor text) or else as
   * on disk. The overrides of targets are also what the other targets see of them (a base class
   * being edited is read from the editor). A target that cannot be read gets no findings.
   */
  lint(targets: readonly string[], overrides: ReadonlyMap<string, string> = new Map()): Map<string, FileResult> {
    const sources: SourceInput[] = [];
    const hashes = new Map<string, string>();
    for (const path of new Set(targets)) {
      let text = overrides.get(path);
      if (text === undefined) {
        const read = readSource(path);
        if (!read.ok) continue;
        text = read.text;
      }
      sources.push({ path, relativePath: posixRelative(this.root, path), text });
      hashes.set(path, contentHash(text));
    }
    const out = new Map<string, FileResult>();
    if (sources.length === 0) return out;
    const projectPaths = [...new Set([...this.files, ...sources.map((s) => s.path)])];
    const checked = checkFiles({
      root: this.root,
      subjects: this.config.subjects,
      rules: this.rules,
      knownRuleIds: this.config.rules.map((r) => r.id),
      targets: sources,
      projectPaths,
      ...(this.config.tsconfig !== undefined ? { tsconfig: this.config.tsconfig } : {}),
      snapshot: this.snapshot,
    });
    for (const f of checked.files) {
      const result = { diagnostics: f.diagnostics, deps: f.deps, hash: hashes.get(f.path)! };
      this.results.set(f.path, result);
      out.set(f.path, result);
    }
    return out;
  }
}
