import { describe, expect, it } from 'vitest';
import {
  cidrContainsCidr,
  cidrCovering,
  cidrFrom,
  cidrOverlaps,
  cidrSubnet,
  cidrSubnetCount,
  cidrToString,
  countString,
  endpointString,
  ipFrom,
  powerOfTwoText,
} from './cidr';

describe('parsing', () => {
  it('reads IPv4 and IPv6, refuses leading zeros, zones and garbage', () => {
    expect(ipFrom('10.0.1.1')?.family).toBe('IPv4');
    expect(ipFrom('fd00:1234:1::1')?.family).toBe('IPv6');
    expect(ipFrom('010.0.0.1')).toBeNull();
    expect(ipFrom('fe80::1%eth0')).toBeNull();
    expect(ipFrom('10.0.0.256')).toBeNull();
    expect(ipFrom('')).toBeNull();
  });
  it('clears host bits and remembers that they were set', () => {
    const c = cidrFrom('10.0.1.5/24');
    expect(c && cidrToString(c)).toBe('10.0.1.0/24');
    expect(c?.hostBitsSet).toBe(true);
    expect(cidrFrom('10.0.0.0/33')).toBeNull();
    expect(cidrFrom('fd00::/129')).toBeNull();
  });
});

describe('block math without enumerating', () => {
  it("splits talk 002's /80 in /96s: 65,536 ranges, the last one at the top", () => {
    const c = cidrFrom('fd02::/80');
    expect(c).not.toBeNull();
    if (!c) return;
    expect(cidrSubnetCount(c, 96)).toBe(65536n);
    expect(cidrToString(cidrSubnet(c, 96, 1n))).toBe('fd02::1:0:0/96');
    expect(cidrToString(cidrSubnet(c, 96, 65535n))).toBe('fd02::ffff:0:0/96');
  });
  it('tells containment from overlap, and families apart', () => {
    const a = cidrFrom('10.0.0.0/16');
    const b = cidrFrom('10.0.1.0/24');
    const v6 = cidrFrom('::/0');
    if (!a || !b || !v6) throw new Error('parse');
    expect(cidrContainsCidr(a, b)).toBe(true);
    expect(cidrContainsCidr(b, a)).toBe(false);
    expect(cidrOverlaps(b, a)).toBe(true);
    expect(cidrOverlaps(a, v6)).toBe(false);
  });
  it('finds the smallest covering block', () => {
    const items = ['10.244.0.0/24', '10.244.2.0/24'].map((t) => cidrFrom(t));
    const c = cidrCovering(
      'IPv4',
      items.filter((x) => x !== null),
    );
    expect(c && cidrToString(c)).toBe('10.244.0.0/22');
  });
});

describe('text for people', () => {
  it('brackets IPv6 endpoints', () => {
    expect(endpointString('fd00::b', 8080)).toBe('[fd00::b]:8080');
    expect(endpointString('10.0.0.1', 80)).toBe('10.0.0.1:80');
  });
  it('writes big counts as powers of two without rounding down', () => {
    expect(countString(256n)).toBe('256');
    expect(countString(1n << 64n)).toBe('2^64');
    // a /64 node range: host-local hands out 2^64 - 2 addresses (network and gateway skipped)
    expect(countString((1n << 64n) - 2n)).toBe('2^64 − 2');
    expect(powerOfTwoText((1n << 64n) - (1n << 40n))).toBe('~2^64');
    expect(powerOfTwoText(3n << 62n)).toBe('~2^64'); // 1.5 x 2^63 is nearer 2^64 by ratio
    expect(powerOfTwoText(5n << 60n)).toBe('~2^62'); // 1.25 x 2^62
  });
});
