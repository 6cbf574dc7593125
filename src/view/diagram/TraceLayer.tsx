/**
 * The traced path on the diagram: segments already travelled (solid) and still to come
 * (dotted), a numbered stop per hop coloured by its action, and where a packet is dropped a
 * red cross with the reason. Re-renders when the hop changes, never per frame.
 */
import { memo } from 'react';
import type { Point } from '../../core/layout/types';
import type { Hop } from '../../core/sim/types';
import { selectPath, selectTrace, useActions, useAppStore } from '../../store';
import { clip } from '../format';

const pts = (ps: readonly Point[]) => ps.map((p) => `${p.x},${p.y}`).join(' ');

export const TraceLayer = memo(function TraceLayer({ scale }: { scale: number }) {
  const leg = useAppStore(selectTrace);
  const path = useAppStore(selectPath);
  const hop = useAppStore((s) => s.playback.hop);
  const actions = useActions();
  if (!leg || !path) return null;
  const hops: Hop[] = leg.hops;
  const r = 13 * scale;
  const last = hops[hops.length - 1];
  const dropAt = last?.action === 'drop' ? path.stops[hops.length - 1] : undefined;
  // Stops that share a place (several hops on one node) are fanned out so each number shows.
  const seen = new Map<string, number>();
  const stopPos = path.stops.map((p) => {
    const k = `${Math.round(p.x)},${Math.round(p.y)}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return { x: p.x + n * r * 1.9, y: p.y - n * 0 };
  });
  return (
    <g className="trace-path" aria-hidden="true">
      {path.segments.map((s) => {
        const conn = hops[s.from + 1]?.connection ?? 1;
        return (
          <polyline
            key={`s${s.from}`}
            className={`${s.from < hop ? 'seg-done' : 'seg-todo'} conn-${conn > 1 ? 2 : 1}`}
            points={pts(s.points)}
            style={{ strokeWidth: (s.from < hop ? 7 : 4) * Math.max(1, scale * 0.8) }}
          />
        );
      })}
      {stopPos.map((p, i) => {
        const h = hops[i];
        if (!h) return null;
        return (
          <g
            key={`h${i}`}
            className={`stop act-${h.action} ${i === hop ? 'current' : ''}`}
            onClick={(e) => {
              e.stopPropagation();
              actions.goToHop(i);
            }}
          >
            <circle cx={p.x} cy={p.y} r={r} />
            <text
              x={p.x}
              y={p.y + 4.5 * scale}
              textAnchor="middle"
              style={{ fontSize: 13 * scale }}
            >
              {i + 1}
            </text>
          </g>
        );
      })}
      {dropAt && last ? (
        <g className="drop-mark">
          <line
            x1={dropAt.x - 18 * scale}
            y1={dropAt.y - 18 * scale}
            x2={dropAt.x + 18 * scale}
            y2={dropAt.y + 18 * scale}
          />
          <line
            x1={dropAt.x + 18 * scale}
            y1={dropAt.y - 18 * scale}
            x2={dropAt.x - 18 * scale}
            y2={dropAt.y + 18 * scale}
          />
          <rect
            x={dropAt.x + 26 * scale}
            y={dropAt.y - 16 * scale}
            width={
              Math.min(560, 14 + 8.6 * Math.min(60, 9 + (leg.trace.reason ?? last.note).length)) *
              scale
            }
            height={30 * scale}
            rx={6 * scale}
          />
          <text x={dropAt.x + 34 * scale} y={dropAt.y + 5 * scale} style={{ fontSize: 15 * scale }}>
            {clip(`dropped: ${leg.trace.reason ?? last.note}`, 540, 8.6)}
          </text>
        </g>
      ) : null}
    </g>
  );
});
