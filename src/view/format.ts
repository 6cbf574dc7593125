/** Small text helpers shared by the diagram, the inspector and the hop list. */
import { endpointString } from '../core/model/cidr';
import type { Service } from '../core/model/schema';
import type { Packet, PacketHeader } from '../core/sim/types';

/** Cut `text` to fit `width` px at `charPx` per character, with an ellipsis. */
export function clip(text: string, width: number, charPx: number): string {
  const max = Math.max(1, Math.floor(width / charPx));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export function serviceTypeLabel(v: Service): string {
  if (v.clusterIPs?.[0] === 'None') return 'headless';
  return v.type ?? 'ClusterIP';
}

/** "80→8080/TCP :30021" for each port. */
export function portsText(v: Service): string {
  return v.ports
    .map((p) => {
      const target =
        p.targetPort !== undefined && p.targetPort !== p.port ? `→${p.targetPort}` : '';
      const proto = p.protocol && p.protocol !== 'TCP' ? `/${p.protocol}` : '';
      const np = p.nodePort !== undefined ? ` :${p.nodePort}` : '';
      return `${p.port}${target}${proto}${np}`;
    })
    .join(', ');
}

export const srcText = (p: PacketHeader) => endpointString(p.src, p.srcPort);
export const dstText = (p: PacketHeader) => endpointString(p.dst, p.dstPort);
export const outerText = (p: Packet) => (p.outer ? `${p.outer.src} → ${p.outer.dst}` : '');

export const ACTION_LABEL: Record<string, string> = {
  send: 'send',
  dns: 'DNS',
  route: 'route',
  dnat: 'DNAT',
  snat: 'SNAT',
  encap: 'encap',
  decap: 'decap',
  proxy: 'proxy',
  deliver: 'deliver',
  drop: 'drop',
};
