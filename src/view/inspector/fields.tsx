/** Editable fields for the inspector: commit on Enter or blur, Escape reverts. */
import { useEffect, useState, type ReactNode } from 'react';

export function EditText({
  label,
  value,
  onCommit,
  placeholder,
  ipam = false,
}: {
  /** The Kubernetes field path, used as the accessible name. */
  label: string;
  value: string;
  /** Returns false when the edit was refused (the store shows why). */
  onCommit: (text: string) => boolean;
  placeholder?: string;
  ipam?: boolean;
}) {
  const [draft, setDraft] = useState(value);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setDraft(value);
    setInvalid(false);
  }, [value]);
  const commit = () => {
    if (draft === value) return;
    const ok = onCommit(draft);
    setInvalid(!ok);
  };
  return (
    <span className="field-row">
      <input
        className="field-input"
        aria-label={label}
        aria-invalid={invalid}
        value={draft}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            setDraft(value);
            setInvalid(false);
          }
        }}
      />
      {ipam ? (
        <span className="ipam" title="Filled in by IPAM: edit to pin your own value">
          IPAM
        </span>
      ) : null}
    </span>
  );
}

export function EditNumber({
  label,
  value,
  onCommit,
  min,
  max,
  placeholder,
  ipam = false,
}: {
  label: string;
  value: number | null;
  onCommit: (n: number | null) => boolean;
  min: number;
  max: number;
  placeholder?: string;
  ipam?: boolean;
}) {
  return (
    <EditText
      label={label}
      value={value === null ? '' : String(value)}
      placeholder={placeholder ?? ''}
      ipam={ipam}
      onCommit={(t) => {
        const s = t.trim();
        if (s === '') return onCommit(null);
        const n = Number(s);
        if (!Number.isInteger(n) || n < min || n > max) return onCommit(Number.NaN);
        return onCommit(n);
      }}
    />
  );
}

export function Row({ k, children }: { k: string; children: ReactNode }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function Choice<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (v: T) => void;
}) {
  return (
    <select
      className="select"
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value as T)}
    >
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}
