import { describe, expect, it } from 'vitest';
import { airGappedTwoClusters, singleCluster } from '../lessons/presets/network-models';
import { derive } from './derive';
import * as E from './edits';
import { squash } from './history';
import { pickToFlow } from './pick';
import { createAppStore } from './store';
import { selectPath, selectSuggestions, selectTrace } from './trace';

const make = () => createAppStore({ scenario: singleCluster }, pickToFlow);

describe('store: edits and history', () => {
  it('an edit is one undo step; undo and redo restore the scenario', () => {
    const st = make();
    const a = st.getState().actions;
    a.edit('rename', (s) => E.renameNode(s, 'cluster', 'node1', 'n1'));
    expect(st.getState().scenario.clusters[0]?.nodes[0]?.name).toBe('n1');
    expect(st.getState().selection).toBe('cluster/cluster/node/n1');
    a.undo();
    expect(st.getState().scenario).toBe(singleCluster);
    a.redo();
    expect(st.getState().scenario.clusters[0]?.nodes[0]?.name).toBe('n1');
  });

  it('a refused edit changes nothing and says why', () => {
    const st = make();
    const ok = st.getState().actions.edit('bad', (s) => E.setClusterCIDR(s, 'cluster', 0, 'nope'));
    expect(ok).toBe(false);
    expect(st.getState().scenario).toBe(singleCluster);
    expect(st.getState().message?.kind).toBe('error');
    expect(st.getState().history.past).toHaveLength(0);
  });

  it('squashed edits undo in one step', () => {
    const st = make();
    const a = st.getState().actions;
    for (const m of [25, 26, 27])
      a.edit('mask', (s) => E.setNodeMaskSize(s, 'cluster', 0, m), squash('mask'));
    a.endSquash();
    expect(st.getState().history.past).toHaveLength(1);
    a.undo();
    expect(st.getState().scenario).toBe(singleCluster);
  });

  it('loading is not undoable', () => {
    const st = make();
    const a = st.getState().actions;
    a.edit('model', (s) => E.setModel(s, 'island'));
    a.load(airGappedTwoClusters, { source: 'url' });
    expect(st.getState().history.past).toHaveLength(0);
    a.undo();
    expect(st.getState().scenario).toBe(airGappedTwoClusters);
  });
});

describe('store: flows and playback', () => {
  it('a suggested flow is traced; stepping stays within its hops', () => {
    const st = make();
    const a = st.getState().actions;
    const sug = selectSuggestions(st.getState()).find(
      (x) => x.id === 'cluster:pod-pod-nodes:pod-a:pod-c',
    );
    expect(sug).toBeDefined();
    if (!sug) return;
    a.chooseFlow(sug);
    const leg = selectTrace(st.getState());
    expect(leg?.hops.length).toBeGreaterThan(2);
    const n = leg?.hops.length ?? 0;
    for (let i = 0; i < n + 3; i++) a.step(1);
    expect(st.getState().playback.hop).toBe(n - 1);
    a.step(-1);
    expect(st.getState().playback.hop).toBe(n - 2);
    a.restart();
    expect(st.getState().playback.hop).toBe(0);
    expect(selectPath(st.getState())?.stops).toHaveLength(n);
  });

  it('play from the end starts over; arrive(done) stops', () => {
    const st = make();
    const a = st.getState().actions;
    const sug = selectSuggestions(st.getState())[0];
    if (!sug) throw new Error('no suggestions');
    a.chooseFlow(sug);
    a.goToHop(99);
    const last = st.getState().playback.hop;
    a.play();
    expect(st.getState().playback).toMatchObject({ hop: 0, playing: true });
    a.arrive(last, true);
    expect(st.getState().playback).toMatchObject({ hop: last, playing: false });
  });

  it('the reply leg has its own hops', () => {
    const st = make();
    const a = st.getState().actions;
    const sug = selectSuggestions(st.getState()).find(
      (x) => x.id === 'cluster:egress-internet:pod-a',
    );
    if (!sug) throw new Error('no egress flow');
    a.chooseFlow(sug);
    const request = selectTrace(st.getState());
    a.setLeg('reply');
    const reply = selectTrace(st.getState());
    expect(reply?.leg).toBe('reply');
    expect(reply?.hops).not.toBe(request?.hops);
    expect(reply?.hops[0]?.packet.src).toBe(request?.hops[request.hops.length - 1]?.packet.dst);
  });

  it('picking a source and a destination traces that flow', () => {
    const st = make();
    const a = st.getState().actions;
    a.startPicking();
    a.select('cluster/cluster/pod/default/pod-a');
    expect(st.getState().picking).toEqual({
      stage: 'dst',
      src: 'cluster/cluster/pod/default/pod-a',
    });
    a.select('host/other');
    expect(st.getState().flow?.label).toBe('pod-a to other:443');
    expect(selectTrace(st.getState())?.trace.verdict).toBe('delivered');
  });

  it('derived data is computed once per scenario', () => {
    const st = make();
    expect(derive(st.getState().scenario)).toBe(derive(st.getState().scenario));
  });
});

describe('reachFrom', () => {
  it('lists what a pod can reach, and does not count a reused address as the other pod', async () => {
    const { islandTwoClusters } = await import('../lessons/presets/network-models');
    const { reachFrom } = await import('./reach');
    const rows = reachFrom(islandTwoClusters, 'cluster/c1/pod/default/pod-a') ?? [];
    const own = rows.find((r) => r.target === 'cluster/c1/pod/default/pod-c');
    expect(own?.ok).toBe(true);
    // c2's pod-a has c1's pod-a's very IP (island: pod IPs reused), so it is not reached.
    const twin = rows.find((r) => r.target === 'cluster/c2/pod/default/pod-a');
    expect(twin?.ok).toBe(false);
    expect(twin?.label).toContain('c2/pod-a');
  });

  it('is null for objects that do not send packets', async () => {
    const { reachFrom } = await import('./reach');
    expect(reachFrom(singleCluster, 'network/network')).toBeNull();
  });
});
