import type { ts } from 'ts-morph';
import type { Span } from '../../../shared/diagnostic.js';
import type { NodeIndex } from './node-index.js';

/**
 * One source file as the checks see it: its text, its syntax tree (parsed once, never wrapped in
 * ts-morph objects in hot loops) and the index of nodes collected by the engine's single walk.
 */
export interface FileFacts {
  /** Absolute path. */
  path: string;
  /** Path relative to the project root, POSIX separators: what rule globs match. */
  relativePath: string;
  text: string;
  sourceFile: ts.SourceFile;
  /** True for .js/.jsx/.mjs/.cjs: types are unknown, so some rules narrow by file globs instead. */
  isJavaScript: boolean;
  /** Nodes by kind, collected in one walk of the compiler's nodes. */
  index: NodeIndex;
  /**
   * The text with comments blanked and string/template contents blanked (same length, newlines kept),
   * so text matchers see code only and offsets still map to positions. Computed once, on demand.
   */
  codeOnlyText(): string;
  /** 1-based span of `[start, end)` character offsets. */
  spanOf(start: number, end: number): Span;
  /** 1-based span of a node (from its first token, skipping leading trivia). */
  spanOfNode(node: ts.Node): Span;
}
