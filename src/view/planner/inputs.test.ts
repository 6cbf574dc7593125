import { describe, expect, it } from 'vitest';
import { dualStackCluster, ipv6Cluster } from '../../lessons/presets/ipv6';
import { singleCluster } from '../../lessons/presets/network-models';
import { clusterGlobalId, inputsFrom, parseInputs, parseSelector } from './inputs';

describe('sizing inputs', () => {
  it('start from the cluster as it is: its nodes, maxPods, Services, families and network', () => {
    const c = singleCluster.clusters[0] ?? null;
    expect(inputsFrom(singleCluster, c)).toEqual({
      nodes: '2',
      podsPerNode: '110', // kubelet's default maxPods
      services: '0',
      stack: 'IPv4',
      ipv4Base: '10.0.0.0/8',
    });
    expect(inputsFrom(dualStackCluster, dualStackCluster.clusters[0] ?? null).stack).toBe(
      'dual-stack',
    );
    expect(inputsFrom(ipv6Cluster, ipv6Cluster.clusters[0] ?? null).stack).toBe('IPv6');
  });

  it('read empty or non-numeric text as NaN, so the core refuses it with a reason', () => {
    const p = parseInputs({
      nodes: '',
      podsPerNode: '110',
      services: 'x',
      stack: 'dual-stack',
      ipv4Base: ' ',
    });
    expect(p.nodes).toBeNaN();
    expect(p.services).toBeNaN();
    expect(p.podsPerNode).toBe(110);
    expect(p.families).toEqual(['IPv4', 'IPv6']);
    expect(p.ipv4Base).toBeUndefined();
  });

  it('keep the ULA Global ID a cluster already uses (talk 001: fd00:1234:1::/48 -> 0x0012340001)', () => {
    const id = clusterGlobalId(dualStackCluster.clusters[0] ?? null);
    expect(id).toBe(0x0012340001n);
    expect(clusterGlobalId(singleCluster.clusters[0] ?? null)).toBeNull();
  });

  it('read a node selector as key=value pairs, and refuse a pair without "="', () => {
    expect(parseSelector('node-pool=pool-2, zone = a')).toEqual({
      'node-pool': 'pool-2',
      zone: 'a',
    });
    expect(parseSelector('')).toEqual({});
    expect(parseSelector('pool-2')).toBeNull();
  });
});
