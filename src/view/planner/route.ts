/**
 * Which main view is on screen: the diagram (default) or the address planner. Kept in the
 * address bar as `?view=planner`, so a reload or a shared link opens the same view; changing it
 * replaces the history entry (switching views is not navigation, and never an undo step).
 */
import { useSyncExternalStore } from 'react';

export type AppView = 'diagram' | 'planner';

const PARAM = 'view';

function readUrl(): AppView {
  try {
    return new URLSearchParams(window.location.search).get(PARAM) === 'planner'
      ? 'planner'
      : 'diagram';
  } catch {
    return 'diagram';
  }
}

let current: AppView = typeof window === 'undefined' ? 'diagram' : readUrl();
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export function getAppView(): AppView {
  return current;
}

export function setAppView(view: AppView): void {
  if (view === current) return;
  current = view;
  try {
    const url = new URL(window.location.href);
    if (view === 'planner') url.searchParams.set(PARAM, 'planner');
    else url.searchParams.delete(PARAM);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  } catch {
    // a sandboxed frame may refuse: the view still changes, only the address bar does not
  }
  emit();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  const onPop = () => {
    const v = readUrl();
    if (v !== current) {
      current = v;
      emit();
    }
  };
  window.addEventListener('popstate', onPop);
  return () => {
    listeners.delete(l);
    window.removeEventListener('popstate', onPop);
  };
}

export function useAppView(): AppView {
  return useSyncExternalStore(subscribe, getAppView, () => 'diagram');
}
