/** The diagram with its overlays (model card, zoom, pick banner, current hop) and the playback bar. */
import { useRef } from 'react';
import { selectTraceResult, useActions, useAppStore } from '../store';
import { Diagram, type DiagramApi } from './diagram/Diagram';
import { HopCard } from './HopCard';
import { ModelCard } from './ModelCard';
import { IconFit, IconMinus, IconPlus } from './icons';
import { PlaybackBar } from './PlaybackBar';

export const diagramApi: { current: DiagramApi | null } = { current: null };

function PickBanner() {
  const picking = useAppStore((s) => s.picking);
  const actions = useActions();
  if (picking.stage === 'off') return null;
  return (
    <div className="overlay pick-banner" role="status">
      {picking.stage === 'src' ? 'Click the source of the flow' : 'Now click the destination'}
      <button type="button" className="btn" onClick={actions.cancelPicking}>
        Cancel
      </button>
    </div>
  );
}

export function DiagramPane() {
  const hasFlow = useAppStore((s) => selectTraceResult(s) !== null);
  const api = useRef<DiagramApi | null>(null);
  diagramApi.current = api.current;
  return (
    <section className="diagram-pane" aria-label="Network diagram">
      <div className="diagram-stage">
        <Diagram
          apiRef={{
            get current() {
              return api.current;
            },
            set current(v) {
              api.current = v;
              diagramApi.current = v;
            },
          }}
          bottomInset={hasFlow ? 150 : 0}
        />
        <ModelCard />
        <PickBanner />
        <div className="overlay zoom-controls" role="group" aria-label="Zoom">
          <button
            type="button"
            className="btn icon"
            aria-label="Zoom in"
            onClick={() => diagramApi.current?.zoomBy(1.4)}
          >
            <IconPlus />
          </button>
          <button
            type="button"
            className="btn icon"
            aria-label="Zoom out"
            onClick={() => diagramApi.current?.zoomBy(1 / 1.4)}
          >
            <IconMinus />
          </button>
          <button
            type="button"
            className="btn icon"
            aria-label="Fit to view"
            title="Fit (F)"
            onClick={() => diagramApi.current?.fitAll(true)}
          >
            <IconFit />
          </button>
        </div>
        <HopCard />
      </div>
      <PlaybackBar />
    </section>
  );
}
