/**
 * Object refs: stable string ids for every object of a scenario, used by findings, the
 * selection in the UI, and trace hops. Names are unique per kind within their scope.
 *   network/NAME, host/NAME, archipelago/NAME
 *   cluster/C, cluster/C/node/N, cluster/C/pod/NS/N, cluster/C/service/NS/N,
 *   cluster/C/ingress/NS/N, cluster/C/gateway/N
 */
import { DEFAULTS } from './defaults';

export const networkRef = (name: string) => `network/${name}`;
export const hostRef = (name: string) => `host/${name}`;
export const archipelagoRef = (name: string) => `archipelago/${name}`;
export const clusterRef = (cluster: string) => `cluster/${cluster}`;
export const nodeRef = (cluster: string, node: string) => `cluster/${cluster}/node/${node}`;
export const podRef = (cluster: string, ns: string | undefined, pod: string) =>
  `cluster/${cluster}/pod/${ns ?? DEFAULTS.namespace}/${pod}`;
export const serviceRef = (cluster: string, ns: string | undefined, svc: string) =>
  `cluster/${cluster}/service/${ns ?? DEFAULTS.namespace}/${svc}`;
export const ingressRef = (cluster: string, ns: string | undefined, name: string) =>
  `cluster/${cluster}/ingress/${ns ?? DEFAULTS.namespace}/${name}`;
export const gatewayRef = (cluster: string, name: string) => `cluster/${cluster}/gateway/${name}`;
