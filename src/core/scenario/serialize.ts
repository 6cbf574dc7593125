/**
 * Write a scenario as JSON or YAML. The output is stable: object keys come in the schema's
 * order (version first), label maps are sorted, fields the schema does not know are left out,
 * so the same scenario always gives the same text and diffs stay small.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import { ScenarioSchema, type Scenario } from '../model/schema';

export type ScenarioFormat = 'json' | 'yaml';

export function serializeScenario(s: Scenario, format: ScenarioFormat): string {
  const value = canonical(s, ScenarioSchema);
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  return stringify(value, {
    indent: 2,
    lineWidth: 0, // never fold long strings
    aliasDuplicateObjects: false, // a shared object is written out again, not as *anchor
  });
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A copy of `value` with keys in `schema`'s order; values the schema cannot describe pass through. */
function canonical(value: unknown, schema: z.ZodType): unknown {
  if (schema instanceof z.ZodOptional) return canonical(value, schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject && isObj(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      if (Object.hasOwn(value, key) && value[key] !== undefined)
        out[key] = canonical(value[key], sub);
    }
    return out;
  }
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    return value.map((item: unknown) => canonical(item, schema.element as z.ZodType));
  }
  if (schema instanceof z.ZodRecord && isObj(value)) {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(value).filter((k) => k !== '__proto__');
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const key of keys) out[key] = value[key];
    return out;
  }
  return value;
}
