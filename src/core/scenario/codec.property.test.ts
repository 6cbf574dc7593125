/**
 * Property tests of the share-link codec, seeded so every run checks the same cases.
 * - 1,000 random scenarios (with and without a view) survive encode -> decode deep-equal.
 * - 10,000 hostile fragments give a valid scenario or a clear error, never an exception:
 *   mutated link text (the checksum should catch it), mutated compressed bytes and mutated
 *   packed JSON re-sealed with a valid checksum (so decompression, unpacking and the schema
 *   all see garbage too), truncations, and random text.
 */
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../model/schema';
import {
  FORMATS,
  decodeShare,
  encodeShare,
  fromBase64Url,
  packShare,
  sealBytes,
  sealPayload,
  type DecodeResult,
  type ShareView,
} from './codec';
import { randomScenario, seededRandom } from './random';

const dictionary = FORMATS.readers[1]!.dictionary!();

function randomView(rand: () => number): ShareView | undefined {
  if (rand() < 0.7) return undefined;
  const view: ShareView = {};
  if (rand() < 0.5) view.model = 'island';
  if (rand() < 0.5) view.hop = Math.floor(rand() * 20);
  if (rand() < 0.5) view.viewport = { x: rand() * 1000 - 500, y: rand() * 1000, k: 0.1 + rand() };
  if (rand() < 0.3) view.flow = rand() < 0.2 ? null : { from: 'pod-a', to: ['x', { port: 80 }] };
  if (rand() < 0.3) view.lesson = { id: 'lesson-1', step: Math.floor(rand() * 10) };
  if (rand() < 0.3) view.preset = 'preset-ü';
  if (rand() < 0.3) view.flowId = 'flow-1';
  return view;
}

describe('round trip of random scenarios', () => {
  it('gives back 1,000 random scenarios deep-equal', () => {
    const rand = seededRandom(2024);
    for (let seed = 1; seed <= 1000; seed++) {
      const scenario = randomScenario(seed);
      // The generator must make what the schema reads, or the test proves nothing.
      expect(ScenarioSchema.parse(scenario), `seed ${seed} is not canonical`).toStrictEqual(
        scenario,
      );
      const view = randomView(rand);
      const state = view === undefined ? { scenario } : { scenario, view };
      const result = decodeShare(encodeShare(state));
      expect(result.ok ? result.state : result.error, `seed ${seed}`).toStrictEqual(state);
    }
  });
});

// --- hostile input ----------------------------------------------------------------------------

type Outcome = 'ok' | 'error';

function check(fragment: string, label: string, tally: Map<string, number>): Outcome {
  let result: DecodeResult;
  try {
    result = decodeShare(fragment);
  } catch (e) {
    throw new Error(`decodeShare threw on ${label}: ${String(e)}`);
  }
  if (result.ok) {
    if (!ScenarioSchema.safeParse(result.state.scenario).success) {
      throw new Error(`decodeShare returned an invalid scenario for ${label}`);
    }
    tally.set('ok', (tally.get('ok') ?? 0) + 1);
    return 'ok';
  }
  if (typeof result.error !== 'string' || !/^This link /.test(result.error)) {
    throw new Error(`unclear error for ${label}: ${String(result.error)}`);
  }
  // Group by the kind of failure to see which layers the fuzzing reached.
  const kind = result.error
    .replace(/\d+/g, '#')
    .replace(/"[^"]*"/g, '""')
    .slice(0, 100);
  tally.set(kind, (tally.get(kind) ?? 0) + 1);
  return 'error';
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function mutateText(text: string, rand: () => number): string {
  const at = Math.floor(rand() * text.length);
  const r = rand();
  if (r < 0.3) return text.slice(0, at); // cut short
  if (r < 0.6) return text.slice(0, at) + ALPHABET[Math.floor(rand() * 64)] + text.slice(at + 1);
  if (r < 0.75) return text.slice(0, at) + text.slice(at + 1); // a character lost
  if (r < 0.9) return text.slice(0, at) + ALPHABET[Math.floor(rand() * 64)] + text.slice(at);
  return text.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + text.slice(at);
}

function mutateBytes(bytes: Uint8Array, rand: () => number): Uint8Array {
  const out = bytes.slice();
  const n = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < n && out.length > 0; k++) {
    const at = Math.floor(rand() * out.length);
    if (rand() < 0.5)
      out[at] = (out[at] ?? 0) ^ (1 << Math.floor(rand() * 8)); // bit flip
    else out[at] = Math.floor(rand() * 256); // byte replaced
  }
  return rand() < 0.2 ? out.subarray(0, Math.floor(rand() * out.length)) : out;
}

const HOSTILE_VALUES: unknown[] = [
  null,
  -1,
  1e300,
  1.5,
  2 ** 60,
  '',
  'x'.repeat(300),
  'None',
  [],
  [[]],
  {},
  { __proto__: 'x' },
  true,
  [null, null, null],
];

/** Replaces, removes or duplicates one random spot of a JSON tree (in place). */
function mutateJson(root: unknown[], rand: () => number): void {
  let holder: unknown[] | Record<string, unknown> = root;
  for (let depth = 0; depth < 12; depth++) {
    const keys: (string | number)[] = Array.isArray(holder)
      ? holder.map((_, i) => i)
      : Object.keys(holder);
    if (keys.length === 0) break;
    const key = keys[Math.floor(rand() * keys.length)]!;
    const child: unknown = (holder as Record<string | number, unknown>)[key];
    const descend = typeof child === 'object' && child !== null && rand() < 0.85;
    if (descend) {
      holder = child as unknown[] | Record<string, unknown>;
      continue;
    }
    const r = rand();
    if (r < 0.6) {
      (holder as Record<string | number, unknown>)[key] =
        HOSTILE_VALUES[Math.floor(rand() * HOSTILE_VALUES.length)];
    } else if (r < 0.8 && Array.isArray(holder)) {
      holder.splice(key as number, 1);
    } else if (typeof child === 'number') {
      (holder as Record<string | number, unknown>)[key] = child + (rand() < 0.5 ? 1 : -1000);
    } else if (Array.isArray(holder)) {
      holder.push(structuredClone(child));
    }
    return;
  }
}

describe('hostile fragments', () => {
  it('turn 10,000 mutated, truncated and random links into a scenario or a clear error', () => {
    const rand = seededRandom(7);
    const bases = Array.from({ length: 40 }, (_, i) => {
      const scenario = randomScenario(10_000 + i, { clusters: 2, nodes: 4, pods: 6, services: 3 });
      const fragment = encodeShare({ scenario, view: { hop: 1, viewport: { x: 1, y: 2, k: 3 } } });
      return {
        fragment,
        bytes: fromBase64Url(fragment.slice(3))!.subarray(3),
        payload: packShare({ scenario }),
      };
    });
    const tally = new Map<string, number>();
    const outcomes = { ok: 0, error: 0 };
    for (let n = 0; n < 10_000; n++) {
      const base = bases[n % bases.length]!;
      const kind = n % 10;
      let fragment: string;
      if (kind < 3) {
        fragment = mutateText(base.fragment, rand);
      } else if (kind < 6) {
        // Valid checksum over damaged compressed bytes: reaches the decompressor.
        fragment = sealBytes(1, mutateBytes(base.bytes, rand));
      } else if (kind < 9) {
        // Valid checksum and DEFLATE over damaged packed JSON: reaches unpacking and the schema.
        const payload = structuredClone(base.payload);
        mutateJson(payload, rand);
        fragment = sealPayload(1, payload, dictionary);
      } else if (rand() < 0.5) {
        const length = Math.floor(rand() * 200);
        fragment = Array.from({ length }, () => ALPHABET[Math.floor(rand() * 64)]).join('');
        if (rand() < 0.7) fragment = `v1.${fragment}`;
      } else {
        const noise = Uint8Array.from({ length: Math.floor(rand() * 300) }, () => rand() * 256);
        fragment = sealBytes(1, rand() < 0.5 ? noise : deflateSync(noise));
      }
      outcomes[check(fragment, `case ${n} (${fragment.slice(0, 40)}...)`, tally)]++;
    }
    if (process.env.SHOW_TALLY) console.log(outcomes, tally);
    expect(outcomes.ok + outcomes.error).toBe(10_000);
    // Every layer was reached: the checksum, decompression, unpacking and the schema all
    // refused something, and some damaged-but-valid payloads still decoded.
    const kinds = [...tally.keys()].join('\n');
    expect(kinds).toMatch(/checksum does not match/);
    expect(kinds).toMatch(/could not be decompressed/);
    expect(kinds).toMatch(/nothing to count from|expected a list|refers to a node/);
    expect(kinds).toMatch(/damaged: (clusters|networks|hosts)\.#/); // the schema
    expect(outcomes.ok).toBeGreaterThan(100);
  });
});
