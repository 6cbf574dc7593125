/**
 * Undo history as plain data. Every mutation states its undo intent (excalidraw's
 * capture IMMEDIATELY / NEVER / EVENTUALLY, tldraw's marks):
 *   - 'step'   an edit: one undo step;
 *   - 'squash' a drag or a slider: consecutive changes with the same key become one step;
 *   - 'none'   not undoable (loading a scenario from a URL or a file, a preset): clears history.
 */
export type UndoIntent = { kind: 'step' } | { kind: 'squash'; key: string } | { kind: 'none' };

export const STEP: UndoIntent = { kind: 'step' };
export const NOT_UNDOABLE: UndoIntent = { kind: 'none' };
export const squash = (key: string): UndoIntent => ({ kind: 'squash', key });

export interface HistoryEntry<T> {
  state: T;
  /** What the step did, for "Undo rename node" tooltips. */
  label: string;
}

export interface History<T> {
  past: HistoryEntry<T>[];
  future: HistoryEntry<T>[];
  /** The squash key of the last recorded step, while a squash is open. */
  openSquash: string | null;
}

export const HISTORY_LIMIT = 200;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], openSquash: null };
}

/**
 * Record that `before` is being replaced. Returns the new history; the caller stores the new
 * state itself. A squash with the same key as the open one adds no step (the step already
 * holds the state from before the drag began).
 */
export function record<T>(h: History<T>, before: T, label: string, intent: UndoIntent): History<T> {
  if (intent.kind === 'none') return emptyHistory<T>();
  if (intent.kind === 'squash' && h.openSquash === intent.key && h.past.length > 0) {
    return { past: h.past, future: [], openSquash: intent.key };
  }
  const past = [...h.past, { state: before, label }];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [], openSquash: intent.kind === 'squash' ? intent.key : null };
}

/** Close an open squash, so the next change with the same key starts a new step. */
export function closeSquash<T>(h: History<T>): History<T> {
  return h.openSquash === null ? h : { ...h, openSquash: null };
}

export function undo<T>(
  h: History<T>,
  current: T,
): { history: History<T>; state: T; label: string } | null {
  const last = h.past[h.past.length - 1];
  if (!last) return null;
  return {
    history: {
      past: h.past.slice(0, -1),
      future: [{ state: current, label: last.label }, ...h.future],
      openSquash: null,
    },
    state: last.state,
    label: last.label,
  };
}

export function redo<T>(
  h: History<T>,
  current: T,
): { history: History<T>; state: T; label: string } | null {
  const next = h.future[0];
  if (!next) return null;
  return {
    history: {
      past: [...h.past, { state: current, label: next.label }],
      future: h.future.slice(1),
      openSquash: null,
    },
    state: next.state,
    label: next.label,
  };
}
