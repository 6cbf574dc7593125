import { describe, expect, it } from 'vitest';
import { syntheticScenario } from '../core/layout/synthetic';
import { decodeShare, encodeShare } from '../core/scenario/codec';
import { islandTwoClusters, singleCluster } from '../lessons/presets/network-models';
import * as E from './edits';
import { emptyHistory, type History } from './history';
import {
  DEFAULT_VIEW,
  objectCount,
  PERSIST_LIMITS,
  previousEntry,
  pushPrevious,
  readPrevious,
  readSession,
  readSessionValue,
  resolveFlow,
  shareViewOf,
  viewFromShare,
  writePrevious,
  writeSession,
  type Session,
} from './persist';
import { pickToFlow } from './pick';
import { selectSuggestions } from './trace';
import type { Scenario } from '../core/model/schema';

const edited = (r: E.EditResult): Scenario => {
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
};

/** singleCluster after three edits: two undo steps behind, one redo step ahead. */
function editedSession(): Session {
  const a = singleCluster;
  const b = edited(E.renameNode(a, 'cluster', 'node1', 'edge1'));
  const c = edited(E.setClusterCIDR(b, 'cluster', 0, '10.8.0.0/16'));
  const d = edited(E.setModel(c, 'island'));
  const history: History<Scenario> = {
    past: [
      { state: a, label: 'rename node' },
      { state: b, label: 'change cluster CIDR' },
    ],
    future: [{ state: d, label: 'model island' }],
    openSquash: null,
  };
  const flow = selectSuggestions({ scenario: c })[1] ?? null;
  return {
    scenario: c,
    source: 'preset:network-models:singleCluster',
    history,
    theme: 'dark',
    view: {
      flow,
      hop: 2,
      leg: 'reply',
      selection: 'cluster/cluster/node/edge1',
      panel: 'hops',
      speed: 2,
      viewport: { x: 310, y: -42, k: 0.75 },
    },
  };
}

function written(s: Session): string {
  const w = writeSession(s);
  if (!w.ok) throw new Error(w.error);
  return w.text;
}

describe('sessions: write and read back', () => {
  it('gives back the scenario, the undo and redo steps, the view and the theme', () => {
    const s = editedSession();
    const r = readSession(written(s));
    if (!r.ok) throw new Error(r.error);
    expect(r.warnings).toEqual([]);
    const v = r.value;
    expect(v.scenario).toEqual(s.scenario);
    expect(v.source).toBe(s.source);
    expect(v.theme).toBe('dark');
    expect(v.history.past.map((e) => e.label)).toEqual(['rename node', 'change cluster CIDR']);
    expect(v.history.past[0]?.state).toEqual(singleCluster);
    expect(v.history.past[1]?.state.clusters[0]?.nodes[0]?.name).toBe('edge1');
    expect(v.history.future[0]?.state.model).toBe('island');
    expect(v.view).toEqual(s.view);
  });

  it('keeps the undo steps nearest the present when a large scenario passes the budget', () => {
    const big = syntheticScenario({ nodes: 400, podsPerNode: 10 });
    const cost = objectCount(big);
    const steps = Math.floor(PERSIST_LIMITS.historyObjects / cost) + 3;
    const states = Array.from({ length: steps }, (_, i) => ({ ...big, name: `step ${i}` }));
    const s: Session = {
      scenario: { ...big, name: 'now' },
      source: 'file',
      history: {
        past: states.map((st, i) => ({ state: st, label: `edit ${i}` })),
        future: [],
        openSquash: null,
      },
      view: DEFAULT_VIEW,
    };
    const w = writeSession(s);
    if (!w.ok) throw new Error(w.error);
    expect(w.droppedSteps).toBeGreaterThan(0);
    const r = readSession(w.text);
    if (!r.ok) throw new Error(r.error);
    const kept = r.value.history.past;
    expect(kept.length * cost).toBeLessThanOrEqual(PERSIST_LIMITS.historyObjects);
    expect(kept.length).toBe(steps - w.droppedSteps);
    expect(kept[kept.length - 1]?.label).toBe(`edit ${steps - 1}`);
  });

  it('drops the history before refusing, and refuses a scenario larger than the limit', () => {
    const s = editedSession();
    const bare = written({ ...s, history: emptyHistory() });
    const w = writeSession(s, bare.length + 10);
    expect(w.ok && w.droppedSteps).toBe(3);
    const tooSmall = writeSession(s, 100);
    expect(tooSmall.ok).toBe(false);
    if (!tooSmall.ok) expect(tooSmall.error).toMatch(/too large/);
  });

  it('refuses oversized text before parsing it', () => {
    const r = readSession(`{${' '.repeat(PERSIST_LIMITS.sessionChars)}}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/too large/);
  });

  it.each([
    ['not JSON', '{"app":', /not valid JSON/],
    [
      'another app',
      '{"app":"other","kind":"session","format":1}',
      /not a saved Packetwalk session/,
    ],
    [
      'a newer format',
      '{"app":"packetwalk","kind":"session","format":7,"scenario":"v1.x"}',
      /newer Packetwalk/,
    ],
    [
      'a damaged scenario',
      '{"app":"packetwalk","kind":"session","format":1,"scenario":"v1.garbage"}',
      /damaged/,
    ],
  ])('refuses %s with a message', (_what, text, message) => {
    const r = readSession(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('leaves out a bad view setting, an unknown selection and a damaged history step, with warnings', () => {
    const value = JSON.parse(written(editedSession())) as Record<string, unknown>;
    const view = value.view as Record<string, unknown>;
    view.speed = 99;
    view.selection = 'cluster/cluster/node/nowhere';
    (value.past as { scenario: string }[])[0] = { scenario: 'v1.AAAA' };
    const r = readSessionValue(value);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.view.speed).toBe(1);
    expect(r.value.view.selection).toBeNull();
    expect(r.value.view.hop).toBe(2);
    // The damaged step is the oldest: the newer one is still there.
    expect(r.value.history.past.map((e) => e.label)).toEqual(['change cluster CIDR']);
    expect(r.warnings.join(' ')).toMatch(/speed/);
    expect(r.warnings.join(' ')).toMatch(/undo history/);
  });

  it('never throws, whatever is stored', () => {
    const junk: unknown[] = [
      null,
      1,
      'x',
      [],
      {},
      { app: 'packetwalk', kind: 'session', format: 1, scenario: 5 },
    ];
    for (const v of junk) {
      expect(() => readSessionValue(v)).not.toThrow();
      expect(readSessionValue(v).ok).toBe(false);
      expect(() => readSession(JSON.stringify(v))).not.toThrow();
    }
    expect(readSession(undefined).ok).toBe(false);
  });
});

describe('flows and share views', () => {
  it('resolves a saved suggestion by id against the scenario as it is now', () => {
    const sug = selectSuggestions({ scenario: islandTwoClusters })[2];
    if (!sug) throw new Error('no suggestion');
    const got = resolveFlow(islandTwoClusters, {
      id: sug.id,
      label: 'stale label',
      flow: { from: 1 },
    });
    expect(got).toEqual({ id: sug.id, label: sug.label, flow: sug.flow });
  });

  it('resolves a picked flow by its refs, and refuses a flow of the wrong shape', () => {
    const pick = pickToFlow(singleCluster, 'cluster/cluster/pod/default/pod-a', 'host/other');
    if (typeof pick === 'string') throw new Error(pick);
    expect(resolveFlow(singleCluster, { id: pick.id })).toEqual(pick);
    expect(
      resolveFlow(singleCluster, { id: 'pick:nowhere->nothing', flow: { from: 'x' } }),
    ).toBeNull();
    expect(resolveFlow(singleCluster, 'flow')).toBeNull();
  });

  it('keeps an ad-hoc flow of the right shape, naming it after its endpoints', () => {
    const flow = {
      from: { kind: 'pod', name: 'pod-a' },
      to: { kind: 'ip', ip: '192.0.2.1', port: 443 },
    };
    const got = resolveFlow(singleCluster, { flow });
    expect(got?.flow).toEqual(flow);
    expect(got?.label).toBe('pod-a to 192.0.2.1');
  });

  it('a share link carries model, flow, hop and viewport through the codec', () => {
    const s = editedSession();
    const fragment = encodeShare({ scenario: s.scenario, view: shareViewOf(s.scenario, s.view) });
    const d = decodeShare(fragment);
    if (!d.ok) throw new Error(d.error);
    const back = viewFromShare(d.state.scenario, d.state.view);
    expect(back.scenario).toEqual(s.scenario);
    expect(back.view.flow).toEqual(s.view.flow);
    expect(back.view.hop).toBe(2);
    expect(back.view.viewport).toEqual(s.view.viewport);
  });

  it('a share link carries the open lesson step through the codec; a malformed one is left out', () => {
    const s = editedSession();
    const lesson = { id: 'island', step: 2 };
    const view = shareViewOf(s.scenario, s.view, lesson);
    const d = decodeShare(encodeShare({ scenario: s.scenario, view }));
    if (!d.ok) throw new Error(d.error);
    expect(d.state.view?.lesson).toEqual(lesson);
    expect(d.state.view?.hop).toBe(2);
    expect(shareViewOf(s.scenario, s.view, null).lesson).toBeUndefined();
    expect(shareViewOf(s.scenario, s.view, { id: 'island', step: -1 }).lesson).toBeUndefined();
    expect(shareViewOf(s.scenario, s.view, { id: '', step: 0 }).lesson).toBeUndefined();
  });

  it('a link whose model differs from its scenario opens on the link’s model', () => {
    const back = viewFromShare(singleCluster, { model: 'air-gapped' });
    expect(back.scenario.model).toBe('air-gapped');
    expect(back.scenario.clusters).toBe(singleCluster.clusters);
  });
});

describe('the previous list', () => {
  const entry = (s: Scenario, at = '2025-01-01T00:00:00.000Z') =>
    previousEntry({ scenario: s, source: 'file', history: emptyHistory(), view: DEFAULT_VIEW }, at);

  it('puts the newest first, keeps one entry per scenario and at most the limit', () => {
    let list = pushPrevious([], entry(singleCluster));
    list = pushPrevious(list, entry(islandTwoClusters));
    list = pushPrevious(list, entry(singleCluster, '2025-02-02T00:00:00.000Z'));
    expect(list.map((e) => e.label)).toEqual([singleCluster.name, islandTwoClusters.name]);
    expect(list[0]?.replacedAt).toBe('2025-02-02T00:00:00.000Z');
    for (let i = 0; i < 10; i++)
      list = pushPrevious(list, entry({ ...singleCluster, name: `copy ${i}` }));
    expect(list).toHaveLength(PERSIST_LIMITS.previousEntries);
    expect(list[0]?.label).toBe('copy 9');
  });

  it('reads back what it wrote, and an entry restores to its scenario', () => {
    const list = pushPrevious([], entry(islandTwoClusters));
    const r = readPrevious(writePrevious(list));
    if (!r.ok) throw new Error(r.error);
    expect(r.value).toEqual(list);
    const first = r.value[0];
    if (!first) throw new Error('empty');
    const s = readSessionValue(first.session);
    expect(s.ok && s.value.scenario).toEqual(islandTwoClusters);
  });

  it('drops malformed entries and refuses what is not a list', () => {
    const good = entry(singleCluster);
    const text = JSON.stringify({
      app: 'packetwalk',
      kind: 'previous',
      format: 1,
      entries: [good, { label: 3 }, null],
    });
    const r = readPrevious(text);
    expect(r.ok && r.value).toEqual([good]);
    expect(r.ok && r.warnings[0]).toMatch(/2 unreadable/);
    expect(readPrevious('[]').ok).toBe(false);
    expect(readPrevious('nope').ok).toBe(false);
  });
});

describe('an unedited preset', () => {
  it('is saved as its name and read back from the catalog', () => {
    const s: Session = { ...editedSession(), history: emptyHistory(), pristine: true };
    const text = written({ ...s, scenario: islandTwoClusters, source: 'preset:x:island' });
    expect(text).not.toContain('"scenario"');
    const r = readSession(text, {
      catalog: (id) => (id === 'preset:x:island' ? islandTwoClusters : null),
    });
    expect(r.ok && r.value.scenario).toBe(islandTwoClusters);
    const gone = readSession(text, { catalog: () => null });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error).toMatch(/not in this Packetwalk/);
  });
});
