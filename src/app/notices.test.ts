import { afterEach, describe, expect, it } from 'vitest';
import { dismiss, noticeStore, notify, summarize } from './notices';

afterEach(() => {
  for (const n of noticeStore.getState().notices) dismiss(n.id);
});

describe('notices', () => {
  it('keeps the newest three', () => {
    for (let i = 0; i < 5; i++) notify({ kind: 'error', text: `n${i}` });
    expect(noticeStore.getState().notices.map((n) => n.text)).toEqual(['n2', 'n3', 'n4']);
  });

  it('a newer notice with the same tag replaces the older one', () => {
    notify({ kind: 'info', text: 'first load', tag: 'load' });
    notify({ kind: 'error', text: 'a link failed' });
    notify({ kind: 'info', text: 'second load', tag: 'load' });
    expect(noticeStore.getState().notices.map((n) => n.text)).toEqual([
      'a link failed',
      'second load',
    ]);
  });

  it('summarizes long lists', () => {
    expect(summarize(['a', 'b'])).toEqual(['a', 'b']);
    expect(summarize(['a', 'b', 'c', 'd', 'e'])).toEqual(['a', 'b', 'c', '… and 2 more.']);
  });
});
