/**
 * IPAM: fill in the addresses a sparse scenario leaves out, the way Kubernetes would hand them
 * out, so the picture always has an address to show and the same scenario always shows the
 * same one.
 *
 * Per cluster, in the order the components act:
 * 1. node podCIDRs: kube-controller-manager node IPAM (ipam-nodes.ts);
 * 2. pod podIPs: CNI host-local from the node ranges, host IPs for hostNetwork pods (ipam-pods.ts);
 * 3. Service ipFamilyPolicy/ipFamilies, clusterIPs and nodePorts: kube-apiserver (ipam-services.ts).
 *
 * What is given is kept, and taken before anything is handed out. Whether given values are valid
 * is validate.ts's business; IPAM only reports what it could not allocate (exhaustion, a range
 * too small, a config it has to skip).
 *
 * Pure: the input is never mutated (changed objects are copied, unchanged ones shared), the
 * output depends only on the input, and nothing throws.
 */
import type { Finding } from './findings';
import { fillNodeRanges } from './ipam-nodes';
import { fillPodIps } from './ipam-pods';
import { fillServices } from './ipam-services';
import type { Cluster, Scenario } from './schema';

export interface FillResult {
  /** The scenario with missing addresses filled (the input object when nothing was missing). */
  scenario: Scenario;
  /** Allocation findings only: exhaustion, too-small ranges, skipped configs. */
  findings: Finding[];
  /** `${objectRef}#${field}` for every value IPAM filled, e.g. "cluster/c1/node/node1#podCIDRs". */
  filled: Set<string>;
}

function fillCluster(cluster: Cluster, findings: Finding[], filled: Set<string>): Cluster {
  const nodes = fillNodeRanges(cluster, findings, filled);
  const withNodes = nodes === cluster.nodes ? cluster : { ...cluster, nodes };
  const pods = fillPodIps(withNodes, nodes, findings, filled);
  const services = fillServices(withNodes, findings, filled);
  if (nodes === cluster.nodes && pods === cluster.pods && services === cluster.services) {
    return cluster;
  }
  return { ...cluster, nodes, pods, services };
}

export function fillScenario(s: Scenario): FillResult {
  const findings: Finding[] = [];
  const filled = new Set<string>();
  try {
    let changed = false;
    const clusters = (s.clusters ?? []).map((c) => {
      const next = fillCluster(c, findings, filled);
      if (next !== c) changed = true;
      return next;
    });
    return { scenario: changed ? { ...s, clusters } : s, findings, filled };
  } catch (e) {
    // A bug here must not take the app down: hand back the scenario as given.
    return {
      scenario: s,
      findings: [
        {
          severity: 'error',
          object: 'scenario',
          field: 'clusters',
          message: `IPAM failed and filled nothing: ${e instanceof Error ? e.message : String(e)}`,
          source: 'packetwalk',
        },
      ],
      filled: new Set(),
    };
  }
}
