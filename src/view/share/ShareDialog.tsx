/**
 * "Share": the link to what is on screen, and a Copy link button. The whole scenario is in the
 * link's fragment (core/scenario/codec.ts); nothing is uploaded. While a lesson is open, the
 * view also carries the lesson and its step (`view.lesson`), so the link opens that step
 * (app/modes.ts).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { makeShareLink, type ShareLink } from '../../app/urlSync';
import { lessonStore } from '../../store/lessons';
import { Dialog } from './Dialog';

/** Chat and mail tools start cutting links somewhere past this length. */
const LONG_LINK = 8_000;

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (or an old browser): select the text and ask the browser to copy.
    if (!input) return false;
    input.focus();
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/** The lesson step on screen (not its end screen), or null. */
function openLessonStep(): { id: string; step: number } | null {
  const ls = lessonStore.getState();
  return ls.lessonId !== null && !ls.finished && ls.mode !== 'embed'
    ? { id: ls.lessonId, step: ls.step }
    : null;
}

/** A link to what is on screen, with the lesson step when one is open and the view is included. */
export function makeDialogLink(withView: boolean): Promise<ShareLink> {
  return makeShareLink(withView, withView ? openLessonStep() : null);
}

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const [withView, setWithView] = useState(true);
  const [lessonOpen] = useState(() => openLessonStep() !== null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  // Made when the dialog opens or the checkbox changes; the codec may need loading first.
  const [made, setMade] = useState<{ withView: boolean; link: ShareLink } | null>(null);
  useEffect(() => {
    let live = true;
    void makeDialogLink(withView).then((l) => {
      if (live) setMade({ withView, link: l });
    });
    return () => {
      live = false;
    };
  }, [withView]);
  const link = made && made.withView === withView ? made.link : null;
  return (
    <Dialog title="Share this scenario" onClose={onClose} describedBy={`${id}-about`}>
      {() => (
        <>
          <p id={`${id}-about`} className="hint">
            The link holds the whole scenario, in the part after the #. Nothing is uploaded: whoever
            opens it sees what you see, and their changes stay with them.
          </p>
          <label className="fm-check">
            <input
              type="checkbox"
              checked={withView}
              onChange={(e) => {
                setWithView(e.target.checked);
                setStatus(null);
              }}
            />
            {lessonOpen
              ? 'Include the view: the lesson and its step, network model, flow, hop, pan and zoom'
              : 'Include the view: network model, flow, hop, pan and zoom'}
          </label>
          {link === null ? (
            <p className="hint">Making the link…</p>
          ) : link.ok ? (
            <>
              <label className="fm-label" htmlFor={`${id}-link`}>
                Link
              </label>
              <input
                ref={input}
                id={`${id}-link`}
                className="fm-link"
                readOnly
                value={link.url}
                spellCheck={false}
                onFocus={(e) => e.currentTarget.select()}
              />
              <p className="hint">
                {link.chars.toLocaleString('en-US')} characters after the #.
                {link.chars > LONG_LINK
                  ? ' Some chat and mail tools cut links this long; exporting a file is safer.'
                  : ''}
              </p>
            </>
          ) : (
            <p className="fm-error" role="alert">
              {link.error}
            </p>
          )}
          <p className={`fm-status${status?.ok ? ' ok' : ''}`} role="status">
            {status?.text ?? ''}
          </p>
          <div className="fm-row end">
            <button type="button" className="btn" onClick={onClose}>
              Close
            </button>
            <button
              type="button"
              className="btn primary"
              disabled={!link?.ok}
              onClick={() => {
                if (!link?.ok) return;
                void copyText(link.url, input.current).then((ok) =>
                  setStatus(
                    ok
                      ? { ok: true, text: 'Link copied to the clipboard.' }
                      : {
                          ok: false,
                          text: 'Could not reach the clipboard: the link is selected, copy it with Ctrl+C.',
                        },
                  ),
                );
              }}
            >
              Copy link
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
