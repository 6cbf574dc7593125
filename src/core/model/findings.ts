/**
 * A validation finding. `message` states the rule in plain words and where Kubernetes enforces
 * it; `source` names the component (e.g. "kube-controller-manager", "kube-apiserver").
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  /** The object the finding is about, as an object ref (see refs.ts), e.g. "cluster/c1/node/node1". */
  object: string;
  /** The field, Kubernetes-style path, e.g. "spec.podCIDRs[1]" or "clusterCIDRs[0].nodeMaskSize". */
  field: string;
  message: string;
  source: string;
}

export const hasErrors = (findings: readonly Finding[]): boolean =>
  findings.some((f) => f.severity === 'error');
