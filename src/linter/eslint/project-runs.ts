import { resolve } from 'node:path';
import type { Diagnostic } from '../../shared/diagnostic.js';
import { hashOfText, LintSession, projectRootOf } from '../service/lint-service.js';

/**
 * What the plugin knows in one ESLint process: one lint session per project root, whose first use
 * lints the whole project in one engine pass (project facts built once, not per file, so a model
 * whose base class is in another file is judged as by the CLI). Each file's findings are then
 * answered from that pass while ESLint's text is the text that was linted; other text (an editor's
 * unsaved buffer, ESLint's own --fix passes) is linted again on its own, in the same session.
 */
const sessions = new Map<string, LintSession>();
/** Findings for the file ESLint is on, shared by every bg-lint rule ESLint runs on that text. */
let lastFile: { path: string; hash: string; diagnostics: Diagnostic[] } | undefined;

function sessionFor(root: string): LintSession {
  let session = sessions.get(root);
  if (!session) {
    session = LintSession.open(root);
    sessions.set(root, session);
    session.lint(session.projectFiles);
  }
  return session;
}

/** bg-lint's findings for one file as ESLint sees it (`cwd`: ESLint's, the root when no project marker is found). */
export function findingsFor(filename: string, text: string, cwd: string): Diagnostic[] {
  const path = resolve(filename);
  const hash = hashOfText(text);
  if (lastFile && lastFile.path === path && lastFile.hash === hash) return lastFile.diagnostics;
  const session = sessionFor(projectRootOf(path, cwd));
  let diagnostics: Diagnostic[] = [];
  if (session.covers(path)) {
    const known = session.resultOf(path);
    diagnostics = known && known.hash === hash ? known.diagnostics : session.lint([path], new Map([[path, text]])).get(path)?.diagnostics ?? [];
  }
  lastFile = { path, hash, diagnostics };
  return diagnostics;
}
