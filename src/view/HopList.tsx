/**
 * The hop list: like a capture at each hop (where, action, src, dst, outer header, note).
 * Clicking a hop moves the animation there. Below it, the whole path as plain text, for
 * screen readers and for copying into notes.
 */
import { useState } from 'react';
import {
  selectDescription,
  selectTrace,
  selectTraceResult,
  useActions,
  useAppStore,
} from '../store';
import { ACTION_LABEL, dstText, outerText, srcText } from './format';

export function HopList() {
  const leg = useAppStore(selectTrace);
  const result = useAppStore(selectTraceResult);
  const hop = useAppStore((s) => s.playback.hop);
  const description = useAppStore(selectDescription);
  const actions = useActions();
  const [copied, setCopied] = useState(false);
  if (!result) {
    return (
      <div>
        <h2>Hops</h2>
        <p className="hint">
          Choose a flow under the diagram, or press “Pick on diagram” and click a source and then a
          destination. The packet’s path appears here, one row per hop.
        </p>
      </div>
    );
  }
  if (!leg) {
    return (
      <div>
        <h2>{result.choice.label}</h2>
        <p className="verdict dropped">{result.error}</p>
      </div>
    );
  }
  const t = leg.trace;
  return (
    <div>
      <h2>{result.choice.label}</h2>
      <p className={`verdict ${t.verdict}`} data-testid="verdict">
        {t.verdict === 'delivered' ? 'Delivered' : `Dropped: ${t.reason ?? ''}`} · {t.family} ·{' '}
        {leg.leg === 'reply' ? 'reply path' : 'request path'}
      </p>
      <ol className="hops" aria-label="Hops">
        {leg.hops.map((h, i) => {
          const newConn = i > 0 && h.connection !== leg.hops[i - 1]?.connection;
          return (
            <li key={i}>
              {newConn ? (
                <div className="conn">Connection {h.connection}: the proxy opens a new one</div>
              ) : null}
              <button
                type="button"
                className={`hop act-${h.action}`}
                aria-current={i === hop ? 'step' : undefined}
                onClick={() => actions.goToHop(i)}
              >
                <span className="n">{i + 1}</span>
                <span className="top">
                  <span className={`chip act-${h.action}`}>
                    {ACTION_LABEL[h.action] ?? h.action}
                  </span>
                  <span className="at">{h.at}</span>
                </span>
                <span className="pkt">
                  {srcText(h.packet)} → {dstText(h.packet)} {h.packet.protocol}
                </span>
                {h.packet.outer ? <span className="outer">outer {outerText(h.packet)}</span> : null}
                <span className="note">{h.note}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <h3>The path in words</h3>
      <button
        type="button"
        className="btn"
        onClick={() => {
          void navigator.clipboard?.writeText(description).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? 'Copied' : 'Copy text'}
      </button>
      <p className="path-text" data-testid="path-text">
        {description}
      </p>
    </div>
  );
}
