import { ts } from 'ts-morph';
import type { Span } from '../../../shared/diagnostic.js';
import { codeOnlyText } from './code-only-text.js';
import type { FileFacts } from './file-facts.js';
import { buildNodeIndex } from './node-index.js';
import type { SourceExtension } from './source-extensions.js';

const SCRIPT_KINDS: Record<SourceExtension, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

export { SOURCE_EXTENSIONS } from './source-extensions.js';

function extensionOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(dot).toLowerCase();
}

export function scriptKindOf(path: string): ts.ScriptKind {
  // Any other extension (a file named explicitly) is read as TypeScript.
  return (SCRIPT_KINDS as Partial<Record<string, ts.ScriptKind>>)[extensionOf(path)] ?? ts.ScriptKind.TS;
}

/** Parses one file (once; parent pointers set so checks can walk up) and indexes its nodes. */
export function parseFile(path: string, relativePath: string, text: string): FileFacts {
  const kind = scriptKindOf(path);
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const isJavaScript = kind === ts.ScriptKind.JS || kind === ts.ScriptKind.JSX;
  let codeOnly: string | undefined;
  const spanOf = (start: number, end: number): Span => {
    const s = sourceFile.getLineAndCharacterOfPosition(start);
    const e = sourceFile.getLineAndCharacterOfPosition(Math.max(start, end));
    return { start: { line: s.line + 1, column: s.character + 1 }, end: { line: e.line + 1, column: e.character + 1 } };
  };
  return {
    path,
    relativePath,
    text,
    sourceFile,
    isJavaScript,
    index: buildNodeIndex(sourceFile),
    codeOnlyText: () => (codeOnly ??= codeOnlyText(text, sourceFile.languageVariant)),
    spanOf,
    spanOfNode: (node) => spanOf(node.getStart(sourceFile), node.getEnd()),
  };
}

/** The parser's syntax errors (TypeScript keeps them on the source file without a program). */
export function parseErrorsOf(sourceFile: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}
