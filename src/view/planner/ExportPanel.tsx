/**
 * The plan as Kubernetes reads it (plan/export.ts): kubeadm's ClusterConfiguration, the
 * kube-controller-manager and kube-apiserver flags, ServiceCIDR and ClusterCIDR objects. Copy or
 * download each; nothing here is written by the view.
 */
import { useMemo } from 'react';
import type { Cluster } from '../../core/model/schema';
import { objectName, planExport, type NodeIpamMode } from '../../core/plan/export';
import { CodeBlock } from './CodeBlock';

const MODE_TEXT: Record<NodeIpamMode, string> = {
  'kube-controller-manager':
    'Node pod ranges come from kube-controller-manager (--allocate-node-cidrs with --cluster-cidr).',
  'node-ipam-controller':
    'Node pod ranges come from ClusterCIDR objects of the out-of-tree node-ipam-controller (KEP-2593); kube-controller-manager’s own node IPAM is off.',
  none: 'No pod block: nothing hands out node pod ranges.',
};

export function ExportPanel({ cluster }: { cluster: Cluster }) {
  const e = useMemo(() => planExport(cluster), [cluster]);
  const stem = objectName(cluster.name, 'cluster');
  return (
    <div className="pl-export">
      <p className="pl-lead">
        Export the plan of cluster <strong>{cluster.name}</strong>. {MODE_TEXT[e.mode]}
      </p>
      <div className="pl-code-grid">
        <div className="pl-code-col">
          <CodeBlock
            title="kubeadm ClusterConfiguration"
            text={e.kubeadm}
            filename={`${stem}-kubeadm.yaml`}
            hint="kubeadm init --config: networking.podSubnet and networking.serviceSubnet."
          />
          <CodeBlock
            title="ServiceCIDR objects"
            text={e.serviceCIDRs}
            filename={`${stem}-servicecidrs.yaml`}
            hint="networking.k8s.io/v1; the first is the one kube-apiserver creates from its flag."
          />
        </div>
        <div className="pl-code-col">
          <CodeBlock
            title="kube-controller-manager flags"
            text={e.controllerManagerFlags.join('\n')}
            filename={`${stem}-kube-controller-manager.flags`}
            type="text/plain"
            hint="--cluster-cidr, --node-cidr-mask-size-ipv4/-ipv6, --service-cluster-ip-range."
          />
          <CodeBlock
            title="kube-apiserver flags"
            text={e.apiServerFlags.join('\n')}
            filename={`${stem}-kube-apiserver.flags`}
            type="text/plain"
          />
          {e.clusterCIDRs ? (
            <CodeBlock
              title="ClusterCIDR objects"
              text={e.clusterCIDRs}
              filename={`${stem}-clustercidrs.yaml`}
              hint="For kubernetes-sigs/node-ipam-controller."
            />
          ) : null}
        </div>
      </div>
      {e.notes.length > 0 ? (
        <ul className="pl-notes" aria-label="Notes on the export">
          {e.notes.map((n, i) => (
            <li key={i} className={`sev-${n.severity}`}>
              <span className="pl-badge">{n.source}</span> {n.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
