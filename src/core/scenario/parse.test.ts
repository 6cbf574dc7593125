import { describe, expect, it } from 'vitest';
import { ScenarioSchema, type Scenario } from '../model/schema';
import { everyField, talk003 } from './fixtures/scenarios';
import { INPUT_LIMITS, parseScenarioText, parseScenarioValue, type ParseResult } from './parse';
import { serializeScenario } from './serialize';

function ok(r: ParseResult): Extract<ParseResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got error: ${r.error}`);
  return r;
}
function err(r: ParseResult): string {
  if (r.ok) throw new Error('expected an error, got a scenario');
  return r.error;
}
const json = (v: unknown) => JSON.stringify(v, null, 2);

describe('round trip', () => {
  for (const [name, s] of [
    ['talk003', talk003],
    ['everyField', everyField],
  ] as const) {
    for (const format of ['json', 'yaml'] as const) {
      it(`${name} through ${format}: parse(serialize(s)) equals s`, () => {
        const text = serializeScenario(s, format);
        const r = ok(parseScenarioText(text));
        expect(r.scenario).toEqual(s);
        expect(r.warnings).toEqual([]);
        expect(r.source).toBe('scenario');
        expect(serializeScenario(r.scenario, format)).toBe(text);
      });
    }
  }

  it('reads YAML by the .yaml extension even when it starts with {', () => {
    const flow = '{version: 1, model: flat, networks: [], clusters: []}';
    expect(ok(parseScenarioText(flow, { filename: 'x.yaml' })).scenario.model).toBe('flat');
    // Without the hint a leading { means JSON, and this is not JSON.
    expect(err(parseScenarioText(flow))).toMatch(/^JSON error at line 1, column 2:/);
  });

  it('accepts a byte order mark and a $schema key without warnings', () => {
    const text = `\ufeff${json({ $schema: './scenario.schema.json', ...talk003 })}`;
    const r = ok(parseScenarioText(text));
    expect(r.scenario).toEqual(talk003);
    expect(r.warnings).toEqual([]);
  });

  it('parses an already-decoded value', () => {
    expect(ok(parseScenarioValue(structuredClone(talk003))).scenario).toEqual(talk003);
    expect(err(parseScenarioValue(42))).toMatch(/Expected a scenario .*got the number 42/);
  });
});

describe('syntax errors', () => {
  it('JSON: a trailing comma, with line and column', () => {
    const text = '{\n  "version": 1,\n  "model": "flat",\n}';
    expect(err(parseScenarioText(text))).toBe(
      "JSON error at line 4, column 1: a comma before '}' is not allowed in JSON.",
    );
  });

  it('JSON: a missing comma', () => {
    const text = '{\n  "version": 1\n  "model": "flat"\n}';
    expect(err(parseScenarioText(text))).toBe(
      "JSON error at line 3, column 3: expected ',' or '}' after a property value.",
    );
  });

  it('JSON: single quotes, unterminated strings, garbage after the value', () => {
    expect(err(parseScenarioText("{'version': 1}"))).toBe(
      'JSON error at line 1, column 2: expected a property name in double quotes.',
    );
    expect(err(parseScenarioText('{"version": 1, "name": "abc'))).toBe(
      'JSON error at line 1, column 24: unterminated string.',
    );
    expect(err(parseScenarioText('{"version": 1} x'))).toBe(
      'JSON error at line 1, column 16: unexpected text after the end of the JSON value.',
    );
    expect(err(parseScenarioText('[1, 2'))).toBe(
      "JSON error at line 1, column 6: unexpected end of the text: expected ',' or ']'.",
    );
  });

  it('YAML: an unclosed flow sequence, with line and column', () => {
    const e = err(parseScenarioText('version: 1\nmodel: flat\nnetworks: [a,\n'));
    expect(e).toMatch(/^YAML error at line \d+, column \d+: /);
    expect(e).toContain('Flow sequence');
  });

  it('YAML: a bad indentation points where the parser noticed it', () => {
    expect(err(parseScenarioText('version: 1\nmodel: flat\n  networks: []\n'))).toBe(
      'YAML error at line 2, column 8: Nested mappings are not allowed in compact mappings',
    );
  });

  it('YAML: duplicate keys are refused', () => {
    expect(err(parseScenarioText('version: 1\nmodel: flat\nmodel: island\n'))).toBe(
      'YAML error at line 3, column 1: Map keys must be unique',
    );
  });

  it('empty input', () => {
    expect(err(parseScenarioText(''))).toBe('The input is empty.');
    expect(err(parseScenarioText('  \n\t\n'))).toBe('The input is empty.');
    expect(err(parseScenarioText('# only a comment\n'))).toBe('The input holds no document.');
  });

  it('not an object', () => {
    expect(err(parseScenarioText('hello'))).toMatch(/got the string "hello"/);
    expect(err(parseScenarioText('- a\n- b\n'))).toMatch(/got a list/);
  });
});

describe('versions', () => {
  const without = (s: Scenario) => {
    const { version: _v, ...rest } = s;
    return rest;
  };

  it('a missing version says what to add', () => {
    expect(err(parseScenarioText(json(without(talk003))))).toBe(
      'Missing "version": a Packetwalk scenario starts with "version: 1". (It is not Kubernetes objects either: there is no "kind".)',
    );
  });

  it('a newer version asks for a newer app', () => {
    expect(err(parseScenarioText(json({ ...talk003, version: 2 })))).toBe(
      'This scenario is version 2, newer than this app reads (version 1). Open it with a newer Packetwalk.',
    );
  });

  it('a version that is not a positive integer is unknown', () => {
    expect(err(parseScenarioText(json({ ...talk003, version: 0 })))).toBe(
      'Unknown scenario version 0; this app reads version 1.',
    );
    expect(err(parseScenarioText(json({ ...talk003, version: 1.5 })))).toMatch(
      /Unknown scenario version 1.5/,
    );
    expect(err(parseScenarioText(json({ ...talk003, version: '1' })))).toBe(
      '"version" must be the number 1, got the string "1".',
    );
  });

  it('a scenario is one document', () => {
    const text = `${serializeScenario(talk003, 'yaml')}---\n${serializeScenario(talk003, 'yaml')}`;
    expect(err(parseScenarioText(text))).toBe(
      'The input holds 2 documents; a scenario is a single document.',
    );
  });
});

describe('schema errors read as path + what was expected', () => {
  const broken = (
    edit: (s: Record<string, unknown> & { clusters: Record<string, unknown>[] }) => void,
  ) => {
    const s = structuredClone(talk003) as unknown as Record<string, unknown> & {
      clusters: Record<string, unknown>[];
    };
    edit(s);
    return err(parseScenarioText(json(s)));
  };

  it('a wrong type', () => {
    const e = broken((s) => {
      (s.clusters[0]!.nodes as Record<string, unknown>[])[1]!.name = 7;
    });
    expect(e).toBe(
      'This is not a valid scenario:\n- clusters[0].nodes[1].name: expected a string, got the number 7',
    );
  });

  it('a missing field', () => {
    const e = broken((s) => {
      delete (s.clusters[0]!.pods as Record<string, unknown>[])[2]!.nodeName;
    });
    expect(e).toContain('- clusters[0].pods[2].nodeName: missing; expected a string');
  });

  it('an enum', () => {
    const e = broken((s) => {
      s.model = 'flt';
    });
    expect(e).toContain(
      '- model: expected one of "flat", "air-gapped", "island", "archipelago", got the string "flt"',
    );
  });

  it('limits: empty and too long names, too many items, numbers out of range', () => {
    const e = broken((s) => {
      s.networks = [{ name: '', cidrs: [] }];
      s.clusters[0]!.name = 'x'.repeat(254);
      s.clusters[0]!.ipFamilies = ['IPv4', 'IPv6', 'IPv4'];
      (s.clusters[0]!.clusterCIDRs as Record<string, unknown>[])[0]!.nodeMaskSize = 129;
    });
    expect(e).toContain('- networks[0].name: must not be empty');
    expect(e).toContain('- clusters[0].name: too long: at most 253 characters');
    expect(e).toContain('- clusters[0].ipFamilies: too many: at most 2 items');
    expect(e).toContain(
      '- clusters[0].clusterCIDRs[0].nodeMaskSize: expected at most 128, got the number 129',
    );
  });

  it('a whole number and a union', () => {
    const e = broken((s) => {
      (s.clusters[0]!.clusterCIDRs as Record<string, unknown>[])[0]!.nodeMaskSize = 24.5;
      s.clusters[0]!.services = [{ name: 'web', ports: [{ port: 80, targetPort: true }] }];
    });
    expect(e).toContain(
      '- clusters[0].clusterCIDRs[0].nodeMaskSize: expected a whole number, got the number 24.5',
    );
    expect(e).toContain(
      '- clusters[0].services[0].ports[0].targetPort: expected a number or a string, got true',
    );
  });

  it('label keys that are not identifiers are quoted in the path', () => {
    const e = broken((s) => {
      (s.clusters[0]!.nodes as Record<string, unknown>[])[0]!.labels = { 'kubernetes.io/os': 5 };
    });
    expect(e).toContain(
      '- clusters[0].nodes[0].labels["kubernetes.io/os"]: expected a string, got the number 5',
    );
  });

  it('many problems are cut short with a count', () => {
    const e = broken((s) => {
      s.clusters[0]!.pods = Array.from({ length: 20 }, () => ({ name: 1 }));
    });
    expect(e.split('\n')).toHaveLength(1 + 8 + 1);
    expect(e).toMatch(/\.\.\. and \d+ more problems$/);
  });
});

describe('unknown fields are warnings, not errors', () => {
  it('names each ignored field', () => {
    const s = structuredClone(talk003) as unknown as {
      clusters: { nodes: Record<string, unknown>[] }[];
    } & Record<string, unknown>;
    s.clusters[0]!.nodes[0]!.podCidrs = ['10.0.1.0/24'];
    s.modle = 'island';
    const r = ok(parseScenarioText(json(s)));
    expect(r.warnings).toEqual([
      'clusters[0].nodes[0].podCidrs: unknown field, ignored',
      'modle: unknown field, ignored',
    ]);
    expect(r.scenario).toEqual(talk003);
  });
});

describe('size limits, checked before parsing', () => {
  it('refuses more than 5 MB', () => {
    const e = err(parseScenarioText('a'.repeat(INPUT_LIMITS.bytes + 1)));
    expect(e).toBe('The input is too large: 5,242,881 bytes; the limit is 5 MB (5,242,880 bytes).');
  });

  it('counts UTF-8 bytes, not characters', () => {
    // 2,000,000 characters of 3 bytes each: under the limit in characters, over it in bytes.
    const e = err(parseScenarioText('€'.repeat(2_000_000)));
    expect(e).toBe('The input is too large: 6,000,000 bytes; the limit is 5 MB (5,242,880 bytes).');
  });

  it('a far too long text is refused without counting it all', () => {
    expect(err(parseScenarioText('x'.repeat(30_000_000)))).toBe(
      'The input is too large: at least 30,000,000 bytes; the limit is 5 MB (5,242,880 bytes).',
    );
  });

  it('accepts exactly 5 MB', () => {
    const text = json(talk003);
    const padded = text + ' '.repeat(INPUT_LIMITS.bytes - text.length);
    expect(padded.length).toBe(INPUT_LIMITS.bytes);
    expect(ok(parseScenarioText(padded)).scenario).toEqual(talk003);
  });
});

describe('YAML aliases are bounded', () => {
  it('refuses a billion-laughs document', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `version: 1\nmodel: flat\nnetworks: []\nclusters: []\n${levels.join('\n')}\n`;
    expect(err(parseScenarioText(text))).toBe(
      `YAML error: the aliases (*name) expand the document too much (more than ${INPUT_LIMITS.yamlAliasCount} copies); refused.`,
    );
  });

  it('allows ordinary anchors and merge keys', () => {
    const text = [
      'version: 1',
      'model: flat',
      'networks: []',
      'clusters:',
      '  - name: c',
      '    ipFamilies: [IPv4]',
      '    clusterCIDRs: []',
      '    serviceCIDRs: []',
      '    nodes:',
      '      - name: n1',
      '        labels: &zone { topology.kubernetes.io/zone: a }',
      '        addresses: []',
      '      - name: n2',
      '        labels: { <<: *zone, role: edge }',
      '        addresses: []',
      '    pods: []',
      '    services: []',
    ].join('\n');
    const r = ok(parseScenarioText(text));
    expect(r.scenario.clusters[0]?.nodes[1]?.labels).toEqual({
      'topology.kubernetes.io/zone': 'a',
      role: 'edge',
    });
  });
});

describe('Kubernetes objects are detected and imported', () => {
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1' },
    spec: { podCIDR: '10.0.1.0/24' },
  };

  it('a single object, a JSON array of objects, and multi-document YAML', () => {
    for (const text of [
      json(node),
      json([node]),
      '---\napiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n---\n',
    ]) {
      const r = ok(parseScenarioText(text));
      expect(r.source).toBe('kubectl');
      expect(r.scenario.clusters[0]?.nodes.map((n) => n.name)).toEqual(['n1']);
    }
  });

  it('names the scenario after the file', () => {
    const r = ok(parseScenarioText(json(node), { filename: 'prod.json' }));
    expect(r.scenario.name).toBe('Imported from prod.json');
  });

  it('objects with nothing to draw are an error that says what was found', () => {
    const e = err(
      parseScenarioText(
        json({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'shop' },
        }),
      ),
    );
    expect(e).toBe(
      'No Nodes, Pods, Services or Ingresses found in the Kubernetes objects.\nSkipped Deployment shop/web: Deployment is not part of the network picture.',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Never throws

/** Small deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"',
  "'",
  '-',
  ' ',
  '\n',
  '\t',
  '&',
  '*',
  '!',
  '|',
  '>',
  '#',
  '%',
  '@',
  '`',
  '\\',
  'a',
  '0',
  '.',
  '\u0000',
  '€',
  '\ud800',
  'version',
  'kind',
  'List',
  'items',
  '<<',
  '---',
];

function mutate(text: string, r: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(r() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * (out.length + 1));
    const pick = ALPHABET[Math.floor(r() * ALPHABET.length)] ?? '';
    const op = r();
    if (op < 0.4) out = out.slice(0, at) + pick + out.slice(at);
    else if (op < 0.8) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(r() * 8));
    else out = out.slice(0, at) + pick + out.slice(at + pick.length);
  }
  return out;
}

function randomValue(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 4 ? 5 : 8));
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return [0, -1, 1.5, 65536, 1e308, 24, 80][Math.floor(r() * 7)];
    case 3:
      return ['', 'x'.repeat(300), 'IPv4', 'None', '10.0.0.0/8', 'fd00::1', '__proto__', 'Node'][
        Math.floor(r() * 8)
      ];
    case 4:
      return undefined;
    case 5:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      const keys = [
        'version',
        'kind',
        'apiVersion',
        'items',
        'metadata',
        'name',
        'spec',
        'status',
        'clusters',
        'nodes',
        'ports',
        'podIPs',
        'labels',
        '__proto__',
      ];
      const o: Record<string, unknown> = {};
      const n = Math.floor(r() * 5);
      for (let i = 0; i < n; i++)
        o[keys[Math.floor(r() * keys.length)] ?? 'x'] = randomValue(r, depth + 1);
      return o;
    }
  }
}

describe('never throws', () => {
  const seeds = [
    serializeScenario(everyField, 'yaml'),
    serializeScenario(everyField, 'json'),
    serializeScenario(talk003, 'yaml'),
  ];

  function check(text: string) {
    let r: ParseResult | undefined;
    expect(
      () => {
        r = parseScenarioText(text);
      },
      JSON.stringify(text.slice(0, 200)),
    ).not.toThrow();
    if (r?.ok) expect(ScenarioSchema.safeParse(r.scenario).success).toBe(true);
    else expect(r?.error.length).toBeGreaterThan(0);
  }

  it('on 300 mutations of valid scenarios', () => {
    const r = rng(1);
    for (let i = 0; i < 300; i++) check(mutate(seeds[i % seeds.length] ?? '', r));
  });

  it('on 300 random JSON and YAML values, scenario- and Kubernetes-shaped', () => {
    const r = rng(2);
    for (let i = 0; i < 300; i++) {
      const v = randomValue(r, 0);
      check(JSON.stringify(v) ?? 'null');
      check(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [v, randomValue(r, 1)] }));
      check(JSON.stringify({ version: 1, model: 'flat', networks: [], clusters: [v] }));
    }
  });

  it('on 200 strings of random characters', () => {
    const r = rng(3);
    for (let i = 0; i < 200; i++) {
      const len = Math.floor(r() * 200);
      let s = '';
      for (let j = 0; j < len; j++) s += ALPHABET[Math.floor(r() * ALPHABET.length)] ?? '';
      check(s);
    }
  });

  it('on deep nesting', () => {
    check('['.repeat(200_000));
    check('a:\n' + '  - '.repeat(20_000));
    check('['.repeat(50_000) + ']'.repeat(50_000));
    check(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
  });

  it('on values that are not text', () => {
    expect(err(parseScenarioText(undefined as unknown as string))).toBe(
      'Expected text, got nothing.',
    );
  });
});
