/**
 * A menu of meaningful flows for a scenario, for the UI's "trace a packet" picker: one of each
 * path kind the scenario can show (pod to pod on a node and across nodes, to a Service, the
 * hairpin, node to pod, NodePort, HostPort, load balancer, gateways, egress, across clusters),
 * labelled with how it ends when it does not simply arrive.
 */
import type { IpFamily, Scenario } from '../model/schema';
import { DEFAULTS } from '../model/defaults';
import {
  addrOf,
  indexScenario,
  ownersOf,
  selectPods,
  serviceEndpoints,
  type ClusterEntry,
  type NodeEntry,
  type PodEntry,
  type ScenarioIndex,
} from './scenario-index';
import { trace } from './trace';
import type { Endpoint, Flow } from './types';

export interface SuggestedFlow {
  id: string;
  label: string;
  flow: Flow;
}

const MAX = 48;

/** Documentation addresses (RFC 5737, RFC 3849) used for "a client on the internet". */
const INTERNET: Record<IpFamily, string[]> = {
  IPv4: ['198.51.100.7', '203.0.113.7', '192.0.2.7'],
  IPv6: ['2001:db8:ffff::7', '2001:db8:fffe::7'],
};

function internetIp(ix: ScenarioIndex, family: IpFamily): string {
  return (
    INTERNET[family].find((ip) => ownersOf(ix, ip).length === 0) ?? (INTERNET[family][0] as string)
  );
}

const podEp = (p: PodEntry, port?: number): Endpoint => ({
  kind: 'pod',
  cluster: p.cluster.name,
  namespace: p.namespace,
  name: p.name,
  ...(port !== undefined ? { port } : {}),
});
const nodeEp = (n: NodeEntry, port?: number): Endpoint => ({
  kind: 'node',
  cluster: n.cluster.name,
  name: n.name,
  ...(port !== undefined ? { port } : {}),
});

export function suggestFlows(s: Scenario): SuggestedFlow[] {
  const ix = indexScenario(s);
  const out: SuggestedFlow[] = [];
  const seen = new Set<string>();
  const add = (id: string, label: string, flow: Flow, kind: 'plain' | 'egress' = 'plain') => {
    if (seen.has(id) || out.length >= MAX) return;
    seen.add(id);
    const t = trace(s, flow, { reply: false });
    if (t.reason?.startsWith('invalid flow')) return;
    let suffix = '';
    if (t.verdict === 'dropped') suffix = ` (dropped: ${t.reason})`;
    else if (kind === 'egress')
      suffix = t.hops.some((h) => h.action === 'snat') ? ' (SNAT egress)' : ' (no SNAT)';
    out.push({ id, label: `${label}${suffix}`, flow });
  };
  const multi = ix.multiCluster;
  const nm = (c: ClusterEntry, name: string) => (multi ? `${c.name} ${name}` : name);

  for (const c of ix.clusters) {
    const pods = c.pods.filter((p) => !p.hostNetwork && p.addrs.length > 0 && p.node);
    const family: IpFamily = c.cluster.ipFamilies[0] ?? 'IPv4';
    const client = internetIp(ix, family);
    const first = pods[0];
    const id = (x: string) => `${c.name}:${x}`;

    // Pod to pod, on one node and across nodes.
    for (const n of c.nodes) {
      const local = n.pods.filter((p) => pods.includes(p));
      const [a, b] = local;
      if (a && b) {
        add(id(`pod-pod-node:${a.name}:${b.name}`), `${nm(c, a.name)} to ${b.name} (same node)`, {
          from: podEp(a),
          to: podEp(b),
        });
        break;
      }
    }
    if (first) {
      const far = pods.find((p) => p.node !== first.node);
      if (far) {
        add(
          id(`pod-pod-nodes:${first.name}:${far.name}`),
          `${nm(c, first.name)} to ${far.name} (across nodes, ${c.podNetwork})`,
          { from: podEp(first), to: podEp(far) },
        );
      }
    }

    // Services by name, the hairpin, node to pod and to a ClusterIP.
    let hairpinDone = false;
    for (const svc of c.services.slice(0, 4)) {
      const port = svc.svc.ports[0];
      if (!port) continue;
      const selected = new Set(selectPods(c, svc.namespace, svc.svc.selector ?? {}));
      const caller = pods.find((p) => !selected.has(p)) ?? first;
      if (caller) {
        add(
          id(`pod-svc:${caller.name}:${svc.namespace}/${svc.name}`),
          `${nm(c, caller.name)} to Service ${svc.name}`,
          {
            from: podEp(caller),
            to: {
              kind: 'svc',
              cluster: c.name,
              namespace: svc.namespace,
              name: svc.name,
              port: port.port,
            },
          },
        );
        if (c.cluster.ipFamilies.length > 1 && svc.clusterIPs.length > 1) {
          const other = c.cluster.ipFamilies[1] as IpFamily;
          add(
            id(`pod-svc-${other}:${caller.name}:${svc.namespace}/${svc.name}`),
            `${nm(c, caller.name)} to Service ${svc.name} over ${other}`,
            {
              from: podEp(caller),
              to: {
                kind: 'svc',
                cluster: c.name,
                namespace: svc.namespace,
                name: svc.name,
                port: port.port,
              },
              family: other,
            },
          );
        }
      }
      const backend = serviceEndpoints(svc, port, family)[0];
      if (backend && !hairpinDone && !backend.pod.hostNetwork) {
        hairpinDone = true;
        add(
          id(`hairpin:${svc.name}`),
          `${nm(c, backend.pod.name)} to its own Service ${svc.name} (hairpin)`,
          {
            from: podEp(backend.pod),
            to: {
              kind: 'svc',
              cluster: c.name,
              namespace: svc.namespace,
              name: svc.name,
              port: port.port,
            },
          },
        );
      }
      const node = c.nodes[0];
      const vip = addrOf(svc.clusterIPs, family);
      if (node && vip) {
        add(
          id(`node-clusterip:${node.name}:${svc.name}`),
          `${nm(c, node.name)} to ClusterIP ${vip} (Service ${svc.name})`,
          {
            from: nodeEp(node),
            to: { kind: 'ip', ip: vip, port: port.port },
          },
        );
      }
    }
    const n0 = c.nodes[0];
    const remote = n0 ? pods.find((p) => p.node !== n0) : undefined;
    if (n0 && remote) {
      add(id(`node-pod:${n0.name}:${remote.name}`), `${nm(c, n0.name)} to ${remote.name}`, {
        from: nodeEp(n0),
        to: podEp(remote),
      });
    }

    // Into the cluster: NodePorts on (up to) two nodes, HostPorts, load balancers, gateways.
    let nodePorts = 0;
    for (const [, np] of c.nodePorts) {
      if (nodePorts++ >= 2) break;
      for (const n of c.nodes.slice(0, 2)) {
        const port = np.port.nodePort ?? 0;
        add(
          id(`nodeport:${port}:${n.name}`),
          `internet to NodePort ${port} on ${nm(c, n.name)} (Service ${np.svc.name})`,
          {
            from: { kind: 'ip', ip: client },
            to: nodeEp(n, port),
            protocol: np.port.protocol ?? DEFAULTS.protocol,
          },
        );
      }
    }
    for (const [, hp] of [...c.hostPorts].slice(0, 2)) {
      const n = hp.pod.node;
      if (!n || hp.port.hostPort === undefined) continue;
      add(
        id(`hostport:${hp.port.hostPort}:${n.name}`),
        `internet to HostPort ${hp.port.hostPort} on ${nm(c, n.name)} (${hp.pod.name})`,
        {
          from: { kind: 'ip', ip: client },
          to: nodeEp(n, hp.port.hostPort),
          protocol: hp.port.protocol ?? DEFAULTS.protocol,
        },
      );
    }
    for (const svc of c.services) {
      const lb = svc.lbIPs[0];
      const port = svc.svc.ports[0];
      if (!lb || !port) continue;
      add(id(`lb:${svc.name}`), `internet to the load balancer of ${nm(c, svc.name)} (${lb.ip})`, {
        from: { kind: 'ip', ip: internetIp(ix, lb.family) },
        to: {
          kind: 'lb',
          cluster: c.name,
          namespace: svc.namespace,
          name: svc.name,
          port: port.port,
        },
      });
    }
    const host = ix.hosts[0];
    for (const g of c.gateways) {
      if (g.gw.kind !== 'vip' && g.gw.kind !== 'proxy') continue;
      const addr = g.addrs[0];
      if (!addr) continue;
      const from: Endpoint = host
        ? { kind: 'host', name: host.name }
        : { kind: 'ip', ip: internetIp(ix, addr.family) };
      const who = host ? host.name : 'internet';
      const rule = c.ingresses.flatMap((i) => i.ingress.rules).find((r) => r.host);
      add(
        id(`gw:${g.name}`),
        `${who} to ${g.gw.kind === 'vip' ? 'VIP' : 'proxy'} ${nm(c, g.name)} (${addr.ip})`,
        {
          from,
          to: { kind: 'gw', cluster: c.name, name: g.name, port: 80 },
          ...(g.gw.kind === 'proxy' && rule?.host ? { host: rule.host } : {}),
        },
      );
    }

    // Out of the cluster.
    if (first) {
      for (const h of ix.hosts.slice(0, 2)) {
        add(
          id(`egress:${first.name}:${h.name}`),
          `${nm(c, first.name)} to ${h.name}`,
          { from: podEp(first), to: { kind: 'host', name: h.name } },
          'egress',
        );
      }
      const fam = first.addrs[0]?.family ?? family;
      add(
        id(`egress-internet:${first.name}`),
        `${nm(c, first.name)} to the internet`,
        {
          from: podEp(first),
          to: { kind: 'ip', ip: internetIp(ix, fam), port: 443 },
        },
        'egress',
      );
    }
  }

  // Across clusters: direct to a pod, to a NodePort, and from an outside host.
  for (const a of ix.clusters) {
    for (const b of ix.clusters) {
      if (a === b) continue;
      const src = a.pods.find((p) => !p.hostNetwork && p.node && p.addrs.length);
      const dstPod = b.pods.filter((p) => !p.hostNetwork && p.node && p.addrs.length).slice(-2)[0];
      if (src && dstPod) {
        add(
          `x:${a.name}:${src.name}:${b.name}:${dstPod.name}`,
          `${a.name} ${src.name} to ${b.name} ${dstPod.name} (direct)`,
          {
            from: podEp(src),
            to: podEp(dstPod),
          },
        );
      }
      const np = [...b.nodePorts.values()][0];
      const n = b.nodes[0];
      if (src && np && n && np.port.nodePort !== undefined) {
        add(
          `x-np:${a.name}:${b.name}:${np.port.nodePort}`,
          `${a.name} ${src.name} to ${b.name} NodePort ${np.port.nodePort} on ${n.name}`,
          {
            from: podEp(src),
            to: nodeEp(n, np.port.nodePort),
          },
        );
      }
    }
  }
  const h = ix.hosts[0];
  if (h && multi) {
    for (const c of ix.clusters) {
      const p = c.pods.find((x) => !x.hostNetwork && x.node && x.addrs.length);
      if (p)
        add(`host-pod:${h.name}:${c.name}:${p.name}`, `${h.name} to ${c.name} ${p.name} (direct)`, {
          from: { kind: 'host', name: h.name },
          to: podEp(p),
        });
    }
  }
  return out;
}
