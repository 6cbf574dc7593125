/**
 * The toolbar's Share, Open and Export, with their dialogs, the notices about loading and the
 * drop overlay. Loads go through the store's load() (not undoable); whatever a load replaces is
 * kept by app/previous.ts and offered back ("Undo load", Open ▸ Restore previous).
 */
import { useRef, useState } from 'react';
import { useStore } from 'zustand';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { importFile } from '../app/importing';
import { notify } from '../app/notices';
import { previousStore, restorePrevious } from '../app/previous';
import { findScenario } from '../app/scenarios';
import { sameScenario } from '../app/session';
import type { Scenario } from '../core/model/schema';
import { appStore, edits, useAppStore } from '../store';
import { DropOverlay } from './share/DropOverlay';
import { exportPng, exportScenario, exportSvg } from './share/exportDiagram';
import { ImportDialog } from './share/ImportDialog';
import { MenuButton, type MenuEntry } from './share/Menu';
import { Notices } from './share/Notices';
import { ShareDialog } from './share/ShareDialog';
import './share/share.css';

/** A new scenario: one network and one cluster with one node, as "Add cluster" makes it. */
export function newScenario(): Scenario {
  const base: Scenario = {
    version: 1,
    name: 'New scenario',
    model: 'flat',
    networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
    clusters: [],
  };
  const r = edits.addCluster(base);
  return r.ok ? r.scenario : base;
}

function ago(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const min = Math.round((Date.now() - t) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return new Date(t).toLocaleDateString();
}

const IconShare = () => (
  <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
    <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5L9.7 5.3" />
      <path d="M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1.3-1.3" />
    </g>
  </svg>
);

const IconFile = () => (
  <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
    <path
      d="M2.5 5.5a1.5 1.5 0 0 1 1.5-1.5h4l2 2h6a1.5 1.5 0 0 1 1.5 1.5v7.5a1.5 1.5 0 0 1-1.5 1.5H4a1.5 1.5 0 0 1-1.5-1.5z"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.9"
      strokeLinejoin="round"
    />
  </svg>
);

function FileMenu() {
  const [dialog, setDialog] = useState<'share' | 'import' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const previous = useStore(previousStore, (s) => s.entries);
  const source = useAppStore((s) => s.source);
  const scenario = useAppStore((s) => s.scenario);
  const preset = findScenario(source);
  const canReset = preset !== null && !source.startsWith('scale:');

  const load = (s: Scenario, src: string) => appStore.getState().actions.load(s, { source: src });
  const failed = (r: { ok: true } | { ok: false; error: string }) => {
    if (!r.ok) notify({ kind: 'error', text: r.error });
  };

  const current = () => appStore.getState().scenario;
  const entries: MenuEntry[] = [
    {
      kind: 'item',
      label: 'New scenario',
      hint: 'One network, one cluster, one node',
      onSelect: () => load(newScenario(), 'new'),
    },
    {
      kind: 'item',
      label: 'Open file…',
      hint: 'Scenario JSON or YAML, or kubectl output',
      onSelect: () => fileInput.current?.click(),
    },
    {
      kind: 'item',
      label: 'Import or paste…',
      hint: 'A scenario, kubectl get … -o yaml, or a link',
      onSelect: () => setDialog('import'),
    },
    {
      kind: 'item',
      label: 'Reset to preset',
      hint:
        canReset && preset
          ? `Back to “${preset.label}” as published`
          : 'For a scenario opened from a preset',
      disabled: !canReset || (preset !== null && sameScenario(preset.load(), scenario)),
      onSelect: () => {
        if (preset) load(preset.load(), preset.id);
      },
    },
    { kind: 'separator' },
    { kind: 'heading', label: 'Export' },
    { kind: 'item', label: 'Scenario as JSON', onSelect: () => exportScenario(current(), 'json') },
    { kind: 'item', label: 'Scenario as YAML', onSelect: () => exportScenario(current(), 'yaml') },
    {
      kind: 'item',
      label: 'Diagram as SVG',
      onSelect: () => void exportSvg(current()).then(failed),
    },
    {
      kind: 'item',
      label: 'Diagram as PNG',
      onSelect: () => void exportPng(current()).then(failed),
    },
  ];
  if (previous.length > 0) {
    entries.push({ kind: 'separator' }, { kind: 'heading', label: 'Restore previous' });
    for (const e of previous) {
      entries.push({
        kind: 'item',
        label: `Restore “${e.label}”`,
        hint: `Replaced ${ago(e.replacedAt)}`,
        onSelect: () => restorePrevious(e),
      });
    }
  }

  return (
    <div className="fm-group">
      <button
        type="button"
        className="btn"
        aria-label="Share"
        title="Share a link to this scenario"
        onClick={() => setDialog('share')}
      >
        <IconShare />
        <span className="fm-long">Share</span>
      </button>
      <MenuButton
        label="File"
        icon={<IconFile />}
        entries={entries}
        title="New, open, import, export, restore"
      />
      <input
        ref={fileInput}
        type="file"
        accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
        hidden
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importFile(f, { via: 'file', notifyErrors: true });
        }}
      />
      {dialog === 'share' ? <ShareDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'import' ? (
        <ImportDialog
          onClose={() => setDialog(null)}
          onOpenFile={() => fileInput.current?.click()}
        />
      ) : null}
    </div>
  );
}

export function FileMenuSlot() {
  return (
    <>
      <ErrorBoundary label="share, open and export menu">
        <FileMenu />
      </ErrorBoundary>
      <ErrorBoundary label="notices">
        <Notices />
        <DropOverlay />
      </ErrorBoundary>
    </>
  );
}
