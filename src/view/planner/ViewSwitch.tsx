/**
 * The switch between the diagram and the address planner (a radio pair). It floats over the
 * diagram's top-left corner, and leads the planner's own header, so it sits in the same place in
 * both views without taking a row of the toolbar.
 */
import { setAppView, useAppView, type AppView } from './route';
import './switch.css';

const VIEWS: { id: AppView; label: string; title: string }[] = [
  { id: 'diagram', label: 'Diagram', title: 'Networks, clusters and packets, hop by hop' },
  {
    id: 'planner',
    label: 'Address planner',
    title: 'Where the IPs go: address map, capacity, sizing, growth, export',
  },
];

export function ViewSwitch({ floating = false }: { floating?: boolean }) {
  const view = useAppView();
  return (
    <div
      className={`seg pl-switch${floating ? ' pl-switch-float' : ''}`}
      role="radiogroup"
      aria-label="View"
    >
      {VIEWS.map((v) => (
        <label key={v.id} title={v.title}>
          <input
            type="radio"
            name="app-view"
            value={v.id}
            checked={view === v.id}
            onChange={() => setAppView(v.id)}
          />
          {v.label}
        </label>
      ))}
    </div>
  );
}
