/**
 * Click a source, click a destination: turn two selected objects into a Flow.
 * Destination ports follow what the object serves: a Service's first port, a pod's first
 * containerPort, a node's first NodePort (when the cluster has one), a load balancer's port.
 */
import type { Endpoint, Flow } from '../core/sim/types';
import type { Scenario } from '../core/model/schema';
import { derive, type Rec } from './derive';
import type { FlowChoice } from './store';

const LB_SUFFIX = '#lb';

function endpointOf(rec: Rec, asDestination: boolean, lb: boolean): Endpoint | string {
  switch (rec.kind) {
    case 'pod': {
      const port = asDestination ? (rec.pod.ports?.[0]?.containerPort ?? 8080) : undefined;
      return {
        kind: 'pod',
        cluster: rec.cluster.name,
        ...(rec.pod.namespace ? { namespace: rec.pod.namespace } : {}),
        name: rec.pod.name,
        ...(port !== undefined ? { port } : {}),
      };
    }
    case 'node': {
      let port: number | undefined;
      if (asDestination) {
        for (const v of rec.cluster.services) {
          const np = v.ports.find((p) => p.nodePort !== undefined)?.nodePort;
          if (np !== undefined && (v.type === 'NodePort' || v.type === 'LoadBalancer')) {
            port = np;
            break;
          }
        }
      }
      return {
        kind: 'node',
        cluster: rec.cluster.name,
        name: rec.node.name,
        ...(port !== undefined ? { port } : {}),
      };
    }
    case 'service': {
      const port = asDestination ? rec.service.ports[0]?.port : undefined;
      return {
        kind: lb ? 'lb' : 'svc',
        cluster: rec.cluster.name,
        ...(rec.service.namespace ? { namespace: rec.service.namespace } : {}),
        name: rec.service.name,
        ...(port !== undefined ? { port } : {}),
      };
    }
    case 'gateway':
      return {
        kind: 'gw',
        cluster: rec.cluster.name,
        name: rec.gateway.name,
        ...(asDestination ? { port: 80 } : {}),
      };
    case 'host':
      return { kind: 'host', name: rec.host.name, ...(asDestination ? { port: 443 } : {}) };
    default:
      return `A ${rec.kind} cannot send or receive packets: pick a pod, node, host, Service or gateway.`;
  }
}

function labelOf(rec: Rec, lb: boolean, many: boolean): string {
  // With several clusters, names repeat (pod-a in c1 and c2): say which.
  const at = (name: string) => (many && 'cluster' in rec ? `${rec.cluster.name}/${name}` : name);
  switch (rec.kind) {
    case 'pod':
      return at(rec.pod.name);
    case 'node':
      return at(rec.node.name);
    case 'service':
      return lb ? `load balancer of ${at(rec.service.name)}` : `Service ${at(rec.service.name)}`;
    case 'gateway':
      return `gateway ${at(rec.gateway.name)}`;
    case 'host':
      return rec.host.name;
    default:
      return rec.ref;
  }
}

export function pickToFlow(scenario: Scenario, src: string, dst: string): FlowChoice | string {
  if (src === dst) return 'Source and destination are the same object: pick two different ones.';
  const { records } = derive(scenario);
  const look = (ref: string) => {
    const lb = ref.endsWith(LB_SUFFIX);
    const rec = records.get(lb ? ref.slice(0, -LB_SUFFIX.length) : ref);
    return { rec, lb };
  };
  const a = look(src);
  const b = look(dst);
  if (!a.rec || !b.rec) return 'That object is no longer in the scenario.';
  const from = endpointOf(a.rec, false, a.lb);
  if (typeof from === 'string') return from;
  const to = endpointOf(b.rec, true, b.lb);
  if (typeof to === 'string') return to;
  const flow: Flow = { from, to };
  const port = 'port' in to && to.port !== undefined ? `:${to.port}` : '';
  const many = scenario.clusters.length > 1;
  return {
    id: `pick:${src}->${dst}`,
    label: `${labelOf(a.rec, a.lb, many)} to ${labelOf(b.rec, b.lb, many)}${port}`,
    flow,
  };
}
