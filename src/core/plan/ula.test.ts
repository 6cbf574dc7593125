import { describe, expect, it } from 'vitest';
import { cidrFrom } from '../model/cidr';
import {
  ULA_MAX_GLOBAL_ID,
  isUlaGlobalId,
  randomGlobalId,
  ulaGlobalIdOf,
  ulaPrefix,
  ulaSubnet,
} from './ula';

/** RFC 4193 section 3.1: Prefix fc00::/7, L = 1, 40-bit Global ID, 16-bit Subnet ID. */
function fields(prefix: string) {
  const c = cidrFrom(prefix);
  if (!c) throw new Error(`not a CIDR: ${prefix}`);
  return {
    prefix: c.prefix,
    top7: c.base >> 121n,
    l: (c.base >> 120n) & 1n,
    globalId: (c.base >> 80n) & ((1n << 40n) - 1n),
    rest: c.base & ((1n << 80n) - 1n),
  };
}

describe('ulaPrefix (RFC 4193 section 3.1 layout)', () => {
  it.each([0n, 1n, 0x123456789an, 0xabcdef0123n, ULA_MAX_GLOBAL_ID])(
    'puts global ID %s behind fc00::/7 with L=1 as a /48',
    (id) => {
      const p = ulaPrefix(id);
      expect(p).not.toBeNull();
      const f = fields(p ?? '');
      expect(f.prefix).toBe(48);
      expect(f.top7).toBe(0xfcn >> 1n); // 1111 110
      expect(f.l).toBe(1n); // locally assigned: fd00::/8
      expect(f.globalId).toBe(id);
      expect(f.rest).toBe(0n);
    },
  );

  it('writes the prefix in canonical RFC 5952 text', () => {
    expect(ulaPrefix(0x123456789an)).toBe('fd12:3456:789a::/48');
    expect(ulaPrefix(0n)).toBe('fd00::/48');
    expect(ulaPrefix(ULA_MAX_GLOBAL_ID)).toBe('fdff:ffff:ffff::/48');
  });

  it('refuses IDs that are not 40-bit numbers instead of truncating them', () => {
    expect(ulaPrefix(-1n)).toBeNull();
    expect(ulaPrefix(1n << 40n)).toBeNull();
    expect(isUlaGlobalId(1n << 40n)).toBe(false);
    expect(isUlaGlobalId(ULA_MAX_GLOBAL_ID)).toBe(true);
  });
});

describe('randomGlobalId', () => {
  it('asks for 5 bytes and reads them big-endian', () => {
    const asked: number[] = [];
    const id = randomGlobalId((n) => {
      asked.push(n);
      return Uint8Array.from([0x12, 0x34, 0x56, 0x78, 0x9a, 0xff]);
    });
    expect(asked).toEqual([5]);
    expect(id).toBe(0x123456789an);
  });

  it('stays a valid 40-bit ID for any bytes, and does not throw on a bad source', () => {
    expect(isUlaGlobalId(randomGlobalId(() => new Uint8Array(5).fill(255)))).toBe(true);
    expect(randomGlobalId(() => Uint8Array.from([1, 2]))).toBe(0x0102000000n);
    expect(
      randomGlobalId(() => {
        throw new Error('no entropy');
      }),
    ).toBe(0n);
  });

  it('gives different prefixes for different random bytes', () => {
    let seed = 7;
    const bytes = (n: number) =>
      Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 255);
    const a = ulaPrefix(randomGlobalId(bytes));
    const b = ulaPrefix(randomGlobalId(bytes));
    expect(a).not.toBe(b);
  });
});

describe('ulaGlobalIdOf and ulaSubnet', () => {
  it('reads the global ID back from a prefix or an address inside it', () => {
    expect(ulaGlobalIdOf('fd12:3456:789a::/48')).toBe(0x123456789an);
    expect(ulaGlobalIdOf('fd12:3456:789a:1::5')).toBe(0x123456789an);
    expect(ulaGlobalIdOf(ulaPrefix(0xabcdef0123n) ?? '')).toBe(0xabcdef0123n);
  });

  it('is null outside fd00::/8 or for prefixes shorter than /48', () => {
    expect(ulaGlobalIdOf('fc00::/48')).toBeNull(); // L = 0: not locally assigned
    expect(ulaGlobalIdOf('2001:db8::/48')).toBeNull();
    expect(ulaGlobalIdOf('fd00::/40')).toBeNull();
    expect(ulaGlobalIdOf('10.0.0.0/8')).toBeNull();
  });

  it('numbers the 65,536 /64 subnets of the /48 by the 16-bit subnet ID', () => {
    expect(ulaSubnet(0x123456789an, 0)).toBe('fd12:3456:789a::/64');
    expect(ulaSubnet(0x123456789an, 0xfffe)).toBe('fd12:3456:789a:fffe::/64');
    expect(ulaSubnet(0x123456789an, 0x10000)).toBeNull();
    expect(ulaSubnet(1n << 40n, 0)).toBeNull();
  });
});
