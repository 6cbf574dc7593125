/**
 * Where and why a JSON text is broken, with the same words in every browser.
 *
 * `JSON.parse` is used for the real parse; its error messages differ between engines (V8
 * gives an offset, Firefox a line and column, Safari neither). When it fails, this scanner
 * walks the text once more to find the first offending character. It keeps an explicit
 * stack instead of recursing, so deeply nested input cannot overflow the call stack.
 */

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

/** Line and column of a character offset. */
export function positionAt(text: string, offset: number): TextPosition {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd' | 'done';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first syntax error of a JSON text, or null when the text is valid JSON. */
export function findJsonError(text: string): JsonSyntaxError | null {
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const n = text.length;
  const fail = (offset: number, message: string): JsonSyntaxError => ({ offset, message });
  const afterValue = (): Expect => (stack.length > 0 ? 'commaOrEnd' : 'done');

  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
    if (i >= n) {
      if (expect === 'done') return null;
      if (expect === 'value' && stack.length === 0) return fail(i, 'the text is empty');
      return fail(i, `unexpected end of the text: ${describeExpect(expect, stack)}`);
    }
    const ch = text[i] ?? '';

    switch (expect) {
      case 'done':
        return fail(i, 'unexpected text after the end of the JSON value');

      case 'colon':
        if (ch !== ':') return fail(i, "expected ':' after a property name");
        i++;
        expect = 'value';
        break;

      case 'commaOrEnd': {
        const top = stack[stack.length - 1];
        const close = top === '{' ? '}' : ']';
        if (ch === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if (ch === close) {
          i++;
          stack.pop();
          expect = afterValue();
        } else {
          return fail(
            i,
            top === '{'
              ? "expected ',' or '}' after a property value"
              : "expected ',' or ']' after a list item",
          );
        }
        break;
      }

      case 'key':
      case 'keyOrEnd':
        if (ch === '}') {
          if (expect === 'key') return fail(i, "a comma before '}' is not allowed in JSON");
          i++;
          stack.pop();
          expect = afterValue();
        } else if (ch === '"') {
          const err = scanString(text, i);
          if (typeof err !== 'number') return err;
          i = err;
          expect = 'colon';
        } else {
          return fail(i, 'expected a property name in double quotes');
        }
        break;

      case 'value':
      case 'valueOrEnd':
        if (ch === ']') {
          if (expect === 'value') {
            return fail(
              i,
              stack.length > 0 ? "a comma before ']' is not allowed in JSON" : 'expected a value',
            );
          }
          i++;
          stack.pop();
          expect = afterValue();
        } else if (ch === '{' || ch === '[') {
          stack.push(ch);
          i++;
          expect = ch === '{' ? 'keyOrEnd' : 'valueOrEnd';
        } else if (ch === '"') {
          const err = scanString(text, i);
          if (typeof err !== 'number') return err;
          i = err;
          expect = afterValue();
        } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          if (!m) return fail(i, 'invalid number');
          i += m[0].length;
          expect = afterValue();
        } else {
          const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
          if (!word) {
            return fail(
              i,
              ch === "'"
                ? 'strings need double quotes in JSON'
                : `expected a value (a string, number, object, list, true, false or null)`,
            );
          }
          i += word.length;
          expect = afterValue();
        }
        break;
    }
  }
}

function describeExpect(expect: Expect, stack: readonly ('{' | '[')[]): string {
  const top = stack[stack.length - 1];
  switch (expect) {
    case 'colon':
      return "expected ':'";
    case 'key':
    case 'keyOrEnd':
      return 'expected a property name';
    case 'commaOrEnd':
      return top === '{' ? "expected ',' or '}'" : "expected ',' or ']'";
    default:
      return 'expected a value';
  }
}

/** Scans a string literal starting at the opening quote; returns the offset after it or an error. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return { offset: i, message: 'invalid \\u escape: expected 4 hex digits' };
        }
        i += 6;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
        i += 2;
      } else {
        return { offset: i, message: 'invalid escape in a string' };
      }
    } else if (c < 0x20) {
      return {
        offset: i,
        message:
          c === 0x0a ? 'line break inside a string (use \\n)' : 'control character inside a string',
      };
    } else {
      i++;
    }
  }
  return { offset: start, message: 'unterminated string' };
}
