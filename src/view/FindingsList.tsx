/** Every validation and IPAM finding; click one to select the object it is about. */
import { analyze, derive, useActions, useDeferredScenario } from '../store';

export function FindingsList() {
  const scenario = useDeferredScenario();
  const findings = analyze(scenario).findings;
  const records = derive(scenario).records;
  const actions = useActions();
  if (findings.length === 0) {
    return (
      <div>
        <h2>Findings</h2>
        <p className="hint">No findings: every address fits its rules.</p>
      </div>
    );
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return (
    <div>
      <h2>Findings</h2>
      <p className="hint">
        {counts.error} errors · {counts.warning} warnings · {counts.info} notes
      </p>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Findings">
        {findings.slice(0, 500).map((f, i) => (
          <li key={i}>
            <button
              type="button"
              className={`finding ${f.severity}`}
              onClick={() => (records.has(f.object) ? actions.select(f.object) : undefined)}
            >
              <span className="sev">{f.severity}</span>
              <span className="obj">
                {f.object} · {f.field}
              </span>
              <span className="msg">{f.message}</span>
              <span className="obj" style={{ gridColumn: '1 / -1' }}>
                {f.source}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {findings.length > 500 ? <p className="hint">…and {findings.length - 500} more.</p> : null}
    </div>
  );
}
