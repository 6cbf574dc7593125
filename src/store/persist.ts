/**
 * Pure helpers for keeping work in the browser: what an autosaved session and the list of
 * "previous" scenarios look like in localStorage, how they are written and read back, and the
 * limits checked on the way. No DOM here: callers pass strings in and get strings out, so this
 * is tested in Node.
 *
 * A session is the scenario with its undo history and what the user was looking at. Scenarios
 * are stored as share-link fragments (core/scenario/codec.ts): the codec is lossless, versioned,
 * validates with the schema on the way back, and makes a 10,000-pod scenario about 3 KB, so a
 * long undo history fits in the few megabytes a browser gives a site.
 *
 *   { app: 'packetwalk', kind: 'session', format: 1, savedAt, source,
 *     scenario: 'v1.…', view: {...}, theme?, past: [{label, scenario}], future: [...] }
 *
 * Reading trusts nothing (another tab, an older build or a person may have written the key):
 * sizes are checked before JSON.parse, every field is checked on its own, a bad view field is
 * dropped with a warning, a bad history entry ends the history there, and a bad scenario
 * refuses the whole session with a message. Nothing here throws.
 */
import { z } from 'zod';
import type { Scenario } from '../core/model/schema';
import { decodeShare, encodeShare, type ShareView } from '../core/scenario/codec';
import type { Flow } from '../core/sim/types';
import { derive } from './derive';
import { emptyHistory, HISTORY_LIMIT, type History, type HistoryEntry } from './history';
import { pickToFlow } from './pick';
import type { FlowChoice, Leg, Panel, Theme } from './store';
import { selectSuggestions } from './trace';

export const STORAGE_KEYS = {
  /** The session being worked on, rewritten after every change. */
  session: 'packetwalk:session:v1',
  /** A session that could not be read back is moved here once rather than overwritten. */
  unreadable: 'packetwalk:session:v1:unreadable',
  /** Scenarios replaced by a load (preset, file, link, New, Reset), newest first. */
  previous: 'packetwalk:previous:v1',
} as const;

export const PERSIST_FORMAT = 1;

export const PERSIST_LIMITS = {
  /** Longest session text written or read (characters); checked before parsing. */
  sessionChars: 2_000_000,
  /** Longest text of the whole previous list. */
  previousChars: 1_500_000,
  previousEntries: 5,
  /**
   * Undo history kept in a session, counted in objects (nodes + pods + Services of each saved
   * step): reading a step back costs time in proportion to its size, so a large scenario keeps
   * fewer steps and a reload stays quick. 50,000 objects is 5 steps of a 10,000-pod scenario,
   * or all 200 steps of a talk's preset.
   */
  historyObjects: 50_000,
  /** The same for each entry of the previous list. */
  previousHistoryObjects: 10_000,
  labelChars: 200,
  sourceChars: 300,
  refChars: 2_000,
} as const;

/** The centre of the view in diagram units, and the zoom. */
export interface Viewport {
  x: number;
  y: number;
  k: number;
}

export interface SavedView {
  flow: FlowChoice | null;
  hop: number;
  leg: Leg;
  selection: string | null;
  panel: Panel;
  speed: number;
  viewport: Viewport | null;
}

export interface Session {
  scenario: Scenario;
  source: string;
  history: History<Scenario>;
  view: SavedView;
  theme?: Theme;
  /** ISO time of the save, when known. */
  savedAt?: string;
  /**
   * The scenario is the unedited preset named by `source`: it is saved as that name, not
   * encoded, so saving costs nothing for the 10,000-pod scale presets until they are edited.
   */
  pristine?: boolean;
}

export interface ReadOptions {
  /** A preset by id, for sessions saved as a preset's name (see Session.pristine). */
  catalog?: (id: string) => Scenario | null;
}

export type ReadResult<T> =
  { ok: true; value: T; warnings: string[] } | { ok: false; error: string };

export const DEFAULT_VIEW: SavedView = {
  flow: null,
  hop: 0,
  leg: 'request',
  selection: null,
  panel: 'inspect',
  speed: 1,
  viewport: null,
};

// ---------------------------------------------------------------------------------------------
// Scenario <-> text, cached: the store never mutates a scenario, so one encoding per object.

const links = new WeakMap<Scenario, string>();

/** A scenario as a share-link fragment (cached per scenario object). */
export function scenarioText(s: Scenario): string {
  let t = links.get(s);
  if (t === undefined) {
    t = encodeShare({ scenario: s });
    links.set(s, t);
  }
  return t;
}

/** How many objects a scenario holds: the measure of what reading it back costs. */
export function objectCount(s: Scenario): number {
  let n = 1;
  for (const c of s.clusters) n += 1 + c.nodes.length + c.pods.length + c.services.length;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The JSON-ready form of a session. History is cut (oldest undo steps first) to the budget. */
export function sessionValue(
  s: Session,
  opts: { historyObjects?: number; savedAt?: string } = {},
): Record<string, unknown> {
  const budget = opts.historyObjects ?? PERSIST_LIMITS.historyObjects;
  let spent = 0;
  const take = (e: HistoryEntry<Scenario>): { label: string; scenario: string } | null => {
    const cost = objectCount(e.state);
    if (spent + cost > budget) return null;
    spent += cost;
    return { label: e.label.slice(0, PERSIST_LIMITS.labelChars), scenario: scenarioText(e.state) };
  };
  // Redo steps are the nearer ones to keep after the next undo step; both lists are walked
  // outward from the present.
  const past: { label: string; scenario: string }[] = [];
  const future: { label: string; scenario: string }[] = [];
  let pi = s.history.past.length - 1;
  let fi = 0;
  while (pi >= 0 || fi < s.history.future.length) {
    const p = pi >= 0 ? s.history.past[pi] : undefined;
    if (p) {
      const v = take(p);
      if (!v) break;
      past.unshift(v);
      pi--;
    }
    const f = s.history.future[fi];
    if (f) {
      const v = take(f);
      if (!v) break;
      future.push(v);
      fi++;
    }
    if (!p && !f) break;
  }
  const v = s.view;
  const view: Record<string, unknown> = { hop: v.hop, leg: v.leg, panel: v.panel, speed: v.speed };
  if (v.flow) view.flow = { id: v.flow.id, label: v.flow.label, flow: v.flow.flow };
  if (v.selection !== null) view.selection = v.selection;
  if (v.viewport) view.viewport = v.viewport;
  const out: Record<string, unknown> = {
    app: 'packetwalk',
    kind: 'session',
    format: PERSIST_FORMAT,
    savedAt: opts.savedAt ?? s.savedAt ?? new Date().toISOString(),
    source: s.source.slice(0, PERSIST_LIMITS.sourceChars),
    ...(s.pristine ? { preset: true } : { scenario: scenarioText(s.scenario) }),
    view,
    past,
    future,
  };
  if (s.theme) out.theme = s.theme;
  return out;
}

/**
 * The text of a session, within `maxChars`: the history is dropped first if needed. Returns the
 * text and how many undo steps had to be left out, or an error when even the bare scenario is
 * too large.
 */
export function writeSession(
  s: Session,
  maxChars: number = PERSIST_LIMITS.sessionChars,
  savedAt?: string,
): { ok: true; text: string; droppedSteps: number } | { ok: false; error: string } {
  const all = s.history.past.length + s.history.future.length;
  for (const historyObjects of [PERSIST_LIMITS.historyObjects, 0]) {
    const value = sessionValue(s, { historyObjects, ...(savedAt ? { savedAt } : {}) });
    const text = JSON.stringify(value);
    if (text.length <= maxChars) {
      const kept = (value.past as unknown[]).length + (value.future as unknown[]).length;
      return { ok: true, text, droppedSteps: all - kept };
    }
  }
  return {
    ok: false,
    error: `The scenario is too large to keep in this browser (more than ${maxChars.toLocaleString('en-US')} characters).`,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const finite = z.number().finite();
const ViewportSchema = z.object({ x: finite, y: finite, k: finite.positive().max(100) });
const VIEW_CHECKS = {
  hop: z.number().int().min(0).max(1_000_000),
  leg: z.enum(['request', 'reply']),
  panel: z.enum(['inspect', 'hops', 'findings']),
  speed: finite.min(0.25).max(4),
  selection: z.string().min(1).max(PERSIST_LIMITS.refChars),
  viewport: ViewportSchema,
} as const;

/** Reads one saved scenario (a share-link fragment). */
function readScenario(v: unknown): Scenario | string {
  if (typeof v !== 'string') return 'no scenario';
  const r = decodeShare(v);
  return r.ok ? r.state.scenario : r.error;
}

function readHistory(
  v: unknown,
  warnings: string[],
  side: 'undo' | 'redo',
): HistoryEntry<Scenario>[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    warnings.push(`The ${side} history could not be read and was left out.`);
    return [];
  }
  const out: HistoryEntry<Scenario>[] = [];
  const items = v.slice(
    side === 'undo' ? -HISTORY_LIMIT : 0,
    side === 'undo' ? undefined : HISTORY_LIMIT,
  );
  // Undo steps are read from the newest back, redo steps from the nearest on: a bad step cuts
  // the history there, since the steps beyond it no longer connect to the present.
  const order = side === 'undo' ? [...items].reverse() : items;
  for (const item of order) {
    const state = isRecord(item) ? readScenario(item.scenario) : 'not a step';
    if (!isRecord(item) || typeof state === 'string' || typeof item.label !== 'string') {
      warnings.push(`Part of the ${side} history could not be read and was left out.`);
      break;
    }
    out.push({ state, label: item.label.slice(0, PERSIST_LIMITS.labelChars) });
  }
  return side === 'undo' ? out.reverse() : out;
}

/** A saved flow: the scenario's own suggestion or pick when it still exists, else as saved. */
export function resolveFlow(scenario: Scenario, saved: unknown): FlowChoice | null {
  if (!isRecord(saved)) return null;
  const id =
    typeof saved.id === 'string' && saved.id.length <= PERSIST_LIMITS.refChars ? saved.id : null;
  if (id !== null) {
    try {
      const hit = selectSuggestions({ scenario }).find((x) => x.id === id);
      if (hit) return { id: hit.id, label: hit.label, flow: hit.flow };
      const m = /^pick:(.+?)->(.+)$/s.exec(id);
      if (m && m[1] && m[2]) {
        const r = pickToFlow(scenario, m[1], m[2]);
        if (typeof r !== 'string') return r;
      }
    } catch {
      // fall through to the flow as saved
    }
  }
  const flow = saved.flow;
  if (!isFlowShape(flow)) return null;
  const label =
    typeof saved.label === 'string' && saved.label.trim() !== ''
      ? saved.label.slice(0, PERSIST_LIMITS.labelChars)
      : `${endpointName(flow.from)} to ${endpointName(flow.to)}`;
  return { id: id ?? `saved:${label}`, label, flow };
}

const ENDPOINT_KINDS = new Set(['pod', 'node', 'svc', 'lb', 'gw', 'host', 'ip']);

/** A flow's shape, checked enough that the trace engine (which refuses bad endpoints) gets it. */
function isFlowShape(v: unknown): v is Flow {
  if (!isRecord(v) || !isRecord(v.from) || !isRecord(v.to)) return false;
  let size = 0;
  try {
    size = JSON.stringify(v).length;
  } catch {
    return false;
  }
  if (size > 20_000) return false;
  const end = (e: Record<string, unknown>) =>
    typeof e.kind === 'string' &&
    ENDPOINT_KINDS.has(e.kind) &&
    (typeof e.name === 'string' || typeof e.ip === 'string') &&
    (e.port === undefined || (typeof e.port === 'number' && Number.isInteger(e.port)));
  return end(v.from) && end(v.to);
}

function endpointName(e: Flow['from']): string {
  return 'name' in e ? e.name : e.ip;
}

/** Whether a selection ref names an object of the scenario (a load balancer ref ends "#lb"). */
export function refExists(scenario: Scenario, ref: string): boolean {
  const base = ref.endsWith('#lb') ? ref.slice(0, -3) : ref;
  try {
    return derive(scenario).records.has(base);
  } catch {
    return false;
  }
}

function readView(scenario: Scenario, v: unknown, warnings: string[]): SavedView {
  const view: SavedView = { ...DEFAULT_VIEW };
  if (v === undefined) return view;
  if (!isRecord(v)) {
    warnings.push('What was on screen could not be read; showing the scenario from the start.');
    return view;
  }
  const bad: string[] = [];
  for (const key of Object.keys(VIEW_CHECKS) as (keyof typeof VIEW_CHECKS)[]) {
    if (v[key] === undefined) continue;
    const r = VIEW_CHECKS[key].safeParse(v[key]);
    if (!r.success) {
      bad.push(key);
      continue;
    }
    (view as unknown as Record<string, unknown>)[key] = r.data;
  }
  if (view.selection !== null && !refExists(scenario, view.selection)) view.selection = null;
  if (v.flow !== undefined) {
    view.flow = resolveFlow(scenario, v.flow);
    if (!view.flow) bad.push('flow');
  }
  if (bad.length > 0) warnings.push(`Left out what could not be read back: ${bad.join(', ')}.`);
  return view;
}

/** Reads a session from its parsed JSON value. Never throws. */
export function readSessionValue(v: unknown, opts: ReadOptions = {}): ReadResult<Session> {
  try {
    if (!isRecord(v) || v.app !== 'packetwalk' || v.kind !== 'session') {
      return { ok: false, error: 'It is not a saved Packetwalk session.' };
    }
    if (typeof v.format !== 'number' || !Number.isInteger(v.format) || v.format < 1) {
      return { ok: false, error: 'It has no format version.' };
    }
    if (v.format > PERSIST_FORMAT) {
      return {
        ok: false,
        error: `It was saved by a newer Packetwalk (session format ${v.format}); this one reads format ${PERSIST_FORMAT}.`,
      };
    }
    const preset =
      v.preset === true && v.scenario === undefined && typeof v.source === 'string'
        ? (opts.catalog?.(v.source) ??
          `the preset "${v.source.slice(0, 80)}" is not in this Packetwalk`)
        : null;
    const scenario = preset ?? readScenario(v.scenario);
    if (typeof scenario === 'string') {
      return { ok: false, error: `Its scenario could not be read: ${scenario}` };
    }
    const warnings: string[] = [];
    const history: History<Scenario> = {
      ...emptyHistory<Scenario>(),
      past: readHistory(v.past, warnings, 'undo'),
      future: readHistory(v.future, warnings, 'redo'),
    };
    const source =
      typeof v.source === 'string' &&
      v.source.length > 0 &&
      v.source.length <= PERSIST_LIMITS.sourceChars
        ? v.source
        : 'autosave';
    const session: Session = {
      scenario,
      source,
      history,
      view: readView(scenario, v.view, warnings),
    };
    if (v.theme === 'light' || v.theme === 'dark') session.theme = v.theme;
    if (typeof v.savedAt === 'string' && v.savedAt.length <= 40) session.savedAt = v.savedAt;
    return { ok: true, value: session, warnings };
  } catch {
    return { ok: false, error: 'It could not be read.' };
  }
}

/** Parses JSON after checking its size. Never throws. */
export function parseStored(text: unknown, maxChars: number): ReadResult<unknown> {
  if (typeof text !== 'string') return { ok: false, error: 'Nothing is saved.' };
  if (text.length > maxChars) {
    return {
      ok: false,
      error: `It is too large (${text.length.toLocaleString('en-US')} characters; the limit is ${maxChars.toLocaleString('en-US')}).`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown, warnings: [] };
  } catch {
    return { ok: false, error: 'It is not valid JSON.' };
  }
}

/** Reads a session from its stored text. Never throws. */
export function readSession(text: unknown, opts: ReadOptions = {}): ReadResult<Session> {
  const parsed = parseStored(text, PERSIST_LIMITS.sessionChars);
  return parsed.ok ? readSessionValue(parsed.value, opts) : parsed;
}

// ---------------------------------------------------------------------------------------------
// The previous list: scenarios a load replaced. Entries stay as stored values and are read in
// full only when restored, so a long list costs nothing at startup.

export interface PreviousEntry {
  /** The scenario's name when it was replaced. */
  label: string;
  /** ISO time it was replaced. */
  replacedAt: string;
  /** The stored session value (see sessionValue), read with readSessionValue on restore. */
  session: Record<string, unknown>;
}

/** A previous entry for a session about to be replaced. */
export function previousEntry(s: Session, replacedAt: string): PreviousEntry {
  return {
    label: (s.scenario.name ?? 'Untitled scenario').slice(0, PERSIST_LIMITS.labelChars),
    replacedAt,
    session: sessionValue(s, {
      historyObjects: PERSIST_LIMITS.previousHistoryObjects,
      savedAt: replacedAt,
    }),
  };
}

/**
 * The list with `entry` in front: an entry holding the same scenario is replaced, and the
 * oldest go until the count and the size fit.
 */
export function pushPrevious(
  list: readonly PreviousEntry[],
  entry: PreviousEntry,
): PreviousEntry[] {
  const same = entry.session.scenario;
  const out = [entry, ...list.filter((e) => e.session.scenario !== same)];
  out.length = Math.min(out.length, PERSIST_LIMITS.previousEntries);
  while (out.length > 1 && writePrevious(out).length > PERSIST_LIMITS.previousChars) out.pop();
  return out;
}

export function writePrevious(list: readonly PreviousEntry[]): string {
  return JSON.stringify({
    app: 'packetwalk',
    kind: 'previous',
    format: PERSIST_FORMAT,
    entries: list,
  });
}

/** Reads the previous list; entries that are not even shaped right are dropped. Never throws. */
export function readPrevious(text: unknown): ReadResult<PreviousEntry[]> {
  const parsed = parseStored(text, PERSIST_LIMITS.previousChars);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (
    !isRecord(v) ||
    v.app !== 'packetwalk' ||
    v.kind !== 'previous' ||
    !Array.isArray(v.entries)
  ) {
    return { ok: false, error: 'It is not a Packetwalk list of previous scenarios.' };
  }
  if (typeof v.format !== 'number' || v.format > PERSIST_FORMAT) {
    return { ok: false, error: 'It was saved by a newer Packetwalk.' };
  }
  const out: PreviousEntry[] = [];
  let dropped = 0;
  for (const e of v.entries.slice(0, PERSIST_LIMITS.previousEntries)) {
    if (
      isRecord(e) &&
      typeof e.label === 'string' &&
      typeof e.replacedAt === 'string' &&
      isRecord(e.session) &&
      typeof e.session.scenario === 'string'
    ) {
      out.push({
        label: e.label.slice(0, PERSIST_LIMITS.labelChars),
        replacedAt: e.replacedAt.slice(0, 40),
        session: e.session,
      });
    } else dropped++;
  }
  return {
    ok: true,
    value: out,
    warnings: dropped > 0 ? [`${dropped} unreadable entries were left out.`] : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Share links carry the scenario and the view worth sharing: model, flow, hop, viewport, and
// the lesson step on screen (app/modes.ts opens it after the link's scenario).

/** A lesson and its step (0-based), as a share link carries it. */
export interface SharedLesson {
  id: string;
  step: number;
}

/** The part of a view a share link carries; `lesson`: the lesson step open, if any. */
export function shareViewOf(
  scenario: Scenario,
  view: SavedView,
  lesson?: SharedLesson | null,
): ShareView {
  const out: ShareView = { model: scenario.model };
  if (view.flow) {
    out.flowId = view.flow.id;
    out.flow = view.flow.flow;
    out.hop = view.hop;
  }
  if (view.viewport) out.viewport = view.viewport;
  if (lesson && lesson.id !== '' && Number.isInteger(lesson.step) && lesson.step >= 0) {
    out.lesson = { id: lesson.id, step: lesson.step };
  }
  return out;
}

/**
 * The scenario and view a share link opens on; view settings that no longer fit are dropped.
 * `v.lesson` is not part of the saved view: app/modes.ts opens that lesson step afterwards.
 */
export function viewFromShare(
  scenario: Scenario,
  v: ShareView | undefined,
): { scenario: Scenario; view: SavedView } {
  const view: SavedView = { ...DEFAULT_VIEW };
  if (!v) return { scenario, view };
  const s = v.model && v.model !== scenario.model ? { ...scenario, model: v.model } : scenario;
  if (v.flowId !== undefined || v.flow !== undefined) {
    view.flow = resolveFlow(s, { id: v.flowId, flow: v.flow });
    if (view.flow && v.hop !== undefined) view.hop = v.hop;
  }
  const vp = v.viewport ? ViewportSchema.safeParse(v.viewport) : null;
  if (vp?.success) view.viewport = vp.data;
  return { scenario: s, view };
}
