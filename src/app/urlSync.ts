/**
 * Share links in the address bar: a link's fragment (`#v1.…`, core/scenario/codec.ts) is
 * opened at startup and whenever it changes (a link pasted into the address bar of an open
 * tab). Opening a link is a load, not an undo step; the scenario it replaced is kept by
 * previous.ts. Once read, the fragment (and a `?scenario=` preset id) leaves the address bar,
 * so a reload shows the autosaved work rather than the link's original state.
 *
 * Anything wrong with a link (damaged, from a newer build, too large, not a scenario) is said
 * in a notice and the last good scenario stays on screen.
 */
import type { Scenario } from '../core/model/schema';
import { appStore } from '../store';
import type { SavedView, SharedLesson } from '../store/persist';
import { emptyHistory } from '../store/history';
import { deferredNow, loadDeferred, type Deferred } from './deferred';
import { notify, summarize } from './notices';
import { applySession, currentSession } from './session';

export type OpenResult = { ok: true } | { ok: false; error: string };

/**
 * Opens a share link (a whole URL or just its fragment). A link that cannot be opened leaves
 * the scenario on screen as it is; the reason is returned, and shown in a notice unless
 * `notifyErrors` is false (the import dialog shows it in place). The codec is loaded on first
 * use (deferred.ts); once it is, the link is opened before this returns.
 */
export function openShareLink(
  text: string,
  opts: { notifyErrors?: boolean } = {},
): Promise<OpenResult> {
  const d = deferredNow();
  if (d) return Promise.resolve(openWith(d, text, opts));
  return loadDeferred().then(
    (d2) => openWith(d2, text, opts),
    () => {
      const error = 'The code that reads links could not be loaded; reload the page to try again.';
      if (opts.notifyErrors !== false)
        notify({ kind: 'error', text: `Could not open the link. ${error}` });
      return { ok: false, error };
    },
  );
}

function openWith(d: Deferred, text: string, opts: { notifyErrors?: boolean }): OpenResult {
  const r = d.codec.decodeShare(text);
  if (!r.ok) {
    if (opts.notifyErrors !== false) {
      notify({
        kind: 'error',
        text: `Could not open the link. ${r.error} The scenario on screen is unchanged.`,
      });
    }
    return { ok: false, error: r.error };
  }
  const { scenario, view } = d.persist.viewFromShare(r.state.scenario, r.state.view);
  applySession({ scenario, source: 'url', history: emptyHistory(), view });
  const name = scenario.name ?? 'Untitled scenario';
  const dropped = r.state.view?.flowId !== undefined && view.flow === null;
  const warnings = [
    ...r.warnings,
    ...(dropped ? ['The flow saved in the link is not in this scenario.'] : []),
  ];
  notify({
    kind: 'info',
    text: `Opened “${name}” from a link.`,
    ...(warnings.length > 0 ? { details: summarize(warnings) } : {}),
  });
  return { ok: true };
}

/** The address bar without the fragment and the preset id, so a reload restores the autosave. */
function cleanAddressBar(): void {
  try {
    const url = new URL(window.location.href);
    if (url.hash === '' && !url.searchParams.has('scenario')) return;
    url.hash = '';
    url.searchParams.delete('scenario');
    window.history.replaceState(window.history.state, '', url.pathname + url.search);
  } catch {
    // a sandboxed frame may refuse: the link then simply stays in the address bar
  }
}

function openFromAddressBar(): void {
  const hash = window.location.hash.replace(/^#/, '');
  if (hash.trim() !== '') void openShareLink(hash);
  cleanAddressBar();
}

/** Opens the link in the address bar (startup) and any link put there later. */
export function startUrlSync(): () => void {
  openFromAddressBar();
  const onHash = () => {
    if (window.location.hash.replace(/^#/, '').trim() !== '') openFromAddressBar();
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}

export type ShareLink = { ok: true; url: string; chars: number } | { ok: false; error: string };

/**
 * A link to what is on screen: the scenario, and (when asked) model, flow, hop and viewport.
 * What is on screen is taken now; the codec may still be loading (deferred.ts).
 */
export function makeShareLink(
  includeView: boolean,
  lesson: SharedLesson | null = null,
): Promise<ShareLink> {
  const session = currentSession();
  const scenario = appStore.getState().scenario;
  return loadDeferred().then(
    (d) => shareLinkWith(d, scenario, includeView ? session.view : null, lesson),
    (e: unknown) => failedLink(e),
  );
}

const failedLink = (e: unknown): ShareLink => ({
  ok: false,
  error: `The link could not be made: ${e instanceof Error ? e.message : String(e)}`,
});

function shareLinkWith(
  d: Deferred,
  scenario: Scenario,
  view: SavedView | null,
  lesson: SharedLesson | null = null,
): ShareLink {
  const { encodeShare, SHARE_LIMITS } = d.codec;
  try {
    const fragment = encodeShare(
      view ? { scenario, view: d.persist.shareViewOf(scenario, view, lesson) } : { scenario },
    );
    if (fragment.length > SHARE_LIMITS.fragmentChars) {
      return {
        ok: false,
        error: `This scenario is too large for a link (${fragment.length.toLocaleString('en-US')} characters; links are read up to ${SHARE_LIMITS.fragmentChars.toLocaleString('en-US')}). Export it as a file instead.`,
      };
    }
    const base = `${window.location.origin}${window.location.pathname}`;
    return { ok: true, url: `${base}#${fragment}`, chars: fragment.length };
  } catch (e) {
    return failedLink(e);
  }
}
