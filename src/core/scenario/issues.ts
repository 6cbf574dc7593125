/**
 * Schema errors in words a person can act on: "clusters[0].nodes[2].name: expected a string,
 * got the number 5", instead of zod's raw issue objects.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `clusters[0].nodes[2].labels["app.kubernetes.io/name"]`. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const k = String(key);
      if (IDENTIFIER.test(k)) out += out === '' ? k : `.${k}`;
      else out += `[${JSON.stringify(shorten(k, 60))}]`;
    }
  }
  return out === '' ? '(top level)' : out;
}

/** A value as it would read in a sentence: `the string "x"`, `the number 5`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(shorten(value, 40))}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function plural(n: number | bigint, one: string, many: string): string {
  return `${n} ${n === 1 || n === 1n ? one : many}`;
}

/** What the issue says, without the path. `input` is the value at the issue's path. */
function describeIssue(issue: Issue, input: unknown, inputKnown: boolean): string {
  const got = inputKnown ? `, got ${describeValue(input)}` : '';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (inputKnown && input === undefined) return `missing; expected ${expected}`;
      return `expected ${expected}${got}`;
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string')
        return `too long: at most ${plural(max, 'character', 'characters')}`;
      if (issue.origin === 'array') return `too many: at most ${plural(max, 'item', 'items')}`;
      return `expected at most ${max}${got}`;
    }
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string') {
        return min === 1
          ? 'must not be empty'
          : `too short: at least ${plural(min, 'character', 'characters')}`;
      }
      if (issue.origin === 'array') {
        return min === 1
          ? 'must not be empty'
          : `too few: at least ${plural(min, 'item', 'items')}`;
      }
      return `expected at least ${min}${got}`;
    }
    case 'invalid_value': {
      const values = issue.values.map((v) =>
        typeof v === 'bigint' ? String(v) : JSON.stringify(v),
      );
      const expected = values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
      return `expected ${expected}${got}`;
    }
    case 'invalid_union': {
      const branches = issue.errors
        .map((branch) => branch[0])
        .filter((b): b is Issue => b !== undefined)
        .map((b) => describeIssue(b, valueAt(input, b.path), inputKnown))
        .map((text) => text.replace(/, got .*$/, '').replace(/^expected /, ''));
      const unique = [...new Set(branches)];
      return `expected ${unique.join(' or ')}${got}`;
    }
    default:
      return issue.message;
  }
}

/**
 * Readable lines for zod issues, at most `max` of them plus a count of the rest.
 * `root` is the value that was parsed, used to say what was found instead.
 */
export function describeIssues(issues: readonly Issue[], root: unknown, max = 8): string[] {
  const lines = issues.slice(0, max).map((issue) => {
    const input = valueAt(root, issue.path);
    return `${formatPath(issue.path)}: ${describeIssue(issue, input, true)}`;
  });
  if (issues.length > max)
    lines.push(`... and ${plural(issues.length - max, 'more problem', 'more problems')}`);
  return lines;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Fields the schema does not know (zod drops them silently): walks the raw input beside the
 * parsed output and names every key that did not survive. Typos like `podCidrs` show up here.
 * The walk follows the parsed value, so its depth is bounded by the schema.
 */
export function unknownFields(
  raw: unknown,
  parsed: unknown,
  ignore: readonly string[] = [],
  max = 20,
): string[] {
  const found: string[] = [];
  let more = 0;
  const walk = (r: unknown, p: unknown, path: PathKey[]): void => {
    if (Array.isArray(r) && Array.isArray(p)) {
      const len = Math.min(r.length, p.length);
      for (let i = 0; i < len; i++) walk(r[i], p[i], [...path, i]);
    } else if (isPlainObject(r) && isPlainObject(p)) {
      for (const key of Object.keys(r)) {
        if (Object.prototype.hasOwnProperty.call(p, key)) walk(r[key], p[key], [...path, key]);
        else if (r[key] !== undefined && !(path.length === 0 && ignore.includes(key))) {
          if (found.length < max)
            found.push(`${formatPath([...path, key])}: unknown field, ignored`);
          else more++;
        }
      }
    }
  };
  walk(raw, parsed, []);
  if (more > 0) found.push(`... and ${plural(more, 'more unknown field', 'more unknown fields')}`);
  return found;
}

/** Cut a string to `max` characters for display, marking the cut. Control characters are escaped. */
export function shorten(text: string, max: number): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  let clean = '';
  for (const ch of cut) {
    const c = ch.charCodeAt(0);
    clean += c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
  }
  return cut.length < text.length ? `${clean}…` : clean;
}
