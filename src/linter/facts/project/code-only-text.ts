import { ts } from 'ts-morph';

/**
 * Text views for text matchers, made with the TypeScript scanner (no parse, no AST):
 * - `codeOnlyText`: comments blanked whole; string and template literal *contents* blanked, their
 *   delimiters kept (`"running"` → `"       "`); the code inside `${…}` of a template is kept.
 * - `textWithoutComments`: comments blanked, strings kept (for needles that quote a literal).
 * Blanking replaces every character except line breaks with a space, so the length, every
 * offset and every line/column stay those of the original text.
 *
 * Without a parser two things are guessed: whether `/` starts a regex literal (from the previous
 * token, as JS tokenizers do) and JSX text (scanned as code: an apostrophe in JSX text may
 * blank the rest of that line). Regex literal bodies are kept as code.
 */
export function codeOnlyText(text: string, languageVariant: ts.LanguageVariant): string {
  return blank(text, languageVariant, true);
}

export function textWithoutComments(text: string, languageVariant: ts.LanguageVariant): string {
  return blank(text, languageVariant, false);
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

function blank(text: string, languageVariant: ts.LanguageVariant, strings: boolean): string {
  const ranges: [number, number][] = [];
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, languageVariant, text);
  // What each open `{` belongs to: a block/object, or a template's `${`, whose `}` resumes the template.
  const braces: ('block' | 'template')[] = [];
  let previous: ts.SyntaxKind | undefined;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenStart();
    switch (kind) {
      case ts.SyntaxKind.SingleLineCommentTrivia:
      case ts.SyntaxKind.MultiLineCommentTrivia:
        ranges.push([start, scanner.getTokenEnd()]);
        continue; // trivia does not change what `/` means
      case ts.SyntaxKind.WhitespaceTrivia:
      case ts.SyntaxKind.NewLineTrivia:
      case ts.SyntaxKind.ShebangTrivia:
      case ts.SyntaxKind.ConflictMarkerTrivia:
        continue;
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        if (strings) ranges.push(inside(text, start, scanner.getTokenEnd(), 1, 1));
        break;
      case ts.SyntaxKind.TemplateHead:
        if (strings) ranges.push(inside(text, start, scanner.getTokenEnd(), 1, 2));
        braces.push('template');
        break;
      case ts.SyntaxKind.OpenBraceToken:
        braces.push('block');
        break;
      case ts.SyntaxKind.CloseBraceToken:
        if (braces.pop() === 'template') {
          kind = scanner.reScanTemplateToken(false);
          const end = scanner.getTokenEnd();
          if (kind === ts.SyntaxKind.TemplateMiddle) {
            if (strings) ranges.push(inside(text, start, end, 1, 2));
            braces.push('template');
          } else if (strings) {
            ranges.push(inside(text, start, end, 1, 1));
          }
        }
        break;
      case ts.SyntaxKind.SlashToken:
      case ts.SyntaxKind.SlashEqualsToken:
        if (regexAllowedAfter(previous)) kind = scanner.reScanSlashToken();
        break;
    }
    previous = kind;
  }
  if (ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [from, to] of ranges) {
    if (to <= at) continue;
    out += text.slice(at, Math.max(at, from));
    out += spaces(text.slice(Math.max(at, from), to));
    at = to;
  }
  return out + text.slice(at);
}

/**
 * The contents of a literal token `[start, end)` without its opening delimiter (`open` chars)
 * and closing one (`close` chars), when the token really ends with it (unterminated literals
 * run to the end of the line or file and have no closing delimiter).
 */
function inside(text: string, start: number, end: number, open: number, close: number): [number, number] {
  const last = text.slice(end - close, end);
  const closed = end - start >= open + close && (close === 1 ? /["'`]/.test(last) : last === '${');
  return [start + open, closed ? end - close : end];
}

function spaces(segment: string): string {
  let out = '';
  for (const c of segment) out += LINE_BREAK.test(c) ? c : ' '.repeat(c.length);
  return out;
}

/** After these a `/` divides; after anything else (operators, `(`, keywords like `return`) it starts a regex. */
function regexAllowedAfter(kind: ts.SyntaxKind | undefined): boolean {
  if (kind === undefined) return true;
  switch (kind) {
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.PrivateIdentifier:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateTail:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.CloseParenToken:
    case ts.SyntaxKind.CloseBracketToken:
    case ts.SyntaxKind.CloseBraceToken:
    case ts.SyntaxKind.PlusPlusToken:
    case ts.SyntaxKind.MinusMinusToken:
    case ts.SyntaxKind.ExclamationToken: // `x! / 2` in TypeScript
    case ts.SyntaxKind.ThisKeyword:
    case ts.SyntaxKind.SuperKeyword:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return false;
  }
  // Reserved words (`return`, `typeof`, `case`, ...) precede expressions; contextual keywords
  // (`type`, `of`, `get`, ...) are usually identifiers, so treat them as values.
  if (kind >= ts.SyntaxKind.FirstReservedWord && kind <= ts.SyntaxKind.LastReservedWord) return true;
  if (kind === ts.SyntaxKind.AwaitKeyword || kind === ts.SyntaxKind.YieldKeyword) return true;
  if (kind >= ts.SyntaxKind.FirstKeyword && kind <= ts.SyntaxKind.LastKeyword) return false;
  return true;
}
