/**
 * Finding badges on the diagram's boxes. Drawn from the deferred scenario, so an edit
 * redraws the diagram first and the rules are re-checked a moment later.
 */
import { memo } from 'react';
import type { Box, Layout } from '../../core/layout/types';
import { analyze, useDeferredScenario, worstSeverity } from '../../store';

export const FindingsLayer = memo(function FindingsLayer({
  layout,
  boxes,
  scale,
}: {
  layout: Layout;
  boxes: Box[];
  scale: number;
}) {
  const { findingsByObject } = analyze(useDeferredScenario());
  if (findingsByObject.size === 0) return null;
  return (
    <g aria-hidden="true">
      {boxes.map((b) => {
        const list = findingsByObject.get(b.id);
        const sev = worstSeverity(list);
        // Infos (e.g. "host-local would keep .1 as the gateway" on the talk's own pod-a) stay
        // in the Findings list and the inspector; on a projector a badge for them is noise.
        if (!list || !sev || sev === 'info' || !layout.boxes.has(b.id)) return null;
        const bs = scale;
        return (
          <g key={b.id} className={`badge ${sev}`}>
            <title>{list.map((f) => f.message).join('\n')}</title>
            <rect
              x={b.x + b.w - 30 * bs}
              y={b.y + 6 * bs}
              width={24 * bs}
              height={20 * bs}
              rx={5 * bs}
            />
            <text
              x={b.x + b.w - 18 * bs}
              y={b.y + 21 * bs}
              textAnchor="middle"
              style={{ fontSize: 14 * bs }}
            >
              !
            </text>
          </g>
        );
      })}
    </g>
  );
});
