/**
 * The trace CLI: the examples in docs/trace-cli.md are run (files written to a temp dir, each
 * command's stdout, or stderr for exit 2, compared), plus the contract's edges: --json prints
 * one object, bad input exits 2 with a message, and the real entry point sets the exit code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from './trace';

const markdown = readFileSync(new URL('../docs/trace-cli.md', import.meta.url), 'utf8');

interface Block {
  info: string;
  body: string;
}

function blocks(md: string): Block[] {
  const out: Block[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] ?? '');
    out.push({ info: (open[1] ?? '').trim(), body: body.join('\n') });
  }
  return out;
}

const all = blocks(markdown);
const files = all.flatMap((b) => {
  const m = /^(yaml|json) file=(\S+)$/.exec(b.info);
  return m?.[2] ? [{ name: m[2], text: `${b.body}\n` }] : [];
});
const commands = all.flatMap((b) => {
  const m = /^console(?: exit=(\d+))?$/.exec(b.info);
  if (!m) return [];
  const [first, ...rest] = b.body.split('\n');
  const prefix = '$ npm run --silent trace -- ';
  if (!first?.startsWith(prefix)) return [];
  return [
    {
      args: first.slice(prefix.length).split(/\s+/),
      expected: rest.join('\n'),
      exit: Number(m[1] ?? 0),
    },
  ];
});

const dir = mkdtempSync(join(tmpdir(), 'trace-cli-'));
for (const f of files) writeFileSync(join(dir, f.name), f.text);

function run(args: readonly string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: (p) => readFileSync(join(dir, p), 'utf8'),
  };
  const code = main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('docs/trace-cli.md examples', () => {
  it('has the scenario files, a kubectl List among them, and commands for both exit codes', () => {
    expect(files.map((f) => f.name)).toEqual(['weave.yaml', 'island.yaml', 'cluster-list.yaml']);
    expect(files[2]?.text).toContain('kind: List');
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(commands.some((c) => c.exit === 2)).toBe(true);
    expect(commands.some((c) => c.args.includes('--json'))).toBe(true);
  });

  for (const c of commands) {
    it(`npm run trace -- ${c.args.join(' ')}`, () => {
      const r = run(c.args);
      expect(r.code).toBe(c.exit);
      expect(c.exit === 0 ? r.out : r.err).toBe(c.expected);
    });
  }

  it('the kubectl List import warns on stderr about what it inferred', () => {
    const r = run(['cluster-list.yaml', '--from', 'pod/bar', '--to', 'svc/foo:80']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: Inferred cluster CIDR');
  });
});

describe('the contract', () => {
  it('--json prints exactly one JSON object of the documented shape', () => {
    const r = run(['weave.yaml', '--from', 'pod/bar', '--to', 'svc/foo:80', '--json']);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['verdict', 'reason', 'hops', 'reply']);
    expect(Array.isArray(j.reply)).toBe(true);
  });

  it('options: --family, --protocol, --endpoint, --src-port reach the engine', () => {
    const r = run([
      'weave.yaml',
      '--from',
      'pod/bar',
      '--to',
      'svc/foo:80',
      '--json',
      '--src-port',
      '5555',
      '--no-reply',
    ]);
    const j = JSON.parse(r.out) as { hops: { src: string }[]; reply: unknown };
    expect(j.hops[0]?.src).toBe('10.20.9.1:5555');
    expect(j.reply).toBeNull();
    const udp = run([
      'weave.yaml',
      '--from',
      'pod/bar',
      '--to',
      '100.96.0.30:80',
      '--protocol',
      'udp',
    ]);
    expect(udp.out).toContain('Dropped (port not exposed)');
  });

  it.each([
    [['weave.yaml'], '--from is required'],
    [['weave.yaml', '--from', 'pod/bar'], '--to is required'],
    [['--from', 'pod/bar', '--to', 'pod/foo'], 'no scenario file given'],
    [['weave.yaml', '--from', 'pod/bar', '--to', 'pod/foo', '--bogus'], 'unknown option --bogus'],
    [
      ['weave.yaml', '--from', 'pod/bar', '--to', 'pod/foo', '--family', 'IPv5'],
      '--family must be IPv4 or IPv6',
    ],
    [
      ['weave.yaml', '--from', 'pod/bar', '--to', 'pod/foo', '--endpoint', '-1'],
      '--endpoint must be a whole number',
    ],
    [['weave.yaml', '--from', 'svc/foo:80', '--to', 'pod/foo'], 'a Service cannot be the source'],
    [['weave.yaml', '--from', 'pod/bar', '--to', 'lb/foo:80'], 'has no load-balancer IP'],
  ])('bad input %j exits 2: %s', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  it('an invalid scenario exits 2 listing its error findings', () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      readFileSync(join(dir, 'weave.yaml'), 'utf8').replace('10.20.9.0/24', '10.20.9.0/33'),
    );
    const r = run(['bad.yaml', '--from', 'pod/bar', '--to', 'pod/foo']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('invalid scenario (1 error)');
    expect(r.err).toContain('cluster/cluster/node/node1 spec.podCIDRs[0]');
  });

  it('a file that is not a scenario exits 2', () => {
    writeFileSync(join(dir, 'junk.json'), '{"hello": ');
    const r = run(['junk.json', '--from', 'pod/bar', '--to', 'pod/foo']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^trace: junk\.json: /);
  });

  it('the real entry point prints and sets the exit code', () => {
    const tsx = new URL('../node_modules/.bin/tsx', import.meta.url).pathname;
    const script = new URL('./trace.ts', import.meta.url).pathname;
    const ok = execFileSync(
      tsx,
      [script, 'weave.yaml', '--from', 'pod/bar', '--to', 'pod/foo', '--json'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(JSON.parse(ok)).toMatchObject({ verdict: 'delivered' });
    const bad = spawnSync(tsx, [script, 'weave.yaml', '--from', 'pod/nope', '--to', 'pod/foo'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no pod "nope"');
  }, 30_000);
});
