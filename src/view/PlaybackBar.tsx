/**
 * Under the diagram: which flow (a menu of meaningful flows, or pick two objects on the
 * diagram), and the playback controls. Every control has a keyboard shortcut (shortcuts.ts).
 */
import { useShallow } from 'zustand/react/shallow';
import { IconBack, IconForward, IconPause, IconPlay, IconRestart } from './icons';
import {
  SPEEDS,
  selectSuggestions,
  selectTrace,
  selectTraceResult,
  useActions,
  useAppStore,
  useDeferredScenario,
} from '../store';

export function FlowMenu() {
  // Suggestions trace every candidate flow: worth a frame's delay after an edit.
  const scenario = useDeferredScenario();
  const suggestions = selectSuggestions({ scenario });
  const flow = useAppStore((s) => s.flow);
  const picking = useAppStore((s) => s.picking.stage !== 'off');
  const actions = useActions();
  const inList = flow !== null && suggestions.some((x) => x.id === flow.id);
  return (
    <>
      <label className="sr-only" htmlFor="flow-select">
        Flow
      </label>
      <select
        id="flow-select"
        className="select flow-select"
        value={flow?.id ?? ''}
        onChange={(e) => {
          const id = e.target.value;
          const sug = suggestions.find((x) => x.id === id);
          actions.chooseFlow(sug ? { id: sug.id, label: sug.label, flow: sug.flow } : null);
        }}
      >
        <option value="">
          {suggestions.length > 0
            ? 'Choose a flow to trace…'
            : 'No suggested flows for this scenario'}
        </option>
        {flow && !inList ? <option value={flow.id}>{flow.label}</option> : null}
        {suggestions.map((x) => (
          <option key={x.id} value={x.id}>
            {x.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn"
        aria-pressed={picking}
        title="Pick a flow: click a source, then a destination in the diagram (Esc cancels)"
        onClick={() => (picking ? actions.cancelPicking() : actions.startPicking())}
      >
        {picking ? 'Cancel' : 'Pick'}
      </button>
    </>
  );
}

export function PlaybackBar() {
  const actions = useActions();
  const leg = useAppStore(selectTrace);
  const result = useAppStore(selectTraceResult);
  const { hop, playing, speed, legName } = useAppStore(
    useShallow((s) => ({
      hop: s.playback.hop,
      playing: s.playback.playing,
      speed: s.playback.speed,
      legName: s.playback.leg,
    })),
  );
  const n = leg?.hops.length ?? 0;
  const none = n === 0;
  const hasReply = Boolean(result?.trace?.reply && result.trace.reply.length > 0);
  return (
    <div className="playbar" role="toolbar" aria-label="Flow and playback">
      <FlowMenu />
      <span className="sep" />
      <button
        type="button"
        className="btn icon"
        onClick={actions.restart}
        disabled={none}
        aria-label="Restart"
        title="Restart (Home)"
      >
        <IconRestart />
      </button>
      <button
        type="button"
        className="btn icon"
        onClick={() => actions.step(-1)}
        disabled={none || hop === 0}
        aria-label="Step back"
        title="Step back (←)"
      >
        <IconBack />
      </button>
      <button
        type="button"
        className="btn primary"
        onClick={actions.togglePlay}
        disabled={none}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
        style={{ minWidth: 86 }}
      >
        {playing ? <IconPause /> : <IconPlay />}
        {playing ? 'Pause' : 'Play'}
      </button>
      <button
        type="button"
        className="btn icon"
        onClick={() => actions.step(1)}
        disabled={none || hop >= n - 1}
        aria-label="Step forward"
        title="Step forward (→)"
      >
        <IconForward />
      </button>
      <label className="sr-only" htmlFor="speed-select">
        Speed
      </label>
      <select
        id="speed-select"
        className="select"
        value={String(speed)}
        onChange={(e) => actions.setSpeed(Number(e.target.value))}
        title="Speed (+ / −)"
      >
        {SPEEDS.map((v) => (
          <option key={v} value={String(v)}>
            {v}×
          </option>
        ))}
      </select>
      <div className="seg" role="radiogroup" aria-label="Direction">
        <label>
          <input
            type="radio"
            name="leg"
            checked={legName === 'request'}
            onChange={() => actions.setLeg('request')}
            disabled={none}
          />
          Request
        </label>
        <label title={hasReply ? 'Play the reply (R)' : 'No reply: the request does not arrive'}>
          <input
            type="radio"
            name="leg"
            checked={legName === 'reply'}
            onChange={() => actions.setLeg('reply')}
            disabled={!hasReply}
          />
          Reply
        </label>
      </div>
    </div>
  );
}
