import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { containsDeep, docExamples, runCli } from './doc-examples';

const doc = readFileSync('docs/plan-cli.md', 'utf8');
const examples = docExamples(doc, 'plan');

describe('docs/plan-cli.md examples', () => {
  it('has examples for every exit status', () => {
    expect(examples.map((e) => e.exit).sort()).toEqual(expect.arrayContaining([0, 1, 2]));
  });

  for (const ex of examples) {
    it(`plan ${ex.args.join(' ')} -> exit ${ex.exit}`, () => {
      const r = runCli('scripts/plan.ts', ex.args);
      expect(r.status, r.stderr).toBe(ex.exit);
      const all = `${r.stdout}\n${r.stderr}`;
      for (const line of ex.expectText ?? []) expect(all).toContain(line);
      if (ex.expectJson !== null) {
        const parsed: unknown = JSON.parse(r.stdout);
        expect(containsDeep(parsed, ex.expectJson)).toBe(true);
      }
    }, 60_000);
  }
});

describe('plan CLI contract', () => {
  it('refuses a missing argument with usage and exit 2', () => {
    const r = runCli('scripts/plan.ts', []);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run --silent plan');
  });
  it('turns the overlap into no error under the island model', () => {
    const r = runCli('scripts/plan.ts', ['docs/examples/island-reuse.yaml', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: { severity: string }[] };
    expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
