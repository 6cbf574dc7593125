/** The current network model's card: what it is, good when, bad when (talk 003). */
import { useAppStore } from '../store';
import { MODEL_INFO } from './modelInfo';

export function ModelCard() {
  const model = useAppStore((s) => s.scenario.model);
  const info = MODEL_INFO[model];
  return (
    <details className="overlay model-card" data-testid="model-card">
      <summary>Model: {info.title}</summary>
      <div className="body">
        <p>{info.what}</p>
        <p className="hint">{info.reuse}</p>
        <h3 className="good">Good when</h3>
        <ul>
          {info.good.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
        <h3 className="bad">Bad when</h3>
        <ul>
          {info.bad.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      </div>
    </details>
  );
}
