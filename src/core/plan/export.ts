/**
 * A cluster's address plan as the configuration Kubernetes reads: a kubeadm
 * ClusterConfiguration, kube-controller-manager and kube-apiserver flags, ServiceCIDR objects and
 * the node-ipam-controller's ClusterCIDR objects. Pure: text out, notes as findings, no throw.
 *
 * Field names and rules, with their sources:
 * - kubeadm.k8s.io/v1beta4 ClusterConfiguration (cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go):
 *   `networking.{serviceSubnet,podSubnet,dnsDomain}` (comma-separated pairs for dual-stack,
 *   dnsDomain default "cluster.local"); `controllerManager.extraArgs` and `apiServer.extraArgs`
 *   are lists of `{name, value}` (`Arg`) in v1beta4, no longer string maps.
 * - kubeadm (cmd/kubeadm/app/phases/controlplane/manifests.go) gives kube-controller-manager
 *   `--allocate-node-cidrs=true --cluster-cidr=<podSubnet>` and, with a pod subnet,
 *   `--service-cluster-ip-range=<serviceSubnet>`; node masks are kcm's defaults (/24, /64)
 *   unless extraArgs set `node-cidr-mask-size-ipv4/-ipv6` (kubeadm's validation reads them back,
 *   getClusterNodeMask in apis/kubeadm/validation).
 * - kube-controller-manager (cmd/kube-controller-manager/app/core.go setNodeCIDRMaskSizes):
 *   "--node-cidr-mask-size-ipv6 is not allowed for a single-stack IPv4 cluster" and the other way
 *   round, so a mask flag is written only for a family the cluster CIDRs have. `--cluster-cidr`
 *   takes at most two CIDRs, one per family.
 * - networking.k8s.io/v1 ServiceCIDR (k8s.io/api/networking/v1 types.go): `spec.cidrs`, at most
 *   one per family. kube-apiserver creates the default one, named "kubernetes", from
 *   `--service-cluster-ip-range` (pkg/controlplane/controller/defaultservicecidr).
 * - ClusterCIDR of the out-of-tree node-ipam-controller (kubernetes-sigs/node-ipam-controller,
 *   KEP-2593): `networking.x-k8s.io/v1`, `spec.{perNodeHostBits,ipv4,ipv6,nodeSelector}`;
 *   nodeSelector is a core/v1 NodeSelector; perNodeHostBits (at least 4) holds for both
 *   families; the controller takes both families of a node from ONE ClusterCIDR
 *   (multi_cidr_range_allocator.go prioritizedCIDRs) and wants kube-controller-manager's own
 *   allocator off (`--allocate-node-cidrs=false`, its README). The in-tree alpha of 1.25-1.28
 *   used `networking.k8s.io/v1alpha1` with the same spec (option `clusterCIDRApiVersion`).
 *
 * Scenario conventions (schema.ts, validate-cluster.ts): `serviceCIDRs[0]` is
 * `--service-cluster-ip-range`, later entries are extra ServiceCIDR objects; a cluster CIDR
 * without `nodeSelector` is a `--cluster-cidr` block, one with a `nodeSelector` (even `{}`, which
 * selects every node) is a ClusterCIDR object.
 */
import { Document } from 'yaml';
import { cidrFrom, cidrToString, familyBits, type Cidr } from '../model/cidr';
import type { Finding } from '../model/findings';
import { clusterRef } from '../model/refs';
import type { Cluster, IpFamily } from '../model/schema';
import { DEFAULTS } from '../model/defaults';

export const KUBEADM_API_VERSION = 'kubeadm.k8s.io/v1beta4';
export const KUBE_PROXY_API_VERSION = 'kubeproxy.config.k8s.io/v1alpha1';
export const SERVICE_CIDR_API_VERSION = 'networking.k8s.io/v1';
/** kubernetes-sigs/node-ipam-controller's CRD group. */
export const CLUSTER_CIDR_API_VERSION = 'networking.x-k8s.io/v1';
/** The withdrawn in-tree alpha (Kubernetes 1.25-1.28, MultiCIDRRangeAllocator). */
export const CLUSTER_CIDR_ALPHA_API_VERSION = 'networking.k8s.io/v1alpha1';
/** kube-apiserver's name for the ServiceCIDR it creates from its flag. */
export const DEFAULT_SERVICE_CIDR_NAME = 'kubernetes';
export const DEFAULT_DNS_DOMAIN = 'cluster.local';
/** node-ipam-controller ClusterCIDR validation: perNodeHostBits >= 4 (16 addresses). */
export const MIN_PER_NODE_HOST_BITS = 4;

export interface ExportOptions {
  /** networking.dnsDomain; default "cluster.local". */
  dnsDomain?: string;
  /** ClusterConfiguration.kubernetesVersion; left out when not given. */
  kubernetesVersion?: string;
  /** ClusterCIDR apiVersion: the out-of-tree controller's (default) or the in-tree alpha's. */
  clusterCIDRApiVersion?: typeof CLUSTER_CIDR_API_VERSION | typeof CLUSTER_CIDR_ALPHA_API_VERSION;
}

/** Who hands out node pod ranges for this cluster. */
export type NodeIpamMode = 'kube-controller-manager' | 'node-ipam-controller' | 'none';

interface PodBlock {
  index: number;
  name: string | undefined;
  cidr: Cidr;
  nodeMaskSize: number;
  /** undefined: a --cluster-cidr block; {} or labels: a ClusterCIDR object. */
  selector: Record<string, string> | undefined;
}

const FAMILY_ORDER = (cluster: Cluster): IpFamily[] => {
  const out: IpFamily[] = [];
  for (const f of cluster.ipFamilies ?? []) if (!out.includes(f)) out.push(f);
  for (const f of ['IPv4', 'IPv6'] as const) if (!out.includes(f)) out.push(f);
  return out;
};

function podBlocks(cluster: Cluster): PodBlock[] {
  const out: PodBlock[] = [];
  (cluster.clusterCIDRs ?? []).forEach((cc, index) => {
    const cidr = cidrFrom(cc.cidr);
    if (!cidr) return;
    out.push({
      index,
      name: cc.name,
      cidr,
      nodeMaskSize: cc.nodeMaskSize,
      selector: cc.nodeSelector ? { ...cc.nodeSelector } : undefined,
    });
  });
  return out;
}

/**
 * kube-controller-manager when every block is a flag block and each family has at most one;
 * node-ipam-controller as soon as a ClusterCIDR object is needed (a nodeSelector, or a second
 * block of a family); none without a usable cluster CIDR.
 */
function nodeIpamModeUnsafe(cluster: Cluster): NodeIpamMode {
  const blocks = podBlocks(cluster);
  if (blocks.length === 0) return 'none';
  if (blocks.some((b) => b.selector !== undefined)) return 'node-ipam-controller';
  const seen = new Set<IpFamily>();
  for (const b of blocks) {
    if (seen.has(b.cidr.family)) return 'node-ipam-controller';
    seen.add(b.cidr.family);
  }
  return 'kube-controller-manager';
}

/**
 * The pod subnet kubeadm, kube-controller-manager and kube-proxy see: one block per family,
 * primary family first. In node-ipam-controller mode it is the first block of each family that
 * selects every node (else the first of the family): kube-proxy's clusterCIDR.
 */
function podSubnetBlocks(cluster: Cluster): PodBlock[] {
  const blocks = podBlocks(cluster);
  const out: PodBlock[] = [];
  for (const f of FAMILY_ORDER(cluster)) {
    const ofFamily = blocks.filter((b) => b.cidr.family === f);
    const all = ofFamily.find((b) => !b.selector || Object.keys(b.selector).length === 0);
    const pick = all ?? ofFamily[0];
    if (pick) out.push(pick);
  }
  return out;
}

/** `--service-cluster-ip-range`: serviceCIDRs[0]'s CIDRs, canonical, in the given order. */
function serviceFlagCidrs(cluster: Cluster): Cidr[] {
  const first = cluster.serviceCIDRs?.[0];
  if (!first) return [];
  const out: Cidr[] = [];
  for (const t of first.cidrs) {
    const c = cidrFrom(t);
    if (c && !out.some((o) => o.family === c.family)) out.push(c);
  }
  return out;
}

const text = (c: Cidr): string => cidrToString(c);
const nodeMaskFlag = (f: IpFamily): string =>
  f === 'IPv4' ? 'node-cidr-mask-size-ipv4' : 'node-cidr-mask-size-ipv6';

/** The kube-controller-manager flags for node IPAM. */
function controllerManagerFlagsUnsafe(cluster: Cluster): string[] {
  const mode = nodeIpamMode(cluster);
  const services = serviceFlagCidrs(cluster);
  if (mode !== 'kube-controller-manager') return ['--allocate-node-cidrs=false'];
  const blocks = podSubnetBlocks(cluster);
  const flags = [`--cluster-cidr=${blocks.map((b) => text(b.cidr)).join(',')}`];
  for (const b of blocks) flags.push(`--${nodeMaskFlag(b.cidr.family)}=${b.nodeMaskSize}`);
  if (services.length > 0) {
    flags.push(`--service-cluster-ip-range=${services.map(text).join(',')}`);
  }
  flags.push('--allocate-node-cidrs=true');
  return flags;
}

/** The kube-apiserver flags for Service addresses and ports. */
function apiServerFlagsUnsafe(cluster: Cluster): string[] {
  const flags: string[] = [];
  const services = serviceFlagCidrs(cluster);
  if (services.length > 0) {
    flags.push(`--service-cluster-ip-range=${services.map(text).join(',')}`);
  }
  const r = cluster.nodePortRange ?? DEFAULTS.nodePortRange;
  flags.push(`--service-node-port-range=${r.min}-${r.max}`);
  return flags;
}

interface Arg {
  name: string;
  value: string;
}

function yamlDoc(value: unknown, comment?: string): string {
  const doc = new Document(value);
  if (comment) {
    doc.commentBefore = comment
      .split('\n')
      .map((l) => ` ${l}`)
      .join('\n');
  }
  return doc.toString({ lineWidth: 0 });
}

const joinDocs = (docs: readonly string[]): string => docs.join('---\n');

/** Blocks of a cluster not covered by the pod subnet kube-proxy sees. */
function uncoveredBlocks(cluster: Cluster): PodBlock[] {
  const subnet = podSubnetBlocks(cluster);
  return podBlocks(cluster).filter(
    (b) =>
      !subnet.some(
        (s) =>
          s.cidr.family === b.cidr.family &&
          s.cidr.prefix <= b.cidr.prefix &&
          b.cidr.base >= s.cidr.base &&
          b.cidr.base >> BigInt(familyBits(b.cidr.family) - s.cidr.prefix) ===
            s.cidr.base >> BigInt(familyBits(s.cidr.family) - s.cidr.prefix),
      ),
  );
}

/**
 * A kubeadm ClusterConfiguration (kubeadm.k8s.io/v1beta4) for the cluster's blocks. In
 * node-ipam-controller mode kube-controller-manager's allocator is switched off through
 * extraArgs and, when some pod blocks lie outside the pod subnet, a KubeProxyConfiguration
 * document follows with `detectLocalMode: NodeCIDR` (kube-proxy's clusterCIDR would miss them).
 */
function kubeadmConfigUnsafe(cluster: Cluster, opts: ExportOptions = {}): string {
  const mode = nodeIpamMode(cluster);
  const pods = podSubnetBlocks(cluster);
  const services = serviceFlagCidrs(cluster);
  const networking: Record<string, string> = {};
  if (services.length > 0) networking.serviceSubnet = services.map(text).join(',');
  if (pods.length > 0) networking.podSubnet = pods.map((b) => text(b.cidr)).join(',');
  networking.dnsDomain = opts.dnsDomain || DEFAULT_DNS_DOMAIN;

  const cm: Arg[] = [];
  if (mode === 'kube-controller-manager') {
    for (const b of pods) {
      if (b.nodeMaskSize !== DEFAULTS.nodeMaskSize[b.cidr.family]) {
        cm.push({ name: nodeMaskFlag(b.cidr.family), value: String(b.nodeMaskSize) });
      }
    }
  } else if (mode === 'node-ipam-controller') {
    cm.push({ name: 'allocate-node-cidrs', value: 'false' });
  }
  const api: Arg[] = [];
  const r = cluster.nodePortRange;
  if (
    r &&
    (r.min !== DEFAULTS.nodePortRange.min || r.max !== DEFAULTS.nodePortRange.max) &&
    r.min <= r.max
  ) {
    api.push({ name: 'service-node-port-range', value: `${r.min}-${r.max}` });
  }

  const config: Record<string, unknown> = {
    apiVersion: KUBEADM_API_VERSION,
    kind: 'ClusterConfiguration',
    clusterName: cluster.name,
  };
  if (opts.kubernetesVersion) config.kubernetesVersion = opts.kubernetesVersion;
  config.networking = networking;
  if (api.length > 0) config.apiServer = { extraArgs: api };
  if (cm.length > 0) config.controllerManager = { extraArgs: cm };

  const comments: string[] = [`Address plan of cluster ${cluster.name} (Packetwalk).`];
  if (services.length === 0) {
    comments.push('No service range: kubeadm uses its default serviceSubnet 10.96.0.0/12.');
  }
  if (mode === 'node-ipam-controller') {
    comments.push(
      'Pod ranges come from ClusterCIDR objects of the node-ipam-controller (KEP-2593);',
      "kube-controller-manager's own node IPAM is switched off.",
    );
  }
  const docs = [yamlDoc(config, comments.join('\n'))];
  if (mode === 'node-ipam-controller' && uncoveredBlocks(cluster).length > 0) {
    docs.push(
      yamlDoc(
        {
          apiVersion: KUBE_PROXY_API_VERSION,
          kind: 'KubeProxyConfiguration',
          detectLocalMode: 'NodeCIDR',
        },
        "Some pod blocks lie outside podSubnet, kube-proxy's clusterCIDR: tell local traffic by\neach node's spec.podCIDRs instead.",
      ),
    );
  }
  return joinDocs(docs);
}

/** A DNS-1123 subdomain from free text ("My Range" -> "my-range"). */
export function objectName(raw: string, fallback: string): string {
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 253)
    .replace(/[^a-z0-9]+$/g, '');
  return s.length > 0 ? s : fallback;
}

function uniqueNames(wanted: readonly string[], reserved: readonly string[] = []): string[] {
  const used = new Set(reserved);
  return wanted.map((w) => {
    let name = w;
    for (let i = 2; used.has(name); i++) name = `${w}-${i}`;
    used.add(name);
    return name;
  });
}

/**
 * networking.k8s.io/v1 ServiceCIDR objects, one per entry of serviceCIDRs. The first is the
 * one kube-apiserver creates itself from --service-cluster-ip-range ("kubernetes"); it is listed
 * with a comment so the file shows the whole Service space.
 */
function serviceCIDRObjectsUnsafe(cluster: Cluster): string {
  const entries = (cluster.serviceCIDRs ?? []).map((sc, i) => ({
    sc,
    i,
    cidrs: sc.cidrs.map((t) => cidrFrom(t)).filter((c): c is Cidr => c !== null),
  }));
  const kept = entries.filter((e) => e.cidrs.length > 0);
  const names = uniqueNames(
    kept.map((e) =>
      e.i === 0
        ? DEFAULT_SERVICE_CIDR_NAME
        : objectName(e.sc.name ?? '', `${objectName(cluster.name, 'cluster')}-services-${e.i}`),
    ),
  );
  const docs = kept.map((e, k) =>
    yamlDoc(
      {
        apiVersion: SERVICE_CIDR_API_VERSION,
        kind: 'ServiceCIDR',
        metadata: { name: names[k] },
        spec: { cidrs: e.cidrs.map(text) },
      },
      e.i === 0
        ? 'The default ServiceCIDR: kube-apiserver creates it from --service-cluster-ip-range.'
        : undefined,
    ),
  );
  return joinDocs(docs);
}

/** One networking.k8s.io/v1 ServiceCIDR object as YAML (for "add a ServiceCIDR"). */
export function serviceCIDRManifest(name: string, cidrs: readonly string[]): string {
  return guard(
    () =>
      yamlDoc({
        apiVersion: SERVICE_CIDR_API_VERSION,
        kind: 'ServiceCIDR',
        metadata: { name: objectName(name, 'services') },
        spec: {
          cidrs: cidrs
            .map((t) => cidrFrom(t))
            .filter((c): c is Cidr => c !== null)
            .map(text),
        },
      }),
    '',
  );
}

interface ClusterCidrObject {
  name: string;
  perNodeHostBits: number;
  ipv4?: PodBlock;
  ipv6?: PodBlock;
  selector: Record<string, string> | undefined;
}

/** Pair each IPv4 block with an IPv6 block of the same selector and host bits. */
function clusterCidrObjectsOf(cluster: Cluster): {
  objects: ClusterCidrObject[];
  unpaired: PodBlock[];
} {
  const blocks = podBlocks(cluster);
  const key = (b: PodBlock): string =>
    JSON.stringify(
      Object.entries(b.selector ?? {}).sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0)),
    );
  const hostBits = (b: PodBlock): number => familyBits(b.cidr.family) - b.nodeMaskSize;
  const taken = new Set<PodBlock>();
  const raw: Omit<ClusterCidrObject, 'name'>[] = [];
  const unpaired: PodBlock[] = [];
  for (const b of blocks) {
    if (taken.has(b)) continue;
    taken.add(b);
    const partner = blocks.find(
      (o) =>
        !taken.has(o) &&
        o.cidr.family !== b.cidr.family &&
        key(o) === key(b) &&
        hostBits(o) === hostBits(b),
    );
    if (partner) taken.add(partner);
    const v4 = b.cidr.family === 'IPv4' ? b : partner;
    const v6 = b.cidr.family === 'IPv6' ? b : partner;
    if (!partner) unpaired.push(b);
    raw.push({
      perNodeHostBits: hostBits(b),
      ...(v4 ? { ipv4: v4 } : {}),
      ...(v6 ? { ipv6: v6 } : {}),
      selector: b.selector && Object.keys(b.selector).length > 0 ? b.selector : undefined,
    });
  }
  const base = objectName(cluster.name, 'cluster');
  const names = uniqueNames(
    raw.map((o) => {
      const named = o.ipv4?.name ?? o.ipv6?.name;
      const index = Math.min(o.ipv4?.index ?? Infinity, o.ipv6?.index ?? Infinity);
      return objectName(named ?? '', `${base}-pods-${index}`);
    }),
  );
  return {
    objects: raw.map((o, i) => ({ ...o, name: names[i] ?? `${base}-pods-${i}` })),
    unpaired,
  };
}

/** A core/v1 NodeSelector with one term: every label must equal its value. */
function nodeSelectorOf(labels: Record<string, string>): unknown {
  const keys = Object.keys(labels).sort();
  return {
    nodeSelectorTerms: [
      {
        matchExpressions: keys.map((k) => ({ key: k, operator: 'In', values: [labels[k] ?? ''] })),
      },
    ],
  };
}

/**
 * ClusterCIDR objects for the node-ipam-controller. Empty when kube-controller-manager hands out
 * the ranges itself (no nodeSelector, one block per family). In node-ipam-controller mode every
 * block becomes an object, flag blocks too (the controller has no flag-based default).
 */
function clusterCIDRObjectsUnsafe(cluster: Cluster, opts: ExportOptions = {}): string {
  if (nodeIpamMode(cluster) !== 'node-ipam-controller') return '';
  const apiVersion = opts.clusterCIDRApiVersion ?? CLUSTER_CIDR_API_VERSION;
  const { objects } = clusterCidrObjectsOf(cluster);
  return joinDocs(
    objects.map((o) => {
      const spec: Record<string, unknown> = {};
      if (o.selector) spec.nodeSelector = nodeSelectorOf(o.selector);
      spec.perNodeHostBits = o.perNodeHostBits;
      if (o.ipv4) spec.ipv4 = text(o.ipv4.cidr);
      if (o.ipv6) spec.ipv6 = text(o.ipv6.cidr);
      const masks = [o.ipv4, o.ipv6]
        .filter((b): b is PodBlock => b !== undefined)
        .map((b) => `${text(b.cidr)} in /${b.nodeMaskSize}s`)
        .join(', ');
      return yamlDoc(
        { apiVersion, kind: 'ClusterCIDR', metadata: { name: o.name }, spec },
        `${masks}${o.selector ? '' : ' (selects every node)'}`,
      );
    }),
  );
}

const finding = (
  cluster: Cluster,
  severity: Finding['severity'],
  field: string,
  message: string,
  source: string,
): Finding => ({ severity, object: clusterRef(cluster.name), field, message, source });

/** What the exports cannot say on their own: modes, pairings, skipped entries. */
function exportNotesUnsafe(cluster: Cluster): Finding[] {
  const out: Finding[] = [];
  (cluster.clusterCIDRs ?? []).forEach((cc, i) => {
    if (!cidrFrom(cc.cidr)) {
      out.push(
        finding(
          cluster,
          'warning',
          `clusterCIDRs[${i}].cidr`,
          `"${cc.cidr}" is not a CIDR and is left out of the export`,
          'Packetwalk',
        ),
      );
    }
  });
  (cluster.serviceCIDRs ?? []).forEach((sc, i) =>
    sc.cidrs.forEach((t, k) => {
      if (!cidrFrom(t)) {
        out.push(
          finding(
            cluster,
            'warning',
            `serviceCIDRs[${i}].cidrs[${k}]`,
            `"${t}" is not a CIDR and is left out of the export`,
            'Packetwalk',
          ),
        );
      }
    }),
  );
  const mode = nodeIpamMode(cluster);
  if (mode === 'none') {
    out.push(
      finding(
        cluster,
        'info',
        'clusterCIDRs',
        'no cluster CIDR: kube-controller-manager allocates no node pod ranges (the CNI plugin must bring its own IPAM)',
        'kube-controller-manager',
      ),
    );
  }
  if (mode === 'node-ipam-controller') {
    out.push(
      finding(
        cluster,
        'info',
        'clusterCIDRs',
        'the blocks need ClusterCIDR objects (a nodeSelector, or more than one block of a family): install kubernetes-sigs/node-ipam-controller, run kube-controller-manager with --allocate-node-cidrs=false, and apply a ClusterCIDR for every block, the first ones too: a node whose podCIDRs lie in no ClusterCIDR is not occupied ("No matching ClusterCIDRs found")',
        'node-ipam-controller',
      ),
    );
    const { unpaired } = clusterCidrObjectsOf(cluster);
    const families = new Set(podBlocks(cluster).map((b) => b.cidr.family));
    if (families.size === 2) {
      for (const b of unpaired) {
        out.push(
          finding(
            cluster,
            'warning',
            `clusterCIDRs[${b.index}]`,
            `${text(b.cidr)} has no ${b.cidr.family === 'IPv4' ? 'IPv6' : 'IPv4'} partner with the same nodeSelector and ${familyBits(b.cidr.family) - b.nodeMaskSize} host bits: the node-ipam-controller gives a node both families from one ClusterCIDR (one perNodeHostBits for both), so nodes served by this object get a single-stack pod range`,
            'node-ipam-controller',
          ),
        );
      }
    }
    for (const b of podBlocks(cluster)) {
      const hb = familyBits(b.cidr.family) - b.nodeMaskSize;
      if (hb < MIN_PER_NODE_HOST_BITS) {
        out.push(
          finding(
            cluster,
            'error',
            `clusterCIDRs[${b.index}].nodeMaskSize`,
            `perNodeHostBits ${hb} is below ${MIN_PER_NODE_HOST_BITS}: the ClusterCIDR validation refuses it`,
            'node-ipam-controller',
          ),
        );
      }
    }
    if (uncoveredBlocks(cluster).length > 0) {
      out.push(
        finding(
          cluster,
          'info',
          'clusterCIDRs',
          "kube-proxy's clusterCIDR (kubeadm's podSubnet) holds one block per family; the others are told apart with detectLocalMode: NodeCIDR",
          'kube-proxy',
        ),
      );
    }
  }
  if ((cluster.serviceCIDRs ?? []).length > 1) {
    out.push(
      finding(
        cluster,
        'info',
        'serviceCIDRs',
        'extra ServiceCIDR objects (networking.k8s.io/v1) need Kubernetes 1.33 or later, where MultiCIDRServiceAllocator is GA and on by default ("Extend Service IP Ranges"); apply them with kubectl once the cluster runs',
        'kube-apiserver',
      ),
    );
  }
  return out;
}

/** Runs `fn`; a bug or malformed input gives `fallback` instead of an exception. */
function guard<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export const nodeIpamMode = (cluster: Cluster): NodeIpamMode =>
  guard(() => nodeIpamModeUnsafe(cluster), 'none');
export const controllerManagerFlags = (cluster: Cluster): string[] =>
  guard(() => controllerManagerFlagsUnsafe(cluster), []);
export const apiServerFlags = (cluster: Cluster): string[] =>
  guard(() => apiServerFlagsUnsafe(cluster), []);
export const kubeadmConfig = (cluster: Cluster, opts: ExportOptions = {}): string =>
  guard(() => kubeadmConfigUnsafe(cluster, opts), '');
export const serviceCIDRObjects = (cluster: Cluster): string =>
  guard(() => serviceCIDRObjectsUnsafe(cluster), '');
export const clusterCIDRObjects = (cluster: Cluster, opts: ExportOptions = {}): string =>
  guard(() => clusterCIDRObjectsUnsafe(cluster, opts), '');
export const exportNotes = (cluster: Cluster): Finding[] =>
  guard(() => exportNotesUnsafe(cluster), []);

export interface PlanExport {
  mode: NodeIpamMode;
  kubeadm: string;
  controllerManagerFlags: string[];
  apiServerFlags: string[];
  serviceCIDRs: string;
  clusterCIDRs: string;
  notes: Finding[];
}

/** Everything above at once, for the export panel. */
export function planExport(cluster: Cluster, opts: ExportOptions = {}): PlanExport {
  try {
    return {
      mode: nodeIpamMode(cluster),
      kubeadm: kubeadmConfig(cluster, opts),
      controllerManagerFlags: controllerManagerFlags(cluster),
      apiServerFlags: apiServerFlags(cluster),
      serviceCIDRs: serviceCIDRObjects(cluster),
      clusterCIDRs: clusterCIDRObjects(cluster, opts),
      notes: exportNotes(cluster),
    };
  } catch (e) {
    return {
      mode: 'none',
      kubeadm: '',
      controllerManagerFlags: [],
      apiServerFlags: [],
      serviceCIDRs: '',
      clusterCIDRs: '',
      notes: [
        finding(
          cluster,
          'error',
          '',
          `export failed: ${e instanceof Error ? e.message : String(e)}`,
          'Packetwalk',
        ),
      ],
    };
  }
}
