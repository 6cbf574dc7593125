/**
 * A measuring hook for scripts/bench-planner.ts: `window.__packetwalkPlanner.render(scenario)`
 * puts a scenario into the store the way the planner's own edits do (actions.edit, one undo
 * step; a load() would add the cost of keeping the replaced scenario, which no planner action
 * pays) and resolves with the milliseconds until the planner has drawn it: from the load to the task after the next
 * animation frame, i.e. after the browser laid out and painted the new map. It also leaves
 * performance marks and a measure named "planner render" for a profiler.
 */
import type { Scenario } from '../../core/model/schema';
import { appStore } from '../../store';

interface Waiting {
  scenario: Scenario;
  t0: number;
  resolve: (ms: number) => void;
}

let waiting: Waiting | null = null;

export interface PlannerBenchHook {
  render(scenario: Scenario): Promise<number>;
}

declare global {
  interface Window {
    __packetwalkPlanner?: PlannerBenchHook;
  }
}

function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => fn();
    ch.port2.postMessage(0);
  });
}

/** Called by the planner after each commit of a scenario. */
export function plannerRendered(scenario: Scenario): void {
  const w = waiting;
  if (!w || w.scenario !== scenario) return;
  waiting = null;
  afterPaint(() => {
    performance.mark('planner painted');
    try {
      performance.measure('planner render', 'planner load', 'planner painted');
    } catch {
      // marks cleared by someone else: the number below still stands
    }
    w.resolve(performance.now() - w.t0);
  });
}

export function installBenchHook(): () => void {
  const hook: PlannerBenchHook = {
    render(scenario) {
      return new Promise<number>((resolve) => {
        performance.mark('planner load');
        waiting = { scenario, t0: performance.now(), resolve };
        // Through edit(), the path of every planner change (apply, grow): one undo step.
        appStore.getState().actions.edit('bench: replace the scenario', () => ({
          ok: true,
          scenario,
        }));
      });
    },
  };
  window.__packetwalkPlanner = hook;
  return () => {
    if (window.__packetwalkPlanner === hook) delete window.__packetwalkPlanner;
  };
}
