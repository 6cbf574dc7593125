/**
 * The current hop, read like a capture: where, what happened, and the headers with the
 * fields this hop rewrote shown old -> new. The outer header of an encapsulated packet is
 * drawn as a dashed box around the inner one.
 */
import { endpointString } from '../core/model/cidr';
import type { Hop, Packet } from '../core/sim/types';
import { selectTrace, selectTraceResult, useAppStore } from '../store';
import { ACTION_LABEL } from './format';

function Field({ now, before, changed }: { now: string; before: string | null; changed: boolean }) {
  if (!changed || before === null || before === now) return <span>{now}</span>;
  return (
    <span>
      <span className="old">{before}</span> → <span className="changed">{now}</span>
    </span>
  );
}

export function hopSummary(h: Hop, i: number, n: number, prev: Packet | null): string {
  const p = h.packet;
  const parts = [`Hop ${i + 1} of ${n}, ${h.at}: ${ACTION_LABEL[h.action] ?? h.action}.`];
  const src = endpointString(p.src, p.srcPort);
  const dst = endpointString(p.dst, p.dstPort);
  if (prev && (h.changed.includes('src') || h.changed.includes('srcPort'))) {
    parts.push(`Source ${endpointString(prev.src, prev.srcPort)} becomes ${src}.`);
  } else parts.push(`Source ${src}.`);
  if (prev && (h.changed.includes('dst') || h.changed.includes('dstPort'))) {
    parts.push(`Destination ${endpointString(prev.dst, prev.dstPort)} becomes ${dst}.`);
  } else parts.push(`Destination ${dst}.`);
  if (p.outer) parts.push(`Outer header ${p.outer.src} to ${p.outer.dst}.`);
  parts.push(h.note);
  return parts.join(' ');
}

export function HopCard() {
  const leg = useAppStore(selectTrace);
  const result = useAppStore(selectTraceResult);
  const hopIndex = useAppStore((s) => s.playback.hop);
  if (result?.error) {
    return (
      <div className="overlay hop-card act-drop" role="status">
        <div className="where">This flow cannot be traced</div>
        <p className="note">{result.error}</p>
      </div>
    );
  }
  if (!leg) return null;
  const hops = leg.hops;
  const i = Math.min(hopIndex, hops.length - 1);
  const h = hops[i];
  if (!h) return null;
  const prev = i > 0 ? (hops[i - 1]?.packet ?? null) : null;
  const p = h.packet;
  const ch = (f: Hop['changed'][number]) => h.changed.includes(f);
  const src = endpointString(p.src, p.srcPort);
  const dst = endpointString(p.dst, p.dstPort);
  const psrc = prev ? endpointString(prev.src, prev.srcPort) : null;
  const pdst = prev ? endpointString(prev.dst, prev.dstPort) : null;
  const outerNow = p.outer ? `${p.outer.src} → ${p.outer.dst}` : null;
  const outerBefore = prev?.outer ? `${prev.outer.src} → ${prev.outer.dst}` : null;
  const last = i === hops.length - 1;
  return (
    <div className={`overlay hop-card act-${h.action}`} data-testid="hop-card">
      <div className="head">
        <span className="count">
          {leg.leg === 'reply' ? 'Reply · ' : ''}Hop {i + 1} of {hops.length}
        </span>
        <span className={`chip act-${h.action}`}>{ACTION_LABEL[h.action] ?? h.action}</span>
        <span className="where mono">{h.at}</span>
        {h.connection > 1 ? (
          <span className="chip act-proxy">connection {h.connection}</span>
        ) : null}
      </div>
      <p className="note">{h.note}</p>
      <div className="headers" aria-label="Packet headers after this hop">
        <span className="h" />
        <span className="h">source</span>
        <span className="h">destination</span>
        <span className="h">proto</span>
        {outerNow || outerBefore ? (
          <>
            <span className="h">outer</span>
            <span className="outer-row" style={{ gridColumn: '2 / 4' }}>
              {outerNow ? (
                <Field now={outerNow} before={outerBefore} changed={ch('outer')} />
              ) : (
                <span>
                  <span className="old">{outerBefore}</span> →{' '}
                  <span className="changed">removed</span>
                </span>
              )}
            </span>
            <span>{p.outer ? 'encap' : ''}</span>
          </>
        ) : null}
        <span className="h">{p.outer ? 'inner' : 'packet'}</span>
        <span data-testid="hop-src">
          <Field now={src} before={psrc} changed={ch('src') || ch('srcPort')} />
        </span>
        <span data-testid="hop-dst">
          <Field now={dst} before={pdst} changed={ch('dst') || ch('dstPort')} />
        </span>
        <span>{p.protocol}</span>
      </div>
      {last ? (
        <p className="note" style={{ marginTop: 8, fontWeight: 700 }}>
          {leg.trace.verdict === 'dropped' && leg.leg === 'request'
            ? `Dropped: ${leg.trace.reason ?? h.note}`
            : leg.leg === 'reply'
              ? 'The reply is back at the client.'
              : 'Delivered.'}
        </p>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {hopSummary(h, i, hops.length, prev)}
      </p>
    </div>
  );
}
