/**
 * One trace of each path kind on a 1,000-node scenario; budget: median at most 1 ms each.
 * The scenario index is built once per scenario object (as the app does), so the timing is
 * of the trace itself.
 */
import { fillScenario } from '../src/core/model/ipam';
import type { Scenario } from '../src/core/model/schema';
import { largeScenario } from '../src/core/scenario/random';
import { trace, type Endpoint, type Flow } from '../src/core/sim';
import { timeIt, type BenchRow } from './bench-lib';

export function traceBenchScenario(podNetwork: 'routed' | 'overlay'): Scenario {
  const base = largeScenario({ nodes: 1000, podsPerNode: 10, services: 50 });
  const c = base.clusters[0];
  if (!c) throw new Error('largeScenario made no cluster');
  return fillScenario({
    ...base,
    model: 'island',
    clusters: [
      {
        ...c,
        podNetwork,
        pods: [
          ...c.pods,
          {
            name: 'hp',
            nodeName: 'node1',
            labels: { app: 'hp' },
            ports: [{ containerPort: 8080, hostPort: 8080 }],
          },
        ],
        services: [
          ...c.services,
          {
            name: 'web-np',
            type: 'NodePort',
            selector: { app: 'web' },
            ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
          },
          {
            name: 'web-local',
            type: 'NodePort',
            externalTrafficPolicy: 'Local',
            selector: { app: 'web' },
            ports: [{ port: 80, targetPort: 8080, nodePort: 30081 }],
          },
          {
            name: 'web-lb',
            type: 'LoadBalancer',
            selector: { app: 'web' },
            ports: [{ port: 80, targetPort: 8080, nodePort: 30082 }],
            loadBalancerIngress: ['203.0.113.10'],
          },
        ],
        gateways: [
          { name: 'nodes', kind: 'nodes' },
          { name: 'edge', kind: 'proxy', addresses: ['10.250.0.10'], upstream: 'pods' },
        ],
        ingresses: [
          {
            name: 'web',
            controller: 'edge',
            rules: [{ host: 'web.example.com', paths: [{ path: '/', service: 'web', port: 80 }] }],
          },
        ],
      },
    ],
  }).scenario;
}

const pod = (name: string, port?: number): Endpoint => ({
  kind: 'pod',
  name,
  ...(port ? { port } : {}),
});
const ip = (addr: string, port?: number): Endpoint => ({
  kind: 'ip',
  ip: addr,
  ...(port ? { port } : {}),
});
const CLIENT = '198.51.100.7';

export function traceBenchFlows(): Array<{ name: string; overlay?: boolean; flow: Flow }> {
  return [
    { name: 'pod to pod, same node', flow: { from: pod('web-0'), to: pod('web-1000', 8080) } },
    { name: 'pod to pod, routed', flow: { from: pod('web-0'), to: pod('web-1', 8080) } },
    {
      name: 'pod to pod, overlay',
      overlay: true,
      flow: { from: pod('web-0'), to: pod('web-1', 8080) },
    },
    {
      name: 'pod to Service by name',
      flow: { from: pod('api-0'), to: { kind: 'svc', name: 'web', port: 80 } },
    },
    {
      name: 'node to pod',
      flow: { from: { kind: 'node', name: 'node7' }, to: pod('web-1', 8080) },
    },
    {
      name: 'outside to NodePort (Cluster)',
      flow: { from: ip(CLIENT), to: ip('10.240.0.9', 30080) },
    },
    {
      name: 'outside to NodePort (Local)',
      flow: { from: ip(CLIENT), to: ip('10.240.0.9', 30081) },
    },
    { name: 'outside to HostPort', flow: { from: ip(CLIENT), to: ip('10.240.0.1', 8080) } },
    {
      name: 'outside to LoadBalancer IP',
      flow: { from: ip(CLIENT), to: { kind: 'lb', name: 'web-lb', port: 80 } },
    },
    {
      name: 'outside through L7 proxy',
      flow: {
        from: ip(CLIENT),
        to: { kind: 'gw', name: 'edge', port: 80 },
        host: 'web.example.com',
      },
    },
    { name: 'pod to outside (SNAT)', flow: { from: pod('web-0'), to: ip(CLIENT, 443) } },
  ];
}

export function traceBenchRows(): BenchRow[] {
  const routed = traceBenchScenario('routed');
  const overlay = traceBenchScenario('overlay');
  return traceBenchFlows().map(({ name, overlay: o, flow }) => {
    const s = o ? overlay : routed;
    const t = trace(s, flow);
    return {
      name: `trace on 1,000 nodes: ${name}`,
      ...timeIt(() => trace(s, flow), 51, 5),
      budget: 1,
      unit: 'ms',
      note: `${t.verdict}, ${t.hops.length} hops`,
    };
  });
}
