/**
 * Scenario validation: every rule about addresses, names and references, as findings.
 *
 * `validateScenario` is pure and never throws: bad input (unparseable CIDRs, wrong families,
 * dangling references) becomes findings, and it works on sparse scenarios (podCIDRs, podIPs,
 * clusterIPs and nodePorts left for ipam.ts to fill) as well as on filled ones.
 *
 * Each finding's message states the rule with its numbers and where Kubernetes enforces it;
 * `source` names the enforcer ("kube-controller-manager", "kube-apiserver", "kubeadm",
 * "CNI host-local", "kubelet", "kube-proxy", "node-ipam-controller", "ingress controller"),
 * or "network model" for what the talk-003 models require and "Packetwalk" for references and
 * names inside the scenario itself.
 *
 * The rules live in:
 * - validate-cluster.ts: cluster CIDRs, service ranges, nodes, pods;
 * - validate-services.ts: Services, Ingresses, gateways;
 * - validate-network.ts: names and references across the scenario, and overlaps between
 *   clusters, networks and hosts by network model (flat, island, air-gapped, archipelago).
 */
import type { Finding } from './findings';
import type { Scenario } from './schema';
import { validateCluster } from './validate-cluster';
import type { ClusterCtx } from './validate-cluster';
import { validateAcrossClusters, validateTopLevel } from './validate-network';
import { validateGateways, validateIngresses, validateServices } from './validate-services';
import { SRC, Sink } from './validate-shared';

export function validateScenario(s: Scenario): Finding[] {
  const out = new Sink();
  try {
    const networks = validateTopLevel(out, s);
    const ctxs: ClusterCtx[] = [];
    s.clusters.forEach((cluster, i) => {
      const ctx = validateCluster(out, cluster, i);
      const services = validateServices(out, ctx);
      validateIngresses(out, ctx, services);
      validateGateways(out, ctx, services);
      ctxs.push(ctx);
    });
    validateAcrossClusters(out, s, ctxs, networks);
  } catch (e) {
    // Input that does not even match the schema's shape (the caller skipped parsing) must
    // still not throw at the caller.
    out.error(
      '',
      '',
      `the scenario could not be validated: ${e instanceof Error ? e.message : String(e)}`,
      SRC.packetwalk,
    );
  }
  return out.findings;
}

/**
 * The findings about one object. With `nested`, also those about objects inside it
 * (a cluster's nodes, pods, Services, ...).
 */
export function findingsFor(
  findings: readonly Finding[],
  ref: string,
  options: { nested?: boolean } = {},
): Finding[] {
  if (!options.nested) return findings.filter((f) => f.object === ref);
  const prefix = `${ref}/`;
  return findings.filter((f) => f.object === ref || f.object.startsWith(prefix));
}
