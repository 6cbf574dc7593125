/**
 * Ctrl+Z / Cmd+Z undo, Shift+Ctrl+Z / Shift+Cmd+Z and Ctrl+Y redo. In a text field the
 * field's own undo applies; while a dialog is open the keys are the dialog's.
 */
import { appStore } from '../store';
import { isTextEntry } from './fileDrop';

/** Handles an undo or redo key; returns whether it did. */
export function handleUndoKeys(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.altKey || !(e.ctrlKey || e.metaKey)) return false;
  const key = e.key.toLowerCase();
  if (key !== 'z' && key !== 'y') return false;
  if (isTextEntry(e.target) || document.querySelector('dialog[open]')) return false;
  e.preventDefault();
  const a = appStore.getState().actions;
  if (key === 'y' || e.shiftKey) a.redo();
  else a.undo();
  return true;
}
