/**
 * A toolbar menu button (WAI-ARIA menu button pattern): the button opens a list of menu items;
 * arrow keys, Home and End move between them, Escape closes and returns focus to the button,
 * and a click elsewhere or Tab closes it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export type MenuEntry =
  | { kind: 'item'; label: string; hint?: string; disabled?: boolean; onSelect: () => void }
  | { kind: 'separator' }
  | { kind: 'heading'; label: string };

export function MenuButton({
  label,
  icon,
  entries,
  title,
}: {
  label: string;
  icon?: ReactNode;
  entries: MenuEntry[];
  title?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);

  const enabled = () =>
    items.current.filter((b): b is HTMLButtonElement => b !== null && !b.disabled);
  const focusAt = (i: number) => {
    const list = enabled();
    if (list.length === 0) return;
    list[(i + list.length) % list.length]?.focus();
  };

  useEffect(() => {
    if (!open) return undefined;
    items.current.find((b) => b !== null && !b.disabled)?.focus();
    const onDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const list = enabled();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focusAt(at + 1);
        break;
      case 'ArrowUp':
        focusAt(at - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(list.length - 1);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  let n = 0;
  return (
    <div className="fm-menu" ref={wrap}>
      <button
        ref={button}
        type="button"
        className="btn"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        title={title}
        aria-label={label}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {icon}
        <span className="fm-long">{label}</span>
        <span className="fm-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <div
          className="fm-popup"
          role="menu"
          id={`${id}-menu`}
          aria-labelledby={`${id}-button`}
          onKeyDown={onMenuKey}
        >
          {entries.map((entry, i) => {
            if (entry.kind === 'separator')
              return <div key={i} className="fm-sep" role="separator" />;
            if (entry.kind === 'heading') {
              return (
                <div key={i} className="fm-heading" role="presentation">
                  {entry.label}
                </div>
              );
            }
            const at = n++;
            return (
              <button
                key={i}
                ref={(el) => {
                  items.current[at] = el;
                }}
                type="button"
                role="menuitem"
                className="fm-item"
                disabled={entry.disabled}
                tabIndex={-1}
                aria-labelledby={`${id}-l${at}`}
                aria-describedby={entry.hint ? `${id}-h${at}` : undefined}
                onClick={() => {
                  close(false);
                  entry.onSelect();
                }}
              >
                <span id={`${id}-l${at}`}>{entry.label}</span>
                {entry.hint ? (
                  <span className="fm-hint" id={`${id}-h${at}`}>
                    {entry.hint}
                  </span>
                ) : null}
              </button>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
