import { describe, expect, it } from 'vitest';
import { ipString } from './cidr';
import { ipText, OffsetText, withField } from './ipam-format';

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** IPv6 values with many zero groups, so every "::" placement rule is exercised. */
function v6Values(n: number): bigint[] {
  const r = rng(42);
  const out: bigint[] = [
    0n,
    1n,
    (1n << 128n) - 1n,
    0xffff_0102_0304n, // ::ffff:102:304 (ip-address does not write mapped IPv4 dotted)
    0x2001_0db8_0000_0000_0001_0000_0000_0001n, // two equal runs: the first one is compressed
    0x2001_0db8_0000_0001_0000_0000_0000_0001n,
    0x0001_0000_0000_0000_0000_0000_0000_0000n,
  ];
  for (let i = 0; i < n; i++) {
    let v = 0n;
    for (let g = 0; g < 8; g++) {
      const x = r();
      const group = x < 0.5 ? 0 : x < 0.7 ? Math.floor(r() * 16) : Math.floor(r() * 65536);
      v = (v << 16n) | BigInt(group);
    }
    out.push(v);
  }
  return out;
}

describe('ipText', () => {
  it('writes IPv6 exactly as ip-address correctForm (RFC 5952)', () => {
    for (const v of v6Values(5000)) expect(ipText('IPv6', v)).toBe(ipString('IPv6', v));
  });

  it('writes IPv4 exactly as ipString', () => {
    const r = rng(7);
    const values = [0n, 0xffffffffn, 0x0a000001n, 0x80000000n];
    for (let i = 0; i < 2000; i++) values.push(BigInt(Math.floor(r() * 2 ** 32)));
    for (const v of values) expect(ipText('IPv4', v)).toBe(ipString('IPv4', v));
  });
});

describe('OffsetText', () => {
  it('formats base + offset (inside the range) like ipString for IPv4, /64, /96, /112, /48', () => {
    const cases: { family: 'IPv4' | 'IPv6'; base: bigint; prefix: number }[] = [
      { family: 'IPv4', base: 0x0a000100n, prefix: 24 },
      { family: 'IPv6', base: 0xfd00_1234_0001_0000_0000_0000_0000_0000n, prefix: 64 },
      { family: 'IPv6', base: 0xfd00_0001_0000_0000_0000_0001_0000_0000n, prefix: 96 },
      { family: 'IPv6', base: 0xfd00_0000_0000_0000_ffff_ffff_ffff_0000n, prefix: 112 },
      { family: 'IPv6', base: 0xfd00_0000_0000_0000_0000_0000_0000_0000n, prefix: 48 },
    ];
    const offsets = [0, 1, 2, 255, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 5];
    for (const c of cases) {
      const f = new OffsetText(c.family, c.base, c.prefix);
      for (const off of offsets) {
        const size = 2 ** ((c.family === 'IPv4' ? 32 : 128) - c.prefix);
        if (off >= size) continue; // offsets stay inside the range
        expect(f.text(off)).toBe(ipString(c.family, c.base + BigInt(off)));
      }
    }
  });
});

describe('withField', () => {
  it('copies and sets without touching the original', () => {
    const a = Object.freeze({ name: 'p', podIPs: undefined as string[] | undefined });
    const b = withField(a, 'podIPs', ['10.0.0.2']);
    expect(b).toEqual({ name: 'p', podIPs: ['10.0.0.2'] });
    expect(a.podIPs).toBeUndefined();
  });
});
