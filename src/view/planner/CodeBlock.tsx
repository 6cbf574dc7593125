/** A titled block of configuration text with Copy and Download. */
import { useEffect, useId, useRef, useState } from 'react';

export function downloadText(text: string, filename: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function selectText(el: HTMLElement | null): void {
  if (!el) return;
  const range = document.createRange();
  range.selectNodeContents(el);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
}

export function CodeBlock({
  title,
  text,
  filename,
  type = 'application/yaml',
  hint,
}: {
  title: string;
  text: string;
  filename: string;
  type?: string;
  hint?: string;
}) {
  const id = useId();
  const pre = useRef<HTMLPreElement>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (!status) return undefined;
    const t = setTimeout(() => setStatus(null), 2500);
    return () => clearTimeout(t);
  }, [status]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied.');
    } catch {
      selectText(pre.current);
      setStatus('Selected: press Ctrl+C to copy.');
    }
  };
  return (
    <section className="pl-code" role="region" aria-labelledby={id}>
      <div className="pl-code-head">
        <h4 id={id}>{title}</h4>
        <span className="pl-status" role="status">
          {status}
        </span>
        <button
          type="button"
          className="btn"
          onClick={() => void copy()}
          aria-label={`Copy ${title}`}
        >
          Copy
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => downloadText(text, filename, type)}
          aria-label={`Download ${title}`}
        >
          Download
        </button>
      </div>
      {hint ? <p className="pl-muted pl-code-hint">{hint}</p> : null}
      <pre ref={pre} className="pl-pre" tabIndex={0} aria-label={`${title} text`}>
        {text}
      </pre>
    </section>
  );
}
