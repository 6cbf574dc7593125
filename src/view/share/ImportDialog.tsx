/**
 * "Import or paste": a scenario as JSON or YAML, the output of kubectl, or a share link, pasted
 * into a text box. A refused input is explained here and nothing on screen changes.
 */
import { useId, useState } from 'react';
import { importText } from '../../app/importing';
import { Dialog } from './Dialog';

export const KUBECTL_COMMAND = 'kubectl get nodes,pods,services,ingresses -A -o yaml';

export function ImportDialog({
  onClose,
  onOpenFile,
}: {
  onClose: () => void;
  onOpenFile: () => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const run = () => {
    if (text.trim() === '') {
      setError('Paste something first.');
      return;
    }
    void importText(text, { via: 'paste', notifyErrors: false }).then((r) => {
      if (r.ok) onClose();
      else setError(r.error);
    });
  };
  return (
    <Dialog title="Import a scenario" onClose={onClose} describedBy={`${id}-about`}>
      {() => (
        <>
          <p id={`${id}-about`} className="hint">
            Paste a Packetwalk scenario (JSON or YAML), a share link, or the nodes, pods and
            Services of a real cluster: the output of <code>{KUBECTL_COMMAND}</code>.
          </p>
          <label className="fm-label" htmlFor={`${id}-text`}>
            Scenario, kubectl output or link
          </label>
          <textarea
            id={`${id}-text`}
            className="fm-textarea"
            value={text}
            spellCheck={false}
            aria-invalid={error !== null}
            aria-describedby={error !== null ? `${id}-error` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                run();
              }
            }}
          />
          {error !== null ? (
            <p className="fm-error" role="alert" id={`${id}-error`}>
              {error}
            </p>
          ) : null}
          <div className="fm-row">
            <button
              type="button"
              className="btn"
              onClick={() => {
                onClose();
                onOpenFile();
              }}
            >
              Open a file instead…
            </button>
            <span className="tb-spacer" />
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="btn primary" onClick={run}>
              Import
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
