/**
 * The core's count text (cidr.ts countString), remembered: it formats through
 * toLocaleString, which costs tens of microseconds a call, and a planner of 20 clusters asks
 * for the same few hundred numbers on every render. The text is the core's own.
 */
import { countString } from '../../core/model/cidr';

const cache = new Map<bigint, string>();
const MAX = 4096;

export function count(n: bigint): string {
  const hit = cache.get(n);
  if (hit !== undefined) return hit;
  const text = countString(n);
  if (cache.size >= MAX) cache.clear();
  cache.set(n, text);
  return text;
}
