import { ts } from 'ts-morph';
import type { TextEdit } from '../../shared/diagnostic.js';

/**
 * The edit that removes `literal` from the union type it is a member of when, after the fixes, the
 * union would list `replacement` twice (`'running' | 'running'`): another member already is
 * `replacement`, or an earlier member is fixed to it too. `fixedValue` maps a member's text to its
 * text after the fixes. The member goes with one of its `|` separators. Undefined otherwise.
 */
export function removeDuplicateUnionMember(
  literal: ts.Node,
  sourceFile: ts.SourceFile,
  replacement: string,
  fixedValue: (text: string) => string,
): TextEdit | undefined {
  const member = literal.parent;
  if (!member || !ts.isLiteralTypeNode(member) || !member.parent || !ts.isUnionTypeNode(member.parent)) return undefined;
  const types = member.parent.types;
  const i = types.indexOf(member);
  const has = types.some((t, j) => {
    if (j === i || !ts.isLiteralTypeNode(t) || !ts.isStringLiteralLike(t.literal)) return false;
    const after = fixedValue(t.literal.text);
    // A member that stays as it is keeps its place; of members fixed to the same value, the first stays.
    return after === replacement && (after === t.literal.text || j < i);
  });
  if (!has) return undefined;
  if (i > 0) return { start: types[i - 1]!.getEnd(), end: member.getEnd(), text: '' };
  return { start: member.getStart(sourceFile), end: types[1]!.getStart(sourceFile), text: '' };
}
