/**
 * npm run --silent plan -- <scenario-file> [--json]
 *
 * Reads a scenario (the project's JSON/YAML or a kubectl List), fills in every address the way
 * Kubernetes would, and prints the addresses, the findings and the capacity.
 * Exit 0: no error findings; 1: error findings; 2: unreadable input (message on stderr).
 * Contract documented in docs/plan-cli.md.
 */
import { analyzeScenario, type Analysis } from '../src/core/model/analyze';
import { countString } from '../src/core/model/cidr';
import type { FamilyCapacity } from '../src/core/model/capacity';
import { CliError, loadScenarioFile, parseArgs, runCli, toJson } from './cli-io';

const USAGE = 'usage: npm run --silent plan -- <scenario-file> [--json]';

function table(rows: string[][], indent = '  '): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map(
      (r) =>
        indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}

const mark = (a: Analysis, key: string) => (a.filled.has(key) ? ' *' : '');

function addressesText(a: Analysis): string {
  const out: string[] = [];
  const s = a.scenario;
  out.push(`Scenario: ${s.name ?? '(unnamed)'}   model: ${s.model}`);
  for (const n of s.networks) out.push(`Network ${n.name}: ${n.cidrs.join(', ') || '-'}`);
  for (const h of s.hosts ?? []) out.push(`Host ${h.name}: ${h.addresses.join(', ')}`);
  for (const c of s.clusters) {
    const ref = `cluster/${c.name}`;
    out.push('');
    out.push(`Cluster ${c.name} (${c.ipFamilies.join(', ')}, ${c.podNetwork ?? 'routed'})`);
    out.push(
      table([
        [
          'cluster CIDRs',
          c.clusterCIDRs.map((b) => `${b.cidr} (/${b.nodeMaskSize} per node)`).join(', ') || '-',
        ],
        ['service CIDRs', c.serviceCIDRs.flatMap((b) => b.cidrs).join(', ') || '-'],
      ]),
    );
    if (c.nodes.length) {
      out.push('  nodes:');
      out.push(
        table(
          c.nodes.map((n) => [
            n.name,
            n.addresses
              .filter((x) => x.type === 'InternalIP' || x.type === 'ExternalIP')
              .map((x) => `${x.address} (${x.type})`)
              .join(', ') || '-',
            (n.podCIDRs ?? []).join(', ') + mark(a, `${ref}/node/${n.name}#podCIDRs`),
          ]),
          '    ',
        ),
      );
    }
    if (c.pods.length) {
      out.push('  pods:');
      out.push(
        table(
          c.pods.map((p) => {
            const ns = p.namespace ?? 'default';
            return [
              `${ns}/${p.name}`,
              p.nodeName,
              (p.podIPs ?? []).join(', ') + mark(a, `${ref}/pod/${ns}/${p.name}#podIPs`),
            ];
          }),
          '    ',
        ),
      );
    }
    if (c.services.length) {
      out.push('  services:');
      out.push(
        table(
          c.services.map((v) => {
            const ns = v.namespace ?? 'default';
            const key = `${ref}/service/${ns}/${v.name}`;
            const ports = v.ports
              .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
              .join(', ');
            return [
              `${ns}/${v.name}`,
              v.type ?? 'ClusterIP',
              (v.clusterIPs ?? []).join(', ') + mark(a, `${key}#clusterIPs`),
              ports + (a.filled.has(`${key}#nodePort`) ? ' *' : ''),
            ];
          }),
          '    ',
        ),
      );
    }
  }
  if (a.filled.size) out.push('', '  * filled in by IPAM');
  return out.join('\n');
}

function capacityText(cluster: string, fams: FamilyCapacity[]): string {
  const out = [`Capacity of ${cluster}:`];
  for (const f of fams) {
    const nr = f.nodeRanges;
    const p = f.pods;
    const sv = f.services;
    out.push(`  ${f.family}`);
    out.push(
      table(
        [
          [
            'node ranges',
            `${countString(nr.used)} used, ${countString(nr.free)} free of ${countString(nr.total)}` +
              (nr.blockedByServices
                ? ` (${countString(nr.blockedByServices)} blocked by the service range)`
                : ''),
          ],
          [
            'pods per node',
            p.podsPerNode === null
              ? '-'
              : `${countString(p.podsPerNode)} (${p.limitedBy === 'maxPods' ? `maxPods ${p.maxPods}` : `${countString(p.podAddressesPerNode ?? 0n)} addresses`} binds)`,
          ],
          ['pods in cluster', `${p.running} running, room for ${countString(p.maxInCluster)}`],
          [
            'service IPs',
            `${countString(sv.used)} used, ${countString(sv.free)} free of ${countString(sv.usable)}`,
          ],
          ['kubernetes / DNS', `${sv.kubernetesIP ?? '-'} / ${sv.dnsIP ?? '-'}`],
          [
            'static band',
            sv.staticBand
              ? `${sv.staticBand.first} - ${sv.staticBand.last} (${countString(sv.staticBand.size)})`
              : 'none (range of 16 or fewer)',
          ],
          [
            'NodePorts',
            `${countString(f.nodePorts.used)} used of ${countString(f.nodePorts.total)} (${f.nodePorts.min}-${f.nodePorts.max})`,
          ],
          ['binds first', f.bindingLimit.sentence],
        ],
        '    ',
      ),
    );
    for (const w of f.warnings) out.push(`    ! ${w}`);
  }
  return out.join('\n');
}

function findingsText(a: Analysis): string {
  if (a.findings.length === 0) return 'Findings: none';
  const counts = ['error', 'warning', 'info'].map(
    (s) => `${a.findings.filter((f) => f.severity === s).length} ${s}`,
  );
  return [
    `Findings: ${counts.join(', ')}`,
    ...a.findings.map(
      (f) => `  ${f.severity.padEnd(7)} ${f.object} ${f.field}: ${f.message} [${f.source}]`,
    ),
  ].join('\n');
}

function main(argv: string[]): number {
  const { positional, flags } = parseArgs(argv, ['json', 'help'], []);
  if (flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [file, ...extra] = positional;
  if (!file || extra.length) throw new CliError(USAGE);
  const loaded = loadScenarioFile(file);
  for (const w of loaded.warnings) process.stderr.write(`warning: ${w}\n`);
  const a = analyzeScenario(loaded.scenario);
  const errors = a.findings.some((f) => f.severity === 'error');
  if (flags.has('json')) {
    process.stdout.write(
      `${toJson({
        scenario: a.scenario,
        filled: [...a.filled].sort(),
        findings: a.findings,
        capacity: a.capacity,
        warnings: loaded.warnings,
      })}\n`,
    );
  } else {
    const parts = [
      addressesText(a),
      findingsText(a),
      ...a.capacity.map((c) => capacityText(c.cluster, c.families)),
    ];
    process.stdout.write(`${parts.join('\n\n')}\n`);
  }
  return errors ? 1 : 0;
}

runCli(() => main(process.argv.slice(2)));
