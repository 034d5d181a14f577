import { createHash } from 'node:crypto';
import { ts } from 'ts-morph';
import type { Diagnostic } from '../../shared/diagnostic.js';
import type { FileFacts } from '../facts/project/file-facts.js';

function offsetOf(file: FileFacts, line: number, column: number): number {
  const lines = file.sourceFile.getLineStarts();
  const start = lines[Math.min(Math.max(line - 1, 0), lines.length - 1)] ?? 0;
  return Math.min(start + column - 1, file.text.length);
}

function declarationName(node: ts.Node): string | undefined {
  const name = (node as { name?: ts.Node }).name;
  if (!name || !(ts.isIdentifier(name) || ts.isStringLiteral(name))) return undefined;
  const named = ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isVariableDeclaration(node) ||
    ts.isEnumDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node);
  return named ? name.text : undefined;
}

/** The name path of the declarations around a position: `ImportService.run`, or `` at top level. */
export function enclosingSymbol(file: FileFacts, pos: number): string {
  const names: string[] = [];
  // Down the one chain of nodes that contain pos, in a loop: nesting can be thousands deep.
  const containing = (node: ts.Node): ts.Node | undefined =>
    ts.forEachChild(node, (child) => (pos >= child.getFullStart() && pos < child.getEnd() ? child : undefined));
  for (let node = containing(file.sourceFile); node; node = containing(node)) {
    const name = declarationName(node);
    if (name !== undefined) names.push(name);
  }
  return names.join('.');
}

/** What the finding is anchored at: the first name or string literal of its span (`ImportJob`, `router`, `'/import'`). */
function subjectAt(text: string, start: number): string {
  const m = /^(?:[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*|(["'`])(?:\\.|(?!\1)[^\\\n])*\1)/u.exec(text.slice(start, start + 512));
  return m ? m[0] : '';
}

/**
 * What a finding is about, free of line numbers and of the code around it: rule id, enclosing
 * symbol, the name or string the finding is anchored at, and the message (which names the field,
 * route, key or value). Renaming a parameter, adding a comment or a blank line, or fixing another
 * finding in the same handler keeps it; renaming the subject or moving it to another symbol does
 * not. Two identical findings in one symbol share a fingerprint: the baseline matches them by count.
 */
export function fingerprintOf(file: FileFacts, d: Diagnostic): string {
  const start = offsetOf(file, d.span.start.line, d.span.start.column);
  const message = d.message.replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${d.ruleId}\0${enclosingSymbol(file, start)}\0${subjectAt(file.text, start)}\0${message}`)
    .digest('hex')
    .slice(0, 32);
}
