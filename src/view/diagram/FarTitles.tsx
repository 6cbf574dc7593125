/**
 * Zoomed far out, only networks and clusters keep words: their titles, counter-scaled so
 * they read at about 14px on screen whatever the zoom. A few elements, re-rendered when the
 * zoom crosses a quarter-octave; nothing else re-renders while zooming.
 */
import { memo } from 'react';
import type { Box } from '../../core/layout/types';
import { derive, useAppStore } from '../../store';
import { titled } from './BoxView';

export const FarTitles = memo(function FarTitles({ boxes, kq }: { boxes: Box[]; kq: number }) {
  const records = useAppStore((s) => derive(s.scenario).records);
  const size = Math.max(16, 15 / kq);
  return (
    <g aria-hidden="true">
      {boxes.map((b) => {
        if (b.kind !== 'network' && b.kind !== 'cluster') return null;
        const rec = records.get(b.id);
        let text = '';
        if (rec?.kind === 'network')
          text = `${titled('network', rec.network.name)} ${rec.network.cidrs.join(', ')}`;
        else if (rec?.kind === 'cluster') {
          const c = rec.cluster;
          text = `${titled('cluster', c.name)} · ${c.nodes.length.toLocaleString('en-US')} nodes · ${c.pods.length.toLocaleString('en-US')} pods`;
        }
        if (!text) return null;
        const fs = Math.min(size, b.w / (text.length * 0.62));
        // A network's title must fit its header strip; a cluster's sits over its first row,
        // with a halo in the cluster's colour so it reads over the nodes.
        if (b.kind === 'network' && fs > 46) return null;
        return (
          <text
            key={b.id}
            className="t-big far-title"
            x={b.x + 10 / kq}
            y={b.y + fs * 1.1}
            style={{ fontSize: fs }}
          >
            {text}
          </text>
        );
      })}
    </g>
  );
});
