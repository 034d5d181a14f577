import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { ConfigProblem } from './problems.js';

/** A path into a parsed YAML value: map keys and list indexes, as ajv's instancePath segments. */
export type YamlPath = readonly (string | number)[];

/**
 * One parsed YAML file with what is needed to put a line and column on any value in it.
 * `value` is plain JS (what the schemas validate); positions come from the document's nodes.
 */
export interface YamlSource {
  file: string;
  text: string;
  value: unknown;
  /** Position of the value at `path` (or of the deepest existing ancestor), 1-based. */
  positionOf(path: YamlPath, target?: 'value' | 'key'): { line: number; column: number };
  /** A problem at the value (or key) at `path`. */
  problemAt(path: YamlPath, message: string, target?: 'value' | 'key'): ConfigProblem;
  /** True when the path exists as a node in the document (used to tell which file set a value). */
  has(path: YamlPath): boolean;
}

/** Aliases beyond this are refused: a "billion laughs" file must not hang the linter. */
const MAX_ALIAS_COUNT = 1000;

export type ParseResult = { ok: true; source: YamlSource } | { ok: false; problems: ConfigProblem[] };

/** Parses YAML text; syntax errors come back as positioned problems, never as exceptions. */
export function parseYaml(text: string, file: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ file, ...pos(e.pos[0]), message: `YAML syntax error: ${firstLine(e.message)}` })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return { ok: false, problems: [{ file, line: 1, column: 1, message: `YAML error: ${firstLine(String((e as Error).message))}` }] };
  }
  const source: YamlSource = {
    file,
    text,
    value,
    positionOf(path, target = 'value') {
      const found = locate(doc, path, target);
      return pos(found.offset);
    },
    problemAt(path, message, target = 'value') {
      return { file, ...source.positionOf(path, target), message };
    },
    has(path) {
      return locate(doc, path, 'value').complete;
    },
  };
  return { ok: true, source };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

/**
 * Walks the node tree along `path`. Stops at the deepest node that exists, so a missing key is
 * reported at the mapping that lacks it. Returns the offset of the value (or key) found.
 */
function locate(doc: Document, path: YamlPath, target: 'value' | 'key'): { offset: number; complete: boolean } {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    node = deref(doc, node);
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyString(p.key) === String(segment));
      if (pair) {
        keyNode = pair.key;
        next = pair.value;
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      next = node.items[Number(segment)];
    }
    if (next === undefined && keyNode === undefined) return { offset, complete: false };
    const last = i === path.length - 1;
    if (last && target === 'key' && keyNode !== undefined) return { offset: rangeStart(keyNode) ?? offset, complete: true };
    // `key:` with no value has no value node: point at the key.
    const start = rangeStart(next) ?? rangeStart(keyNode);
    if (start !== undefined) offset = start;
    if (next === undefined || next === null) return { offset, complete: last };
    node = next;
  }
  return { offset, complete: true };
}

function deref(doc: Document, node: unknown): unknown {
  // Follow aliases a few steps at most (an alias cycle is impossible in valid YAML, but be safe).
  for (let i = 0; i < 8 && isAlias(node); i++) node = node.resolve(doc);
  return node;
}

function keyString(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (typeof key === 'string') return key;
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}
