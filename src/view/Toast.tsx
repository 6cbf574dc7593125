/** One line of feedback: why an edit was refused, what undo did, what to click next. */
import { useActions, useAppStore } from '../store';

export function Toast() {
  const message = useAppStore((s) => s.message);
  const actions = useActions();
  if (!message) return null;
  return (
    <div className={`toast ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
      <span>{message.text}</span>
      <button
        type="button"
        className="btn"
        onClick={actions.dismissMessage}
        aria-label="Dismiss message"
      >
        ✕
      </button>
    </div>
  );
}
