/** The top bar: scenario, network model, undo/redo, theme, and the place for share/open/export. */
import { useState } from 'react';
import type { Scenario } from '../core/model/schema';
import { edits, useActions, useAppStore } from '../store';
import { FileMenuSlot } from './FileMenuSlot';
import { IconMoon, IconRedo, IconSun, IconUndo } from './icons';
import { MODEL_INFO, MODEL_ORDER } from './modelInfo';
import { Shortcuts } from './Shortcuts';
import { WorkshopButtons } from './lessons';

function Logo() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true">
      <rect x="2" y="2" width="28" height="28" rx="7" fill="var(--accent)" />
      <path
        d="M8 22 L14 10 L18 18 L24 8"
        stroke="var(--accent-text)"
        strokeWidth="3"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="24" cy="8" r="3" fill="var(--accent-text)" />
    </svg>
  );
}

export interface ScenarioOption {
  id: string;
  label: string;
  load: () => Scenario;
}

export function Toolbar({ scenarios }: { scenarios: ScenarioOption[] }) {
  const source = useAppStore((s) => s.source);
  const model = useAppStore((s) => s.scenario.model);
  const theme = useAppStore((s) => s.theme);
  const canUndo = useAppStore((s) => s.history.past.length > 0);
  const canRedo = useAppStore((s) => s.history.future.length > 0);
  const undoLabel = useAppStore((s) => s.history.past[s.history.past.length - 1]?.label);
  const actions = useActions();
  const [help, setHelp] = useState(false);
  const known = scenarios.some((e) => e.id === source);
  return (
    <header className="toolbar">
      <h1 className="brand">
        <Logo />
        Packetwalk
      </h1>
      <div className="tb-group">
        <label className="tb-label" htmlFor="scenario-select">
          Scenario
        </label>
        <select
          id="scenario-select"
          className="select scenario-select"
          value={known ? source : ''}
          onChange={(e) => {
            const entry = scenarios.find((x) => x.id === e.target.value);
            if (entry) actions.load(entry.load(), { source: entry.id });
          }}
        >
          {!known ? <option value="">(edited or imported)</option> : null}
          {scenarios.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
        </select>
      </div>
      <div className="tb-group">
        <span className="tb-label" id="model-label">
          Model
        </span>
        <div className="seg" role="radiogroup" aria-labelledby="model-label">
          {MODEL_ORDER.map((m) => (
            <label key={m} title={MODEL_INFO[m].title}>
              <input
                type="radio"
                name="model"
                value={m}
                checked={model === m}
                onChange={() => actions.edit(`model ${m}`, (s) => edits.setModel(s, m))}
              />
              {m}
            </label>
          ))}
        </div>
      </div>
      <div className="tb-group">
        <button
          type="button"
          className="btn icon"
          onClick={actions.undo}
          disabled={!canUndo}
          aria-label={undoLabel ? `Undo ${undoLabel}` : 'Undo'}
          title={undoLabel ? `Undo ${undoLabel}` : 'Undo'}
        >
          <IconUndo />
        </button>
        <button
          type="button"
          className="btn icon"
          onClick={actions.redo}
          disabled={!canRedo}
          aria-label="Redo"
          title="Redo"
        >
          <IconRedo />
        </button>
      </div>
      <span className="tb-spacer" />
      <WorkshopButtons />
      <FileMenuSlot />
      <div className="tb-group">
        <button
          type="button"
          className="btn icon"
          aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          title="Theme"
          onClick={() => actions.setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? <IconSun /> : <IconMoon />}
        </button>
        <button
          type="button"
          className="btn icon"
          aria-label="Keyboard shortcuts"
          aria-expanded={help}
          onClick={() => setHelp(!help)}
        >
          ?
        </button>
      </div>
      {help ? <Shortcuts onClose={() => setHelp(false)} /> : null}
    </header>
  );
}
