/** The notices of app/notices.ts: errors stay until dismissed, the rest leave on their own. */
import { useStore } from 'zustand';
import { dismiss, hold, noticeStore, type Notice } from '../../app/notices';

function NoticeView({ n }: { n: Notice }) {
  return (
    <div
      className={`fm-notice ${n.kind}`}
      role={n.kind === 'error' ? 'alert' : 'status'}
      onPointerEnter={() => hold(n.id)}
      onFocus={() => hold(n.id)}
    >
      <div className="fm-notice-text">
        {n.text}
        {n.details && n.details.length > 0 ? (
          <ul>
            {n.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {n.action ? (
        <button
          type="button"
          className="btn primary"
          onClick={() => {
            dismiss(n.id);
            n.action?.run();
          }}
        >
          {n.action.label}
        </button>
      ) : null}
      <button
        type="button"
        className="btn"
        aria-label="Dismiss notice"
        title="Dismiss"
        onClick={() => dismiss(n.id)}
      >
        ✕
      </button>
    </div>
  );
}

export function Notices() {
  const notices = useStore(noticeStore, (s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="fm-notices" aria-label="Notices">
      {notices.map((n) => (
        <NoticeView key={n.id} n={n} />
      ))}
    </div>
  );
}
