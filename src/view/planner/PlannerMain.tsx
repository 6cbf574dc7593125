/**
 * The planner in the app shell: loaded on first use (its code stays out of the first screen's
 * JavaScript), with its own error boundary.
 */
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../../app/ErrorBoundary';

const PlannerView = lazy(() => import('./PlannerView'));

export function PlannerMain() {
  return (
    <ErrorBoundary label="address planner">
      <Suspense
        fallback={
          <main className="planner" aria-label="Address planner">
            <p className="hint" style={{ padding: 16 }}>
              Loading the address planner…
            </p>
          </main>
        }
      >
        <PlannerView />
      </Suspense>
    </ErrorBoundary>
  );
}
