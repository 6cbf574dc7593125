/**
 * What the plan and trace CLIs share: reading a scenario file (the project's JSON/YAML or a
 * kubectl List), filling it with IPAM, and failing with exit 2 and a message on stderr.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseScenarioText } from '../src/core/scenario/parse';
import type { Scenario } from '../src/core/model/schema';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface LoadedScenario {
  scenario: Scenario;
  warnings: string[];
  source: 'scenario' | 'kubectl';
}

export function loadScenarioFile(path: string): LoadedScenario {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      throw new CliError(`${path}: ${size} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(e)})`,
    );
  }
  const parsed = parseScenarioText(text, { filename: path });
  if (!parsed.ok) throw new CliError(`${path}: ${parsed.error}`);
  return { scenario: parsed.scenario, warnings: parsed.warnings, source: parsed.source };
}

/** Splits argv into positionals and `--flag [value]` options. `booleans` take no value. */
export function parseArgs(
  argv: readonly string[],
  booleans: readonly string[],
  valued: readonly string[],
): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (booleans.includes(name)) {
        flags.set(name, true);
      } else if (valued.includes(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined || value === '') throw new CliError(`--${name} needs a value`);
        flags.set(name, value);
      } else {
        throw new CliError(`unknown option --${name}`);
      }
    } else {
      positional.push(a);
    }
  }
  return { positional, flags };
}

/** Runs a CLI body, mapping CliError to its exit code and anything else to exit 2. */
export function runCli(body: () => number): void {
  let code: number;
  try {
    code = body();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`error: ${msg}\n`);
    code = e instanceof CliError ? e.exitCode : 2;
  }
  process.exitCode = code;
}

/** JSON.stringify that writes bigint as a decimal string. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
}
