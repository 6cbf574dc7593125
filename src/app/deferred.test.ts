import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../core/scenario/parse';
import { DEFAULT_VIEW, STORAGE_KEYS } from '../store/persist';
import { DEFAULT_SPEED, deferredNow, INPUT_BYTES, loadDeferred, SAVED_KEYS } from './deferred';

describe('deferred loading of the codec and the session store', () => {
  it('uses the same storage keys, default speed and input limit as store/persist.ts', () => {
    expect(SAVED_KEYS.session).toBe(STORAGE_KEYS.session);
    expect(SAVED_KEYS.previous).toBe(STORAGE_KEYS.previous);
    expect(DEFAULT_SPEED).toBe(DEFAULT_VIEW.speed);
    expect(INPUT_BYTES).toBe(INPUT_LIMITS.bytes);
  });

  it('loads once and then hands the modules out synchronously', async () => {
    const d = await loadDeferred();
    expect(typeof d.codec.encodeShare).toBe('function');
    expect(typeof d.persist.readSession).toBe('function');
    expect(deferredNow()).toBe(d);
    expect(await loadDeferred()).toBe(d);
  });
});
