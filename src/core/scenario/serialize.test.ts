import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Scenario } from '../model/schema';
import { everyField, talk003 } from './fixtures/scenarios';
import { serializeScenario } from './serialize';

/** The same scenario with every object's keys in reverse order. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reversed(x)]),
    );
  }
  return v;
}

describe('serializeScenario', () => {
  it('writes JSON with 2-space indentation and a final newline', () => {
    const text = serializeScenario(talk003, 'json');
    expect(
      text.startsWith('{\n  "version": 1,\n  "name": "One cluster",\n  "model": "flat",\n'),
    ).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(talk003);
  });

  it('writes YAML that starts with the version', () => {
    const text = serializeScenario(talk003, 'yaml');
    expect(text.split('\n').slice(0, 3)).toEqual([
      'version: 1',
      'name: One cluster',
      'model: flat',
    ]);
    expect(parseYaml(text)).toEqual(talk003);
  });

  for (const format of ['json', 'yaml'] as const) {
    it(`${format}: key order does not depend on the input's order`, () => {
      const shuffled = reversed(everyField) as Scenario;
      expect(Object.keys(shuffled)[0]).not.toBe('version');
      expect(serializeScenario(shuffled, format)).toBe(serializeScenario(everyField, format));
    });
  }

  it('sorts label maps and selectors', () => {
    const s = structuredClone(talk003);
    s.clusters[0]!.nodes[0]!.labels = { zone: 'a', 'app.kubernetes.io/name': 'x', role: 'edge' };
    const text = serializeScenario(s, 'json');
    const keys = Object.keys((JSON.parse(text) as Scenario).clusters[0]!.nodes[0]!.labels ?? {});
    expect(keys).toEqual(['app.kubernetes.io/name', 'role', 'zone']);
  });

  it('leaves out fields the schema does not know and undefined values', () => {
    const s = {
      ...structuredClone(talk003),
      extra: 1,
      description: undefined,
    } as unknown as Scenario;
    const out = JSON.parse(serializeScenario(s, 'json')) as Record<string, unknown>;
    expect('extra' in out).toBe(false);
    expect('description' in out).toBe(false);
  });

  it('writes shared objects out in full, not as YAML aliases', () => {
    const s = structuredClone(talk003);
    const labels = { app: 'web' };
    for (const p of s.clusters[0]!.pods) p.labels = labels;
    const text = serializeScenario(s, 'yaml');
    expect(text).not.toMatch(/[&*]\w/);
    expect(text.match(/app: web/g)).toHaveLength(4);
  });

  it('quotes strings that YAML would read as something else', () => {
    const s = structuredClone(talk003);
    s.clusters[0]!.nodes[0]!.name = '1e3';
    s.clusters[0]!.nodes[1]!.labels = { on: 'true', v: '0x10', n: 'null' };
    expect(parseYaml(serializeScenario(s, 'yaml'))).toEqual(s);
  });
});
