/**
 * The app store: zustand vanilla `createStore`, used from React through `useAppStore`.
 *
 * State: the scenario (as the user wrote it) and its undo history, the selection, the flow
 * being traced and the playback position (which hop; playing or not; speed). Per-frame
 * positions of the packet never come here: the animation loop moves transforms itself and
 * reports only when the current hop changes.
 *
 * Everything derived (IPAM-filled scenario, findings, layout, the trace) is computed from the
 * state by memoised selectors in derive.ts and trace.ts, never stored.
 *
 * Public actions (stable: `appStore.getState().actions`):
 *   load(scenario, {source})      replace the scenario; NOT undoable (URL, file, preset); clears history
 *   edit(label, fn, intent?)      apply a pure edit (see edits.ts); one undo step, or squashed
 *   endSquash()                   close an open squash (call on pointerup / slider release)
 *   undo(), redo()
 *   select(ref | null)            select an object by ref (model/refs.ts)
 *   setTheme('light' | 'dark'), setPanel(panel)
 *   chooseFlow(choice | null)     trace this flow (a suggestion or a picked pair); resets playback
 *   startPicking(), cancelPicking(), pick(ref)   choose a flow by clicking source then destination
 *   play(), pause(), togglePlay(), step(+1 | -1), restart(), goToHop(i), setSpeed(x),
 *   setLeg('request' | 'reply'), arrive(i)   (arrive: the animation loop reached hop i)
 *   dismissMessage()
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Scenario } from '../core/model/schema';
import type { Flow } from '../core/sim/types';
import type { EditResult } from './edits';
import {
  emptyHistory,
  record,
  redo,
  undo,
  closeSquash,
  STEP,
  type History,
  type UndoIntent,
} from './history';
import { selectTrace } from './trace';

export type Theme = 'light' | 'dark';
export type Panel = 'inspect' | 'hops' | 'findings';
export type Leg = 'request' | 'reply';

export interface FlowChoice {
  /** Stable id of a suggestion, or `pick:<src>-><dst>`. */
  id: string;
  label: string;
  flow: Flow;
}

export type Picking = { stage: 'off' } | { stage: 'src' } | { stage: 'dst'; src: string };

export interface Playback {
  /** The hop the packet is at (or leaving). */
  hop: number;
  playing: boolean;
  /** 0.25 .. 4; 1 is normal. */
  speed: number;
  leg: Leg;
  /** Bumped on restart/seek so the animation loop re-reads its position. */
  seq: number;
}

export interface Message {
  kind: 'error' | 'info';
  text: string;
}

export interface AppActions {
  load(scenario: Scenario, opts?: { source?: string }): void;
  edit(label: string, fn: (s: Scenario) => EditResult, intent?: UndoIntent): boolean;
  endSquash(): void;
  undo(): void;
  redo(): void;
  select(ref: string | null): void;
  setTheme(theme: Theme): void;
  setPanel(panel: Panel): void;
  chooseFlow(choice: FlowChoice | null): void;
  startPicking(): void;
  cancelPicking(): void;
  pick(ref: string): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(delta: 1 | -1): void;
  restart(): void;
  goToHop(hop: number): void;
  setSpeed(speed: number): void;
  setLeg(leg: Leg): void;
  arrive(hop: number, done?: boolean): void;
  dismissMessage(): void;
}

export interface AppState {
  scenario: Scenario;
  /** Where the scenario came from: a preset id, "url", "file"... */
  source: string;
  /** Bumped by every load(), so views can re-frame a newly loaded scenario. */
  loads: number;
  history: History<Scenario>;
  selection: string | null;
  theme: Theme;
  panel: Panel;
  flow: FlowChoice | null;
  picking: Picking;
  playback: Playback;
  message: Message | null;
  actions: AppActions;
}

export const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 4] as const;

const initialPlayback: Playback = { hop: 0, playing: false, speed: 1, leg: 'request', seq: 0 };

/** A flow's endpoints from two selected objects, or an error. Implemented in pick.ts. */
export type PickToFlow = (scenario: Scenario, src: string, dst: string) => FlowChoice | string;

export function createAppStore(
  init: { scenario: Scenario; source?: string; theme?: Theme },
  pickToFlow: PickToFlow,
): StoreApi<AppState> {
  return createStore<AppState>()((set, get) => {
    const hopCount = () => {
      const t = selectTrace(get());
      return t ? t.hops.length : 0;
    };
    const seek = (hop: number, playing?: boolean) =>
      set((s) => ({
        playback: {
          ...s.playback,
          hop: Math.max(0, Math.min(hop, Math.max(0, hopCount() - 1))),
          playing: playing ?? s.playback.playing,
          seq: s.playback.seq + 1,
        },
      }));

    const actions: AppActions = {
      load(scenario, opts) {
        set({
          scenario,
          source: opts?.source ?? 'file',
          loads: get().loads + 1,
          history: emptyHistory(),
          selection: null,
          flow: null,
          picking: { stage: 'off' },
          playback: {
            ...initialPlayback,
            speed: get().playback.speed,
            seq: get().playback.seq + 1,
          },
          message: null,
        });
      },
      edit(label, fn, intent = STEP) {
        const before = get().scenario;
        const r = fn(before);
        if (!r.ok) {
          set({ message: { kind: 'error', text: r.error } });
          return false;
        }
        if (r.scenario === before) return true;
        set((s) => ({
          scenario: r.scenario,
          history: record(s.history, before, label, intent),
          message: null,
          ...(r.select !== undefined ? { selection: r.select } : {}),
          playback: { ...s.playback, hop: 0, playing: false, seq: s.playback.seq + 1 },
        }));
        return true;
      },
      endSquash() {
        set((s) => ({ history: closeSquash(s.history) }));
      },
      undo() {
        const s = get();
        const r = undo(s.history, s.scenario);
        if (!r) return;
        set({
          scenario: r.state,
          history: r.history,
          message: { kind: 'info', text: `Undid: ${r.label}` },
          playback: { ...s.playback, hop: 0, playing: false, seq: s.playback.seq + 1 },
        });
      },
      redo() {
        const s = get();
        const r = redo(s.history, s.scenario);
        if (!r) return;
        set({
          scenario: r.state,
          history: r.history,
          message: { kind: 'info', text: `Redid: ${r.label}` },
          playback: { ...s.playback, hop: 0, playing: false, seq: s.playback.seq + 1 },
        });
      },
      select(ref) {
        if (get().picking.stage !== 'off' && ref !== null) {
          actions.pick(ref);
          return;
        }
        set((s) =>
          ref === null
            ? { selection: null }
            : { selection: ref, panel: s.flow ? s.panel : 'inspect' },
        );
      },
      setTheme(theme) {
        set({ theme });
      },
      setPanel(panel) {
        set({ panel });
      },
      chooseFlow(choice) {
        set((s) => ({
          flow: choice,
          picking: { stage: 'off' },
          panel: choice ? 'hops' : s.panel,
          playback: {
            ...s.playback,
            hop: 0,
            playing: false,
            leg: 'request',
            seq: s.playback.seq + 1,
          },
        }));
      },
      startPicking() {
        set({
          picking: { stage: 'src' },
          message: {
            kind: 'info',
            text: 'Click the source: a pod, node, host, Service or gateway.',
          },
        });
      },
      cancelPicking() {
        set({ picking: { stage: 'off' }, message: null });
      },
      pick(ref) {
        const p = get().picking;
        if (p.stage === 'src') {
          set({
            picking: { stage: 'dst', src: ref },
            selection: ref,
            message: { kind: 'info', text: 'Now click the destination.' },
          });
        } else if (p.stage === 'dst') {
          const r = pickToFlow(get().scenario, p.src, ref);
          if (typeof r === 'string') {
            set({ message: { kind: 'error', text: r }, picking: { stage: 'off' } });
            return;
          }
          set({ message: null, selection: ref });
          actions.chooseFlow(r);
        }
      },
      play() {
        const n = hopCount();
        if (n === 0) return;
        const s = get();
        // Playing from the end starts over.
        if (s.playback.hop >= n - 1) seek(0, true);
        else set({ playback: { ...s.playback, playing: true } });
      },
      pause() {
        set((s) => ({ playback: { ...s.playback, playing: false } }));
      },
      togglePlay() {
        if (get().playback.playing) actions.pause();
        else actions.play();
      },
      step(delta) {
        seek(get().playback.hop + delta, false);
      },
      restart() {
        seek(0, false);
      },
      goToHop(hop) {
        seek(hop, false);
      },
      setSpeed(speed) {
        const v = Math.max(0.25, Math.min(4, speed));
        set((s) => ({ playback: { ...s.playback, speed: v } }));
      },
      setLeg(leg) {
        set((s) => ({
          playback: { ...s.playback, leg, hop: 0, playing: false, seq: s.playback.seq + 1 },
        }));
      },
      arrive(hop, done = false) {
        set((s) =>
          s.playback.hop === hop && !done
            ? s
            : { playback: { ...s.playback, hop, playing: done ? false : s.playback.playing } },
        );
      },
      dismissMessage() {
        set({ message: null });
      },
    };

    return {
      scenario: init.scenario,
      source: init.source ?? 'preset',
      loads: 0,
      history: emptyHistory(),
      selection: null,
      theme: init.theme ?? 'light',
      panel: 'inspect',
      flow: null,
      picking: { stage: 'off' },
      playback: initialPlayback,
      message: null,
      actions,
    };
  });
}

/** React binding for a store made by createAppStore. */
export function useBoundStore<T>(store: StoreApi<AppState>, selector: (s: AppState) => T): T {
  return useStore(store, selector);
}
