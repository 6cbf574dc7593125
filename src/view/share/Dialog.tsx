/**
 * A modal dialog on the native <dialog>: the browser keeps focus inside, closes it on Escape
 * and puts focus back where it was. Rendered while open; `onClose` hears every way it closes.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function Dialog({
  title,
  onClose,
  children,
  describedBy,
}: {
  title: string;
  onClose: () => void;
  children: (ids: { title: string }) => ReactNode;
  describedBy?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const d = ref.current;
    if (!d) return undefined;
    if (!d.open) d.showModal();
    const onNativeClose = () => closeRef.current();
    d.addEventListener('close', onNativeClose);
    return () => {
      d.removeEventListener('close', onNativeClose);
      if (d.open) d.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="fm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={describedBy}
      // Keys typed in a dialog are the dialog's: the app's shortcuts (useShortcuts) must not
      // act behind it, nor take Escape, which closes the dialog.
      onKeyDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its body) closes it.
        if (e.target === ref.current) ref.current?.close();
      }}
    >
      <div className="fm-dialog-body">
        <h2 id={`${id}-title`}>{title}</h2>
        {children({ title: `${id}-title` })}
      </div>
    </dialog>
  );
}
