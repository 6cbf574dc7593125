import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS, ScenarioSchema, type Cluster } from '../model/schema';
import { importKubectl, MAX_IMPORT_WARNINGS } from './kubectl';
import { parseScenarioText, type ParseResult } from './parse';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function imported(name: string): Extract<ParseResult, { ok: true }> & { cluster: Cluster } {
  const r = parseScenarioText(fixture(name), { filename: name });
  if (!r.ok) throw new Error(r.error);
  const cluster = r.scenario.clusters[0];
  if (!cluster) throw new Error('no cluster');
  return { ...r, cluster };
}

/** importKubectl on hand-made objects, checked against the schema every time. */
function run(...docs: unknown[]) {
  const r = importKubectl(docs);
  expect(ScenarioSchema.safeParse(r.scenario).success).toBe(true);
  const cluster = r.scenario.clusters[0];
  if (!cluster) throw new Error('no cluster');
  return { ...r, cluster };
}

const node = (
  name: string,
  podCIDRs: string[],
  ips: string[],
  extra: Record<string, unknown> = {},
) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  spec: { podCIDRs },
  status: { addresses: ips.map((address) => ({ type: 'InternalIP', address })) },
  ...extra,
});
const pod = (
  name: string,
  nodeName: string | undefined,
  podIPs: string[],
  spec: Record<string, unknown> = {},
) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'x' }], ...spec },
  status: { phase: nodeName ? 'Running' : 'Pending', podIPs: podIPs.map((ip) => ({ ip })) },
});
const service = (
  name: string,
  spec: Record<string, unknown>,
  status: Record<string, unknown> = {},
  namespace = 'default',
) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], ...spec },
  status,
});

describe('kubectl get nodes,pods,services,ingresses -A -o yaml (kind, IPv4)', () => {
  const r = imported('kubectl-list.yaml');

  it('is read as kubectl output, one flat cluster', () => {
    expect(r.source).toBe('kubectl');
    expect(r.scenario.model).toBe('flat');
    expect(r.scenario.name).toBe('Imported from kubectl-list.yaml');
    expect(r.scenario.clusters).toHaveLength(1);
    expect(r.cluster.network).toBe('network');
    expect(r.cluster.ipFamilies).toEqual(['IPv4']);
  });

  it('infers the cluster CIDR from the node podCIDRs: 10.244.0.0/24, .1.0/24, .2.0/24 -> 10.244.0.0/22', () => {
    expect(r.cluster.clusterCIDRs).toEqual([
      { cidr: '10.244.0.0/22', nodeMaskSize: 24, inferred: true },
    ]);
  });

  it('infers the service range from the clusterIPs, starting below the kubernetes Service (10.96.0.1)', () => {
    // 10.96.0.0 (one below 10.96.0.1) .. 10.96.184.27 share their first 16 bits.
    expect(r.cluster.serviceCIDRs).toEqual([
      { name: 'kubernetes', cidrs: ['10.96.0.0/16'], inferred: true },
    ]);
  });

  it('infers the node network from the InternalIPs 172.18.0.2-4', () => {
    expect(r.scenario.networks).toEqual([
      {
        name: 'network',
        cidrs: ['172.18.0.0/29'],
        description:
          "Inferred by the kubectl import: the smallest blocks covering the nodes' InternalIPs.",
      },
    ]);
  });

  it('says what it inferred and what it skipped', () => {
    expect(r.warnings).toEqual([
      "Inferred cluster CIDR 10.244.0.0/22 (node mask /24): the smallest block covering the nodes' IPv4 podCIDRs. The real --cluster-cidr may be larger.",
      "Inferred service CIDR 10.96.0.0/16: the smallest block covering the Services' clusterIPs (starting below the kubernetes Service, which holds the first address). The real --service-cluster-ip-range may be larger.",
      "Inferred the node network 172.18.0.0/29: the smallest block covering the nodes' InternalIPs.",
      'Skipped Pod default/pi-k8x2w: it has finished (phase Succeeded), so its IP is no longer its own.',
      'Skipped Pod default/web-6d4cf56db6-pt7xd: not scheduled to a node yet (no spec.nodeName, phase Pending).',
      'Ingress default/web: ingress class "nginx" names an IngressClass, not the proxy that serves it; set controller to a proxy gateway or the controller pod (ns/pod).',
    ]);
  });

  it('keeps node names, labels, addresses and podCIDRs, and drops the noise', () => {
    expect(r.cluster.nodes.map((n) => n.name)).toEqual([
      'kind-control-plane',
      'kind-worker',
      'kind-worker2',
    ]);
    expect(r.cluster.nodes[1]).toEqual({
      name: 'kind-worker',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'kind-worker',
        'kubernetes.io/os': 'linux',
      },
      addresses: [
        { type: 'InternalIP', address: '172.18.0.3' },
        { type: 'Hostname', address: 'kind-worker' },
      ],
      podCIDRs: ['10.244.1.0/24'],
    });
  });

  it('keeps running pods with their IPs and ports; hostNetwork pods keep the node IP', () => {
    expect(
      r.cluster.pods.map((p) => `${p.namespace}/${p.name}@${p.nodeName}=${p.podIPs?.join(',')}`),
    ).toEqual([
      'default/web-6d4cf56db6-8fkzq@kind-worker=10.244.1.2',
      'default/web-6d4cf56db6-mv2rn@kind-worker2=10.244.2.3',
      'kube-system/coredns-7c65d6cfc9-5xk2p@kind-control-plane=10.244.0.3',
      'kube-system/coredns-7c65d6cfc9-q8vwn@kind-control-plane=10.244.0.2',
      'kube-system/kube-proxy-4jw8t@kind-control-plane=172.18.0.2',
      'kube-system/kube-proxy-9tq5m@kind-worker=172.18.0.3',
      'kube-system/kube-proxy-xz7lp@kind-worker2=172.18.0.4',
    ]);
    const coredns = r.cluster.pods.find((p) => p.name === 'coredns-7c65d6cfc9-5xk2p');
    expect(coredns?.ports).toEqual([
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
    ]);
    expect(r.cluster.pods.filter((p) => p.hostNetwork).map((p) => p.name)).toEqual([
      'kube-proxy-4jw8t',
      'kube-proxy-9tq5m',
      'kube-proxy-xz7lp',
    ]);
  });

  it('keeps Services as the API shows them', () => {
    expect(r.cluster.services.find((s) => s.name === 'web')).toEqual({
      namespace: 'default',
      name: 'web',
      type: 'NodePort',
      selector: { app: 'web' },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }],
      clusterIPs: ['10.96.184.27'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      externalTrafficPolicy: 'Cluster',
    });
    expect(r.cluster.services.find((s) => s.name === 'web-lb')).toMatchObject({
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      loadBalancerIngress: ['172.18.255.200'],
      ports: [{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 31522 }],
    });
    const apiserver = r.cluster.services.find((s) => s.name === 'kubernetes');
    expect(apiserver?.selector).toBeUndefined();
    expect(apiserver?.clusterIPs).toEqual(['10.96.0.1']);
  });

  it('resolves an Ingress backend port name through the Service (http -> 80); no controller', () => {
    expect(r.cluster.ingresses).toEqual([
      {
        namespace: 'default',
        name: 'web',
        rules: [
          {
            host: 'web.example.com',
            paths: [
              { path: '/', pathType: 'Prefix', service: 'web', port: 80 },
              { path: '/healthz', pathType: 'Exact', service: 'web', port: 80 },
            ],
          },
        ],
      },
    ]);
  });
});

describe('kubectl get ... -o json on a dual-stack kind cluster', () => {
  const r = imported('kubectl-dualstack.json');

  it('has both families, primary first', () => {
    expect(r.cluster.ipFamilies).toEqual(['IPv4', 'IPv6']);
  });

  it('infers one cluster CIDR per family, with the per-family node mask', () => {
    expect(r.cluster.clusterCIDRs).toEqual([
      { cidr: '10.244.0.0/23', nodeMaskSize: 24, inferred: true },
      { cidr: 'fd00:10:244::/63', nodeMaskSize: 64, inferred: true },
    ]);
  });

  it('infers one ServiceCIDR holding one block per family', () => {
    // IPv4: 10.96.0.0 .. 10.96.45.12 -> /18. IPv6: fd00:10:96::1f4a and ::b3c2 share 112 bits.
    expect(r.cluster.serviceCIDRs).toEqual([
      { name: 'kubernetes', cidrs: ['10.96.0.0/18', 'fd00:10:96::/112'], inferred: true },
    ]);
  });

  it('covers both families of node addresses in the network', () => {
    expect(r.scenario.networks[0]?.cidrs).toEqual(['172.18.0.2/31', 'fc00:f853:ccd:e793::2/127']);
  });

  it('keeps dual-stack pod IPs, clusterIPs and load balancer addresses', () => {
    expect(r.cluster.pods.find((p) => p.name.startsWith('echo'))?.podIPs).toEqual([
      '10.244.1.5',
      'fd00:10:244:1::5',
    ]);
    expect(r.cluster.services.find((s) => s.name === 'echo')).toEqual({
      namespace: 'default',
      name: 'echo',
      type: 'LoadBalancer',
      selector: { app: 'echo' },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 31080 }],
      clusterIPs: ['10.96.45.12', 'fd00:10:96::b3c2'],
      ipFamilies: ['IPv4', 'IPv6'],
      ipFamilyPolicy: 'PreferDualStack',
      externalTrafficPolicy: 'Cluster',
      loadBalancerIngress: ['192.168.21.8', '2001:db8:7:8::4'],
    });
    expect(r.cluster.services.find((s) => s.name === 'echo-v6')?.ipFamilies).toEqual(['IPv6']);
  });

  it('warns only about what it inferred', () => {
    expect(r.warnings).toHaveLength(4);
    expect(r.warnings.every((w) => w.startsWith('Inferred '))).toBe(true);
  });
});

describe('multi-document YAML with other kinds and legacy fields', () => {
  const r = imported('kubectl-multidoc.yaml');

  it('skips other kinds by kind and name, and says why for everything else it left out', () => {
    expect(r.warnings).toEqual([
      "Inferred cluster CIDR 10.0.1.0/24 (node mask /24): the smallest block covering the nodes' IPv4 podCIDRs. The real --cluster-cidr may be larger.",
      "Inferred service CIDR 10.100.12.0/29: the smallest block covering the Services' clusterIPs, widened to 8 addresses, the fewest kube-apiserver accepts. The real --service-cluster-ip-range may be larger.",
      "Inferred the node network 10.240.0.0/30: the smallest block covering the nodes' InternalIPs.",
      'Skipped Namespace shop: Namespace is not part of the network picture.',
      'Skipped Deployment shop/cart: Deployment is not part of the network picture.',
      'Skipped Service shop/payments: an ExternalName Service is a DNS alias with no IPs or ports.',
      'Ingress shop/shop: ingress class "nginx" names an IngressClass, not the proxy that serves it; set controller to a proxy gateway or the controller pod (ns/pod).',
      'Ingress shop/shop: spec.defaultBackend is not modelled; left out.',
      'Ingress shop/shop: path "/": backend port "http" cannot be resolved (Service cart has no port of that name); skipped.',
      'Node node-b is not in the input; it was made from the status.hostIPs of its pods (10.240.0.2).',
    ]);
  });

  it('reads the single-address fields spec.podCIDR, status.podIP and spec.clusterIP', () => {
    expect(r.cluster.nodes[0]?.podCIDRs).toEqual(['10.0.1.0/24']);
    expect(r.cluster.pods.map((p) => p.podIPs)).toEqual([['10.0.1.7'], ['10.0.2.4']]);
    expect(r.cluster.services).toEqual([
      {
        namespace: 'shop',
        name: 'cart',
        selector: { app: 'cart' },
        ports: [{ port: 80, targetPort: 'web' }],
        clusterIPs: ['10.100.12.7'],
      },
    ]);
  });

  it('flattens the ports of all containers, hostPort included', () => {
    expect(r.cluster.pods[0]?.ports).toEqual([
      { name: 'web', containerPort: 8080, hostPort: 8080 },
      { containerPort: 9100 },
    ]);
  });

  it('makes a missing node from its pods status.hostIP', () => {
    expect(r.cluster.nodes[1]).toEqual({
      name: 'node-b',
      addresses: [{ type: 'InternalIP', address: '10.240.0.2' }],
    });
  });

  it('leaves controller out: an ingress class (here the old annotation) is not a proxy', () => {
    expect(r.cluster.ingresses?.[0]?.controller).toBeUndefined();
    expect(r.cluster.ingresses?.[0]?.rules[0]?.paths).toEqual([
      { path: '/cart', pathType: 'Prefix', service: 'cart', port: 80 },
    ]);
  });
});

describe('inference rules', () => {
  it('the primary family is that of the first node podCIDR (IPv6 first here)', () => {
    const r = run(
      node('a', ['fd00:1234:1::/64', '10.0.1.0/24'], ['fd01:789a:1::1']),
      node('b', ['fd00:1234:2::/64', '10.0.2.0/24'], ['fd01:789a:1::2']),
    );
    expect(r.cluster.ipFamilies).toEqual(['IPv6', 'IPv4']);
    expect(r.cluster.clusterCIDRs).toEqual([
      { cidr: 'fd00:1234::/46', nodeMaskSize: 64, inferred: true },
      { cidr: '10.0.0.0/22', nodeMaskSize: 24, inferred: true },
    ]);
  });

  it('without podCIDRs the primary family is that of the first Service clusterIP', () => {
    const r = run(
      service('a', { clusterIPs: ['fd12:789a:1::1'] }),
      service('b', { clusterIPs: ['10.96.0.13', 'fd12:789a:1::2'] }),
    );
    expect(r.cluster.ipFamilies).toEqual(['IPv6', 'IPv4']);
    // No kubernetes Service: the blocks just cover the addresses (widened to 8 addresses).
    expect(r.cluster.serviceCIDRs).toEqual([
      { name: 'kubernetes', cidrs: ['fd12:789a:1::/125', '10.96.0.8/29'], inferred: true },
    ]);
  });

  it('node podCIDRs of another family than the pods count too (dual-stack nodes)', () => {
    const r = run(
      node('a', ['10.0.1.0/24'], ['10.240.0.1']),
      pod('p', 'a', ['10.0.1.5', 'fd00::5']),
    );
    expect(r.cluster.ipFamilies).toEqual(['IPv4', 'IPv6']);
    // There is no IPv6 podCIDR to infer an IPv6 cluster CIDR from.
    expect(r.cluster.clusterCIDRs.map((c) => c.cidr)).toEqual(['10.0.1.0/24']);
  });

  it('hostNetwork pod IPs do not make a cluster dual-stack', () => {
    const r = run(
      node('a', ['10.0.1.0/24'], ['10.240.0.1', 'fd01::1']),
      pod('p', 'a', ['10.240.0.1', 'fd01::1'], { hostNetwork: true }),
    );
    expect(r.cluster.ipFamilies).toEqual(['IPv4']);
    expect(r.scenario.networks[0]?.cidrs).toEqual(['10.240.0.1/32', 'fd01::1/128']);
  });

  it('nodes without podCIDRs (CNI-managed IPAM) give no cluster CIDR, with a warning', () => {
    const r = run(node('a', [], ['10.240.0.1']), pod('p', 'a', ['192.168.7.10']));
    expect(r.cluster.clusterCIDRs).toEqual([]);
    expect(r.cluster.ipFamilies).toEqual(['IPv4']);
    expect(r.warnings).toContain(
      'The nodes have no spec.podCIDRs (the CNI plugin hands out pod IPs itself, as Calico or Cilium cluster-pool do); no cluster CIDR was inferred.',
    );
  });

  it('different node mask sizes are reported', () => {
    const r = run(node('a', ['10.0.0.0/24'], []), node('b', ['10.0.1.0/25'], []));
    expect(r.cluster.clusterCIDRs).toEqual([
      { cidr: '10.0.0.0/23', nodeMaskSize: 24, inferred: true },
    ]);
    expect(r.warnings).toContain(
      "The nodes' IPv4 podCIDRs have different sizes (/24, /25); nodeMaskSize is /24, the first node's.",
    );
  });

  it('ServiceCIDR objects are used as given instead of inferring', () => {
    const r = run(service('kubernetes', { clusterIPs: ['10.96.0.1'] }), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'ServiceCIDR',
      metadata: { name: 'kubernetes' },
      spec: { cidrs: ['10.96.0.0/12'] },
    });
    expect(r.cluster.serviceCIDRs).toEqual([{ name: 'kubernetes', cidrs: ['10.96.0.0/12'] }]);
    expect(r.warnings.some((w) => w.startsWith('Inferred service CIDR'))).toBe(false);
  });

  it('unparseable addresses are kept as given and ignored by the inference', () => {
    const r = run(
      node('a', ['10.0.1.0/24', 'not-a-cidr'], ['10.240.0.1']),
      service('s', { clusterIP: '10.96.300.1' }),
    );
    expect(r.cluster.nodes[0]?.podCIDRs).toEqual(['10.0.1.0/24', 'not-a-cidr']);
    expect(r.cluster.services[0]?.clusterIPs).toEqual(['10.96.300.1']);
    expect(r.cluster.serviceCIDRs).toEqual([]);
  });
});

describe('lists and odd documents', () => {
  it('typed lists (PodList from the API) give their items a kind', () => {
    const r = run({
      apiVersion: 'v1',
      kind: 'PodList',
      items: [
        {
          metadata: { name: 'p', namespace: 'default' },
          spec: { nodeName: 'n' },
          status: { podIP: '10.0.0.5' },
        },
      ],
    });
    expect(r.cluster.pods.map((p) => p.name)).toEqual(['p']);
  });

  it('documents that are not objects, and items without a kind, are skipped with a warning', () => {
    const r = run(
      42,
      { metadata: { name: 'x' } },
      { apiVersion: 'v1', kind: 'List', items: ['x', { metadata: {} }] },
    );
    expect(r.warnings).toEqual([
      'Document 1 is not a Kubernetes object (it is the number 42); skipped.',
      'Document 2 has no kind; skipped.',
      'Item 1 of the List is the string "x"; skipped.',
      'Item 2 of the List has no kind; skipped.',
    ]);
  });

  it('duplicates keep the first object', () => {
    const r = run(node('a', ['10.0.1.0/24'], []), node('a', ['10.0.9.0/24'], []));
    expect(r.cluster.nodes).toEqual([{ name: 'a', addresses: [], podCIDRs: ['10.0.1.0/24'] }]);
    expect(r.warnings).toContain(
      'Skipped Node a: it appears more than once; the first one was kept.',
    );
  });

  it('Ingresses of other API versions are skipped', () => {
    const r = run(service('s', {}), {
      apiVersion: 'extensions/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'old', namespace: 'default' },
      spec: { rules: [] },
    });
    expect(r.cluster.ingresses).toBeUndefined();
    expect(r.warnings).toContain(
      'Skipped Ingress default/old: apiVersion "extensions/v1beta1" is not read (only networking.k8s.io/v1).',
    );
  });

  it('load balancers known only by hostname are left out with a warning', () => {
    const r = run(
      service(
        's',
        { type: 'LoadBalancer' },
        { loadBalancer: { ingress: [{ hostname: 'a1b2.elb.amazonaws.com' }] } },
      ),
    );
    expect(r.cluster.services[0]?.loadBalancerIngress).toBeUndefined();
    expect(r.warnings).toContain(
      'Service default/s: load balancer "a1b2.elb.amazonaws.com" is a hostname, not an IP; left out.',
    );
  });

  it('a scheduled pod without an IP yet is kept for IPAM to fill', () => {
    const r = run(node('a', ['10.0.1.0/24'], []), pod('p', 'a', []));
    expect(r.cluster.pods).toEqual([{ namespace: 'default', name: 'p', nodeName: 'a' }]);
    expect(r.warnings).toContain(
      'Pod default/p has no IP yet (status.podIPs is empty); IPAM will pick one.',
    );
  });
});

describe('hostile input is skipped or cut, never thrown', () => {
  it('names longer than the schema allows skip the object', () => {
    const long = 'n'.repeat(LIMITS.nameLength + 1);
    const r = run(node(long, [], []), pod('p', long, []), service('s', {}, {}, long));
    expect(r.cluster.nodes).toEqual([]);
    expect(r.cluster.pods).toEqual([]);
    expect(r.cluster.services).toEqual([]);
    expect(r.warnings).toEqual([
      `Skipped Node "${'n'.repeat(80)}…": its name is longer than 253 characters.`,
      'Skipped Service "s": metadata.namespace is not a valid name.',
      'Skipped Pod default/p: spec.nodeName is not a valid node name.',
    ]);
  });

  it('labels that do not fit are dropped one by one, __proto__ included', () => {
    const labels = JSON.parse(
      `{"app":"web","__proto__":"x","long":"${'v'.repeat(300)}","n":5}`,
    ) as Record<string, unknown>;
    const r = run({ ...node('a', [], []), metadata: { name: 'a', labels } });
    expect(r.cluster.nodes[0]?.labels).toEqual({ app: 'web' });
    expect(Object.getPrototypeOf(r.cluster.nodes[0]?.labels)).toBe(Object.prototype);
    expect(r.warnings.filter((w) => w.startsWith('Node a:'))).toEqual([
      'Node a: metadata.labels key "__proto__" is not a valid label key; dropped.',
      'Node a: metadata.labels["long"] is longer than 253 characters; dropped.',
      'Node a: metadata.labels["n"] is the number 5, not a string; dropped.',
    ]);
  });

  it('long lists are cut at the schema limit', () => {
    const ports = Array.from({ length: 70 }, (_, i) => ({ containerPort: 1000 + i }));
    const ips = Array.from({ length: 70 }, (_, i) => ({ ip: `10.0.0.${i}` }));
    const p = pod('p', 'n', [], { containers: [{ name: 'c', ports }] });
    const r = run({ ...p, status: { podIPs: ips } });
    expect(r.cluster.pods[0]?.ports).toHaveLength(LIMITS.listLength);
    expect(r.cluster.pods[0]?.podIPs).toHaveLength(LIMITS.listLength);
    expect(r.warnings).toContain(
      'Pod default/p: more than 64 container ports; the rest were dropped.',
    );
  });

  it('more objects than the schema allows are cut, with one warning', () => {
    const nodes = Array.from({ length: LIMITS.nodes + 3 }, (_, i) => ({
      kind: 'Node',
      metadata: { name: `n${i}` },
    }));
    const r = run({ apiVersion: 'v1', kind: 'List', items: nodes });
    expect(r.cluster.nodes).toHaveLength(LIMITS.nodes);
    expect(r.warnings).toContain(
      'Only the first 5000 Nodes were imported (the limit); 3 more were skipped.',
    );
  });

  it('warnings about single objects stop at a hundred, then are counted', () => {
    const items = Array.from({ length: 150 }, (_, i) => ({
      kind: 'ConfigMap',
      metadata: { name: `c${i}` },
    }));
    const r = importKubectl([{ kind: 'List', items }]);
    expect(r.warnings).toHaveLength(MAX_IMPORT_WARNINGS + 1);
    expect(r.warnings.at(-1)).toBe('... and 50 more warnings like these');
  });

  it('wrong types anywhere are dropped with a warning', () => {
    const r = run(
      {
        kind: 'Node',
        metadata: { name: 'a' },
        spec: { podCIDRs: [7, '10.0.1.0/24'] },
        status: {
          addresses: [
            { type: 'Internal', address: '1.2.3.4' },
            { type: 'InternalIP', address: ['x'] },
          ],
        },
      },
      {
        kind: 'Service',
        metadata: { name: 's' },
        spec: {
          type: 'ClusterIP',
          ports: [
            { port: 0 },
            { port: 80, protocol: 'tcp' },
            { port: 81, targetPort: 1.5, name: 'x'.repeat(64) },
          ],
          ipFamilies: ['IPv5'],
          ipFamilyPolicy: 'Sometimes',
          selector: 'app=web',
        },
      },
    );
    expect(r.cluster.nodes[0]).toEqual({ name: 'a', addresses: [], podCIDRs: ['10.0.1.0/24'] });
    expect(r.cluster.services[0]).toEqual({ name: 's', type: 'ClusterIP', ports: [{ port: 81 }] });
    expect(r.warnings).toEqual([
      "Inferred cluster CIDR 10.0.1.0/24 (node mask /24): the smallest block covering the nodes' IPv4 podCIDRs. The real --cluster-cidr may be larger.",
      'The nodes have no InternalIP addresses; the node network has no address block.',
      'Node a: status.addresses type "Internal" is unknown; dropped.',
      'Node a: status.addresses entry a list is not an address; dropped.',
      'Node a: spec.podCIDRs entry the number 7 is not an address; dropped.',
      'Service s: spec.selector is the string "app=web", not a map; left out.',
      'Service s: service port the number 0 is not a port number; dropped.',
      'Service s: port 80 has unknown protocol "tcp"; dropped.',
      'Service s: port 81 has targetPort the number 1.5; dropped (defaults to the port).',
      'Service s: the name of port 81 is not a valid port name; dropped.',
      'Service s: spec.ipFamilies entry "IPv5" dropped.',
      'Service s: spec.ipFamilyPolicy "Sometimes" is unknown; left out.',
    ]);
  });

  it('control characters in names are escaped in warnings', () => {
    const r = importKubectl([{ kind: 'Secret\u0007', metadata: { name: 'a\nb' } }]);
    expect(r.warnings).toEqual([
      'Skipped Secret\\x07 a\\x0ab: Secret\\x07 is not part of the network picture.',
    ]);
  });

  it('never throws on random objects', () => {
    let seed = 7;
    const r = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const values: unknown[] = [
      null,
      0,
      -1,
      80,
      1e9,
      '',
      'x',
      'None',
      '10.0.0.1',
      'fd00::/64',
      [],
      {},
      true,
      'x'.repeat(300),
    ];
    const paths: string[][] = [
      ['kind'],
      ['metadata', 'name'],
      ['metadata', 'namespace'],
      ['metadata', 'labels'],
      ['spec', 'nodeName'],
      ['spec', 'podCIDRs'],
      ['spec', 'ports'],
      ['spec', 'containers'],
      ['spec', 'clusterIPs'],
      ['spec', 'rules'],
      ['status', 'podIPs'],
      ['status', 'addresses'],
      ['status', 'loadBalancer', 'ingress'],
    ];
    for (let i = 0; i < 300; i++) {
      const o: Record<string, unknown> = {
        kind: pick(['Node', 'Pod', 'Service', 'Ingress', 'ServiceCIDR', 'List']),
      };
      o.apiVersion = o.kind === 'Ingress' ? 'networking.k8s.io/v1' : 'v1';
      for (let j = 0; j < 5; j++) {
        const path = pick(paths);
        let at = o;
        for (const k of path.slice(0, -1)) {
          if (typeof at[k] !== 'object' || at[k] === null) at[k] = {};
          at = at[k] as Record<string, unknown>;
        }
        const v = pick(values);
        at[path.at(-1) ?? 'x'] = Array.isArray(v)
          ? [pick(values), { ip: pick(values), port: pick(values) }]
          : v;
      }
      if (o.kind === 'List') o.items = [structuredClone(o), pick(values)];
      expect(() => run(o)).not.toThrow();
    }
  });
});
