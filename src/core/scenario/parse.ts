/**
 * Read a scenario from text: JSON or YAML, our format or Kubernetes objects (kubectl output).
 *
 * The input is untrusted (a file someone sent, a paste, a share link). Limits are checked
 * before any parsing, YAML alias expansion is bounded, and every failure comes back as a
 * value with a message a person can act on. Nothing here throws.
 */
import { parseAllDocuments } from 'yaml';
import { SCENARIO_VERSION, ScenarioSchema, type Scenario } from '../model/schema';
import { describeIssues, describeValue, shorten, unknownFields } from './issues';
import { findJsonError, positionAt } from './json-error';
import { importKubectl } from './kubectl';

export type ParseResult =
  | { ok: true; scenario: Scenario; warnings: string[]; source: 'scenario' | 'kubectl' }
  | { ok: false; error: string };

export interface ParseOptions {
  /** The file the text came from; its extension (.json, .yaml, .yml) picks the syntax. */
  filename?: string;
}

export const INPUT_LIMITS = {
  /** Largest input, in UTF-8 bytes (5 MB). */
  bytes: 5 * 1024 * 1024,
  /**
   * yaml's `maxAliasCount`: how far aliases (`*name`) may multiply the document before it is
   * refused. Stops "billion laughs" documents that are tiny as text but huge once expanded.
   */
  yamlAliasCount: 1000,
} as const;

/** Top-level keys of a scenario that are allowed but not part of the schema. */
const IGNORED_TOP_LEVEL = ['$schema'];

/** Reads a scenario or Kubernetes objects from JSON or YAML text. Never throws. */
export function parseScenarioText(text: string, opts: ParseOptions = {}): ParseResult {
  try {
    return parseText(text, opts);
  } catch (e) {
    // Nothing below should throw; this is the last line of the promise to callers.
    return { ok: false, error: `Could not read the input: ${errorMessage(e)}` };
  }
}

/**
 * Reads an already-decoded value (e.g. from a share link) as a scenario, or as Kubernetes
 * objects when it has `kind` and no `version`. Never throws.
 */
export function parseScenarioValue(value: unknown, opts: ParseOptions = {}): ParseResult {
  try {
    return fromDocuments([value], opts);
  } catch (e) {
    return { ok: false, error: `Could not read the input: ${errorMessage(e)}` };
  }
}

function parseText(input: string, opts: ParseOptions): ParseResult {
  if (typeof input !== 'string') {
    return { ok: false, error: `Expected text, got ${describeValue(input)}.` };
  }
  // Checked before any parsing. Far past the limit in UTF-16 units, it is past it in bytes too.
  const exact = input.length <= 4 * INPUT_LIMITS.bytes;
  const size = exact ? utf8Length(input) : input.length;
  if (size > INPUT_LIMITS.bytes) {
    const count = `${exact ? '' : 'at least '}${size.toLocaleString('en-US')}`;
    return {
      ok: false,
      error: `The input is too large: ${count} bytes; the limit is 5 MB (${INPUT_LIMITS.bytes.toLocaleString('en-US')} bytes).`,
    };
  }
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input; // byte order mark
  const first = firstNonSpace(text);
  if (first === undefined) return { ok: false, error: 'The input is empty.' };

  const ext = /\.([A-Za-z]+)$/.exec(opts.filename ?? '')?.[1]?.toLowerCase();
  const json =
    ext === 'json' || (ext !== 'yaml' && ext !== 'yml' && (first === '{' || first === '['));
  const docs = json ? readJson(text) : readYaml(text);
  if (!Array.isArray(docs)) return docs;
  return fromDocuments(docs, opts);
}

function readJson(text: string): unknown[] | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const found = findJsonError(text);
    if (!found) return { ok: false, error: `JSON error: ${errorMessage(e)}` };
    const { line, column } = positionAt(text, found.offset);
    return { ok: false, error: `JSON error at line ${line}, column ${column}: ${found.message}.` };
  }
  // A top-level array is a list of documents (Kubernetes objects).
  return Array.isArray(value) ? value : [value];
}

function readYaml(text: string): unknown[] | { ok: false; error: string } {
  const documents = parseAllDocuments(text, {
    prettyErrors: false,
    uniqueKeys: true,
    merge: true, // `<<: *anchor`, as kubectl's YAML reader allows
  });
  const docs: unknown[] = [];
  for (const doc of documents) {
    const err = doc.errors[0];
    if (err) {
      const { line, column } = positionAt(text, err.pos[0]);
      const message = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return { ok: false, error: `YAML error at line ${line}, column ${column}: ${message}` };
    }
    if (doc.contents === null) continue; // an empty document (`---` with nothing after it)
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: INPUT_LIMITS.yamlAliasCount });
    } catch (e) {
      const message = errorMessage(e);
      if (/alias count/i.test(message)) {
        return {
          ok: false,
          error: `YAML error: the aliases (*name) expand the document too much (more than ${INPUT_LIMITS.yamlAliasCount} copies); refused.`,
        };
      }
      if (e instanceof RangeError)
        return { ok: false, error: 'YAML error: the document is nested too deeply.' };
      return { ok: false, error: `YAML error: ${shorten(message, 200)}` };
    }
    if (value !== null && value !== undefined) docs.push(value);
  }
  return docs;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function fromDocuments(docs: readonly unknown[], opts: ParseOptions): ParseResult {
  if (docs.length === 0) return { ok: false, error: 'The input holds no document.' };
  const first = docs[0];
  const hasVersion = docs.some((d) => isObj(d) && Object.hasOwn(d, 'version'));
  const hasKind = docs.some((d) => isObj(d) && typeof d.kind === 'string');

  if (hasVersion) {
    if (docs.length > 1) {
      return {
        ok: false,
        error: `The input holds ${docs.length} documents; a scenario is a single document.`,
      };
    }
    return fromScenarioObject(first as Record<string, unknown>);
  }
  if (hasKind) return fromKubernetes(docs, opts);
  if (docs.length === 1 && !isObj(first)) {
    return {
      ok: false,
      error: `Expected a scenario (an object with "version: ${SCENARIO_VERSION}"), got ${describeValue(first)}.`,
    };
  }
  return {
    ok: false,
    error: `Missing "version": a Packetwalk scenario starts with "version: ${SCENARIO_VERSION}". (It is not Kubernetes objects either: there is no "kind".)`,
  };
}

function fromScenarioObject(raw: Record<string, unknown>): ParseResult {
  const version = raw.version;
  if (typeof version !== 'number') {
    return {
      ok: false,
      error: `"version" must be the number ${SCENARIO_VERSION}, got ${describeValue(version)}.`,
    };
  }
  if (Number.isInteger(version) && version > SCENARIO_VERSION) {
    return {
      ok: false,
      error: `This scenario is version ${version}, newer than this app reads (version ${SCENARIO_VERSION}). Open it with a newer Packetwalk.`,
    };
  }
  if (version !== SCENARIO_VERSION) {
    return {
      ok: false,
      error: `Unknown scenario version ${version}; this app reads version ${SCENARIO_VERSION}.`,
    };
  }
  // Older versions would be migrated here, one step at a time, before the schema check.
  const result = ScenarioSchema.safeParse(raw);
  if (!result.success) {
    const lines = describeIssues(result.error.issues, raw);
    return {
      ok: false,
      error: ['This is not a valid scenario:', ...lines.map((l) => `- ${l}`)].join('\n'),
    };
  }
  return {
    ok: true,
    scenario: result.data,
    warnings: unknownFields(raw, result.data, IGNORED_TOP_LEVEL),
    source: 'scenario',
  };
}

function fromKubernetes(docs: readonly unknown[], opts: ParseOptions): ParseResult {
  const { scenario, warnings } = importKubectl([...docs], {
    ...(opts.filename
      ? { scenarioName: `Imported from ${shorten(baseName(opts.filename), 150)}` }
      : {}),
  });
  const cluster = scenario.clusters[0];
  const found = cluster
    ? cluster.nodes.length +
      cluster.pods.length +
      cluster.services.length +
      (cluster.ingresses?.length ?? 0)
    : 0;
  if (found === 0) {
    return {
      ok: false,
      error: [
        'No Nodes, Pods, Services or Ingresses found in the Kubernetes objects.',
        ...warnings.slice(0, 8),
      ].join('\n'),
    };
  }
  // The importer builds within the schema's limits; check anyway rather than trust it.
  const result = ScenarioSchema.safeParse(scenario);
  if (!result.success) {
    const lines = describeIssues(result.error.issues, scenario);
    return {
      ok: false,
      error: ['The kubectl import went wrong:', ...lines.map((l) => `- ${l}`)].join('\n'),
    };
  }
  return { ok: true, scenario: result.data, warnings, source: 'kubectl' };
}

/** UTF-8 length of `text` (what TextEncoder would give, without needing it). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return c;
  }
  return undefined;
}

/** `cluster.yaml` of `/tmp/dump/cluster.yaml` (or of a Windows path). */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

function errorMessage(e: unknown): string {
  return shorten(e instanceof Error ? e.message : String(e), 300);
}
