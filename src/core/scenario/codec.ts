/**
 * Share links: a scenario (and what the viewer was looking at) in the URL fragment.
 *
 *   #v1.<base64url( checksum[3 bytes] | deflate-raw(JSON of the packed state, dictionary) )>
 *
 * - The format version comes first, so a link from a newer build is recognised and refused
 *   with a clear message, and a link from an older build is read by its own reader and then
 *   upgraded (migrations.ts).
 * - Packing (lossless, so decode(encode(s)) deep-equals s): objects become arrays in a fixed
 *   field order with absent fields as null (trailing ones dropped), choices from a fixed list
 *   become their index, and numbered names and addresses that follow the previous one are
 *   written as a small number counted from it: "node2" after "node1" is 1, a node's pod range
 *   after the previous node's is 1 (blocks of the same size), a pod IP is its distance from the
 *   previous pod IP on the same node or from the node's pod range. A value is written as a
 *   number only when rebuilding it from that number gives back the very same text; otherwise
 *   it is written as it is. Nothing is dropped that decode could not restore exactly.
 * - The JSON is compressed with DEFLATE level 9 and a preset dictionary of the words scenarios
 *   are made of (measured: it is what makes the short links short).
 * - A 24-bit checksum of the compressed bytes catches links that were cut short or mangled on
 *   their way through chat and mail before any decompression is attempted.
 *
 * Decoding trusts nothing: size limits come before any work, decompression stops at a fixed
 * output size (so a zip bomb is refused without being inflated), the result is validated
 * with the zod ScenarioSchema, and every failure is a message, never an exception.
 *
 * Frozen for v1: DICTIONARY_V1, the choice lists and the field orders below. Changing any of
 * them breaks every v1 link; link-fixtures/ holds a v1 link whose test catches that.
 */
import { Inflate, deflateSync } from 'fflate';
import { z } from 'zod';
import {
  cidrFrom,
  cidrOf,
  cidrSize,
  cidrToString,
  familyBits,
  ipFrom,
  ipString,
  ipToString,
  type IpAddr,
} from '../model/cidr';
import type { IpFamily, NetworkModel, Scenario } from '../model/schema';
import { LIMITS, NetworkModelSchema, ScenarioSchema, SCENARIO_VERSION } from '../model/schema';
import {
  CURRENT_FORMAT,
  MIGRATIONS,
  OLDEST_FORMAT,
  migrate,
  type MigrationStep,
} from './migrations';

// ---------------------------------------------------------------------------------------------
// Public types and limits

/** What the viewer was looking at; every field is optional and checked on its own. */
export interface ShareView {
  model?: NetworkModel;
  /** Id of a saved flow of the scenario. */
  flowId?: string;
  /** An ad-hoc flow (the sim's flow shape); stored as given, size and depth are bounded. */
  flow?: unknown;
  /** Index of the selected hop. */
  hop?: number;
  viewport?: { x: number; y: number; k: number };
  lesson?: { id: string; step: number };
  preset?: string;
}

export interface ShareState {
  scenario: Scenario;
  view?: ShareView;
}

export type DecodeResult =
  | { ok: true; state: ShareState; warnings: string[]; migratedFrom?: number }
  | { ok: false; error: string };

export const SHARE_LIMITS = {
  /** Longest fragment decode looks at (characters). Checked before anything else. */
  fragmentChars: 200_000,
  /** Largest decompressed payload (bytes); decompression stops as soon as it is passed. */
  inflatedBytes: 5_000_000,
  /** Largest ad-hoc flow in a view (characters of JSON) and its deepest nesting. */
  flowChars: 20_000,
  flowDepth: 16,
} as const;

// ---------------------------------------------------------------------------------------------
// The packing engine: every field of the schema has a codec; the context carries what the
// number-from-previous encodings count from. pack and unpack walk fields in the same order and
// update the context in the same way, which is what makes the numbers decodable.

/** A problem found while unpacking, with the path of the field it was found in. */
class Damaged extends Error {
  constructor(
    readonly detail: string,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(detail);
  }
}

interface Ctx {
  /** The previous value of each numbered stream (names, addresses, pod ranges). */
  last: Map<string, string>;
  /** The nodes of the cluster being packed, for pods' nodeName and pod IPs. */
  nodes: readonly unknown[];
  /** Index of the previous pod's node. */
  nodeIndex: number;
  /** Index of the current pod's node, -1 when it has none. */
  podNode: number;
  clusterCIDRs: unknown;
  serviceCIDRs: unknown;
}

interface Codec {
  pack(value: unknown, ctx: Ctx, index: number): unknown;
  unpack(packed: unknown, ctx: Ctx, index: number): unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function within<T>(key: string | number, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof Damaged) throw new Damaged(e.detail, [key, ...e.path]);
    throw e;
  }
}

const raw: Codec = { pack: (v) => v, unpack: (j) => j };

/** A value from a fixed list is written as its index (the list is frozen per format). */
function choice(values: readonly string[]): Codec {
  return {
    pack: (v) => {
      const i = typeof v === 'string' ? values.indexOf(v) : -1;
      return i >= 0 ? i : v;
    },
    unpack: (j) => {
      if (typeof j !== 'number') return j;
      const v = Number.isInteger(j) ? values[j] : undefined;
      if (v === undefined) throw new Damaged(`unknown choice ${j}`);
      return v;
    },
  };
}

function list(item: Codec, max: number): Codec {
  return {
    pack: (v, c) => (Array.isArray(v) ? v.map((x, i) => item.pack(x, c, i)) : v),
    unpack: (j, c) => {
      if (!Array.isArray(j)) throw new Damaged('expected a list');
      if (j.length > max) throw new Damaged(`${j.length} entries, more than the ${max} allowed`);
      return j.map((x, i) => within(i, () => item.unpack(x, c, i)));
    },
  };
}

/** An object as an array of its fields in a fixed order; absent is null, trailing nulls go. */
function fields(spec: readonly (readonly [string, Codec])[]): Codec {
  return {
    pack: (v, c) => {
      if (!isRecord(v)) return v;
      const out: unknown[] = [];
      for (const [key, codec] of spec) {
        const x = v[key];
        out.push(x === undefined ? null : codec.pack(x, c, 0));
      }
      while (out.length > 0 && out[out.length - 1] === null) out.pop();
      return out;
    },
    unpack: (j, c) => {
      if (!Array.isArray(j)) throw new Damaged('expected a list of fields');
      if (j.length > spec.length) throw new Damaged('more fields than this object has');
      const out: Record<string, unknown> = {};
      spec.forEach(([key, codec], i) => {
        const x: unknown = j[i];
        if (x !== null && x !== undefined) out[key] = within(key, () => codec.unpack(x, c, 0));
      });
      return out;
    },
  };
}

/** Runs `after` with the (un)packed value, on both sides alike. */
function tap(codec: Codec, after: (value: unknown, c: Ctx) => void): Codec {
  return {
    pack: (v, c, i) => {
      const out = codec.pack(v, c, i);
      after(v, c);
      return out;
    },
    unpack: (j, c, i) => {
      const v = codec.unpack(j, c, i);
      after(v, c);
      return v;
    },
  };
}

/** Runs `before` ahead of the codec, on both sides alike. */
function scoped(codec: Codec, before: (c: Ctx) => void): Codec {
  return {
    pack: (v, c, i) => (before(c), codec.pack(v, c, i)),
    unpack: (j, c, i) => (before(c), codec.unpack(j, c, i)),
  };
}

// --- numbered names: "node2" after "node1" is written 1 -------------------------------------

const NUMBERED = /^(.*?)(\d{1,15})$/;

function renumber(prev: string, delta: number): string | null {
  const m = NUMBERED.exec(prev);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const n = Number(m[2]) + delta;
  if (!Number.isSafeInteger(n) || n < 0) return null;
  return m[1] + String(n).padStart(m[2].length, '0');
}

function numberedName(stream: string): Codec {
  return {
    pack: (v, c) => {
      if (typeof v !== 'string') return v;
      const prev = c.last.get(stream);
      c.last.set(stream, v);
      const a = prev === undefined ? null : NUMBERED.exec(prev);
      const b = NUMBERED.exec(v);
      if (prev !== undefined && a && b && a[1] === b[1] && a[2] && b[2]) {
        const delta = Number(b[2]) - Number(a[2]);
        if (renumber(prev, delta) === v) return delta;
      }
      return v;
    },
    unpack: (j, c) => {
      let v = j;
      if (typeof j === 'number') {
        const prev = c.last.get(stream);
        const next = prev !== undefined && Number.isSafeInteger(j) ? renumber(prev, j) : null;
        if (next === null) throw new Damaged('a numbered name has nothing to count from');
        v = next;
      }
      if (typeof v === 'string') c.last.set(stream, v);
      return v;
    },
  };
}

// --- addresses counted from a reference ------------------------------------------------------

const familyMax = (family: IpFamily): bigint => (1n << BigInt(familyBits(family))) - 1n;

/**
 * An address written as its distance from a reference address (when that gives back the same
 * text), else as text. `ref` sees the context before this value; `stream` (when given) then
 * remembers this value for the next one, but only when it is an address.
 */
function address(ref: (c: Ctx, i: number) => IpAddr | null, stream?: (i: number) => string) {
  const remember = (v: unknown, c: Ctx, i: number) => {
    if (stream && typeof v === 'string' && ipFrom(v)) c.last.set(stream(i), v);
  };
  const codec: Codec = {
    pack: (v, c, i) => {
      let out: unknown = v;
      const base = ref(c, i);
      const ip = typeof v === 'string' ? ipFrom(v) : null;
      if (base && ip && ip.family === base.family && ipToString(ip) === v) {
        const d = ip.value - base.value;
        if (d >= -BigInt(Number.MAX_SAFE_INTEGER) && d <= BigInt(Number.MAX_SAFE_INTEGER)) {
          out = Number(d);
        }
      }
      remember(v, c, i);
      return out;
    },
    unpack: (j, c, i) => {
      let v = j;
      if (typeof j === 'number') {
        const base = ref(c, i);
        if (!base || !Number.isSafeInteger(j)) {
          throw new Damaged('an address has nothing to count from');
        }
        const value = base.value + BigInt(j);
        if (value < 0n || value > familyMax(base.family)) {
          throw new Damaged('an address falls outside its family');
        }
        v = ipString(base.family, value);
      }
      remember(v, c, i);
      return v;
    },
  };
  return codec;
}

/** The previous address of a stream, as a reference. */
const previous =
  (stream: (i: number) => string) =>
  (c: Ctx, i: number): IpAddr | null => {
    const prev = c.last.get(stream(i));
    return prev === undefined ? null : ipFrom(prev);
  };

/** A list item of an unvalidated object, as a string when it is one. */
function itemString(holder: unknown, key: string, index: number): string | null {
  if (!isRecord(holder)) return null;
  const arr = holder[key];
  if (!Array.isArray(arr)) return null;
  const item: unknown = arr[index];
  return typeof item === 'string' ? item : null;
}

interface Block {
  family: IpFamily;
  base: bigint;
  prefix: number;
}

/**
 * A node's pod range, written as a count of same-size blocks from the previous node's range
 * (same list position), or for the first node from the start of the cluster CIDR at that
 * position split at its nodeMaskSize.
 */
function podCIDR(): Codec {
  const stream = (i: number) => `c:podCIDR:${i}`;
  const ref = (c: Ctx, i: number): Block | null => {
    const prev = c.last.get(stream(i));
    if (prev !== undefined) {
      const p = cidrFrom(prev);
      return p ? { family: p.family, base: p.base, prefix: p.prefix } : null;
    }
    const cc: unknown = Array.isArray(c.clusterCIDRs) ? c.clusterCIDRs[i] : undefined;
    if (!isRecord(cc) || typeof cc.cidr !== 'string') return null;
    const block = cidrFrom(cc.cidr);
    const mask = cc.nodeMaskSize;
    if (!block || typeof mask !== 'number' || !Number.isInteger(mask)) return null;
    if (mask < block.prefix || mask > familyBits(block.family)) return null;
    return {
      family: block.family,
      base: cidrOf(block.family, block.base, mask).base,
      prefix: mask,
    };
  };
  const remember = (v: unknown, c: Ctx, i: number) => {
    if (typeof v === 'string' && cidrFrom(v)) c.last.set(stream(i), v);
  };
  return {
    pack: (v, c, i) => {
      let out: unknown = v;
      const base = ref(c, i);
      const cur = typeof v === 'string' ? cidrFrom(v) : null;
      if (base && cur && cur.family === base.family && cur.prefix === base.prefix) {
        if (!cur.hostBitsSet && cidrToString(cur) === v) {
          const q = (cur.base - base.base) / cidrSize(cur);
          if (q >= -BigInt(Number.MAX_SAFE_INTEGER) && q <= BigInt(Number.MAX_SAFE_INTEGER)) {
            out = Number(q);
          }
        }
      }
      remember(v, c, i);
      return out;
    },
    unpack: (j, c, i) => {
      let v = j;
      if (typeof j === 'number') {
        const base = ref(c, i);
        if (!base || !Number.isSafeInteger(j)) {
          throw new Damaged('a pod range has nothing to count from');
        }
        const block = cidrOf(base.family, 0n, base.prefix);
        const start = base.base + BigInt(j) * cidrSize(block);
        if (start < 0n || start + cidrSize(block) - 1n > familyMax(base.family)) {
          throw new Damaged('a pod range falls outside its family');
        }
        v = cidrToString(cidrOf(base.family, start, base.prefix));
      }
      remember(v, c, i);
      return v;
    },
  };
}

/** Pod IPs: from the previous pod IP on the same node, else from the node's pod range. */
const podIPStream = (c: Ctx) => (i: number) => `c:podIP:${c.podNode}:${i}`;
const podIP: Codec = (() => {
  const ref = (c: Ctx, i: number): IpAddr | null => {
    const prev = c.last.get(podIPStream(c)(i));
    if (prev !== undefined) return ipFrom(prev);
    const text = itemString(c.nodes[c.podNode], 'podCIDRs', i);
    const block = text === null ? null : cidrFrom(text);
    return block ? { family: block.family, value: block.base } : null;
  };
  // The stream name depends on the pod's node, so build the codec per call.
  return {
    pack: (v, c, i) => address(ref, podIPStream(c)).pack(v, c, i),
    unpack: (j, c, i) => address(ref, podIPStream(c)).unpack(j, c, i),
  };
})();

/** ClusterIPs: from the previous Service's (same position), else from the service CIDR. */
const clusterIP: Codec = (() => {
  const stream = (i: number) => `c:clusterIP:${i}`;
  return address((c, i) => {
    if (c.last.has(stream(i))) return previous(stream)(c, i);
    const first: unknown = Array.isArray(c.serviceCIDRs) ? c.serviceCIDRs[0] : undefined;
    const text = itemString(first, 'cidrs', i);
    const block = text === null ? null : cidrFrom(text);
    return block ? { family: block.family, value: block.base } : null;
  }, stream);
})();

/** Any other address list: from the previous address of the same stream. */
function chained(name: string): Codec {
  const stream = () => name;
  return address(previous(stream), stream);
}

/** A pod's nodeName: the step from the previous pod's node in the cluster's node list. */
const nodeName: Codec = {
  pack: (v, c) => {
    const idx = typeof v === 'string' ? c.nodes.findIndex((n) => isRecord(n) && n.name === v) : -1;
    c.podNode = idx;
    if (idx < 0) return v;
    const step = idx - c.nodeIndex;
    c.nodeIndex = idx;
    return step;
  },
  unpack: (j, c) => {
    let v = j;
    if (typeof j === 'number') {
      const idx = Number.isSafeInteger(j) ? c.nodeIndex + j : -1;
      const node = idx >= 0 ? c.nodes[idx] : undefined;
      if (!isRecord(node) || typeof node.name !== 'string') {
        throw new Damaged('a pod refers to a node that is not there');
      }
      c.nodeIndex = idx;
      v = node.name;
    }
    c.podNode = typeof v === 'string' ? c.nodes.findIndex((n) => isRecord(n) && n.name === v) : -1;
    return v;
  },
};

// --- the v1 layout -----------------------------------------------------------------------------
// Frozen choice lists: new values may only be appended.

const V1_MODELS = ['flat', 'air-gapped', 'island', 'archipelago'] as const;
const V1_FAMILIES = ['IPv4', 'IPv6'] as const;
const V1_PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
const V1_ADDRESS_TYPES = [
  'InternalIP',
  'ExternalIP',
  'Hostname',
  'InternalDNS',
  'ExternalDNS',
] as const;
const V1_SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;
const V1_FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'] as const;
const V1_TRAFFIC_POLICIES = ['Cluster', 'Local'] as const;
const V1_PATH_TYPES = ['Prefix', 'Exact', 'ImplementationSpecific'] as const;
const V1_POD_NETWORKS = ['routed', 'overlay'] as const;
const V1_GATEWAY_KINDS = ['nodes', 'vip', 'proxy', 'egress'] as const;
const V1_UPSTREAMS = ['pods', 'nodePort'] as const;

/** Every choice list of the v1 layout, for the test that keeps them in step with the schema. */
export const V1_CHOICES = {
  model: V1_MODELS,
  ipFamily: V1_FAMILIES,
  protocol: V1_PROTOCOLS,
  nodeAddressType: V1_ADDRESS_TYPES,
  serviceType: V1_SERVICE_TYPES,
  ipFamilyPolicy: V1_FAMILY_POLICIES,
  trafficPolicy: V1_TRAFFIC_POLICIES,
  pathType: V1_PATH_TYPES,
  podNetwork: V1_POD_NETWORKS,
  gatewayKind: V1_GATEWAY_KINDS,
  upstream: V1_UPSTREAMS,
} as const;

const L = LIMITS.listLength;
const families = list(choice(V1_FAMILIES), L);

/** A node address: InternalIP ones as the bare address, others as [type, address]. */
const nodeAddress: Codec = (() => {
  const codecs = new Map<string, Codec>();
  const forType = (type: unknown) => {
    const key = String(type);
    let codec = codecs.get(key);
    if (!codec) {
      codec = chained(`address:${key}`);
      codecs.set(key, codec);
    }
    return codec;
  };
  const type = choice(V1_ADDRESS_TYPES);
  return {
    pack: (v, c, i) => {
      if (!isRecord(v)) return v;
      const a = forType(v.type).pack(v.address, c, i);
      return v.type === 'InternalIP' ? a : [type.pack(v.type, c, i), a];
    },
    unpack: (j, c, i) => {
      if (Array.isArray(j)) {
        if (j.length !== 2) throw new Damaged('expected [type, address]');
        const t = type.unpack(j[0], c, i);
        return { type: t, address: forType(t).unpack(j[1], c, i) };
      }
      return { type: 'InternalIP', address: forType('InternalIP').unpack(j, c, i) };
    },
  };
})();

const node = fields([
  ['name', numberedName('node')],
  ['addresses', list(nodeAddress, L)],
  ['podCIDRs', list(podCIDR(), L)],
  ['labels', raw],
]);

const pod = scoped(
  fields([
    ['name', numberedName('pod')],
    ['nodeName', nodeName],
    ['podIPs', list(podIP, L)],
    ['labels', raw],
    ['namespace', raw],
    [
      'ports',
      list(
        fields([
          ['containerPort', raw],
          ['protocol', choice(V1_PROTOCOLS)],
          ['name', raw],
          ['hostPort', raw],
        ]),
        L,
      ),
    ],
    ['hostNetwork', raw],
  ]),
  (c) => {
    c.podNode = -1;
  },
);

const service = fields([
  ['name', numberedName('service')],
  [
    'ports',
    list(
      fields([
        ['port', raw],
        ['targetPort', raw],
        ['protocol', choice(V1_PROTOCOLS)],
        ['name', raw],
        ['nodePort', raw],
      ]),
      L,
    ),
  ],
  ['clusterIPs', list(clusterIP, L)],
  ['selector', raw],
  ['type', choice(V1_SERVICE_TYPES)],
  ['namespace', raw],
  ['ipFamilies', families],
  ['ipFamilyPolicy', choice(V1_FAMILY_POLICIES)],
  ['externalTrafficPolicy', choice(V1_TRAFFIC_POLICIES)],
  ['loadBalancerIngress', list(chained('loadBalancer'), L)],
]);

const ingress = fields([
  ['name', raw],
  [
    'rules',
    list(
      fields([
        [
          'paths',
          list(
            fields([
              ['service', raw],
              ['port', raw],
              ['path', raw],
              ['pathType', choice(V1_PATH_TYPES)],
            ]),
            L,
          ),
        ],
        ['host', raw],
      ]),
      L,
    ),
  ],
  ['namespace', raw],
  ['controller', raw],
]);

const gateway = fields([
  ['name', raw],
  ['kind', choice(V1_GATEWAY_KINDS)],
  ['addresses', list(chained('gateway'), L)],
  ['service', raw],
  ['upstream', choice(V1_UPSTREAMS)],
]);

const cluster = scoped(
  fields([
    ['name', raw],
    ['network', raw],
    ['ipFamilies', families],
    [
      'clusterCIDRs',
      tap(
        list(
          fields([
            ['cidr', raw],
            ['nodeMaskSize', raw],
            ['name', raw],
            ['nodeSelector', raw],
            ['inferred', raw],
          ]),
          L,
        ),
        (v, c) => {
          c.clusterCIDRs = v;
        },
      ),
    ],
    [
      'serviceCIDRs',
      tap(
        list(
          fields([
            ['cidrs', raw],
            ['name', raw],
            ['inferred', raw],
          ]),
          L,
        ),
        (v, c) => {
          c.serviceCIDRs = v;
        },
      ),
    ],
    [
      'nodes',
      tap(list(node, LIMITS.nodes), (v, c) => {
        c.nodes = Array.isArray(v) ? v : [];
      }),
    ],
    ['pods', list(pod, LIMITS.pods)],
    ['services', list(service, LIMITS.services)],
    ['podNetwork', choice(V1_POD_NETWORKS)],
    [
      'nodePortRange',
      fields([
        ['min', raw],
        ['max', raw],
      ]),
    ],
    [
      'masquerade',
      fields([
        ['enabled', raw],
        ['nonMasqueradeCIDRs', raw],
      ]),
    ],
    ['maxPods', raw],
    ['ingresses', list(ingress, L * 16)],
    ['gateways', list(gateway, L)],
  ]),
  (c) => {
    c.nodes = [];
    c.nodeIndex = 0;
    c.podNode = -1;
    c.clusterCIDRs = undefined;
    c.serviceCIDRs = undefined;
    for (const key of [...c.last.keys()]) if (key.startsWith('c:')) c.last.delete(key);
  },
);

/** The scenario; `version` is implied by the link format (v1 links carry scenario v1). */
const scenario = fields([
  ['model', choice(V1_MODELS)],
  [
    'networks',
    list(
      fields([
        ['name', raw],
        ['cidrs', raw],
        ['description', raw],
      ]),
      L,
    ),
  ],
  ['clusters', list(cluster, LIMITS.clusters)],
  [
    'hosts',
    list(
      fields([
        ['name', raw],
        ['addresses', list(chained('host'), L)],
        ['network', raw],
        ['description', raw],
      ]),
      L * 4,
    ),
  ],
  ['name', raw],
  ['description', raw],
  [
    'archipelagos',
    list(
      fields([
        ['name', raw],
        ['clusters', raw],
      ]),
      L,
    ),
  ],
]);

/** Marks a view field (or the whole view) that could not be unpacked: it is left out. */
const UNUSABLE: unique symbol = Symbol('unusable');

/** A view part that fails to unpack becomes UNUSABLE instead of refusing the whole link. */
function lenient(codec: Codec): Codec {
  return {
    pack: codec.pack,
    unpack: (j, c, i) => {
      try {
        return codec.unpack(j, c, i);
      } catch (e) {
        if (e instanceof Damaged) return UNUSABLE;
        throw e;
      }
    },
  };
}

/** The ad-hoc flow is wrapped in a one-item list so that even a null flow survives. */
const wrapped: Codec = {
  pack: (v) => [v],
  unpack: (j) => {
    if (!Array.isArray(j) || j.length !== 1) throw new Damaged('expected [flow]');
    return j[0] as unknown;
  },
};

const view = fields([
  ['model', lenient(choice(V1_MODELS))],
  ['flowId', raw],
  ['flow', lenient(wrapped)],
  ['hop', raw],
  [
    'viewport',
    lenient(
      fields([
        ['x', raw],
        ['y', raw],
        ['k', raw],
      ]),
    ),
  ],
  [
    'lesson',
    lenient(
      fields([
        ['id', raw],
        ['step', raw],
      ]),
    ),
  ],
  ['preset', raw],
]);

const newCtx = (): Ctx => ({
  last: new Map(),
  nodes: [],
  nodeIndex: 0,
  podNode: -1,
  clusterCIDRs: undefined,
  serviceCIDRs: undefined,
});

/** The v1 payload, before JSON and compression: [scenario] or [scenario, view]. */
export function packShare(state: ShareState): unknown[] {
  const c = newCtx();
  const out: unknown[] = [scenario.pack(state.scenario, c, 0)];
  if (state.view !== undefined) out.push(view.pack(state.view, c, 0));
  return out;
}

function unpackV1(payload: unknown): unknown {
  if (!Array.isArray(payload) || payload.length < 1 || payload.length > 2) {
    throw new Damaged('it does not hold a scenario');
  }
  const c = newCtx();
  const s = scenario.unpack(payload[0], c, 0);
  const out: Record<string, unknown> = {
    scenario: isRecord(s) ? { version: SCENARIO_VERSION, ...s } : s,
  };
  if (payload.length === 2) out.view = lenient(view).unpack(payload[1], c, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The dictionary. DEFLATE may copy from it as if it came just before the data; the most common
// strings sit at its end, where copies are cheapest. Frozen for v1.

const DICTIONARY_V1_TEXT = [
  // Words of Kubernetes and of the networks around it.
  'ExternalDNS InternalDNS Hostname ExternalIP ',
  '"topology.kubernetes.io/zone","node-role.kubernetes.io/control-plane","kubernetes.io/hostname",',
  '"app.kubernetes.io/name","app.kubernetes.io/component","app.kubernetes.io/instance",',
  '"ingress-nginx","nginx","traefik","envoy","istio","cilium","calico","flannel",',
  '"kube-dns","coredns","metrics-server","kube-proxy","kube-system","prometheus","grafana",',
  '"database","postgres","mysql","redis","cache","queue","worker","frontend","backend",',
  '"payments","checkout","orders","users","auth","search","gateway","egress","ingress",',
  '"proxy","public","private","internet","client","router","firewall","datacenter",',
  '"corporate network","on-prem","cloud","storage","monitoring","production","staging",',
  '"control-plane","worker-1","worker-2","api","web","app","http","https","grpc","dns",',
  '"dns-tcp","metrics","admin","default","other","host","external","tier","role","zone",',
  '"cluster-a","cluster-b","cluster-1","cluster-2","east","west","blue","green",',
  '"island","flat","air-gapped","archipelago","pods","nodes","services","network",',
  // Address blocks people use.
  '"fd00::/8","fc00::/7","2001:db8::/32","2001:db8:","fd00:10:96::/112","fd00:10:244::/56",',
  '"fe80::","fd00:","fd01:","fd12:","fd00::/64",',
  '"100.64.0.0/10","172.16.0.0/12","192.168.0.0/16","192.168.1.","172.17.","172.16.",',
  '"10.244.0.0/16","10.100.0.0/16","10.1.0.0/16","10.0.0.0/16","10.96.0.10","10.96.0.1",',
  '"10.128.0.0/9","10.240.0.0/16","10.240.0.1","10.0.0.0/8",',
  // Shapes of the v1 layout: ports, a Service, nodes and pods with their counted addresses.
  '[[53,53,1,"dns"],[53,53,0,"dns-tcp"],[9153,9153,0,"metrics"]],',
  '[["https",[[443,6443]],["10.96.0.1"]]],[[80,8080]],[[443,8443]],[[8080]],',
  '[{"app":"web"}],[{"app":"api"}],',
  '[["10.96.0.0/12"],"kubernetes"]],[["node1",["10.240.0.1"],[1]],[1,[1],[1]],',
  '[["pod-a",0,[1],{"app":"a"}],["pod-b",0,[1],{"app":"b"}],[1,1,[1],{"app":"',
  '[[0,[["network",["10.0.0.0/8"]]],[["cluster","network",[0],[["10.0.0.0/16",24]],',
].join('');

let dictionaryV1: Uint8Array | null = null;
const getDictionaryV1 = (): Uint8Array =>
  (dictionaryV1 ??= new TextEncoder().encode(DICTIONARY_V1_TEXT));

// ---------------------------------------------------------------------------------------------
// Bytes: base64url, checksum, bounded inflate.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALPHABET_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) ALPHABET_INDEX[ALPHABET.charCodeAt(i)] = i;

/** RFC 4648 section 5 (URL- and filename-safe), without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
    out += ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
    if (rest === 2) out += ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** The bytes of unpadded base64url text, or null when it is not that. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? (ALPHABET_INDEX[code] ?? -1) : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** 24 bits of FNV-1a over the format version and the compressed bytes. */
function checksum(version: number, bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  const mix = (b: number) => {
    h = Math.imul(h ^ b, 0x01000193) >>> 0;
  };
  for (const ch of `v${version}.`) mix(ch.charCodeAt(0) & 0xff);
  for (const b of bytes) mix(b);
  return h >>> 8;
}

/** Inflates at most `cap` bytes; returns null as soon as the output would be larger. */
function inflateCapped(data: Uint8Array, dictionary: Uint8Array | undefined, cap: number) {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate(dictionary ? { dictionary } : {}, (chunk) => {
    total += chunk.length;
    if (total > cap) over = true;
    else chunks.push(chunk);
  });
  // Small input steps bound the work done past the cap: DEFLATE expands at most ~1032:1.
  const STEP = 1024;
  for (let at = 0; at < data.length && !over; at += STEP) {
    inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
  }
  if (over) return null;
  const out = new Uint8Array(total);
  let o = 0;
  for (const chunk of chunks) {
    out.set(chunk, o);
    o += chunk.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Formats: how each released version is read. Never edit a released entry.

export interface FormatReader {
  /** The preset dictionary the format compresses with, if any. */
  dictionary?: () => Uint8Array;
  /** Packed payload (parsed JSON) -> plain share state of that format. May throw. */
  unpack: (payload: unknown) => unknown;
}

export interface FormatTable {
  current: number;
  oldest: number;
  readers: Readonly<Record<number, FormatReader>>;
  migrations: Readonly<Record<number, MigrationStep>>;
}

export const FORMATS: FormatTable = {
  current: CURRENT_FORMAT,
  oldest: OLDEST_FORMAT,
  readers: { 1: { dictionary: getDictionaryV1, unpack: unpackV1 } },
  migrations: MIGRATIONS,
};

/**
 * Seals a packed payload into a fragment of the given format: JSON, deflate (level 9, with the
 * dictionary when given), checksum, base64url. Exported for tests that build old or broken
 * links on purpose.
 */
export function sealPayload(version: number, payload: unknown, dictionary?: Uint8Array): string {
  const json = new TextEncoder().encode(JSON.stringify(payload));
  const deflated = deflateSync(json, dictionary ? { level: 9, dictionary } : { level: 9 });
  return sealBytes(version, deflated);
}

/** Prefixes compressed bytes with their checksum and writes the fragment. For tests too. */
export function sealBytes(version: number, deflated: Uint8Array): string {
  const sum = checksum(version, deflated);
  const bytes = new Uint8Array(3 + deflated.length);
  bytes[0] = sum >> 16;
  bytes[1] = (sum >> 8) & 0xff;
  bytes[2] = sum & 0xff;
  bytes.set(deflated, 3);
  return `v${version}.${toBase64Url(bytes)}`;
}

// ---------------------------------------------------------------------------------------------
// The API

/** The fragment (without `#`) of a share link for this state. Deterministic. */
export function encodeShare(state: ShareState): string {
  return sealPayload(CURRENT_FORMAT, packShare(state), getDictionaryV1());
}

/** Reads a share-link fragment (with or without the leading `#`). Never throws. */
export function decodeShare(fragment: string): DecodeResult {
  return decodeShareWith(fragment, FORMATS);
}

const damaged = (why: string): DecodeResult => ({
  ok: false,
  error: `This link is damaged: ${why}.`,
});

const formatName = (n: number) => `format v${n}`;

/** decodeShare with an explicit format table (tests use a fake older format). Never throws. */
export function decodeShareWith(fragment: string, formats: FormatTable): DecodeResult {
  try {
    return decodeUnsafe(fragment, formats);
  } catch {
    return damaged('its contents could not be read');
  }
}

function decodeUnsafe(fragment: unknown, formats: FormatTable): DecodeResult {
  if (typeof fragment !== 'string') return { ok: false, error: 'This link holds no scenario.' };
  if (fragment.length > SHARE_LIMITS.fragmentChars) {
    return {
      ok: false,
      error: `This link is too long to be a Packetwalk link: ${fragment.length.toLocaleString('en-US')} characters, the limit is ${SHARE_LIMITS.fragmentChars.toLocaleString('en-US')}.`,
    };
  }
  // Whatever precedes '#' (a whole pasted URL) and whitespace (a link wrapped by a mail
  // client) are not part of the link.
  const hash = fragment.indexOf('#');
  const text = (hash >= 0 ? fragment.slice(hash + 1) : fragment).replace(/\s+/g, '');
  if (text === '') return { ok: false, error: 'This link holds no scenario.' };

  const m = /^v(\d{1,6})\.(.*)$/s.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined) {
    return damaged('it does not start with a format version such as "v1."');
  }
  const version = Number(m[1]);
  if (version > formats.current) {
    return {
      ok: false,
      error: `This link was made by a newer Packetwalk (${formatName(version)}); this one reads up to v${formats.current}. Open it in the newer version.`,
    };
  }
  const reader = version >= formats.oldest ? formats.readers[version] : undefined;
  if (!reader) {
    return {
      ok: false,
      error: `This link uses ${formatName(version)}, which this Packetwalk does not read (it reads v${formats.oldest} to v${formats.current}).`,
    };
  }

  const body = m[2];
  const bad = /[^A-Za-z0-9_-]/.exec(body);
  if (bad) return damaged(`it contains "${bad[0]}", which no Packetwalk link contains`);
  const bytes = fromBase64Url(body);
  if (!bytes) return damaged('its length is impossible (was it cut off or changed?)');
  if (bytes.length < 4) return damaged('it is too short (was it cut off?)');
  const deflated = bytes.subarray(3);
  const sum = ((bytes[0] ?? 0) << 16) | ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0);
  if (sum !== checksum(version, deflated)) {
    return damaged('its checksum does not match (was it cut off or changed?)');
  }

  let inflated: Uint8Array | null;
  try {
    inflated = inflateCapped(deflated, reader.dictionary?.(), SHARE_LIMITS.inflatedBytes);
  } catch {
    return damaged('its data could not be decompressed');
  }
  if (!inflated) {
    return damaged(
      `it would unpack to more than ${SHARE_LIMITS.inflatedBytes / 1_000_000} MB, which no scenario needs`,
    );
  }

  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return damaged('its data is not readable');
  }

  let unpacked: unknown;
  try {
    unpacked = reader.unpack(payload);
  } catch (e) {
    if (e instanceof Damaged) {
      const where = e.path.length > 0 ? `${e.path.join('.')}: ` : '';
      return damaged(`${where}${e.detail}`);
    }
    return damaged('its contents could not be read');
  }

  const warnings: string[] = [];
  const migrated = migrate(unpacked, version, formats.current, formats.migrations);
  if (!migrated.ok) return { ok: false, error: migrated.error };
  warnings.push(...migrated.warnings);
  if (migrated.applied.length > 0) {
    warnings.push(
      `This link was made with ${formatName(version)} and has been upgraded to v${formats.current}.`,
    );
  }

  const state = migrated.state;
  if (!isRecord(state)) return damaged('it does not hold a scenario');
  const checked = ScenarioSchema.safeParse(state.scenario);
  if (!checked.success) {
    const issues = checked.error.issues;
    const first = issues[0];
    const where = first && first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : '';
    return damaged(`${where}${first?.message ?? 'not a scenario'}${more}`);
  }

  const result: ShareState = { scenario: checked.data };
  if (state.view !== undefined) {
    const v = repairView(state.view, warnings);
    if (v) result.view = v;
  }
  return migrated.applied.length > 0
    ? { ok: true, state: result, warnings, migratedFrom: version }
    : { ok: true, state: result, warnings };
}

// --- the view: each field checked on its own; a bad one is left out with a warning -----------

const finite = z.number().finite();
const VIEW_FIELDS: Record<keyof ShareView, z.ZodType> = {
  model: NetworkModelSchema,
  flowId: z.string().min(1).max(253),
  flow: z.unknown(),
  hop: z.number().int().min(0).max(1_000_000),
  viewport: z.object({ x: finite, y: finite, k: finite.positive() }),
  lesson: z.object({ id: z.string().min(1).max(253), step: z.number().int().min(0).max(10_000) }),
  preset: z.string().min(1).max(253),
};

function flowIsBounded(flow: unknown): boolean {
  const depthOk = (v: unknown, depth: number): boolean => {
    if (depth > SHARE_LIMITS.flowDepth) return false;
    if (Array.isArray(v)) return v.every((x) => depthOk(x, depth + 1));
    if (isRecord(v)) return Object.values(v).every((x) => depthOk(x, depth + 1));
    return true;
  };
  return depthOk(flow, 0) && JSON.stringify(flow).length <= SHARE_LIMITS.flowChars;
}

function repairView(input: unknown, warnings: string[]): ShareView | null {
  if (!isRecord(input)) {
    warnings.push(
      'The view saved in this link was not usable; showing the scenario from the start.',
    );
    return null;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(VIEW_FIELDS) as (keyof ShareView)[]) {
    if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
    const value = input[key];
    const parsed = value === UNUSABLE ? null : VIEW_FIELDS[key].safeParse(value);
    if (parsed?.success && (key !== 'flow' || flowIsBounded(value))) {
      out[key] = parsed.data;
    } else {
      warnings.push(`The link's view setting "${key}" was not usable and has been left out.`);
    }
  }
  return out as ShareView;
}

// ---------------------------------------------------------------------------------------------
// Measurements for the bench

export interface LinkStats {
  /** Characters of the fragment (what follows `#`). */
  fragmentLength: number;
  /** Characters of plain base64url of the scenario's JSON, for comparison. */
  base64JsonLength: number;
  /** base64JsonLength / fragmentLength: how many times shorter the link is. */
  ratio: number;
}

export function linkStats(s: Scenario): LinkStats {
  const fragmentLength = encodeShare({ scenario: s }).length;
  const base64JsonLength = toBase64Url(new TextEncoder().encode(JSON.stringify(s))).length;
  return { fragmentLength, base64JsonLength, ratio: base64JsonLength / fragmentLength };
}
