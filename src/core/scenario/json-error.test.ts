import { describe, expect, it } from 'vitest';
import { findJsonError, positionAt } from './json-error';

describe('positionAt', () => {
  it('counts lines and columns from 1', () => {
    expect(positionAt('ab\ncd\n', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab\ncd\n', 6)).toEqual({ line: 3, column: 1 });
  });
});

describe('findJsonError', () => {
  it.each([
    ['{"a":1,}', 7, "a comma before '}' is not allowed in JSON"],
    ['[1,]', 3, "a comma before ']' is not allowed in JSON"],
    ['{"a" 1}', 5, "expected ':' after a property name"],
    ['{a:1}', 1, 'expected a property name in double quotes'],
    ['{"a":01}', 6, "expected ',' or '}' after a property value"],
    ['[1 2]', 3, "expected ',' or ']' after a list item"],
    ['["a\nb"]', 3, 'line break inside a string (use \\n)'],
    ['["\\x"]', 2, 'invalid escape in a string'],
    ['["\\u12G4"]', 2, 'invalid \\u escape: expected 4 hex digits'],
    ["['a']", 1, 'strings need double quotes in JSON'],
    ['[tru]', 1, 'expected a value (a string, number, object, list, true, false or null)'],
    ['-', 0, 'invalid number'],
    ['{}{}', 2, 'unexpected text after the end of the JSON value'],
    ['{"a":', 5, 'unexpected end of the text: expected a value'],
    ['', 0, 'the text is empty'],
  ])('%j fails at %i: %s', (text, offset, message) => {
    expect(findJsonError(text)).toEqual({ offset, message });
  });

  it('agrees with JSON.parse on valid and broken texts', () => {
    const valid = '{"a": [1, -2.5e+3, true, false, null, "x\\"\\u00e9"], "b": {"c": {}}, "d": []}';
    let seed = 11;
    const r = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 500; i++) {
      const at = Math.floor(r() * valid.length);
      const text =
        r() < 0.5
          ? valid.slice(0, at) + valid.slice(at + 1)
          : valid.slice(0, at) + '{}[],:"\\ 0e-'[Math.floor(r() * 12)] + valid.slice(at);
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(findJsonError(text) === null, text).toBe(parses);
    }
  });

  it('survives deep nesting without recursion', () => {
    expect(findJsonError('['.repeat(1_000_000))).toEqual({
      offset: 1_000_000,
      message: 'unexpected end of the text: expected a value',
    });
  });
});
