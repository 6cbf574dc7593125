/**
 * Upgrades of share-link payloads from older link formats to the current one.
 *
 * A link names its format version first (`v1.`...). Decoding a link of format N is two steps:
 * the reader of format N (codec.ts keeps one per released version, with its frozen compression
 * dictionary and its field layout) turns the link into a plain, unvalidated share state of
 * format N; then the steps below lift that state N -> N+1 -> ... -> CURRENT_FORMAT, and only
 * the result is validated against the current schema.
 *
 * How to add format v2:
 * 1. keep v1's reader as it is (never edit a released reader or dictionary: old links break);
 * 2. write the v2 reader/writer in codec.ts and set CURRENT_FORMAT = 2;
 * 3. add `1: (state) => ...` below, turning a v1 share state into a v2 one (and bumping
 *    `scenario.version` if the scenario format changed too);
 * 4. add a v2 link to link-fixtures/ and keep the v1 one: its test then proves the chain.
 *
 * Steps work on untrusted data: they must not throw (migrate() catches anyway) and should
 * leave anything they do not understand for the schema to judge.
 */

/** The link format this build writes. */
export const CURRENT_FORMAT = 1;

/** The oldest link format this build still reads. */
export const OLDEST_FORMAT = 1;

export type MigrationResult =
  { ok: true; state: unknown; warnings?: string[] } | { ok: false; error: string };

/** Lifts a share state from format N to N+1. */
export type MigrationStep = (state: unknown) => MigrationResult;

/** `MIGRATIONS[n]` lifts format n to n+1. Empty while v1 is the only released format. */
export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = Object.freeze({});

export type MigrateResult =
  | { ok: true; state: unknown; warnings: string[]; applied: number[] }
  | { ok: false; error: string };

/**
 * Runs the steps from format `from` up to format `to`. `applied` lists the formats each step
 * started from (empty when nothing had to change). Never throws.
 */
export function migrate(
  state: unknown,
  from: number,
  to: number = CURRENT_FORMAT,
  steps: Readonly<Record<number, MigrationStep>> = MIGRATIONS,
): MigrateResult {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from > to) {
    return { ok: false, error: `Cannot upgrade a link from format v${from} to v${to}.` };
  }
  const warnings: string[] = [];
  const applied: number[] = [];
  let current = state;
  for (let v = from; v < to; v++) {
    const step = Object.prototype.hasOwnProperty.call(steps, v) ? steps[v] : undefined;
    if (!step) {
      return { ok: false, error: `There is no upgrade from link format v${v} to v${v + 1}.` };
    }
    let result: MigrationResult;
    try {
      result = step(current);
    } catch {
      result = { ok: false, error: `Upgrading this link from format v${v} to v${v + 1} failed.` };
    }
    if (!result.ok) return { ok: false, error: result.error };
    current = result.state;
    if (result.warnings) warnings.push(...result.warnings);
    applied.push(v);
  }
  return { ok: true, state: current, warnings, applied };
}
