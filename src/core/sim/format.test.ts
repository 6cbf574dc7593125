import { describe, expect, it } from 'vitest';
import { dualStackCluster } from '../../lessons/presets/ipv6';
import { islandTwoClusters } from '../../lessons/presets/network-models';
import { weaveOverlay } from '../../lessons/presets/weave';
import { describeTrace, formatTraceTable, traceToJson } from './format';
import { traceOf } from './testkit';

describe('traceToJson: the CLI contract', () => {
  it('has exactly the documented keys, with ip:port and the outer header', () => {
    const j = traceToJson(traceOf(weaveOverlay, 'pod/bar', 'pod/foo'));
    expect(Object.keys(j)).toEqual(['verdict', 'reason', 'hops', 'reply']);
    expect(j.verdict).toBe('delivered');
    expect(j.reason).toBeNull();
    expect(j.hops[1]).toEqual({
      at: 'node/node1',
      action: 'encap',
      src: '10.20.9.1:43512',
      dst: '10.20.30.42:80',
      outer: { src: '192.1.6.3', dst: '192.1.6.4' },
      note: 'node1 encapsulates the packet for the overlay: outer 192.1.6.3 -> 192.1.6.4 around inner 10.20.9.1 -> 10.20.30.42.',
    });
    expect(j.reply?.[0]?.src).toBe('10.20.30.42:80');
  });

  it('writes IPv6 with a port as [addr]:port', () => {
    const j = traceToJson(
      traceOf(dualStackCluster, 'pod/client', 'svc/lb-app:80', { family: 'IPv6' }),
    );
    expect(j.hops[1]?.dst).toBe('[fd12:789a:1::1]:80');
  });

  it('a dropped trace has a reason and no reply', () => {
    const j = traceToJson(traceOf(islandTwoClusters, 'host/other', 'c2:pod/pod-a'));
    expect(j).toMatchObject({ verdict: 'dropped', reason: 'no route', reply: null });
  });
});

describe('describeTrace: the path in plain sentences', () => {
  it('says how it ended, then every step and the reply', () => {
    const text = describeTrace(traceOf(weaveOverlay, 'pod/bar', 'pod/foo'));
    const rows = text.split('\n');
    expect(rows[0]).toBe('Delivered. IPv4, 4 hops.');
    expect(rows[2]).toContain('Step 2, encap at node/node1');
    expect(rows[2]).toContain(
      'outer 192.1.6.3 -> 192.1.6.4 around 10.20.9.1:43512 -> 10.20.30.42:80',
    );
    expect(rows).toContain('Reply, 4 hops:');
  });

  it('names the drop and where it happened', () => {
    const text = describeTrace(traceOf(islandTwoClusters, 'host/other', 'c2:pod/pod-a'));
    expect(text.split('\n')[0]).toBe('Dropped (no route) at router/network. IPv4, 2 hops.');
  });
});

it('formatTraceTable prints a row per hop with its note', () => {
  const out = formatTraceTable(traceOf(weaveOverlay, 'pod/bar', 'pod/foo'));
  const rows = out.split('\n');
  expect(rows[0]).toBe('Delivered. (IPv4)');
  expect(rows[2]).toMatch(/^#\s+at\s+action\s+src\s+dst\s+outer$/);
  expect(out).toContain('192.1.6.3 -> 192.1.6.4');
  expect(out).toContain('Reply:');
});
