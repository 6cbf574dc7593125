import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  IpFamilySchema,
  IpFamilyPolicySchema,
  NetworkModelSchema,
  NodeAddressTypeSchema,
  ProtocolSchema,
  ScenarioSchema,
  ServiceTypeSchema,
  TrafficPolicySchema,
  type Scenario,
} from '../model/schema';
import {
  FORMATS,
  SHARE_LIMITS,
  V1_CHOICES,
  decodeShare,
  decodeShareWith,
  encodeShare,
  fromBase64Url,
  linkStats,
  packShare,
  sealBytes,
  sealPayload,
  toBase64Url,
  type FormatTable,
  type ShareState,
} from './codec';
import { twoClusterScenario } from './link-fixtures/two-cluster';
import { largeScenario } from './random';

/** Talk 003's one-cluster picture (the core may not import the lesson presets). */
const singleCluster: Scenario = {
  ...twoClusterScenario,
  name: 'Kubernetes Network Models: one cluster',
  clusters: [{ ...twoClusterScenario.clusters[0]!, name: 'cluster' }],
};

const dictionary = () => FORMATS.readers[1]!.dictionary!();
const clone = <T>(v: T): T => structuredClone(v);

function roundTrip(state: ShareState) {
  const result = decodeShare(encodeShare(state));
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** The inflated JSON of a fragment, to look at what the link really carries. */
function payloadOf(fragment: string): unknown {
  const bytes = fromBase64Url(fragment.slice(fragment.indexOf('.') + 1))!;
  const json = inflateSync(bytes.subarray(3), { dictionary: dictionary() });
  return JSON.parse(new TextDecoder().decode(json));
}

function errorOf(fragment: string): string {
  const result = decodeShare(fragment);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

describe('encodeShare / decodeShare round trip', () => {
  it.each([
    ['the talk-003 single cluster', singleCluster],
    ['the talk-003 two clusters', twoClusterScenario],
    ['a 100-node cluster', largeScenario({ nodes: 100, podsPerNode: 4, services: 10 })],
  ])('gives back %s deep-equal', (_, scenario) => {
    const result = roundTrip({ scenario });
    expect(result.state.scenario).toStrictEqual(scenario);
    expect(result.warnings).toEqual([]);
    expect(result.migratedFrom).toBeUndefined();
  });

  it('keeps every view field, including a null flow', () => {
    const state: ShareState = {
      scenario: twoClusterScenario,
      view: {
        model: 'island',
        flowId: 'pod-a-to-other',
        flow: null,
        hop: 3,
        viewport: { x: -12.5, y: 40.25, k: 1.5 },
        lesson: { id: 'network-models', step: 2 },
        preset: 'two-clusters',
      },
    };
    expect(roundTrip(state).state).toStrictEqual(state);
    const flow = { from: 'cluster/cluster-1/pod/default/pod-a', to: 'host/other', port: 80 };
    expect(roundTrip({ ...state, view: { flow } }).state.view).toStrictEqual({ flow });
  });

  it('keeps an empty view apart from no view', () => {
    expect(roundTrip({ scenario: singleCluster, view: {} }).state.view).toStrictEqual({});
    expect(roundTrip({ scenario: singleCluster }).state.view).toBeUndefined();
  });

  it('keeps spellings the counted encodings could get wrong', () => {
    const s = clone(twoClusterScenario);
    const c = s.clusters[0]!;
    c.nodes[0]!.name = 'node-009';
    c.nodes[1]!.name = 'node-010'; // counted from node-009, zero padding kept
    c.nodes[1]!.podCIDRs = ['10.0.2.5/24']; // host bits set: written as text
    c.pods[0]!.podIPs = ['FD00::1', '10.0.1.1']; // upper case IPv6 stays upper case
    c.pods[1]!.podIPs = [' 10.0.1.2'];
    c.pods[2]!.nodeName = 'not-a-node';
    c.pods[3]!.name = 'pod-9';
    s.clusters[1]!.pods[0]!.name = 'pod-010'; // after pod-9: not a +1 of the same width
    c.services = [
      { name: 'kubernetes', ports: [{ port: 443, targetPort: 6443 }], clusterIPs: ['10.96.0.1'] },
      { name: 'headless', ports: [{ port: 80, targetPort: 'http' }], clusterIPs: ['None'] },
      {
        name: 'dual',
        ports: [{ port: 53, protocol: 'UDP' }],
        clusterIPs: ['10.96.0.10', 'fd00::a'],
      },
    ];
    expect(roundTrip({ scenario: s }).state.scenario).toStrictEqual(s);
  });

  it('writes numbered names, pod ranges, node IPs and pod IPs as small counts', () => {
    const [payload] = packShare({ scenario: twoClusterScenario }) as [unknown[]];
    const clusters = payload[2] as unknown[][];
    const [nodes, pods] = [clusters[0]![5], clusters[0]![6]] as [unknown[][], unknown[][]];
    // node1 is text; node2 is "one more than node1", its IP one more, its range the next /24.
    expect(nodes[0]).toEqual(['node1', ['10.240.0.1'], [1]]);
    expect(nodes[1]).toEqual([1, [1], [1]]);
    // pod-c is on the next node (step 1) at the first address after its node's range.
    expect(pods[2]).toEqual(['pod-c', 1, [1], { app: 'c' }]);
    // Zero padding is kept when counting: node-010 after node-009 is 1.
    const padded = clone(twoClusterScenario);
    padded.clusters[0]!.nodes[0]!.name = 'node-009';
    padded.clusters[0]!.nodes[1]!.name = 'node-010';
    const [p] = packShare({ scenario: padded }) as [unknown[]];
    expect(((p[2] as unknown[][])[0]![5] as unknown[][])[1]![0]).toBe(1);
  });

  it('carries exactly the packed payload', () => {
    const state: ShareState = { scenario: twoClusterScenario, view: { hop: 1 } };
    expect(payloadOf(encodeShare(state))).toEqual(JSON.parse(JSON.stringify(packShare(state))));
  });

  it('is deterministic', () => {
    expect(encodeShare({ scenario: twoClusterScenario })).toBe(
      encodeShare({ scenario: clone(twoClusterScenario) }),
    );
  });

  it('writes "v1." and then only base64url characters', () => {
    expect(encodeShare({ scenario: singleCluster })).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
  });
});

describe('link length (the bench budgets)', () => {
  it('keeps the two-cluster picture within 600 characters and 5x shorter than base64 JSON', () => {
    const stats = linkStats(twoClusterScenario);
    expect(stats.fragmentLength).toBe(encodeShare({ scenario: twoClusterScenario }).length);
    expect(stats.fragmentLength).toBeLessThanOrEqual(600);
    expect(stats.ratio).toBeGreaterThanOrEqual(5);
  });

  it('keeps a 100-node cluster within 2,000 characters and 5x shorter than base64 JSON', () => {
    const stats = linkStats(largeScenario({ nodes: 100, podsPerNode: 4, services: 10 }));
    expect(stats.fragmentLength).toBeLessThanOrEqual(2000);
    expect(stats.ratio).toBeGreaterThanOrEqual(5);
  });

  it('measures base64 JSON as plain base64url of the JSON text', () => {
    const json = JSON.stringify(singleCluster);
    const stats = linkStats(singleCluster);
    expect(stats.base64JsonLength).toBe(Buffer.from(json).toString('base64url').length);
    expect(stats.ratio).toBeCloseTo(stats.base64JsonLength / stats.fragmentLength, 10);
  });
});

describe('what decode accepts around the fragment', () => {
  const fragment = encodeShare({ scenario: singleCluster });
  it.each([
    ['a leading #', `#${fragment}`],
    ['a whole URL', `https://packetwalk.example/app/#${fragment}`],
    ['line breaks from a mail client', `${fragment.slice(0, 20)}\n  ${fragment.slice(20)}`],
  ])('reads a link with %s', (_, text) => {
    const result = decodeShare(text);
    expect(result.ok && result.state.scenario).toStrictEqual(singleCluster);
  });
});

describe('clear errors for links that cannot be read', () => {
  const good = encodeShare({ scenario: twoClusterScenario });

  it('says a link with nothing in it holds no scenario', () => {
    expect(errorOf('')).toBe('This link holds no scenario.');
    expect(errorOf('#')).toBe('This link holds no scenario.');
  });

  it('refuses a link without a format version', () => {
    expect(errorOf(good.slice(3))).toMatch(/^This link is damaged: .*format version/);
  });

  it('names the newer format of a link from a newer Packetwalk', () => {
    expect(errorOf(`v3.${good.slice(3)}`)).toBe(
      'This link was made by a newer Packetwalk (format v3); this one reads up to v1. Open it in the newer version.',
    );
  });

  it('refuses a format it never read', () => {
    expect(errorOf(`v0.${good.slice(3)}`)).toMatch(
      /format v0, which this Packetwalk does not read/,
    );
  });

  it('refuses characters no link contains', () => {
    expect(errorOf(`${good.slice(0, 10)}%${good.slice(11)}`)).toMatch(
      /^This link is damaged: it contains "%"/,
    );
  });

  it('catches a link that was cut short or changed by its checksum', () => {
    for (const cut of [1, 2, 3, 4, 5, 6]) {
      expect(errorOf(good.slice(0, -cut))).toMatch(/^This link is damaged: .*was it cut off/);
    }
    expect(errorOf(good.slice(0, -4))).toMatch(/checksum does not match/);
    const flipped = good.slice(0, 20) + (good[20] === 'A' ? 'B' : 'A') + good.slice(21);
    expect(errorOf(flipped)).toMatch(/checksum does not match/);
    expect(errorOf('v1.AAA')).toMatch(/too short/);
  });

  it('refuses an over-long fragment before looking at it', () => {
    const long = 'v1.' + 'A'.repeat(SHARE_LIMITS.fragmentChars);
    expect(errorOf(long)).toMatch(/too long to be a Packetwalk link: 200,003 characters/);
  });

  it('refuses a zip bomb without inflating all of it', () => {
    // 12 MB of JSON whitespace around a valid payload: tiny once deflated.
    const bomb = new Uint8Array(12_000_000).fill(0x20);
    const body = new TextEncoder().encode(JSON.stringify(packShare({ scenario: singleCluster })));
    bomb.set(body, bomb.length - body.length);
    const fragment = sealBytes(1, deflateSync(bomb, { level: 9, dictionary: dictionary() }));
    expect(fragment.length).toBeLessThan(SHARE_LIMITS.fragmentChars);
    const started = performance.now();
    expect(errorOf(fragment)).toMatch(/would unpack to more than 5 MB/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses data that is not DEFLATE, or not JSON', () => {
    expect(errorOf(sealBytes(1, new Uint8Array([0xff, 0xff, 0xff, 0xff])))).toMatch(
      /could not be decompressed/,
    );
    const notJson = sealBytes(1, deflateSync(new TextEncoder().encode('{oops')));
    expect(errorOf(notJson)).toMatch(/not readable/);
  });

  it('names the field of a scenario the schema refuses', () => {
    const payload = packShare({ scenario: twoClusterScenario }) as [unknown[]];
    const pods = (payload[0][2] as unknown[][])[0]![6] as unknown[][];
    pods[0]![0] = ''; // a pod with an empty name
    expect(errorOf(sealPayload(1, payload, dictionary()))).toMatch(
      /^This link is damaged: clusters\.0\.pods\.0\.name: /,
    );
  });

  it('names the field whose count points nowhere', () => {
    const payload = packShare({ scenario: twoClusterScenario }) as [unknown[]];
    const pods = (payload[0][2] as unknown[][])[0]![6] as unknown[][];
    pods[0]![1] = 7; // seven nodes further than there are
    expect(errorOf(sealPayload(1, payload, dictionary()))).toBe(
      'This link is damaged: clusters.0.pods.0.nodeName: a pod refers to a node that is not there.',
    );
    const hosts = payload[0][3] as unknown[][];
    hosts[0]![1] = [5]; // the first host address counted from nothing
    pods[0]![1] = 0;
    expect(errorOf(sealPayload(1, payload, dictionary()))).toMatch(
      /hosts\.0\.addresses\.0: an address has nothing to count from/,
    );
  });

  it('refuses a list longer than the schema allows before unpacking it', () => {
    const payload = packShare({ scenario: singleCluster }) as [unknown[]];
    (payload[0][2] as unknown[][])[0]![6] = new Array(60_000).fill(0);
    expect(errorOf(sealPayload(1, payload, dictionary()))).toMatch(
      /pods: 60000 entries, more than the 50000 allowed/,
    );
  });

  it('does not let label keys reach Object.prototype', () => {
    const payload = packShare({ scenario: singleCluster }) as [unknown[]];
    const pods = (payload[0][2] as unknown[][])[0]![6] as unknown[][];
    pods[0]![3] = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":"x"}');
    const result = decodeShare(sealPayload(1, payload, dictionary()));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.ok) expect(Object.getPrototypeOf(result.state.scenario)).toBe(Object.prototype);
  });

  it('never throws, whatever it is given', () => {
    for (const input of [undefined, null, 42, {}, [], 'v1.', 'v99999999999.AAAA', '\u0000']) {
      expect(() => decodeShare(input as unknown as string)).not.toThrow();
      expect(decodeShare(input as unknown as string).ok).toBe(false);
    }
  });
});

describe('repairing the view', () => {
  it('leaves out an unusable view field with a warning and keeps the rest', () => {
    const payload = packShare({
      scenario: singleCluster,
      view: { hop: 2, viewport: { x: 0, y: 0, k: 1 }, preset: 'single' },
    }) as unknown[][];
    payload[1]![4] = [0, 0, -1]; // a negative zoom
    const result = decodeShare(sealPayload(1, payload, dictionary()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.view).toStrictEqual({ hop: 2, preset: 'single' });
    expect(result.warnings).toEqual([
      'The link\'s view setting "viewport" was not usable and has been left out.',
    ]);
  });

  it('leaves out a view part that cannot be unpacked instead of refusing the link', () => {
    const payload = packShare({
      scenario: singleCluster,
      view: { flow: { a: 1 }, lesson: { id: 'l', step: 1 }, hop: 4 },
    }) as unknown[][];
    payload[1]![2] = 'not [flow]';
    payload[1]![5] = 7;
    const result = decodeShare(sealPayload(1, payload, dictionary()));
    expect(result.ok && result.state).toStrictEqual({ scenario: singleCluster, view: { hop: 4 } });
    expect(result.ok && result.warnings).toHaveLength(2);

    payload[1] = 5 as unknown as unknown[]; // no view at all, just a number
    const whole = decodeShare(sealPayload(1, payload, dictionary()));
    expect(whole.ok && whole.state).toStrictEqual({ scenario: singleCluster });
    expect(whole.ok && whole.warnings[0]).toMatch(/view saved in this link was not usable/);
  });

  it('leaves out a flow nested too deep', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 50; i++) deep = [deep];
    const result = roundTripLoose({ scenario: singleCluster, view: { flow: deep, hop: 1 } });
    expect(result.ok && result.state.view).toStrictEqual({ hop: 1 });
  });
});

function roundTripLoose(state: ShareState) {
  return decodeShare(encodeShare(state));
}

describe('the v1 choice lists', () => {
  it('hold every value of the schema enums, so valid scenarios always pack as indexes', () => {
    const pairs: [readonly string[], readonly string[]][] = [
      [V1_CHOICES.model, NetworkModelSchema.options],
      [V1_CHOICES.ipFamily, IpFamilySchema.options],
      [V1_CHOICES.protocol, ProtocolSchema.options],
      [V1_CHOICES.nodeAddressType, NodeAddressTypeSchema.options],
      [V1_CHOICES.serviceType, ServiceTypeSchema.options],
      [V1_CHOICES.ipFamilyPolicy, IpFamilyPolicySchema.options],
      [V1_CHOICES.trafficPolicy, TrafficPolicySchema.options],
    ];
    for (const [frozen, schema] of pairs) {
      for (const value of schema) expect(frozen).toContain(value);
    }
  });

  it('keep their released order (reordering would change what old links mean)', () => {
    expect(V1_CHOICES.model).toEqual(['flat', 'air-gapped', 'island', 'archipelago']);
    expect(V1_CHOICES.protocol).toEqual(['TCP', 'UDP', 'SCTP']);
    expect(V1_CHOICES.nodeAddressType[0]).toBe('InternalIP');
  });
});

describe('base64url', () => {
  it('matches Node for every length remainder and refuses what is not base64url', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 13) & 0xff);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    expect(fromBase64Url('AAAAA')).toBeNull(); // 4n+1 characters cannot be
    expect(fromBase64Url('AA==')).toBeNull();
    expect(fromBase64Url('AA+/')).toBeNull();
  });
});

describe('reading an older format through the migration chain', () => {
  // A fake format v0: plain JSON, no dictionary, clusters written with a single `podCidr`.
  const v0 = {
    scenario: {
      model: 'flat',
      networks: [],
      clusters: [
        {
          name: 'old',
          ipFamilies: ['IPv4'],
          podCidr: '10.0.0.0/16',
          serviceCIDRs: [],
          nodes: [],
          pods: [],
          services: [],
        },
      ],
    },
  };
  const formats: FormatTable = {
    ...FORMATS,
    oldest: 0,
    readers: { ...FORMATS.readers, 0: { unpack: (p) => p } },
    migrations: {
      0: (state) => {
        const s = structuredClone(state) as { scenario: Record<string, unknown> };
        s.scenario.version = 1;
        s.scenario.clusters = (s.scenario.clusters as Record<string, unknown>[]).map(
          ({ podCidr, ...rest }) => ({
            ...rest,
            clusterCIDRs: [{ cidr: podCidr, nodeMaskSize: 24 }],
          }),
        );
        return { ok: true, state: s };
      },
    },
  };

  it('upgrades a v0 link to a valid v1 scenario and says so', () => {
    const result = decodeShareWith(sealPayload(0, v0), formats);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(0);
    expect(result.warnings).toEqual([
      'This link was made with format v0 and has been upgraded to v1.',
    ]);
    const expected: Scenario = {
      version: 1,
      model: 'flat',
      networks: [],
      clusters: [
        {
          name: 'old',
          ipFamilies: ['IPv4'],
          clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 24 }],
          serviceCIDRs: [],
          nodes: [],
          pods: [],
          services: [],
        },
      ],
    };
    expect(result.state.scenario).toStrictEqual(expected);
    expect(ScenarioSchema.safeParse(result.state.scenario).success).toBe(true);
  });

  it('refuses the v0 link when the upgrade step is missing', () => {
    const result = decodeShareWith(sealPayload(0, v0), { ...formats, migrations: {} });
    expect(result.ok || result.error).toBe('There is no upgrade from link format v0 to v1.');
  });

  it('still reads current links with the same table', () => {
    const result = decodeShareWith(encodeShare({ scenario: singleCluster }), formats);
    expect(result.ok && result.state.scenario).toStrictEqual(singleCluster);
  });
});
