import { describe, expect, it } from 'vitest';
import {
  closeSquash,
  emptyHistory,
  HISTORY_LIMIT,
  NOT_UNDOABLE,
  record,
  redo,
  squash,
  STEP,
  undo,
} from './history';

describe('history', () => {
  it('an edit is one undo step; undo then redo gets back where we were', () => {
    let h = emptyHistory<number>();
    h = record(h, 1, 'a', STEP);
    h = record(h, 2, 'b', STEP);
    const u = undo(h, 3);
    expect(u?.state).toBe(2);
    expect(u?.label).toBe('b');
    const r = u && redo(u.history, u.state);
    expect(r?.state).toBe(3);
  });

  it('a drag squashes into one step', () => {
    let h = emptyHistory<number>();
    h = record(h, 10, 'drag', squash('mask'));
    h = record(h, 11, 'drag', squash('mask'));
    h = record(h, 12, 'drag', squash('mask'));
    expect(h.past).toHaveLength(1);
    expect(undo(h, 13)?.state).toBe(10);
  });

  it('a closed squash starts a new step with the same key', () => {
    let h = record(emptyHistory<number>(), 10, 'drag', squash('mask'));
    h = closeSquash(h);
    h = record(h, 11, 'drag', squash('mask'));
    expect(h.past).toHaveLength(2);
  });

  it('loading is not undoable: it clears the history', () => {
    let h = record(emptyHistory<number>(), 1, 'a', STEP);
    h = record(h, 2, 'load', NOT_UNDOABLE);
    expect(h.past).toHaveLength(0);
    expect(undo(h, 3)).toBeNull();
  });

  it('a new edit drops the redo stack', () => {
    let h = record(emptyHistory<number>(), 1, 'a', STEP);
    const u = undo(h, 2);
    h = record(u?.history ?? h, 1, 'c', STEP);
    expect(h.future).toHaveLength(0);
    expect(redo(h, 5)).toBeNull();
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 25; i++) h = record(h, i, 'x', STEP);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]?.state).toBe(25);
  });
});
