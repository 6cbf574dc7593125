/**
 * Reads the runnable examples out of a CLI doc: each ```sh block holding one
 * `npm run --silent <cli> -- ARGS` command, the ```text or ```json block after it (what the
 * output must contain), and the "exit status: N" line after that.
 */
import { spawnSync } from 'node:child_process';

export interface DocExample {
  args: string[];
  expectText: string[] | null;
  expectJson: unknown;
  exit: number | null;
}

/** Splits a shell line into words, honouring single and double quotes. */
export function shellWords(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

export function docExamples(markdown: string, cli: string): DocExample[] {
  const blocks = [...markdown.matchAll(/```(\w*)\n([\s\S]*?)```|exit status: (\d+)/g)];
  const out: DocExample[] = [];
  let current: DocExample | null = null;
  for (const b of blocks) {
    const [, lang, body, exit] = b;
    if (exit !== undefined) {
      if (current) current.exit = Number(exit);
      continue;
    }
    const prefix = `npm run --silent ${cli} -- `;
    if (lang === 'sh' && body?.trim().startsWith(prefix)) {
      current = {
        args: shellWords(body.trim().slice(prefix.length)),
        expectText: null,
        expectJson: null,
        exit: null,
      };
      out.push(current);
    } else if (current && lang === 'text' && current.expectText === null) {
      current.expectText = (body ?? '').split('\n').filter((l) => l.trim() !== '');
    } else if (current && lang === 'json' && current.expectJson === null) {
      current.expectJson = JSON.parse(body ?? 'null');
    }
  }
  return out;
}

export function runCli(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** True when every key of `expected` is in `actual` with a matching value (arrays by index). */
export function containsDeep(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (actual === null || typeof actual !== 'object') return false;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) && expected.every((e, i) => containsDeep((actual as unknown[])[i], e))
    );
  }
  return Object.entries(expected).every(([k, v]) =>
    containsDeep((actual as Record<string, unknown>)[k], v),
  );
}
