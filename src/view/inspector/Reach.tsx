/** What the selected object can reach, traced; each row can be played as a flow. */
import { useActions, useDeferredScenario } from '../../store';
import { reachFrom } from '../../store/reach';

export function Reach({ ref_ }: { ref_: string }) {
  const rows = reachFrom(useDeferredScenario(), ref_);
  const actions = useActions();
  if (!rows) return null;
  return (
    <>
      <h3>What it can reach</h3>
      {rows.length === 0 ? <p className="hint">Nothing to try from here.</p> : null}
      <ul className="reach" aria-label="Reachability">
        {rows.map((r) => (
          <li key={r.target}>
            <span className={r.ok ? 'yes' : 'no'} aria-label={r.ok ? 'reachable' : 'not reachable'}>
              {r.ok ? '✓' : '✗'}
            </span>
            <span className="mono">{r.label}</span>
            <button type="button" className="linkish" onClick={() => actions.chooseFlow(r.choice)}>
              Trace
            </button>
            {!r.ok && r.reason ? <span className="why">{r.reason}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
