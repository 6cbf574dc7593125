/**
 * Links of every released format, as they were written when it was released.
 *
 * Every future format version adds its own fixtures here (`<name>.v<N>.txt`, one link per
 * file) and keeps all older ones: decoding them is the proof that old links still open.
 * Never regenerate a released fixture; if one stops decoding, the change broke old links.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, type ShareState } from '../codec';
import { CURRENT_FORMAT, OLDEST_FORMAT } from '../migrations';
import { twoClusterScenario, twoClusterWithView } from './two-cluster';

const EXPECTED: Record<string, ShareState> = {
  'two-cluster': { scenario: twoClusterScenario },
  'two-cluster-view': structuredClone(twoClusterWithView) as ShareState,
};

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = readdirSync(here)
  .map((file) => /^(.+)\.v(\d+)\.txt$/.exec(file))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({
    file: m[0],
    name: m[1]!,
    version: Number(m[2]),
    link: readFileSync(join(here, m[0]), 'utf8').trim(),
  }));

describe('released link fixtures', () => {
  it('include a link of every format from the oldest read to the current one', () => {
    for (let v = OLDEST_FORMAT; v <= CURRENT_FORMAT; v++) {
      expect(fixtures.some((f) => f.version === v && f.name === 'two-cluster')).toBe(true);
    }
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s decodes to its state', (_, f) => {
    expect(f.link.startsWith(`v${f.version}.`)).toBe(true);
    const result = decodeShare(f.link);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state).toStrictEqual(EXPECTED[f.name]);
    expect(result.migratedFrom).toBe(f.version < CURRENT_FORMAT ? f.version : undefined);
  });

  it.each(fixtures.filter((f) => f.version === CURRENT_FORMAT).map((f) => [f.file, f] as const))(
    '%s is what encodeShare writes today (layout and dictionary unchanged)',
    (_, f) => {
      expect(encodeShare(EXPECTED[f.name]!)).toBe(f.link);
    },
  );
});
