/**
 * Ways to print a trace: the CLI's JSON contract, a plain-text description for screen readers,
 * and a readable table.
 */
import { endpointString } from '../model/cidr';
import type { Hop, HopAction, Trace } from './types';

export interface HopJson {
  at: string;
  action: HopAction;
  src: string;
  dst: string;
  outer: { src: string; dst: string } | null;
  note: string;
}

export interface TraceJson {
  verdict: 'delivered' | 'dropped';
  reason: string | null;
  hops: HopJson[];
  reply: HopJson[] | null;
}

const hopJson = (h: Hop): HopJson => ({
  at: h.at,
  action: h.action,
  src: endpointString(h.packet.src, h.packet.srcPort),
  dst: endpointString(h.packet.dst, h.packet.dstPort),
  outer: h.packet.outer ? { src: h.packet.outer.src, dst: h.packet.outer.dst } : null,
  note: h.note,
});

/** The `--json` shape of the trace CLI (docs/trace-cli.md). */
export function traceToJson(t: Trace): TraceJson {
  return {
    verdict: t.verdict,
    reason: t.reason,
    hops: t.hops.map(hopJson),
    reply: t.reply ? t.reply.map(hopJson) : null,
  };
}

function headers(h: Hop): string {
  const inner = `${endpointString(h.packet.src, h.packet.srcPort)} -> ${endpointString(h.packet.dst, h.packet.dstPort)}`;
  return h.packet.outer
    ? `outer ${h.packet.outer.src} -> ${h.packet.outer.dst} around ${inner}`
    : inner;
}

function ending(t: Trace): string {
  if (t.verdict === 'delivered') return 'Delivered.';
  const drop = [...t.hops, ...(t.reply ?? [])].reverse().find((h) => h.action === 'drop');
  return `Dropped${t.reason ? ` (${t.reason})` : ''}${drop ? ` at ${drop.at}` : ''}.`;
}

/** The whole path in plain sentences, for screen readers and the hop list's summary. */
export function describeTrace(t: Trace): string {
  const lines: string[] = [];
  lines.push(`${ending(t)} ${t.family}, ${t.hops.length} hop${t.hops.length === 1 ? '' : 's'}.`);
  t.hops.forEach((h, i) => {
    const conn = h.connection > 1 ? ` (connection ${h.connection})` : '';
    lines.push(`Step ${i + 1}, ${h.action} at ${h.at}${conn}: ${h.note} Packet: ${headers(h)}.`);
  });
  if (t.reply && t.reply.length > 0) {
    lines.push(`Reply, ${t.reply.length} hops:`);
    t.reply.forEach((h, i) => {
      lines.push(`Reply step ${i + 1}, ${h.action} at ${h.at}: ${h.note} Packet: ${headers(h)}.`);
    });
  }
  return lines.join('\n');
}

function table(hops: readonly Hop[]): string[] {
  const rows = hops.map((h, i) => [
    String(i + 1),
    h.at,
    h.action,
    endpointString(h.packet.src, h.packet.srcPort),
    endpointString(h.packet.dst, h.packet.dstPort),
    h.packet.outer ? `${h.packet.outer.src} -> ${h.packet.outer.dst}` : '',
  ]);
  const head = ['#', 'at', 'action', 'src', 'dst', 'outer'];
  const widths = head.map((x, i) => Math.max(x.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(head)];
  rows.forEach((r, i) => {
    out.push(line(r));
    const h = hops[i];
    if (h) out.push(`   ${h.connection > 1 ? `[connection ${h.connection}] ` : ''}${h.note}`);
  });
  return out;
}

/** A readable table: one row per hop with its note underneath, then the reply. */
export function formatTraceTable(t: Trace): string {
  const out: string[] = [];
  out.push(`${ending(t)} (${t.family})`);
  out.push('');
  out.push(...table(t.hops));
  if (t.reply && t.reply.length > 0) {
    out.push('');
    out.push('Reply:');
    out.push(...table(t.reply));
  }
  return out.join('\n');
}
