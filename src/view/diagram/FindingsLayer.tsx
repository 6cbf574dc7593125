/**
 * Finding badges on the diagram's boxes. Drawn from the deferred scenario, so an edit
 * redraws the diagram first and the rules are re-checked a moment later.
 */
import { memo } from 'react';
import { SIZES } from '../../core/layout/layout';
import type { Box, Layout } from '../../core/layout/types';
import { analyze, useDeferredScenario, worstSeverity } from '../../store';

/** Badge radius at zoom 1; the box text inset (SIZES.textInset) bounds how far it grows. */
const BADGE_R = 9;
const MAX_GROW = SIZES.textInset / BADGE_R;

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
        // A round badge on the box's top-right corner: three quarters of it outside the box,
        // the inner quarter within the right text inset (text is clipped short of it), so it
        // never covers a name or an address, however narrow the box. It grows a little when
        // zoomed out, never past that inset.
        const r = BADGE_R * Math.min(scale, MAX_GROW);
        const cx = b.x + b.w;
        const cy = b.y;
        return (
          <g key={b.id} className={`badge ${sev}`} data-badge={b.id}>
            <title>{list.map((f) => f.message).join('\n')}</title>
            <circle cx={cx} cy={cy} r={r} />
            <text x={cx} y={cy + r * 0.5} textAnchor="middle" style={{ fontSize: r * 1.45 }}>
              !
            </text>
          </g>
        );
      })}
    </g>
  );
});
