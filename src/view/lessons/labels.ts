/** Plain names for a lesson step's flow, as the flow menu shows it ("c1 pod-a to NodePort node1:30080"). */
import { endpointString } from '../../core/model/cidr';
import type { Endpoint, Flow } from '../../core/sim/types';

const inCluster = (cluster: string | undefined) => (cluster ? `${cluster} ` : '');
const port = (p: number | undefined) => (p !== undefined ? `:${p}` : '');

export function endpointLabel(e: Endpoint): string {
  switch (e.kind) {
    case 'pod':
      return `${inCluster(e.cluster)}${e.name}`;
    case 'node':
      return e.port !== undefined
        ? `${inCluster(e.cluster)}NodePort ${e.name}${port(e.port)}`
        : `${inCluster(e.cluster)}${e.name}`;
    case 'svc':
      return `${inCluster(e.cluster)}Service ${e.name}${port(e.port)}`;
    case 'lb':
      return `${inCluster(e.cluster)}load balancer of ${e.name}${port(e.port)}`;
    case 'gw':
      return `${inCluster(e.cluster)}gateway ${e.name}`;
    case 'host':
      return e.name;
    case 'ip':
      return endpointString(e.ip, e.port);
  }
}

export function flowLabel(f: Flow): string {
  const proto = f.protocol && f.protocol !== 'TCP' ? ` (${f.protocol})` : '';
  const fam = f.family ? ` over ${f.family}` : '';
  return `${endpointLabel(f.from)} to ${endpointLabel(f.to)}${proto}${fam}`;
}
