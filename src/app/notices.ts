/**
 * Notices about loading and saving: a link that could not be opened, an import with warnings,
 * "Opened X. Undo load". Unlike the store's one-line message they can carry details and an
 * action button. Shown by view/share/Notices.tsx.
 */
import { createStore } from 'zustand/vanilla';

export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** Further lines (warnings of an import), shown under the text. */
  details?: string[];
  action?: NoticeAction;
  /** A newer notice with the same tag replaces this one (a newer "Undo load" supersedes). */
  tag?: string;
}

export interface NoticeState {
  notices: Notice[];
}

export const noticeStore = createStore<NoticeState>()(() => ({ notices: [] }));

/** How many notices stay on screen at once (the oldest go first). */
const MAX_NOTICES = 3;
/** Info notices leave on their own; errors stay until dismissed. */
const INFO_MS = 8_000;
const ACTION_MS = 20_000;

let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export function notify(n: Omit<Notice, 'id'>): number {
  const id = nextId++;
  const notice: Notice = { ...n, id };
  const old = noticeStore.getState().notices;
  const superseded = n.tag === undefined ? [] : old.filter((x) => x.tag === n.tag);
  for (const gone of superseded) clearTimer(gone.id);
  const list = [...old.filter((x) => !superseded.includes(x)), notice];
  for (const gone of list.slice(0, Math.max(0, list.length - MAX_NOTICES))) clearTimer(gone.id);
  noticeStore.setState({ notices: list.slice(-MAX_NOTICES) });
  if (n.kind === 'info') {
    timers.set(
      id,
      setTimeout(() => dismiss(id), n.action ? ACTION_MS : INFO_MS),
    );
  }
  return id;
}

export function dismiss(id: number): void {
  clearTimer(id);
  noticeStore.setState((s) => ({ notices: s.notices.filter((x) => x.id !== id) }));
}

/** Keeps a notice on screen while the pointer or focus is on it. */
export function hold(id: number): void {
  clearTimer(id);
}

function clearTimer(id: number) {
  const t = timers.get(id);
  if (t !== undefined) clearTimeout(t);
  timers.delete(id);
}

/** "a", "a and b", "a, b and 2 more": a short list for a notice. */
export function summarize(lines: readonly string[], max = 3): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `… and ${lines.length - max} more.`];
}
