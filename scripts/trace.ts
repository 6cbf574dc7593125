/**
 * The trace CLI (docs/trace-cli.md):
 *
 *   npm run --silent trace -- <scenario-file> --from <endpoint> --to <endpoint> [--json]
 *
 * Reads the scenario (the project's JSON/YAML or a kubectl List), fills the addresses a sparse
 * scenario leaves out (IPAM), validates it, and prints the trace: a table, or with --json
 * exactly one JSON object. Exit 0 when a trace was computed (delivered or dropped), 2 with a
 * message on stderr for bad input.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fillScenario } from '../src/core/model/ipam';
import { validateScenario } from '../src/core/model/validate';
import {
  IpFamilySchema,
  ProtocolSchema,
  type IpFamily,
  type Protocol,
} from '../src/core/model/schema';
import { parseScenarioText } from '../src/core/scenario/parse';
import {
  formatTraceTable,
  parseEndpoint,
  trace,
  traceToJson,
  validateFlow,
  type Flow,
} from '../src/core/sim/index';

export const USAGE = `usage: npm run --silent trace -- <scenario-file> --from <endpoint> --to <endpoint> [options]

endpoints: pod/NAME  pod/NAMESPACE/NAME  node/NAME  svc/NAME:PORT  lb/NAME:PORT  gw/NAME
           host/NAME  an IP (198.51.100.7, 10.96.0.10:53, [2001:db8::1]:443)
           each with an optional :PORT; prefix with CLUSTER: when the scenario has several

options:
  --json              print one JSON object instead of a table
  --family IPv4|IPv6  the IP family to use (default: the destination's primary family)
  --protocol TCP|UDP|SCTP   (default TCP)
  --endpoint N        which backend a Service or proxy picks, 0-based (default 0)
  --host NAME         HTTP Host header for an L7 proxy (default: the first Ingress rule's host)
  --path PATH         HTTP path for an L7 proxy (default: the matched rule's first path)
  --src-port N        the client's source port (default 43512)
  --no-reply          leave out the reply path`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads a file as UTF-8; throws with a code (ENOENT, ...) like fs does. */
  readFile: (path: string) => string;
}

const MAX_FILE_BYTES = 5 * 1024 * 1024;

export const nodeIo: CliIo = {
  stdout: (t) => process.stdout.write(`${t}\n`),
  stderr: (t) => process.stderr.write(`${t}\n`),
  readFile: (path) => {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      throw Object.assign(new Error(`${size} bytes is over the 5 MB limit`), { code: 'EFBIG' });
    }
    return readFileSync(path, 'utf8');
  },
};

const BOOLEAN = ['json', 'no-reply', 'help'] as const;
const VALUED = [
  'from',
  'to',
  'family',
  'protocol',
  'endpoint',
  'host',
  'path',
  'src-port',
] as const;

class Usage extends Error {}

function parseArgs(argv: readonly string[]): { file: string; flags: Map<string, string | true> } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if ((BOOLEAN as readonly string[]).includes(name)) {
      if (eq > 0) throw new Usage(`--${name} takes no value`);
      flags.set(name, true);
    } else if ((VALUED as readonly string[]).includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new Usage(`--${name} needs a value`);
      if (flags.has(name)) throw new Usage(`--${name} given twice`);
      flags.set(name, value);
    } else {
      throw new Usage(`unknown option --${name}`);
    }
  }
  if (flags.has('help')) return { file: '', flags };
  if (positional.length !== 1) {
    throw new Usage(
      positional.length === 0
        ? 'no scenario file given'
        : `expected one scenario file, got ${positional.length}`,
    );
  }
  return { file: positional[0] as string, flags };
}

function int(
  flags: Map<string, string | true>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const v = flags.get(name);
  if (typeof v !== 'string') return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new Usage(`--${name} must be a whole number from ${min} to ${max}, not "${v}"`);
  }
  return Number(v);
}

function str(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Runs the CLI; returns the exit code. */
export function main(argv: readonly string[], io: CliIo = nodeIo): number {
  let args: ReturnType<typeof parseArgs>;
  let family: IpFamily | undefined;
  let protocol: Protocol | undefined;
  let endpoint: number | undefined;
  let srcPort: number | undefined;
  try {
    args = parseArgs(argv);
    if (args.flags.has('help')) {
      io.stdout(USAGE);
      return 0;
    }
    const fam = str(args.flags, 'family');
    if (fam !== undefined) {
      const ok = IpFamilySchema.safeParse(fam);
      if (!ok.success) throw new Usage(`--family must be IPv4 or IPv6, not "${fam}"`);
      family = ok.data;
    }
    const proto = str(args.flags, 'protocol');
    if (proto !== undefined) {
      const ok = ProtocolSchema.safeParse(proto.toUpperCase());
      if (!ok.success) throw new Usage(`--protocol must be TCP, UDP or SCTP, not "${proto}"`);
      protocol = ok.data;
    }
    endpoint = int(args.flags, 'endpoint', 0, 1_000_000);
    srcPort = int(args.flags, 'src-port', 1, 65535);
    if (!args.flags.has('from')) throw new Usage('--from is required');
    if (!args.flags.has('to')) throw new Usage('--to is required');
  } catch (e) {
    if (e instanceof Usage) {
      io.stderr(`trace: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }

  const file = args.file;
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : (e as Error).message;
    io.stderr(`trace: ${file}: cannot read: ${why}`);
    return 2;
  }
  const parsed = parseScenarioText(text, { filename: file });
  if (!parsed.ok) {
    io.stderr(`trace: ${file}: ${parsed.error}`);
    return 2;
  }
  for (const w of parsed.warnings) io.stderr(`trace: warning: ${w}`);

  const filled = fillScenario(parsed.scenario);
  const findings = [...filled.findings, ...validateScenario(filled.scenario)];
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const lines = errors.map((f) => `  ${f.object}${f.field ? ` ${f.field}` : ''}: ${f.message}`);
    io.stderr(
      `trace: ${file}: invalid scenario (${errors.length} error${errors.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
    return 2;
  }
  const scenario = filled.scenario;

  const from = parseEndpoint(str(args.flags, 'from') ?? '', scenario);
  if (!from.ok) {
    io.stderr(`trace: --from: ${from.error}`);
    return 2;
  }
  const to = parseEndpoint(str(args.flags, 'to') ?? '', scenario);
  if (!to.ok) {
    io.stderr(`trace: --to: ${to.error}`);
    return 2;
  }
  const host = str(args.flags, 'host');
  const path = str(args.flags, 'path');
  const flow: Flow = {
    from: from.endpoint,
    to: to.endpoint,
    ...(protocol ? { protocol } : {}),
    ...(family ? { family } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(host !== undefined ? { host } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(srcPort !== undefined ? { srcPort } : {}),
  };
  const problem = validateFlow(scenario, flow);
  if (problem) {
    io.stderr(`trace: ${problem}`);
    return 2;
  }
  const t = trace(scenario, flow, { reply: !args.flags.has('no-reply') });
  io.stdout(args.flags.has('json') ? JSON.stringify(traceToJson(t), null, 2) : formatTraceTable(t));
  return 0;
}

const invoked = process.argv[1] ? pathToFileURL(resolve(process.argv[1])).href : '';
if (import.meta.url === invoked) {
  process.exitCode = main(process.argv.slice(2));
}
