/**
 * The SVG diagram. Draws only what is on screen (plus a margin), and less of it when zoomed
 * out: pods fold into a count per node below LOD 'near', services into a count in 'far'.
 * Panning moves one transform attribute; React re-renders only when the visible set or the
 * level of detail changes.
 */
import {
  memo,
  startTransition,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { ZoomTransform } from 'd3-zoom';
import { itemsIn } from '../../core/layout/layout';
import type { Item, Layout, Rect } from '../../core/layout/types';
import {
  hopRects,
  readableScale,
  viewFlow,
  viewKeep,
  type Insets,
  type Screen,
} from '../../core/layout/viewport';
import { appStore, derive, selectPath, selectTrace, useActions, useAppStore } from '../../store';
import { BoxView, type Lod } from './BoxView';
import { FarTitles } from './FarTitles';
import { FindingsLayer } from './FindingsLayer';
import { Packet } from './Packet';
import { TraceLayer } from './TraceLayer';
import { useZoom, type ZoomHandle } from './useZoom';

interface View {
  rect: Rect;
  lod: Lod;
}

export const LOD_NEAR = 0.5;
/**
 * Screen strips the overlays cover: the view tabs and model card along the top, the zoom
 * buttons on the right. The hop card's strip at the bottom is added while a flow is shown.
 */
const INSETS: Insets = { top: 56, right: 64, bottom: 16, left: 16 };
/** World padding around a flow's hops when it is framed. */
const FLOW_PAD = 40;
/** How far beyond the screen to draw, per side, as a fraction of the screen. */
const MARGIN = 0.4;
export const LOD_MID = 0.2;

const versions = new WeakMap<Layout, number>();
let lastVersion = 0;
function versionOf(l: Layout): number {
  let v = versions.get(l);
  if (v === undefined) {
    v = ++lastVersion;
    versions.set(l, v);
  }
  return v;
}
const LOD_RANK: Record<Lod, number> = { far: 0, mid: 1, near: 2 };
/** Small pictures are always drawn whole; levels of detail are for large ones. */
export const SMALL_PICTURE = 800;
const lodOf = (k: number, items: number): Lod =>
  items <= SMALL_PICTURE || k >= LOD_NEAR ? 'near' : k >= LOD_MID ? 'mid' : 'far';
const quant = (k: number) => 2 ** (Math.round(Math.log2(k) * 4) / 4);
const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h;

const LinkView = memo(function LinkView({ item }: { item: Extract<Item, { type: 'link' }> }) {
  const l = item.link;
  // Air-gapped: the wires across a network's edge are drawn cut.
  const cut = useAppStore(
    (s) => s.scenario.model === 'air-gapped' && (l.kind === 'wan' || l.kind === 'uplink'),
  );
  return (
    <polyline
      className={`l-${l.kind}${cut ? ' cut' : ''}`}
      points={l.points.map((p) => `${p.x},${p.y}`).join(' ')}
    />
  );
});

function visibleItems(layout: Layout, view: View): Item[] {
  const idx = itemsIn(layout, view.rect);
  const out: Item[] = [];
  for (const i of idx) {
    const it = layout.items[i];
    if (!it) continue;
    if (it.type === 'box') {
      const k = it.box.kind;
      if (k === 'pod' && view.lod !== 'near') continue;
      if ((k === 'service' || k === 'ingress' || k === 'routes') && view.lod === 'far') continue;
    } else if (it.link.kind === 'overlay' && view.lod === 'far') continue;
    out.push(it);
  }
  return out;
}

/** What the rest of the app may ask of the diagram (DiagramPane exposes it as diagramApi). */
export interface DiagramApi {
  fitAll(animate?: boolean): void;
  zoomBy(f: number): void;
  /** The current pan and zoom: screen = world * k + (x, y). */
  viewport(): { x: number; y: number; k: number };
  /** Put a saved pan and zoom back (no animation). */
  setViewport(v: { x: number; y: number; k: number }): void;
}

export function Diagram({
  apiRef,
  bottomInset,
}: {
  apiRef: { current: DiagramApi | null };
  bottomInset: number;
}) {
  const layout = useAppStore((s) => derive(s.scenario).layout);
  const loads = useAppStore((s) => s.loads);
  const picking = useAppStore((s) => s.picking.stage !== 'off');
  const scenarioName = useAppStore((s) => s.scenario.name ?? 'scenario');
  const actions = useActions();
  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const scaleRef = useRef(1);
  const redrawRef = useRef<(() => void) | null>(null);
  const [view, setView] = useState<View | null>(null);
  const viewRef = useRef<View | null>(null);
  // Size of the stage, kept by a ResizeObserver: reading it on every zoom event would force
  // a layout of the whole SVG.
  const sizeRef = useRef({ w: 800, h: 600 });
  // Scale of stop markers and badges (quantised), so they stay readable zoomed out.
  const [marks, setMarks] = useState(1);
  const marksRef = useRef(1);
  const [kq, setKq] = useState(1);
  const kqRef = useRef(0);
  const insetRef = useRef(bottomInset);
  insetRef.current = bottomInset;
  const itemCountRef = useRef(layout.items.length);
  itemCountRef.current = layout.items.length;

  const onTransform = useCallback((t: ZoomTransform, gesture = false) => {
    const svg = svgRef.current;
    if (!svg) return;
    scaleRef.current = Math.max(1, 0.7 / t.k);
    redrawRef.current?.();
    // Only the few far-away titles follow the zoom (counter-scaled); boxes never do.
    const total = itemCountRef.current;
    const q = lodOf(t.k, total) === 'far' ? quant(t.k) : 1;
    if (q !== kqRef.current) {
      kqRef.current = q;
      setKq(q);
    }
    const m = quant(scaleRef.current);
    if (m !== marksRef.current) {
      marksRef.current = m;
      setMarks(m);
    }
    const { w, h } = sizeRef.current;
    const vis = { x: -t.x / t.k, y: -t.y / t.k, w: w / t.k, h: h / t.k };
    const cur = viewRef.current;
    // Mid-gesture, detail is only ever taken away: adding it (mounting pods, node text) waits
    // for the gesture to end, so zooming in stays smooth.
    const want = lodOf(t.k, total);
    const lod = gesture && cur && LOD_RANK[want] > LOD_RANK[cur.lod] ? cur.lod : want;
    if (cur && cur.lod === lod && contains(cur.rect, vis)) return;
    const g = MARGIN;
    const next: View = {
      rect: {
        x: vis.x - vis.w * g,
        y: vis.y - vis.h * g,
        w: vis.w * (1 + 2 * g),
        h: vis.h * (1 + 2 * g),
      },
      lod,
    };
    viewRef.current = next;
    // A transition: React renders the new visible set in slices, so frames keep coming
    // while it does; until it commits, the old set (already transformed) stays on screen.
    startTransition(() => setView(next));
  }, []);

  const zoomRef = useZoom(svgRef, gRef, onTransform);

  /** The screen as the pure framing functions see it (size and overlay strips). */
  const screen = useCallback(
    (): Screen => ({
      ...sizeRef.current,
      insets: { ...INSETS, bottom: INSETS.bottom + insetRef.current },
    }),
    [],
  );

  // "Fit all": everything, however small (the Fit button, export, presenter mode).
  const fitAll = useCallback(
    (animate = false) => {
      const z: ZoomHandle | null = zoomRef.current;
      const l = derive(appStore.getState().scenario).layout;
      z?.fit({ x: 0, y: 0, w: l.width, h: l.height }, { animate, insets: screen().insets ?? {} });
    },
    [zoomRef, screen],
  );

  // A newly loaded scenario: whole if its text stays readable; otherwise at the readable
  // scale from its top left, to be panned. Large pictures open whole, as an overview (their
  // levels of detail are made for that).
  const frameStart = useCallback(() => {
    const z: ZoomHandle | null = zoomRef.current;
    const l = derive(appStore.getState().scenario).layout;
    const small = l.items.length <= SMALL_PICTURE;
    z?.fit(
      { x: 0, y: 0, w: l.width, h: l.height },
      {
        insets: screen().insets ?? {},
        overflow: 'start',
        ...(small ? { minScale: readableScale() } : {}),
      },
    );
  }, [zoomRef, screen]);

  useEffect(() => {
    apiRef.current = {
      fitAll,
      zoomBy: (f) => zoomRef.current?.zoomBy(f),
      viewport: () => {
        const t = zoomRef.current?.transform();
        return t ? { x: t.x, y: t.y, k: t.k } : { x: 0, y: 0, k: 1 };
      },
      setViewport: (v) => zoomRef.current?.set(v),
    };
    return () => {
      apiRef.current = null;
    };
  }, [apiRef, fitAll, zoomRef]);

  // Frame each newly loaded scenario (and the first one) before it paints.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (svg) {
      const r = svg.getBoundingClientRect();
      sizeRef.current = { w: r.width || 800, h: r.height || 600 };
    }
    frameStart();
  }, [loads, frameStart]);

  // Keep the visible set right when the pane changes size.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === 'undefined') return undefined;
    const measure = () => {
      const r = svg.getBoundingClientRect();
      sizeRef.current = { w: r.width || 800, h: r.height || 600 };
    };
    measure();
    const ro = new ResizeObserver(() => {
      measure();
      const z = zoomRef.current;
      if (z) onTransform(z.transform());
    });
    ro.observe(svg);
    return () => ro.disconnect();
  }, [onTransform, zoomRef]);

  const items = useMemo(() => (view ? visibleItems(layout, view) : []), [layout, view]);
  const boxesInView = useMemo(
    () => items.flatMap((it) => (it.type === 'box' ? [it.box] : [])),
    [items],
  );
  // Changes whenever the drawn layout does (the browser benchmark waits on it).
  const version = versionOf(layout);

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const el = (e.target as Element).closest('[data-ref]');
    const ref = el?.getAttribute('data-ref') ?? null;
    if (ref) actions.select(ref);
    else if (!picking) actions.select(null);
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const ref = (e.target as Element).getAttribute?.('data-ref');
    if (ref) {
      e.preventDefault();
      e.stopPropagation();
      actions.select(ref);
    }
  };

  return (
    <svg
      ref={svgRef}
      className={`diagram ${picking ? 'picking' : ''}`}
      role="group"
      aria-label={`Diagram of ${scenarioName}. Select an object to inspect it.`}
      onClick={onClick}
      onKeyDown={onKeyDown}
      data-lod={view?.lod ?? 'none'}
      data-version={version}
      data-items={items.length}
    >
      <g ref={gRef}>
        {items.map((it) =>
          it.type === 'box' ? (
            <BoxView key={it.box.id} box={it.box} lod={view?.lod ?? 'near'} />
          ) : (
            <LinkView key={it.link.id} item={it} />
          ),
        )}
        {view?.lod === 'far' ? <FarTitles boxes={boxesInView} kq={kq} /> : null}
        <FindingsLayer layout={layout} boxes={boxesInView} scale={marks} />
        <TraceLayer scale={marks} />
        <Packet scaleRef={scaleRef} redrawRef={redrawRef} />
      </g>
      <FollowPath zoomRef={zoomRef} screen={screen} />
    </svg>
  );
}

/**
 * Keeps the packet's path in view, through the zoom hook, with targets from the pure
 * functions of core/layout/viewport.ts. A chosen flow (or the other leg) is framed: its hops'
 * places, padded, at a readable scale. While stepping or playing, the view pans only when the
 * current hop would leave the screen. Renders nothing; re-renders once per hop, not per frame.
 */
function FollowPath({
  zoomRef,
  screen,
}: {
  zoomRef: { current: ZoomHandle | null };
  screen: () => Screen;
}) {
  const flowId = useAppStore((s) => s.flow?.id ?? null);
  const leg = useAppStore((s) => s.playback.leg);
  const hop = useAppStore((s) => s.playback.hop);
  const framed = useRef<string | null>(null);
  useEffect(() => {
    if (flowId === null) {
      framed.current = null;
      return;
    }
    const st = appStore.getState();
    const trace = selectTrace(st);
    const path = selectPath(st);
    const z = zoomRef.current;
    if (!trace || !path || !z) return;
    const layout = derive(st.scenario).layout;
    const key = `${flowId}|${leg}`;
    if (framed.current !== key) {
      framed.current = key;
      const v = viewFlow(
        hopRects(layout, trace.hops),
        path.segments.flatMap((x) => x.points),
        screen(),
        { pad: FLOW_PAD, minScale: readableScale(), maxScale: 1 },
      );
      if (v) z.to(v, { animate: true });
      return;
    }
    const at = path.stops[hop];
    if (!at) return;
    // The hop's stop and where the packet goes next, so it does not walk off the edge.
    const next = path.stops[hop + 1] ?? at;
    const x0 = Math.min(at.x, next.x);
    const y0 = Math.min(at.y, next.y);
    const near = {
      x: x0 - FLOW_PAD,
      y: y0 - FLOW_PAD,
      w: Math.abs(next.x - at.x) + 2 * FLOW_PAD,
      h: Math.abs(next.y - at.y) + 2 * FLOW_PAD,
    };
    const from = z.destination();
    let v = viewKeep(from, near, screen(), 24);
    // A long next wire may not fit: then at least the current stop stays on screen.
    if (v !== from) {
      const own = { x: at.x - FLOW_PAD, y: at.y - FLOW_PAD, w: 2 * FLOW_PAD, h: 2 * FLOW_PAD };
      const atOnly = viewKeep(v, own, screen(), 24);
      if (atOnly !== v) v = viewKeep(from, own, screen(), 24);
    }
    if (v !== from) z.to(v, { animate: true });
  }, [flowId, leg, hop, zoomRef, screen]);
  return null;
}
