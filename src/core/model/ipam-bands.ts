/**
 * A deterministic stand-in for kube-apiserver's ClusterIP and NodePort allocators with a
 * static band (KEP-3070 for IPs, KEP-3668 for ports): dynamic allocation tries the upper band
 * first and falls back to the lower (static) band only when the upper one is full
 * (ipallocator.go allocateNextService, bitmap allocator randomScanStrategyWithOffset). The real
 * allocators start at a random point in each band; we take the lowest free value instead, so
 * the same scenario always gets the same addresses.
 *
 * Each band keeps a cursor below which every value is taken, so finding the lowest free value
 * costs steps proportional to the taken values, never to the size of the band.
 */
export interface BandSpec {
  readonly first: bigint;
  readonly last: bigint;
}

interface BandState extends BandSpec {
  cursor: bigint;
}

export class BandAllocator {
  private readonly bands: BandState[];

  /** `bands` in preference order (upper band first); `taken` is shared and owned by the caller. */
  constructor(
    bands: readonly BandSpec[],
    private readonly taken: Set<bigint>,
  ) {
    this.bands = bands.filter((b) => b.last >= b.first).map((b) => ({ ...b, cursor: b.first }));
  }

  /** The lowest free value of the first band that has one, or null when all are full. */
  peek(): bigint | null {
    for (const b of this.bands) {
      while (b.cursor <= b.last && this.taken.has(b.cursor)) b.cursor += 1n;
      if (b.cursor <= b.last) return b.cursor;
    }
    return null;
  }

  next(): bigint | null {
    const v = this.peek();
    if (v !== null) this.taken.add(v);
    return v;
  }

  /** Give a value back (a failed transaction): the cursor of its band moves back if needed. */
  release(v: bigint): void {
    this.taken.delete(v);
    for (const b of this.bands) {
      if (v >= b.first && v <= b.last && v < b.cursor) b.cursor = v;
    }
  }
}

/** Upper band then lower band of `first..last` split at `first + offset`. */
export function upperThenLower(first: bigint, last: bigint, offset: bigint): BandSpec[] {
  if (offset <= 0n) return [{ first, last }];
  return [
    { first: first + offset, last },
    { first, last: first + offset - 1n },
  ];
}
