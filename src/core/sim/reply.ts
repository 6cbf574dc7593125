/**
 * The reply path of a delivered connection. conntrack makes NAT symmetric: the reply walks
 * the forward path backwards, and every place that rewrote the request undoes it on the reply
 * (un-DNAT: the reply's source becomes the address the client connected to; un-SNAT: the
 * reply's destination becomes the real client). A pass-through load balancer is not on the
 * return path (the node answers the client directly).
 */
import { cidrContainsIp, cidrToString, ipFrom } from '../model/cidr';
import type { HopAction, Packet } from './types';
import { ep, nodeIp, type WorkHop } from './walk';
import { cap, type Place } from './places';
import type { IpFamily } from '../model/schema';

interface Item {
  place: Place;
  action: HopAction;
  packet: Packet;
  connection: number;
  note: string;
}

const swap = (p: Packet): Packet => ({
  src: p.dst,
  srcPort: p.dstPort,
  dst: p.src,
  dstPort: p.srcPort,
  protocol: p.protocol,
  outer: p.outer ? { src: p.outer.dst, dst: p.outer.src } : null,
});

const MIRROR: Record<HopAction, HopAction> = {
  send: 'deliver',
  deliver: 'send',
  dns: 'dns',
  route: 'route',
  dnat: 'dnat',
  snat: 'snat',
  encap: 'decap',
  decap: 'encap',
  proxy: 'proxy',
  drop: 'drop',
};

export interface ReplyBlock {
  hop: WorkHop;
  note: string;
}

/** Builds the reply hops (with `changed` left empty; the caller fills it). */
export function buildReply(
  hops: readonly WorkHop[],
  family: IpFamily,
  blocked: ReplyBlock | null,
): WorkHop[] {
  const fwd = hops.filter((h) => h.action !== 'dns');
  const n = fwd.length - 1;
  const last = fwd[n];
  const first = fwd[0];
  if (!last || !first || n < 1) return [];
  const items: Item[] = [
    {
      place: last.place,
      action: 'send',
      packet: swap(last.packet),
      connection: last.connection,
      note: '',
    },
  ];
  let stopped = false;
  for (let i = n - 1; i >= 1; i--) {
    const h = fwd[i];
    const prev = fwd[i - 1];
    if (!h || !prev || h.replySkip) continue;
    if (blocked && blocked.hop === h) {
      items.push({
        place: h.place,
        action: 'drop',
        packet: swap(h.packet),
        connection: h.connection,
        note: blocked.note,
      });
      stopped = true;
      break;
    }
    items.push({
      place: h.place,
      action: MIRROR[h.action],
      packet: swap(prev.packet),
      connection: prev.connection,
      note: '',
    });
  }
  if (!stopped) {
    items.push({
      place: first.place,
      action: 'deliver',
      packet: swap(first.packet),
      connection: first.connection,
      note: '',
    });
  }
  reorder(items);
  const connectedTo = ep(first.packet.dst, first.packet.dstPort);
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (!it || it.note) continue;
    it.note = noteFor(it, items[k - 1] ?? null, nextPlace(items, k), family, connectedTo);
  }
  return items.map((it) => ({
    at: it.place.at,
    kind: it.place.kind,
    ref: it.place.ref,
    action: it.action,
    packet: it.packet,
    note: it.note,
    changed: [],
    connection: it.connection,
    place: it.place,
  }));
}

/**
 * At one place the reply is un-NATed before it is routed on (conntrack runs in PREROUTING),
 * so within a run of hops at the same place the route comes last, and goes when the reply is
 * delivered right there.
 */
function reorder(items: Item[]): void {
  let i = 0;
  while (i < items.length) {
    let j = i;
    while (j + 1 < items.length && items[j + 1]?.place.at === items[i]?.place.at) j++;
    if (j > i) {
      const group = items.slice(i, j + 1);
      const nat = group.filter((g) => g.action !== 'route');
      // Delivered here: nothing is forwarded on.
      const routes = group.some((g) => g.action === 'deliver')
        ? []
        : group.filter((g) => g.action === 'route');
      const lastNat = nat[nat.length - 1];
      if (lastNat) for (const r of routes) r.packet = lastNat.packet;
      items.splice(i, group.length, ...nat, ...routes);
      j = i + nat.length + routes.length - 1;
    }
    i = j + 1;
  }
}

function nextPlace(items: Item[], k: number): Place | null {
  const here = items[k]?.place.at;
  for (let m = k + 1; m < items.length; m++) {
    const p = items[m]?.place;
    if (p && p.at !== here) return p;
  }
  return null;
}

function noteFor(
  it: Item,
  before: Item | null,
  next: Place | null,
  family: IpFamily,
  connectedTo: string,
): string {
  const p = it.packet;
  const s = ep(p.src, p.srcPort);
  const d = ep(p.dst, p.dstPort);
  const label = it.place.label;
  const b = before?.packet;
  switch (it.action) {
    case 'send':
      return `${cap(label)} answers from ${s} to ${d}.`;
    case 'deliver':
      return s === connectedTo
        ? `${cap(label)} receives the reply from ${s}, the address it connected to, so the connection matches.`
        : `${cap(label)} receives the reply on ${d} from ${s}.`;
    case 'dnat':
      return `conntrack on ${label} reverses the DNAT: the reply's source ${b ? ep(b.src, b.srcPort) : ''} becomes ${s}.`;
    case 'snat':
      return `conntrack on ${label} reverses the SNAT: the reply's destination ${b ? ep(b.dst, b.dstPort) : ''} becomes ${d}.`;
    case 'encap':
      return `${cap(label)} encapsulates the reply for the overlay: outer ${p.outer?.src} -> ${p.outer?.dst} around inner ${p.src} -> ${p.dst}.`;
    case 'decap':
      return `${cap(label)} decapsulates the reply: the inner ${p.src} -> ${p.dst} goes on.`;
    case 'proxy':
      return `${cap(label)} relays the backend's answer to the client on the first connection, from ${s} to ${d}.`;
    case 'route':
      return routeNote(it, next, family);
    case 'dns':
    case 'drop':
      return '';
  }
}

function routeNote(it: Item, next: Place | null, family: IpFamily): string {
  const p = it.packet;
  const label = cap(it.place.label);
  if (!next) return `${label} forwards the reply to ${p.dst}.`;
  if (it.place.kind === 'node' && next.kind === 'pod') {
    return `${label} hands the reply to ${next.label}'s interface.`;
  }
  if (next.kind === 'node' && next.node) {
    const d = ipFrom(p.dst);
    const range = d ? next.node.ranges.find((r) => cidrContainsIp(r, d)) : undefined;
    const via = nodeIp(next.node, family);
    if (range && via) {
      return `${label} routes the reply to ${p.dst} via ${via} (${next.label}): route ${cidrToString(range)} via ${via}.`;
    }
    return `${label} sends the reply to ${next.label}.`;
  }
  if (next.kind === 'router') return `${label} sends the reply to ${next.label}.`;
  return `${label} forwards the reply to ${next.label}.`;
}
