import fc from 'fast-check';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { codeOnlyText, textWithoutComments } from '../../../src/linter/facts/project/code-only-text.js';

const STD = ts.LanguageVariant.Standard;
const LINE_BREAKS = /[\n\r\u2028\u2029]/g;
const breaks = (s: string) => [...s.matchAll(LINE_BREAKS)].map((m) => `${m.index}:${m[0]}`);

describe('codeOnlyText', () => {
  it('blanks comments whole and string contents, keeping quotes, newlines and length', () => {
    const src = '// head\nconst a = "str\'x"; /* multi\nline */ f(\'it\');\n';
    const out = codeOnlyText(src, STD);
    expect(out).toBe('       \nconst a = "     ";         \n        f(\'  \');\n');
    expect(out).toHaveLength(src.length);
  });

  it('blanks template text but keeps the code inside ${…}, nested braces and templates included', () => {
    const src = 'const t = `a ${ x + "q" } b ${ {k:1}.k } c ${`in ${y}`} d`;';
    expect(codeOnlyText(src, STD)).toBe('const t = `  ${ x + " " }   ${ {k:1}.k }   ${`   ${y}`}  `;');
  });

  it('reads regex literals as code, so a quote inside one does not open a string', () => {
    const src = 'const r = /\'[a-z]/g; const d = a / 2 / 3; return "s";';
    expect(codeOnlyText(src, STD)).toBe('const r = /\'[a-z]/g; const d = a / 2 / 3; return " ";');
  });

  it('an unterminated string ends at the line end; the next line is code', () => {
    expect(codeOnlyText("x = 'open\nnext()", STD)).toBe("x = '    \nnext()");
  });

  it('textWithoutComments keeps strings', () => {
    expect(textWithoutComments('a("x") // c\n/* d */b', STD)).toBe('a("x")     \n       b');
  });

  it('keeps CRLF and Unicode line separators', () => {
    const src = '/* a\r\nb\u2028c */ "x\u2029"';
    const out = codeOnlyText(src, STD);
    expect(breaks(out)).toEqual(breaks(src));
    expect(out.trim()).toBe('" \u2029"');
  });

  it('property: never throws, keeps length and every line break, only ever writes spaces', () => {
    const pieces = fc.constantFrom('/', '*', '"', "'", '`', '${', '}', '{', '\n', '\r\n', '\\', 'x', ' ', '//', '/*', '*/', 'return', '(', ')', '\u2028', '😀');
    const source = fc.oneof(fc.string({ unit: 'binary' }), fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')));
    fc.assert(
      fc.property(source, fc.constantFrom(ts.LanguageVariant.Standard, ts.LanguageVariant.JSX), (src, variant) => {
        for (const out of [codeOnlyText(src, variant), textWithoutComments(src, variant)]) {
          expect(out).toHaveLength(src.length);
          expect(breaks(out)).toEqual(breaks(src));
          for (let i = 0; i < src.length; i++) if (out[i] !== src[i]) expect(out[i]).toBe(' ');
        }
      }),
      { numRuns: 500 },
    );
  });
});
