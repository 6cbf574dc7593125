import { describe, expect, it } from 'vitest';
import { islandTwoClusters, singleCluster } from '../../lessons/presets/network-models';
import { dualStackCluster } from '../../lessons/presets/ipv6';
import { weaveRouted } from '../../lessons/presets/weave';
import { endpointToString, parseEndpoint } from './endpoint';

const ok = (text: string, s = weaveRouted) => {
  const r = parseEndpoint(text, s);
  if (!r.ok) throw new Error(r.error);
  return r.endpoint;
};
const error = (text: string, s = weaveRouted) => {
  const r = parseEndpoint(text, s);
  return r.ok ? '' : r.error;
};

describe('parseEndpoint: the CLI grammar', () => {
  it('names come back qualified with cluster and namespace', () => {
    expect(ok('pod/foo')).toEqual({
      kind: 'pod',
      cluster: 'cluster',
      namespace: 'default',
      name: 'foo',
    });
    expect(ok('pod/default/foo:80')).toEqual({
      kind: 'pod',
      cluster: 'cluster',
      namespace: 'default',
      name: 'foo',
      port: 80,
    });
    expect(ok('node/node2:30021')).toEqual({
      kind: 'node',
      cluster: 'cluster',
      name: 'node2',
      port: 30021,
    });
    expect(ok('svc/foo:80')).toEqual({
      kind: 'svc',
      cluster: 'cluster',
      namespace: 'default',
      name: 'foo',
      port: 80,
    });
    expect(ok('gw/ingress')).toEqual({ kind: 'gw', cluster: 'cluster', name: 'ingress' });
    expect(ok('lb/lb-app:80', dualStackCluster)).toMatchObject({
      kind: 'lb',
      name: 'lb-app',
      port: 80,
    });
    expect(ok('host/other', singleCluster)).toEqual({ kind: 'host', name: 'other' });
  });

  it('IP literals, IPv6 with brackets when a port follows; canonical form', () => {
    expect(ok('198.51.100.7')).toEqual({ kind: 'ip', ip: '198.51.100.7' });
    expect(ok('10.96.0.10:53')).toEqual({ kind: 'ip', ip: '10.96.0.10', port: 53 });
    expect(ok('[2001:db8::1]:443')).toEqual({ kind: 'ip', ip: '2001:db8::1', port: 443 });
    expect(ok('2001:0db8:0:0::1')).toEqual({ kind: 'ip', ip: '2001:db8::1' });
    expect(ok('[2001:db8::1]')).toEqual({ kind: 'ip', ip: '2001:db8::1' });
  });

  it('a cluster prefix picks among clusters; without it a shared name is ambiguous', () => {
    expect(ok('c2:pod/pod-a', islandTwoClusters)).toMatchObject({ cluster: 'c2', name: 'pod-a' });
    expect(error('pod/pod-a', islandTwoClusters)).toContain('c1:pod/pod-a or c2:pod/pod-a');
    expect(error('c9:pod/pod-a', islandTwoClusters)).toContain('no cluster "c9"');
    expect(error('c1:host/other', islandTwoClusters)).toContain('without a cluster prefix');
  });

  it('refuses what is not in the scenario or not in the grammar', () => {
    expect(error('pod/ghost')).toContain('no pod "ghost"');
    expect(error('svc/nope:80')).toContain('no Service "nope"');
    expect(error('deployment/foo')).toContain('expected pod/NAME');
    expect(error('pod/foo:0')).toContain('not a port');
    expect(error('pod/foo:99999')).toContain('not a port');
    expect(error('300.1.1.1')).toContain('not an IP address');
    expect(error('[10.0.0.1]:80')).toContain('not an IPv6 address');
    expect(error('')).toContain('empty endpoint');
    expect(error('pod/a/b/c')).toContain('expected');
  });

  it('endpointToString writes the grammar back', () => {
    for (const text of [
      'pod/foo:80',
      'node/node1',
      'svc/foo:80',
      'gw/ingress',
      '10.96.0.10:53',
      '[2001:db8::1]:443',
    ]) {
      expect(endpointToString(ok(text))).toBe(text);
    }
    expect(endpointToString(ok('c2:pod/pod-a', islandTwoClusters), true)).toBe('c2:pod/pod-a');
  });
});
