/**
 * Import: a file opened, dropped or pasted, as our JSON or YAML, Kubernetes objects (the output
 * of `kubectl get nodes,pods,services,ingresses -A -o yaml`, a List or several documents) or a
 * share link. Parsing is core/scenario/parse.ts, which checks sizes first and never throws; a
 * refused input leaves the scenario on screen untouched.
 */
import type { Scenario } from '../core/model/schema';
import { appStore } from '../store';
import { INPUT_BYTES } from './deferred';
import { notify, summarize } from './notices';
import { openShareLink, type OpenResult } from './urlSync';

export type ImportVia = 'file' | 'paste' | 'drop';

/** The parser (with yaml and zod) is loaded when something is imported; its size limit is not. */
const INPUT_LIMITS = { bytes: INPUT_BYTES } as const;

/** A share link, whole or just its fragment, possibly wrapped by a mail client. */
const LINK = /^(?:\S*#)?v\d{1,6}\.[A-Za-z0-9_-]*$/;

export function looksLikeLink(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return t.length > 0 && t.length <= 250_000 && LINK.test(t);
}

function counts(s: Scenario): string {
  let nodes = 0;
  let pods = 0;
  let services = 0;
  for (const c of s.clusters) {
    nodes += c.nodes.length;
    pods += c.pods.length;
    services += c.services.length;
  }
  const n = (k: number, one: string, many: string) =>
    `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;
  return `${n(nodes, 'node', 'nodes')}, ${n(pods, 'pod', 'pods')}, ${n(services, 'Service', 'Services')}`;
}

/**
 * Reads text and loads it. Errors are returned (the import dialog shows them in place) and, with
 * `notifyErrors`, also shown as a notice.
 */
export async function importText(
  text: string,
  opts: { via: ImportVia; filename?: string; label?: string; notifyErrors?: boolean },
): Promise<OpenResult> {
  const fail = (error: string): OpenResult => {
    if (opts.notifyErrors) {
      const what = opts.label ?? (opts.filename ? `“${opts.filename}”` : 'what was pasted');
      notify({
        kind: 'error',
        text: `Could not ${opts.via === 'paste' ? 'import' : 'open'} ${what}. ${error} The scenario on screen is unchanged.`,
      });
    }
    return { ok: false, error };
  };
  if (text.length > INPUT_LIMITS.bytes) {
    return fail(
      `It is too large: the limit is 5 MB (${INPUT_LIMITS.bytes.toLocaleString('en-US')} bytes).`,
    );
  }
  if (!opts.filename && looksLikeLink(text)) {
    return openShareLink(text, { notifyErrors: opts.notifyErrors ?? false });
  }
  let parseScenarioText: typeof import('../core/scenario/parse').parseScenarioText;
  try {
    ({ parseScenarioText } = await import('../core/scenario/parse'));
  } catch {
    return fail('The code that reads scenarios could not be loaded; reload the page to try again.');
  }
  const r = parseScenarioText(text, opts.filename ? { filename: opts.filename } : {});
  if (!r.ok) return fail(r.error);
  const source = r.source === 'kubectl' ? 'kubectl' : opts.via === 'paste' ? 'paste' : 'file';
  appStore.getState().actions.load(r.scenario, { source });
  const name =
    r.scenario.name ?? (r.source === 'kubectl' ? 'the cluster from kubectl' : 'Untitled scenario');
  notify({
    kind: 'info',
    text: `Imported ${r.source === 'kubectl' ? 'Kubernetes objects' : `“${name}”`}: ${counts(r.scenario)}.`,
    ...(r.warnings.length > 0 ? { details: summarize(r.warnings) } : {}),
  });
  return { ok: true };
}

/** Reads a file (its size is checked before it is read) and loads it. */
export async function importFile(
  file: File,
  opts: { via: ImportVia; notifyErrors?: boolean },
): Promise<OpenResult> {
  const fail = (error: string): OpenResult => {
    if (opts.notifyErrors) {
      notify({
        kind: 'error',
        text: `Could not open “${file.name}”. ${error} The scenario on screen is unchanged.`,
      });
    }
    return { ok: false, error };
  };
  if (file.size > INPUT_LIMITS.bytes) {
    return fail(
      `The file is ${file.size.toLocaleString('en-US')} bytes; the limit is 5 MB (${INPUT_LIMITS.bytes.toLocaleString('en-US')} bytes).`,
    );
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return fail('The file could not be read.');
  }
  const named = /\.(json|ya?ml)$/i.test(file.name);
  return importText(text, {
    ...opts,
    label: `“${file.name}”`,
    ...(named ? { filename: file.name } : {}),
  });
}
