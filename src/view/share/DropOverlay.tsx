/** Shown while a file is dragged over the window (app/fileDrop.ts opens it on drop). */
import { useStore } from 'zustand';
import { dropStore } from '../../app/fileDrop';

export function DropOverlay() {
  const over = useStore(dropStore, (s) => s.over);
  if (!over) return null;
  return (
    <div className="fm-drop" aria-hidden="true">
      <div>
        Drop to open
        <span className="hint">A scenario (JSON or YAML) or kubectl output</span>
      </div>
    </div>
  );
}
