/** Global keyboard shortcuts for playback and the diagram (listed in view/Shortcuts.tsx). */
import { useEffect } from 'react';
import { appStore } from '../store';
import { diagramApi } from '../view/DiagramPane';
import { handleUndoKeys } from './undoKeys';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleUndoKeys(e)) return;
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (TYPING.has(t.tagName) || t.isContentEditable)) return;
      const onButton =
        t?.tagName === 'BUTTON' ||
        t?.getAttribute('role') === 'button' ||
        t?.getAttribute('role') === 'tab';
      const st = appStore.getState();
      const a = st.actions;
      let handled = true;
      switch (e.key) {
        case ' ':
          if (onButton) return; // let the focused button act
          a.togglePlay();
          break;
        case 'k':
          a.togglePlay();
          break;
        case 'ArrowRight':
        case 'l':
          if (t?.getAttribute('role') === 'tab') return;
          a.step(1);
          break;
        case 'ArrowLeft':
        case 'j':
          if (t?.getAttribute('role') === 'tab') return;
          a.step(-1);
          break;
        case 'Home':
        case '0':
          a.restart();
          break;
        case '+':
        case '=':
          a.setSpeed(st.playback.speed * 2);
          break;
        case '-':
        case '_':
          a.setSpeed(st.playback.speed / 2);
          break;
        case 'r':
          a.setLeg(st.playback.leg === 'reply' ? 'request' : 'reply');
          break;
        case 'p':
          if (st.picking.stage === 'off') a.startPicking();
          else a.cancelPicking();
          break;
        case 'f':
          diagramApi.current?.fitAll(true);
          break;
        case 'Escape':
          if (st.picking.stage !== 'off') a.cancelPicking();
          else a.select(null);
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
