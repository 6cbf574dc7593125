/** The panel beside the diagram: inspector, hop list, findings. */
import { lazy, Suspense, useRef, type KeyboardEvent } from 'react';
import {
  analyze,
  selectTrace,
  useActions,
  useAppStore,
  useDeferredScenario,
  type Panel,
} from '../store';
import { HopList } from './HopList';

// The inspector (with every edit) and the findings list load just after the first paint.
const Inspector = lazy(() =>
  import('./inspector/Inspector').then((m) => ({ default: m.Inspector })),
);
const FindingsList = lazy(() =>
  import('./FindingsList').then((m) => ({ default: m.FindingsList })),
);

const TABS: { id: Panel; label: string }[] = [
  { id: 'inspect', label: 'Inspector' },
  { id: 'hops', label: 'Hops' },
  { id: 'findings', label: 'Findings' },
];

export function SidePanel() {
  const panel = useAppStore((s) => s.panel);
  const nFindings = analyze(useDeferredScenario()).findings.length;
  const nHops = useAppStore((s) => selectTrace(s)?.hops.length ?? 0);
  const actions = useActions();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === panel);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (d === 0) return;
    e.preventDefault();
    e.stopPropagation();
    const next = TABS[(i + d + TABS.length) % TABS.length];
    if (next) {
      actions.setPanel(next.id);
      refs.current[TABS.indexOf(next)]?.focus();
    }
  };
  return (
    <aside className="side" aria-label="Details">
      <div className="tabs" role="tablist" aria-label="Panels" onKeyDown={onKey}>
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={panel === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={panel === t.id ? 0 : -1}
            onClick={() => actions.setPanel(t.id)}
          >
            {t.label}
            {t.id === 'hops' && nHops > 0 ? ` (${nHops})` : ''}
            {t.id === 'findings' && nFindings > 0 ? ` (${nFindings})` : ''}
          </button>
        ))}
      </div>
      <div
        className="tabpanel"
        role="tabpanel"
        id={`panel-${panel}`}
        aria-labelledby={`tab-${panel}`}
        tabIndex={0}
      >
        <Suspense fallback={<p className="hint">Loading…</p>}>
          {panel === 'inspect' ? <Inspector /> : panel === 'hops' ? <HopList /> : <FindingsList />}
        </Suspense>
      </div>
    </aside>
  );
}
