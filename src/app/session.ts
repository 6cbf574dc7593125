/**
 * The session: the scenario with its undo history and what is on screen. Taken from the store
 * (and the diagram's pan and zoom) for autosave, share links and the previous list; put back
 * after a reload, a link or "Restore previous".
 */
import type { Scenario } from '../core/model/schema';
import { appStore } from '../store';
import type { SavedView, Session, Viewport } from '../store/persist';
import { diagramApi } from '../view/DiagramPane';
import { DEFAULT_SPEED } from './deferred';
import { centreOf, diagramSize, transformFor } from '../view/share/viewport';

/** The session on screen now. */
export function currentSession(): Session {
  const s = appStore.getState();
  return {
    scenario: s.scenario,
    source: s.source,
    history: s.history,
    theme: s.theme,
    view: {
      flow: s.flow,
      hop: s.playback.hop,
      leg: s.playback.leg,
      selection: s.selection,
      panel: s.panel,
      speed: s.playback.speed,
      viewport: currentViewport(),
    },
  };
}

/** The diagram's pan and zoom as a viewport (centre and zoom), or null before it is drawn. */
export function currentViewport(): Viewport | null {
  try {
    const t = diagramApi.current?.viewport();
    return t ? centreOf(t, diagramSize()) : null;
  } catch {
    return null;
  }
}

/**
 * Loads a session: the scenario (not an undo step), its history as it was, then the view.
 * `load` must be the store's load or a wrapper of it (previous.ts wraps it to keep the scenario
 * being replaced).
 */
export function applySession(s: Session, opts: { theme?: boolean } = {}): void {
  const a = appStore.getState().actions;
  a.load(s.scenario, { source: s.source });
  // The store's load() starts a fresh history; a restored session brings its own back.
  if (s.history.past.length > 0 || s.history.future.length > 0) {
    appStore.setState({
      history: { past: s.history.past, future: s.history.future, openSquash: null },
    });
  }
  if (opts.theme && s.theme) a.setTheme(s.theme);
  applyView(s.view);
}

/** Puts back a flow, hop, selection, panel, speed and (once the diagram is drawn) the viewport. */
export function applyView(view: SavedView): void {
  const a = appStore.getState().actions;
  if (view.speed !== DEFAULT_SPEED) a.setSpeed(view.speed);
  if (view.selection !== null) a.select(view.selection);
  if (view.flow) {
    a.chooseFlow(view.flow);
    if (view.leg === 'reply') a.setLeg('reply');
    if (view.hop > 0) a.goToHop(view.hop);
  }
  a.setPanel(
    view.flow && view.panel === 'inspect' && view.selection === null ? 'hops' : view.panel,
  );
  if (view.viewport) setViewportWhenDrawn(view.viewport);
}

let pendingViewport: { v: Viewport; token: number } | null = null;
let token = 0;

/**
 * The diagram frames a newly loaded scenario and a newly chosen flow itself (in its effects);
 * a saved viewport is set after those, once the diagram has drawn (two frames later).
 */
export function setViewportWhenDrawn(v: Viewport): void {
  const mine = ++token;
  pendingViewport = { v, token: mine };
  let frames = 0;
  const tick = () => {
    if (pendingViewport?.token !== mine) return;
    frames++;
    const api = diagramApi.current;
    if (api && frames >= 2) {
      pendingViewport = null;
      api.setViewport(transformFor(v, diagramSize()));
      return;
    }
    if (frames < 120) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Whether two scenarios are the same (by identity, else by content). */
export function sameScenario(a: Scenario, b: Scenario): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
