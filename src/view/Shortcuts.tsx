export interface Shortcut {
  keys: string[];
  what: string;
}

/** The keyboard shortcuts, listed (the handlers live in app/useShortcuts.ts). */
export const SHORTCUTS: Shortcut[] = [
  { keys: ['Space', 'K'], what: 'play / pause' },
  { keys: ['→', 'L'], what: 'step forward' },
  { keys: ['←', 'J'], what: 'step back' },
  { keys: ['Home', '0'], what: 'restart' },
  { keys: ['+', '−'], what: 'faster / slower' },
  { keys: ['R'], what: 'request / reply path' },
  { keys: ['P'], what: 'pick a flow on the diagram' },
  { keys: ['F'], what: 'fit the diagram to the view' },
  { keys: ['Esc'], what: 'cancel picking, clear the selection' },
  { keys: ['Ctrl+Z'], what: 'undo (⌘Z on a Mac)' },
  { keys: ['Shift+Ctrl+Z', 'Ctrl+Y'], what: 'redo' },
  { keys: ['Ctrl+V'], what: 'open a pasted scenario, kubectl output or link' },
];

/**
 * Presenter mode's keys and a lesson's (view/lessons/presenter.ts workshopKey): a presentation
 * clicker sends Page Down / Page Up, some send the arrows or Space.
 */
export const PRESENTER_SHORTCUTS: Shortcut[] = [
  { keys: ['→', 'Space', 'PgDn'], what: 'next: finish the animation, reveal, next hop, next step' },
  { keys: ['←', 'PgUp'], what: 'back: previous hop, previous step' },
  { keys: ['1', '…', '9'], what: 'answer a waiting challenge' },
  { keys: ['Esc'], what: 'leave presenter mode' },
];

function ShortcutList({ items }: { items: Shortcut[] }) {
  return (
    <dl className="fields" style={{ marginTop: 8 }}>
      {items.map((s) => (
        <div key={s.what} style={{ display: 'contents' }}>
          <dt>
            {s.keys.map((k, i) => (
              <span key={k}>
                {i > 0 ? ' ' : ''}
                {k === '…' ? k : <kbd>{k}</kbd>}
              </span>
            ))}
          </dt>
          <dd style={{ fontFamily: 'var(--font-sans)' }}>{s.what}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Shortcuts({ onClose }: { onClose: () => void }) {
  return (
    <div
      className="overlay shortcuts"
      role="dialog"
      aria-label="Keyboard shortcuts"
      style={{
        top: 62,
        right: 14,
        background: 'var(--panel)',
        border: '1px solid var(--border)',
        borderRadius: 8,
        boxShadow: 'var(--shadow)',
        padding: '10px 14px',
        position: 'fixed',
        zIndex: 20,
        maxHeight: 'calc(100vh - 76px)',
        overflow: 'auto',
      }}
    >
      <strong>Keyboard shortcuts</strong>
      <ShortcutList items={SHORTCUTS} />
      <strong style={{ display: 'block', marginTop: 10 }}>Presenter mode and lessons</strong>
      <p className="hint" style={{ margin: '2px 0 0' }}>
        Page Down / Page Up and 1–9 also work in a lesson outside presenter mode.
      </p>
      <ShortcutList items={PRESENTER_SHORTCUTS} />
      <button type="button" className="btn" style={{ marginTop: 8 }} onClick={onClose}>
        Close
      </button>
    </div>
  );
}
