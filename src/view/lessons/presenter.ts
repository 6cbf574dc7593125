/**
 * Presenter mode: entering (with full screen, which the browser may refuse: the presenter bar
 * then says so and offers a retry), leaving, and the keys a presenter and a presentation clicker
 * use. Clickers send Page Down / Page Up (some send the arrows or Space): all of them step on.
 * Part of the first download (the toolbar's Present button); the key handler that acts on a
 * lesson is player.ts's onWorkshopKey, loaded with the lessons.
 */
import { lessonStore } from '../../store/lessons';
import { diagramApi } from '../DiagramPane';

/** Re-frame the diagram once the layout has settled (chrome shown or hidden). */
export function refitSoon(): void {
  let frames = 0;
  const tick = () => {
    frames++;
    if (frames < 3) {
      requestAnimationFrame(tick);
      return;
    }
    diagramApi.current?.fitAll(false);
  };
  requestAnimationFrame(tick);
}

/** Asks for full screen; the answer (granted or refused) goes to the lesson store. */
export function requestFullscreen(): void {
  const ls = lessonStore.getState();
  const el = document.documentElement;
  if (document.fullscreenElement) {
    ls.actions.setFullscreen('on');
    return;
  }
  if (!document.fullscreenEnabled || typeof el.requestFullscreen !== 'function') {
    ls.actions.setFullscreen('refused');
    return;
  }
  try {
    el.requestFullscreen().then(
      () => lessonStore.getState().actions.setFullscreen('on'),
      () => lessonStore.getState().actions.setFullscreen('refused'),
    );
  } catch {
    ls.actions.setFullscreen('refused');
  }
}

export function enterPresenter(): void {
  const ls = lessonStore.getState();
  ls.actions.closeList();
  ls.actions.setMode('present');
  requestFullscreen();
  refitSoon();
}

export function leavePresenter(): void {
  const ls = lessonStore.getState();
  if (ls.mode === 'present') ls.actions.setMode('edit');
  ls.actions.setFullscreen('off');
  if (document.fullscreenElement) {
    document.exitFullscreen().catch(() => undefined);
  }
  refitSoon();
}

/** Leaving full screen (Escape, the browser's own control) leaves presenter mode too. */
export function onFullscreenChange(): void {
  const ls = lessonStore.getState();
  if (document.fullscreenElement) {
    ls.actions.setFullscreen('on');
  } else if (ls.fullscreen === 'on') {
    ls.actions.setFullscreen('off');
    if (ls.mode === 'present') leavePresenter();
  }
}

export type WorkshopKey = 'next' | 'back' | 'leave' | { answer: number } | null;

/**
 * What a key does in the workshop: in presenter mode Right, Space, Page Down (and Down) step on,
 * Left, Page Up (and Up) step back, Escape leaves; outside it a clicker's Page Down / Page Up
 * still move through a lesson; 1-9 answer a waiting challenge. Null: not ours.
 */
export function workshopKey(
  key: string,
  s: { presenting: boolean; inLesson: boolean; asking: boolean; choices: number },
): WorkshopKey {
  if (s.asking && /^[1-9]$/.test(key)) {
    const i = Number(key) - 1;
    return i < s.choices ? { answer: i } : null;
  }
  if (s.presenting) {
    switch (key) {
      case 'ArrowRight':
      case 'ArrowDown':
      case ' ':
      case 'PageDown':
        return 'next';
      case 'ArrowLeft':
      case 'ArrowUp':
      case 'PageUp':
        return 'back';
      case 'Escape':
        return 'leave';
      default:
        return null;
    }
  }
  if (s.inLesson) {
    if (key === 'PageDown') return 'next';
    if (key === 'PageUp') return 'back';
  }
  return null;
}
