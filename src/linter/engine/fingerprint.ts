import { createHash } from 'node:crypto';
import { ts } from 'ts-morph';
import type { Diagnostic } from '../../shared/diagnostic.js';
import type { FileFacts } from '../facts/file-facts.js';

function offsetOf(file: FileFacts, line: number, column: number): number {
  const lines = file.sourceFile.getLineStarts();
  const start = lines[Math.min(Math.max(line - 1, 0), lines.length - 1)] ?? 0;
  return Math.min(start + column - 1, file.text.length);
}

/** The name path of the declarations around a position: `ImportService.run`, or `` at top level. */
export function enclosingSymbol(file: FileFacts, pos: number): string {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (pos < node.getFullStart() || pos >= node.getEnd()) return;
    const name = (node as { name?: ts.Node }).name;
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) && node !== file.sourceFile &&
        (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isVariableDeclaration(node) ||
         ts.isEnumDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node))) {
      names.push(name.text);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file.sourceFile, visit);
  return names.join('.');
}

/**
 * Stable under line shifts: rule id, enclosing symbol and the finding's code with whitespace folded.
 * Unrelated edits above a finding leave it unchanged; editing the flagged code changes it.
 */
export function fingerprintOf(file: FileFacts, d: Diagnostic): string {
  const start = offsetOf(file, d.span.start.line, d.span.start.column);
  const end = offsetOf(file, d.span.end.line, d.span.end.column);
  const code = file.text.slice(start, Math.max(end, start)).replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${d.ruleId}\0${enclosingSymbol(file, start)}\0${code}\0${d.message}`)
    .digest('hex')
    .slice(0, 32);
}
