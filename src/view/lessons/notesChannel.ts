/**
 * The presenter window and the speaker-notes window talk over a BroadcastChannel (same origin,
 * no server): the presenter window sends what is on screen whenever it changes; the notes window
 * asks for it when it opens and sends "next" and "back" when the presenter's clicker is aimed
 * at it. Messages are checked on arrival: anything else on the channel is ignored.
 */
import type { Theme } from '../../store';

export const NOTES_CHANNEL = 'packetwalk-presenter';
export const NOTES_WINDOW_NAME = 'packetwalk-notes';

export interface ScreenState {
  lessonId: string | null;
  step: number;
  finished: boolean;
  hop: number;
  hops: number;
  seed: number;
  theme: Theme;
  /** A challenge waits for an answer on screen. */
  asking: boolean;
}

export type NotesMessage =
  | { type: 'state'; state: ScreenState }
  | { type: 'hello' }
  | { type: 'command'; command: 'next' | 'back' };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The message, if `data` is one of ours. */
export function readNotesMessage(data: unknown): NotesMessage | null {
  if (!isObj(data)) return null;
  if (data.type === 'hello') return { type: 'hello' };
  if (data.type === 'command' && (data.command === 'next' || data.command === 'back')) {
    return { type: 'command', command: data.command };
  }
  if (data.type === 'state' && isObj(data.state)) {
    const s = data.state;
    const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
    return {
      type: 'state',
      state: {
        lessonId: typeof s.lessonId === 'string' ? s.lessonId : null,
        step: int(s.step),
        finished: s.finished === true,
        hop: int(s.hop),
        hops: int(s.hops),
        seed: int(s.seed),
        theme: s.theme === 'dark' ? 'dark' : 'light',
        asking: s.asking === true,
      },
    };
  }
  return null;
}

export function openChannel(): BroadcastChannel | null {
  try {
    return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(NOTES_CHANNEL);
  } catch {
    return null;
  }
}

/** Opens (or focuses) the speaker-notes window. False when the browser blocked it. */
export function openNotesWindow(theme: Theme): boolean {
  try {
    const url = `${window.location.pathname}?notes=1&theme=${theme}`;
    const w = window.open(url, NOTES_WINDOW_NAME, 'popup,width=760,height=640');
    if (!w) return false;
    w.focus();
    return true;
  } catch {
    return false;
  }
}
