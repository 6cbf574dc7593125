/**
 * What the first screen does not need is loaded when first used, not with the page: the share
 * codec (fflate, its dictionary, the zod schema) and the session store built on it
 * (store/persist.ts). It is needed at startup only when there is something to read back (a share
 * link in the address bar, an autosaved session, the previous list); startup.ts then waits for it
 * before the first render. Otherwise it is fetched on the first change or the first pointer or
 * key press, well before an autosave or a share link needs it.
 */
import type * as Codec from '../core/scenario/codec';
import type * as Persist from '../store/persist';

export interface Deferred {
  codec: typeof Codec;
  persist: typeof Persist;
}

/** The keys of store/persist.ts's STORAGE_KEYS, checked without loading it (deferred.test.ts). */
export const SAVED_KEYS = {
  session: 'packetwalk:session:v1',
  previous: 'packetwalk:previous:v1',
} as const;

/** INPUT_LIMITS.bytes of core/scenario/parse.ts, for importing.ts (deferred.test.ts checks). */
export const INPUT_BYTES = 5 * 1024 * 1024;

/** DEFAULT_VIEW.speed of store/persist.ts (deferred.test.ts checks they agree). */
export const DEFAULT_SPEED = 1;

let loaded: Deferred | null = null;
let pending: Promise<Deferred> | null = null;

/** The codec and the session store, loading them if need be. A failed load can be retried. */
export function loadDeferred(): Promise<Deferred> {
  if (loaded) return Promise.resolve(loaded);
  if (!pending) {
    pending = Promise.all([import('../core/scenario/codec'), import('../store/persist')]).then(
      ([codec, persist]) => (loaded = { codec, persist }),
      (e: unknown) => {
        pending = null;
        throw e;
      },
    );
  }
  return pending;
}

/** The codec and the session store if they are loaded already, else null. */
export function deferredNow(): Deferred | null {
  return loaded;
}

/** Starts loading in the background (a failure is retried at the next real use). */
export function preloadDeferred(): void {
  if (!loaded) loadDeferred().catch(() => undefined);
}
