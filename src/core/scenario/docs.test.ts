/**
 * The examples in docs/scenario-format.md are real: every fenced `yaml` and `json` block is
 * read with parseScenarioText and must parse without an error. Scenario examples must also
 * read without warnings and validate without error findings, and the numbers the text quotes
 * for the sparse example are what IPAM fills in.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../model/findings';
import { fillScenario } from '../model/ipam';
import { validateScenario } from '../model/validate';
import { parseScenarioText } from './parse';

const markdown = readFileSync(new URL('../../../docs/scenario-format.md', import.meta.url), 'utf8');

interface Block {
  lang: string;
  text: string;
  line: number;
}

function fencedBlocks(md: string): Block[] {
  const blocks: Block[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    blocks.push({ lang: open[1] ?? '', text: `${body.join('\n')}\n`, line: start + 1 });
  }
  return blocks;
}

const examples = fencedBlocks(markdown).filter((b) => b.lang === 'yaml' || b.lang === 'json');

describe('docs/scenario-format.md examples', () => {
  it('has the small, the multi-cluster and the kubectl examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    expect(examples.map((b) => b.lang)).toContain('json');
  });

  for (const block of examples) {
    it(`the ${block.lang} block at line ${block.line} parses`, () => {
      const r = parseScenarioText(block.text, { filename: `example.${block.lang}` });
      if (!r.ok) throw new Error(r.error);
      if (r.source === 'scenario') {
        expect(r.warnings).toEqual([]);
        const findings = validateScenario(fillScenario(r.scenario).scenario);
        expect(hasErrors(findings), JSON.stringify(findings, null, 1)).toBe(false);
      } else {
        expect(r.scenario.clusters[0]?.nodes.length).toBeGreaterThan(0);
      }
    });
  }

  it('the multi-cluster example has two clusters under the island model, a gateway and a host', () => {
    const scenarios = examples
      .map((b) => parseScenarioText(b.text, { filename: `example.${b.lang}` }))
      .flatMap((r) => (r.ok && r.source === 'scenario' ? [r.scenario] : []));
    const multi = scenarios.find((s) => s.clusters.length === 2);
    expect(multi?.model).toBe('island');
    expect(multi?.clusters.some((c) => (c.gateways ?? []).length > 0)).toBe(true);
    expect(multi?.hosts?.length).toBeGreaterThan(0);
  });

  it('the sparse example is filled as the text says', () => {
    const block = examples.find((b) => b.text.includes('name: Two nodes and a NodePort'));
    const r = parseScenarioText(block?.text ?? '');
    if (!r.ok) throw new Error(r.error);
    const c = fillScenario(r.scenario).scenario.clusters[0];
    expect(c?.nodes.map((n) => n.podCIDRs)).toEqual([['10.0.0.0/24'], ['10.0.1.0/24']]);
    expect(c?.pods.map((p) => p.podIPs)).toEqual([['10.0.0.2'], ['10.0.1.2']]);
    expect(c?.services[0]?.clusterIPs).toEqual(['10.96.1.1']);
    expect(c?.services[0]?.ports[0]?.nodePort).toBe(30086);
    for (const quoted of [
      '10.0.0.0/24',
      '10.0.1.0/24',
      '10.0.0.2',
      '10.0.1.2',
      '10.96.1.1',
      '30086',
    ]) {
      expect(markdown).toContain(quoted);
    }
  });

  it('the kubectl example infers the cluster CIDR the text quotes', () => {
    const block = examples.find((b) => b.text.includes('kind: List'));
    const r = parseScenarioText(block?.text ?? '');
    if (!r.ok) throw new Error(r.error);
    expect(r.source).toBe('kubectl');
    expect(r.scenario.clusters[0]?.clusterCIDRs[0]).toEqual({
      cidr: '10.244.0.0/23',
      nodeMaskSize: 24,
      inferred: true,
    });
    expect(markdown).toContain('10.244.0.0/23 (inferred)');
  });
});
