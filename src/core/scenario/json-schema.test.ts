import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_SCHEMA_ID, scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema';

describe('docs/scenario.schema.json', () => {
  it('equals a fresh generation (run `npm run schema` when this fails)', () => {
    const committed = readFileSync(
      new URL('../../../docs/scenario.schema.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('is draft 2020-12 with an id, a title and a description', () => {
    const s = scenarioJsonSchema();
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.$id).toBe(SCENARIO_SCHEMA_ID);
    expect(s.title).toBe('Packetwalk scenario');
    expect(typeof s.description).toBe('string');
  });

  it('describes the format: version 1, required fields, limits from the zod schema', () => {
    const s = scenarioJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { const?: number; maxItems?: number; type?: string }>;
    };
    expect(s.required).toEqual(['version', 'model', 'networks', 'clusters']);
    expect(s.properties.version?.const).toBe(1);
    expect(s.properties.clusters?.maxItems).toBe(64);
    // Editors may add "$schema"; the format allows it, nothing else unknown.
    expect(s.properties.$schema?.type).toBe('string');
    expect(s.additionalProperties).toBe(false);
  });
});
