/** The keyboard shortcuts, listed (the handlers live in app/useShortcuts.ts). */
export const SHORTCUTS: { keys: string[]; what: string }[] = [
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
      }}
    >
      <strong>Keyboard shortcuts</strong>
      <dl className="fields" style={{ marginTop: 8 }}>
        {SHORTCUTS.map((s) => (
          <div key={s.what} style={{ display: 'contents' }}>
            <dt>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 ? ' ' : ''}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd style={{ fontFamily: 'var(--font-sans)' }}>{s.what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="btn" style={{ marginTop: 8 }} onClick={onClose}>
        Close
      </button>
    </div>
  );
}
