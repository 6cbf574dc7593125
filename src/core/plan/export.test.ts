import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { cidrFrom } from '../model/cidr';
import type { Cluster } from '../model/schema';
import {
  apiServerFlags,
  clusterCIDRObjects,
  controllerManagerFlags,
  exportNotes,
  kubeadmConfig,
  nodeIpamMode,
  objectName,
  planExport,
  serviceCIDRObjects,
} from './export';

function cluster(extra: Partial<Cluster> = {}): Cluster {
  return {
    name: 'c1',
    ipFamilies: ['IPv4'],
    clusterCIDRs: [{ cidr: '10.244.0.0/16', nodeMaskSize: 24 }],
    serviceCIDRs: [{ cidrs: ['10.96.0.0/12'] }],
    nodes: [],
    pods: [],
    services: [],
    ...extra,
  };
}

const dual = (extra: Partial<Cluster> = {}): Cluster =>
  cluster({
    ipFamilies: ['IPv4', 'IPv6'],
    clusterCIDRs: [
      { cidr: '10.244.0.0/16', nodeMaskSize: 24 },
      { cidr: 'fd00:10:244::/56', nodeMaskSize: 64 },
    ],
    serviceCIDRs: [{ cidrs: ['10.96.0.0/16', 'fd00:10:96::/112'] }],
    ...extra,
  });

type Obj = Record<string, unknown>;
const docs = (text: string): Obj[] =>
  parseAllDocuments(text).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Obj;
  });
const obj = (x: unknown): Obj => x as Obj;

// JSON names of kubeadm v1beta4 ClusterConfiguration and its parts, copied from
// cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go (and the v1beta4 change list of
// kubeadm-config.v1beta4.md for the fields added later).
const CLUSTER_CONFIGURATION_FIELDS = [
  'apiVersion',
  'kind',
  'etcd',
  'networking',
  'kubernetesVersion',
  'controlPlaneEndpoint',
  'apiServer',
  'controllerManager',
  'scheduler',
  'dns',
  'proxy',
  'certificatesDir',
  'imageRepository',
  'featureGates',
  'clusterName',
  'encryptionAlgorithm',
  'certificateValidityPeriod',
  'caCertificateValidityPeriod',
];
const NETWORKING_FIELDS = ['serviceSubnet', 'podSubnet', 'dnsDomain'];
const CONTROL_PLANE_COMPONENT_FIELDS = ['extraArgs', 'extraVolumes', 'extraEnvs'];
const API_SERVER_FIELDS = [...CONTROL_PLANE_COMPONENT_FIELDS, 'certSANs', 'timeoutForControlPlane'];
const ARG_FIELDS = ['name', 'value'];

function expectArgs(list: unknown): { name: string; value: string }[] {
  expect(Array.isArray(list)).toBe(true);
  for (const a of list as Obj[]) {
    expect(Object.keys(a).sort()).toEqual([...ARG_FIELDS].sort());
    expect(typeof a.value).toBe('string'); // Arg.Value is a string, "24" not 24
  }
  return list as { name: string; value: string }[];
}

describe('kubeadmConfig: kubeadm.k8s.io/v1beta4 ClusterConfiguration (cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go)', () => {
  it('writes apiVersion, kind and networking.{podSubnet,serviceSubnet,dnsDomain} with the Networking json names', () => {
    const [doc] = docs(kubeadmConfig(cluster()));
    expect(doc?.apiVersion).toBe('kubeadm.k8s.io/v1beta4');
    expect(doc?.kind).toBe('ClusterConfiguration');
    for (const k of Object.keys(doc ?? {})) expect(CLUSTER_CONFIGURATION_FIELDS).toContain(k);
    const net = obj(doc?.networking);
    for (const k of Object.keys(net)) expect(NETWORKING_FIELDS).toContain(k);
    expect(net.podSubnet).toBe('10.244.0.0/16');
    expect(net.serviceSubnet).toBe('10.96.0.0/12');
    expect(net.dnsDomain).toBe('cluster.local'); // types.go: Defaults to "cluster.local"
  });

  it('takes dnsDomain and kubernetesVersion from the options', () => {
    const [doc] = docs(
      kubeadmConfig(cluster(), { dnsDomain: 'corp.example', kubernetesVersion: 'v1.33.0' }),
    );
    expect(obj(doc?.networking).dnsDomain).toBe('corp.example');
    expect(doc?.kubernetesVersion).toBe('v1.33.0');
  });

  it('joins dual-stack subnets with a comma, primary family first', () => {
    const [v4first] = docs(kubeadmConfig(dual()));
    expect(obj(v4first?.networking).podSubnet).toBe('10.244.0.0/16,fd00:10:244::/56');
    expect(obj(v4first?.networking).serviceSubnet).toBe('10.96.0.0/16,fd00:10:96::/112');
    const [v6first] = docs(
      kubeadmConfig(
        dual({
          ipFamilies: ['IPv6', 'IPv4'],
          serviceCIDRs: [{ cidrs: ['fd00:10:96::/112', '10.96.0.0/16'] }],
        }),
      ),
    );
    const podSubnet = String(obj(v6first?.networking).podSubnet).split(',');
    expect(podSubnet.map((t) => cidrFrom(t)?.family)).toEqual(['IPv6', 'IPv4']);
    expect(String(obj(v6first?.networking).serviceSubnet).split(',')[0]).toBe('fd00:10:96::/112');
  });

  it('leaves controllerManager out when the node masks are kube-controller-manager defaults (/24, /64)', () => {
    const [doc] = docs(kubeadmConfig(dual()));
    expect(doc?.controllerManager).toBeUndefined();
  });

  it('gives other node masks as controllerManager.extraArgs, a list of {name, value} in v1beta4 (Arg)', () => {
    const [doc] = docs(
      kubeadmConfig(
        dual({
          clusterCIDRs: [
            { cidr: '10.244.0.0/16', nodeMaskSize: 26 },
            { cidr: 'fd00:10:244::/56', nodeMaskSize: 72 },
          ],
        }),
      ),
    );
    const cm = obj(doc?.controllerManager);
    for (const k of Object.keys(cm)) expect(CONTROL_PLANE_COMPONENT_FIELDS).toContain(k);
    const args = expectArgs(cm.extraArgs);
    expect(args).toContainEqual({ name: 'node-cidr-mask-size-ipv4', value: '26' });
    expect(args).toContainEqual({ name: 'node-cidr-mask-size-ipv6', value: '72' });
  });

  it('writes no IPv6 mask for a single-stack IPv4 cluster (cmd/kube-controller-manager/app/core.go: "--node-cidr-mask-size-ipv6 is not allowed for a single-stack IPv4 cluster")', () => {
    const text = kubeadmConfig(
      cluster({ clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 26 }] }),
    );
    const args = expectArgs(obj(docs(text)[0]?.controllerManager).extraArgs);
    expect(args.map((a) => a.name)).toEqual(['node-cidr-mask-size-ipv4']);
    expect(text).not.toContain('ipv6');
  });

  it('sets apiServer.extraArgs service-node-port-range only when it is not 30000-32767', () => {
    expect(docs(kubeadmConfig(cluster()))[0]?.apiServer).toBeUndefined();
    const [doc] = docs(kubeadmConfig(cluster({ nodePortRange: { min: 30000, max: 31000 } })));
    const api = obj(doc?.apiServer);
    for (const k of Object.keys(api)) expect(API_SERVER_FIELDS).toContain(k);
    expect(expectArgs(api.extraArgs)).toEqual([
      { name: 'service-node-port-range', value: '30000-31000' },
    ]);
  });

  it('canonicalises CIDRs the way kube-apiserver would print them', () => {
    const [doc] = docs(
      kubeadmConfig(
        cluster({
          clusterCIDRs: [{ cidr: '10.244.1.7/16', nodeMaskSize: 24 }],
          serviceCIDRs: [{ cidrs: ['FD00:0:0:0::/112'] }],
          ipFamilies: ['IPv4', 'IPv6'],
        }),
      ),
    );
    expect(obj(doc?.networking).podSubnet).toBe('10.244.0.0/16');
    expect(obj(doc?.networking).serviceSubnet).toBe('fd00::/112');
  });
});

describe('controllerManagerFlags and apiServerFlags (kube-controller-manager, kube-apiserver flag names)', () => {
  it('single-stack IPv4: cluster CIDR, its mask, service range, allocate-node-cidrs', () => {
    expect(controllerManagerFlags(cluster())).toEqual([
      '--cluster-cidr=10.244.0.0/16',
      '--node-cidr-mask-size-ipv4=24',
      '--service-cluster-ip-range=10.96.0.0/12',
      '--allocate-node-cidrs=true',
    ]);
  });

  it('dual-stack: comma-separated pair and one mask flag per family', () => {
    const flags = controllerManagerFlags(dual());
    expect(flags).toContain('--cluster-cidr=10.244.0.0/16,fd00:10:244::/56');
    expect(flags).toContain('--node-cidr-mask-size-ipv4=24');
    expect(flags).toContain('--node-cidr-mask-size-ipv6=64');
    expect(flags).toContain('--service-cluster-ip-range=10.96.0.0/16,fd00:10:96::/112');
  });

  it('single-stack IPv6 gets only the IPv6 mask flag', () => {
    const flags = controllerManagerFlags(
      cluster({
        ipFamilies: ['IPv6'],
        clusterCIDRs: [{ cidr: 'fd00:10:244::/64', nodeMaskSize: 80 }],
        serviceCIDRs: [{ cidrs: ['fd03::/112'] }],
      }),
    );
    expect(flags.filter((f) => f.startsWith('--node-cidr-mask-size'))).toEqual([
      '--node-cidr-mask-size-ipv6=80',
    ]);
  });

  it('kube-apiserver: the first service range and the NodePort range (default 30000-32767)', () => {
    expect(apiServerFlags(dual())).toEqual([
      '--service-cluster-ip-range=10.96.0.0/16,fd00:10:96::/112',
      '--service-node-port-range=30000-32767',
    ]);
    expect(apiServerFlags(cluster({ nodePortRange: { min: 20000, max: 22767 } }))).toContain(
      '--service-node-port-range=20000-22767',
    );
  });
});

describe('serviceCIDRObjects: networking.k8s.io/v1 ServiceCIDR (k8s.io/api/networking/v1 types.go ServiceCIDRSpec.cidrs)', () => {
  const c = dual({
    serviceCIDRs: [
      { cidrs: ['10.96.0.0/16', 'fd00:10:96::/112'] },
      { name: 'More Services!', cidrs: ['10.97.0.0/24'] },
      { cidrs: ['10.98.0.0/24'] },
    ],
  });
  const list = docs(serviceCIDRObjects(c));

  it('writes one ServiceCIDR per entry with spec.cidrs and nothing else in spec', () => {
    expect(list).toHaveLength(3);
    for (const d of list) {
      expect(d.apiVersion).toBe('networking.k8s.io/v1');
      expect(d.kind).toBe('ServiceCIDR');
      expect(Object.keys(obj(d.spec))).toEqual(['cidrs']);
    }
    expect(obj(list[0]?.spec).cidrs).toEqual(['10.96.0.0/16', 'fd00:10:96::/112']);
    expect(obj(list[1]?.spec).cidrs).toEqual(['10.97.0.0/24']);
  });

  it('names the first "kubernetes", as kube-apiserver does for the one it creates from its flag (pkg/controlplane/controller/defaultservicecidr)', () => {
    expect(obj(list[0]?.metadata).name).toBe('kubernetes');
  });

  it('gives the others DNS-1123 names, unique', () => {
    const names = list.map((d) => String(obj(d.metadata).name));
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
    expect(names[1]).toBe('more-services');
  });
});

describe('clusterCIDRObjects: node-ipam-controller ClusterCIDR (kubernetes-sigs/node-ipam-controller pkg/apis/clustercidr/v1/types.go)', () => {
  const SPEC_FIELDS = ['nodeSelector', 'perNodeHostBits', 'ipv4', 'ipv6'];

  it('is empty when kube-controller-manager hands out the ranges (no nodeSelector, one block per family)', () => {
    expect(nodeIpamMode(dual())).toBe('kube-controller-manager');
    expect(clusterCIDRObjects(dual())).toBe('');
  });

  it('writes every block once a nodeSelector appears, with perNodeHostBits = bits - node mask', () => {
    const c = cluster({
      clusterCIDRs: [
        { cidr: '10.244.0.0/16', nodeMaskSize: 24 },
        { cidr: '10.245.0.0/16', nodeMaskSize: 26, nodeSelector: { pool: 'small' } },
      ],
    });
    expect(nodeIpamMode(c)).toBe('node-ipam-controller');
    const list = docs(clusterCIDRObjects(c));
    expect(list).toHaveLength(2);
    for (const d of list) {
      expect(d.apiVersion).toBe('networking.x-k8s.io/v1');
      expect(d.kind).toBe('ClusterCIDR');
      for (const k of Object.keys(obj(d.spec))) expect(SPEC_FIELDS).toContain(k);
    }
    const [all, small] = list.map((d) => obj(d.spec));
    expect(all?.perNodeHostBits).toBe(32 - 24);
    expect(all?.ipv4).toBe('10.244.0.0/16');
    expect(all?.nodeSelector).toBeUndefined(); // no selector: every node
    expect(small?.perNodeHostBits).toBe(32 - 26);
    // core/v1 NodeSelector: nodeSelectorTerms[].matchExpressions[{key, operator, values}]
    expect(small?.nodeSelector).toEqual({
      nodeSelectorTerms: [
        { matchExpressions: [{ key: 'pool', operator: 'In', values: ['small'] }] },
      ],
    });
  });

  it('pairs an IPv4 and an IPv6 block into one object when selector and host bits agree (one perNodeHostBits for both)', () => {
    const c = dual({
      clusterCIDRs: [
        { cidr: '10.244.0.0/16', nodeMaskSize: 24, nodeSelector: {} },
        { cidr: 'fd00:10:244::/112', nodeMaskSize: 120, nodeSelector: {} },
      ],
    });
    const list = docs(clusterCIDRObjects(c));
    expect(list).toHaveLength(1);
    expect(obj(list[0]?.spec)).toMatchObject({
      perNodeHostBits: 8,
      ipv4: '10.244.0.0/16',
      ipv6: 'fd00:10:244::/112',
    });
    expect(exportNotes(c).some((n) => n.message.includes('no IPv6 partner'))).toBe(false);
  });

  it('keeps them apart and warns when the host bits differ (multi_cidr_range_allocator.go takes both families from one ClusterCIDR)', () => {
    const c = dual({
      clusterCIDRs: [
        { cidr: '10.244.0.0/16', nodeMaskSize: 24, nodeSelector: {} },
        { cidr: 'fd00:10:244::/56', nodeMaskSize: 64, nodeSelector: {} },
      ],
    });
    expect(docs(clusterCIDRObjects(c))).toHaveLength(2);
    const warnings = exportNotes(c).filter((n) => n.severity === 'warning');
    expect(warnings.map((w) => w.field).sort()).toEqual(['clusterCIDRs[0]', 'clusterCIDRs[1]']);
  });

  it('can write the withdrawn in-tree alpha group networking.k8s.io/v1alpha1 instead', () => {
    const c = cluster({
      clusterCIDRs: [{ cidr: '10.244.0.0/16', nodeMaskSize: 24, nodeSelector: { a: 'b' } }],
    });
    const [d] = docs(
      clusterCIDRObjects(c, { clusterCIDRApiVersion: 'networking.k8s.io/v1alpha1' }),
    );
    expect(d?.apiVersion).toBe('networking.k8s.io/v1alpha1');
  });

  it('flags perNodeHostBits below 4 (ClusterCIDR validation: minimum value is 4)', () => {
    const c = cluster({
      clusterCIDRs: [{ cidr: '10.244.0.0/16', nodeMaskSize: 30, nodeSelector: {} }],
    });
    expect(
      exportNotes(c).some((n) => n.severity === 'error' && n.field.endsWith('nodeMaskSize')),
    ).toBe(true);
  });
});

describe('node-ipam-controller mode in kubeadm and the flags (node-ipam-controller README: --allocate-node-cidrs=false)', () => {
  const c = cluster({
    clusterCIDRs: [
      { cidr: '10.244.0.0/20', nodeMaskSize: 24 },
      { cidr: '10.244.16.0/20', nodeMaskSize: 24, nodeSelector: {} },
    ],
  });

  it('turns kube-controller-manager allocation off in flags and extraArgs', () => {
    expect(controllerManagerFlags(c)).toEqual(['--allocate-node-cidrs=false']);
    const [doc] = docs(kubeadmConfig(c));
    expect(expectArgs(obj(doc?.controllerManager).extraArgs)).toContainEqual({
      name: 'allocate-node-cidrs',
      value: 'false',
    });
    expect(obj(doc?.networking).podSubnet).toBe('10.244.0.0/20');
  });

  it('adds a KubeProxyConfiguration with detectLocalMode: NodeCIDR when blocks lie outside podSubnet', () => {
    const list = docs(kubeadmConfig(c));
    expect(list).toHaveLength(2);
    expect(list[1]).toEqual({
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      kind: 'KubeProxyConfiguration',
      detectLocalMode: 'NodeCIDR',
    });
    // One block per family inside podSubnet: no need.
    const single = cluster({
      clusterCIDRs: [{ cidr: '10.244.0.0/16', nodeMaskSize: 24, nodeSelector: { a: 'b' } }],
    });
    expect(docs(kubeadmConfig(single))).toHaveLength(1);
  });
});

describe('robustness', () => {
  it('skips CIDRs that do not parse and says so', () => {
    const c = cluster({
      clusterCIDRs: [
        { cidr: 'nonsense', nodeMaskSize: 24 },
        { cidr: '10.244.0.0/16', nodeMaskSize: 24 },
      ],
      serviceCIDRs: [{ cidrs: ['10.96.0.0/12', 'bad'] }],
    });
    expect(obj(docs(kubeadmConfig(c))[0]?.networking).podSubnet).toBe('10.244.0.0/16');
    expect(exportNotes(c).map((n) => n.field)).toEqual(
      expect.arrayContaining(['clusterCIDRs[0].cidr', 'serviceCIDRs[0].cidrs[1]']),
    );
  });

  it('never throws, even on input that does not match the schema', () => {
    const broken = { name: 'x' } as unknown as Cluster;
    expect(() => planExport(broken)).not.toThrow();
    expect(() => kubeadmConfig(broken)).not.toThrow();
    expect(() => clusterCIDRObjects(broken)).not.toThrow();
    expect(() => serviceCIDRObjects(null as unknown as Cluster)).not.toThrow();
    expect(typeof kubeadmConfig(null as unknown as Cluster)).toBe('string');
  });

  it('objectName makes DNS-1123 subdomains', () => {
    expect(objectName('My Range', 'x')).toBe('my-range');
    expect(objectName('--', 'fallback')).toBe('fallback');
    expect(objectName('a'.repeat(300), 'x').length).toBeLessThanOrEqual(253);
  });

  it('planExport bundles the same texts the single functions give', () => {
    const c = dual();
    const all = planExport(c);
    expect(all.kubeadm).toBe(kubeadmConfig(c));
    expect(all.controllerManagerFlags).toEqual(controllerManagerFlags(c));
    expect(all.serviceCIDRs).toBe(serviceCIDRObjects(c));
    expect(parse(all.kubeadm.split('---')[0] ?? '')).toBeTruthy();
  });
});
