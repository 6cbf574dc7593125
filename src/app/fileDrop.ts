/**
 * Drop a file anywhere on the app to open it; paste a scenario, kubectl output or a share link
 * anywhere outside a text field to open it. Both are loads (not undo steps); what they replace
 * is kept by previous.ts.
 */
import { createStore } from 'zustand/vanilla';
import { importFile, importText, looksLikeLink } from './importing';
import { notify } from './notices';

export const dropStore = createStore<{ over: boolean }>()(() => ({ over: false }));

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** Where typing happens: pasting there is the field's business. */
export function isTextEntry(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t.tagName === 'TEXTAREA') return true;
  if (t.tagName !== 'INPUT') return false;
  const type = (t as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
    type,
  );
}

/** Text that is worth trying as a scenario: JSON, or YAML with a scenario's or kubectl's keys. */
export function looksLikeScenario(text: string): boolean {
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) return true;
  return /^(?:apiVersion|kind|version|clusters|items)\s*:/m.test(t.slice(0, 20_000));
}

async function openFiles(files: FileList | null | undefined) {
  const list = Array.from(files ?? []);
  const first = list[0];
  if (!first) return;
  if (list.length > 1) {
    notify({
      kind: 'info',
      text: `${list.length} files were dropped; opening the first, “${first.name}”.`,
    });
  }
  await importFile(first, { via: 'drop', notifyErrors: true });
}

export function startFileDrop(): () => void {
  let depth = 0;
  const onEnter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    dropStore.setState({ over: true });
  };
  const onOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onLeave = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) dropStore.setState({ over: false });
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    dropStore.setState({ over: false });
    void openFiles(e.dataTransfer?.files);
  };
  const onPaste = (e: ClipboardEvent) => {
    if (e.defaultPrevented || isTextEntry(e.target)) return;
    // A modal dialog (the import dialog) handles its own pastes.
    if (document.querySelector('dialog[open]')) return;
    const files = e.clipboardData?.files;
    if (files && files.length > 0) {
      e.preventDefault();
      void openFiles(files);
      return;
    }
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!looksLikeLink(text) && !looksLikeScenario(text)) return;
    e.preventDefault();
    void importText(text, { via: 'paste', notifyErrors: true });
  };
  window.addEventListener('dragenter', onEnter);
  window.addEventListener('dragover', onOver);
  window.addEventListener('dragleave', onLeave);
  window.addEventListener('drop', onDrop);
  document.addEventListener('paste', onPaste);
  return () => {
    window.removeEventListener('dragenter', onEnter);
    window.removeEventListener('dragover', onOver);
    window.removeEventListener('dragleave', onLeave);
    window.removeEventListener('drop', onDrop);
    document.removeEventListener('paste', onPaste);
  };
}
