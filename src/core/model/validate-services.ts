/**
 * Rules for Services, Ingresses and gateways of one cluster.
 *
 * Kubernetes sources (kubernetes/kubernetes):
 * - pkg/apis/core/validation/validation.go ValidateService and
 *   validateServiceClusterIPsRelatedFields: "'None' must be the first and only value",
 *   at most two clusterIPs, one per family, ipFamilies[i] matches clusterIPs[i], SingleStack
 *   refuses two families, "may not be set to 'None' for NodePort/LoadBalancer services",
 *   nodePort "may not be used when `type` is 'ClusterIP'", port names required when there
 *   are several ports, duplicate ports; validateServiceExternalTrafficPolicy ("may only be set
 *   for externally-accessible services"); ValidateLoadBalancerStatus ("may only be used when
 *   `spec.type` is 'LoadBalancer'", ingress[].ip must be an IP).
 * - pkg/registry/core/service/storage/alloc.go: an unset ipFamilyPolicy defaults to
 *   RequireDualStack when two families or two clusterIPs are given; RequireDualStack and
 *   families without a service range are refused ("not configured on this cluster").
 * - pkg/registry/core/service/ipallocator: a static ClusterIP must be inside a service range
 *   ("provided IP is not in the valid range"), not the network or IPv4 broadcast address, and
 *   free ("provided IP is already allocated").
 * - pkg/registry/core/service/portallocator: nodePorts come from --service-node-port-range and
 *   one bitmap of port numbers: a number belongs to one Service, whatever the protocol (one
 *   Service may use it for TCP and UDP of the same port).
 * - pkg/controller/endpointslice: pods without the named targetPort are left out.
 */
import { cidrContainsIp, cidrLast } from './cidr';
import type { IpAddr } from './cidr';
import { gatewayRef, ingressRef, serviceRef } from './refs';
import { DEFAULTS } from './defaults';
import type { IpFamily, Pod, Service } from './schema';
import type { ClusterCtx } from './validate-cluster';
import { podKey } from './validate-cluster';
import { AddressMap, SRC, cidrText, ipText, parseIp, quote } from './validate-shared';
import type { Sink } from './validate-shared';

interface ServiceInfo {
  readonly service: Service;
  readonly ref: string;
  readonly key: string;
}

/** Pods by namespace and label, so a selector costs its smallest posting list. */
class PodSelector {
  /** namespace -> label key -> label value -> pods. */
  private readonly index = new Map<string, Map<string, Map<string, Pod[]>>>();
  private readonly byNamespace = new Map<string, Pod[]>();

  constructor(pods: readonly Pod[]) {
    for (const pod of pods) {
      const ns = pod.namespace ?? DEFAULTS.namespace;
      push(this.byNamespace, ns, pod);
      const labels = pod.labels;
      if (!labels) continue;
      let keys = this.index.get(ns);
      if (!keys) this.index.set(ns, (keys = new Map()));
      for (const k in labels) {
        const v = labels[k];
        if (v === undefined) continue;
        let values = keys.get(k);
        if (!values) keys.set(k, (values = new Map()));
        push(values, v, pod);
      }
    }
  }

  select(ns: string, selector: Record<string, string>): Pod[] {
    const terms = Object.entries(selector);
    if (terms.length === 0) return this.byNamespace.get(ns) ?? [];
    const keys = this.index.get(ns);
    if (!keys) return [];
    let smallest: Pod[] | undefined;
    for (const [k, v] of terms) {
      const list = keys.get(k)?.get(v);
      if (!list) return [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    if (!smallest) return [];
    if (terms.length === 1) return smallest;
    return smallest.filter((p) => terms.every(([k, v]) => p.labels?.[k] === v));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function validateServices(out: Sink, ctx: ClusterCtx): Map<string, Service> {
  const { cluster } = ctx;
  const byKey = new Map<string, Service>();
  const clusterIpOwner = new AddressMap<string>();
  const nodePortOwner = new Map<number, string>();
  const selector = new PodSelector(cluster.pods);
  const range = cluster.nodePortRange ?? DEFAULTS.nodePortRange;

  for (const service of cluster.services) {
    const ref = serviceRef(cluster.name, service.namespace, service.name);
    const key = podKey(service.namespace, service.name);
    if (byKey.has(key)) {
      out.error(
        ref,
        'metadata.name',
        `a second Service ${key}; kube-apiserver refuses it (Service names are unique in a namespace)`,
        SRC.apiserver,
      );
    } else byKey.set(key, service);
    const info: ServiceInfo = { service, ref, key };
    const headless = service.clusterIPs?.[0] === 'None';
    checkPorts(out, info, headless, range, nodePortOwner);
    const parsed = checkClusterIPs(out, ctx, info, clusterIpOwner);
    checkFamilies(out, ctx, info, parsed);
    checkTrafficAndStatus(out, info);
    checkEndpoints(out, info, selector);
  }
  return byKey;
}

function checkPorts(
  out: Sink,
  { service, ref, key }: ServiceInfo,
  headless: boolean,
  range: { min: number; max: number },
  nodePortOwner: Map<number, string>,
): void {
  const type = service.type ?? DEFAULTS.serviceType;
  if (service.ports.length === 0 && !headless) {
    out.error(
      ref,
      'spec.ports',
      'a Service needs at least one port unless it is headless; kube-apiserver refuses it',
      SRC.apiserver,
    );
  }
  const names = new Set<string>();
  const portProto = new Set<string>();
  const nodePortProto = new Set<string>();
  service.ports.forEach((p, i) => {
    const proto = p.protocol ?? DEFAULTS.protocol;
    if (service.ports.length > 1) {
      if (!p.name) {
        out.error(
          ref,
          `spec.ports[${i}].name`,
          'a Service with more than one port needs a name on each; kube-apiserver refuses it',
          SRC.apiserver,
        );
      } else if (names.has(p.name)) {
        out.error(
          ref,
          `spec.ports[${i}].name`,
          `port name ${quote(p.name)} is used twice; kube-apiserver refuses it`,
          SRC.apiserver,
        );
      }
    }
    if (p.name) names.add(p.name);
    const pp = `${p.port}/${proto}`;
    if (portProto.has(pp)) {
      out.error(
        ref,
        `spec.ports[${i}].port`,
        `port ${pp} is listed twice; kube-apiserver refuses it`,
        SRC.apiserver,
      );
    }
    portProto.add(pp);

    const np = p.nodePort;
    if (np === undefined) return;
    const field = `spec.ports[${i}].nodePort`;
    if (type === 'ClusterIP') {
      out.error(
        ref,
        field,
        `nodePort ${np} on a ClusterIP Service; kube-apiserver refuses it (nodePort may not be used when type is ClusterIP)`,
        SRC.apiserver,
      );
      return;
    }
    if (np < range.min || np > range.max) {
      out.error(
        ref,
        field,
        `nodePort ${np} is outside the node port range ${range.min}-${range.max}; kube-apiserver refuses it ("provided port is not in the valid range")`,
        SRC.apiserver,
      );
    }
    const npp = `${np}/${proto}`;
    if (nodePortProto.has(npp)) {
      out.error(
        ref,
        field,
        `nodePort ${npp} is used twice in this Service; kube-apiserver refuses it`,
        SRC.apiserver,
      );
    }
    nodePortProto.add(npp);
    const owner = nodePortOwner.get(np);
    if (owner !== undefined && owner !== key) {
      out.error(
        ref,
        field,
        `nodePort ${np} already belongs to Service ${owner}; kube-apiserver refuses it ("provided port is already allocated": node ports are unique in a cluster, whatever the protocol)`,
        SRC.apiserver,
      );
    } else nodePortOwner.set(np, key);
  });
}

/** Parsed clusterIPs by index (null for None or unparsable). */
function checkClusterIPs(
  out: Sink,
  ctx: ClusterCtx,
  { service, ref, key }: ServiceInfo,
  owner: AddressMap<string>,
): (IpAddr | null)[] {
  const ips = service.clusterIPs;
  if (!ips) return [];
  const type = service.type ?? DEFAULTS.serviceType;
  const parsed: (IpAddr | null)[] = [];
  if (ips.length > 2) {
    out.error(
      ref,
      'spec.clusterIPs',
      `${ips.length} clusterIPs; kube-apiserver allows at most two, one per family`,
      SRC.apiserver,
    );
  }
  const seen = new Set<IpFamily>();
  ips.forEach((text, k) => {
    const field = `spec.clusterIPs[${k}]`;
    if (text === 'None') {
      parsed.push(null);
      if (k > 0 || ips.length > 1) {
        out.error(
          ref,
          field,
          `"None" (headless) must be the first and only clusterIP; kube-apiserver refuses ${quote(ips.join(','))}`,
          SRC.apiserver,
        );
      } else if (type !== 'ClusterIP') {
        out.error(
          ref,
          field,
          `a ${type} Service cannot be headless; kube-apiserver refuses clusterIP "None" for ${type} Services`,
          SRC.apiserver,
        );
      }
      return;
    }
    const ip = parseIp(out, ref, field, text, SRC.apiserver, 'clusterIP');
    parsed.push(ip);
    if (!ip) return;
    if (seen.has(ip.family)) {
      out.error(
        ref,
        field,
        `a second ${ip.family} clusterIP; kube-apiserver allows one per family ("may specify no more than one IP for each IP family")`,
        SRC.apiserver,
      );
      return;
    }
    seen.add(ip.family);
    const ranges = ctx.serviceCidrs.filter((s) => s.cidr.family === ip.family);
    if (ranges.length === 0) {
      if (ctx.serviceCidrs.length > 0) {
        out.error(
          ref,
          field,
          `${ip.family} clusterIP ${ipText(ip)}, but the cluster has no ${ip.family} service range; kube-apiserver refuses it (${ip.family} is not configured on this cluster)`,
          SRC.apiserver,
        );
      }
    } else {
      const home = ranges.find((s) => cidrContainsIp(s.cidr, ip));
      if (!home) {
        out.error(
          ref,
          field,
          `clusterIP ${ipText(ip)} is outside the service ranges (${ranges.map((s) => cidrText(s.cidr)).join(', ')}); kube-apiserver refuses it ("provided IP is not in the valid range")`,
          SRC.apiserver,
        );
      } else if (ip.value === home.cidr.base) {
        out.error(
          ref,
          field,
          `clusterIP ${ipText(ip)} is the network address of ${cidrText(home.cidr)}; kube-apiserver never hands it out ("provided IP is not in the valid range")`,
          SRC.apiserver,
        );
      } else if (ip.family === 'IPv4' && ip.value === cidrLast(home.cidr)) {
        out.error(
          ref,
          field,
          `clusterIP ${ipText(ip)} is the broadcast address of ${cidrText(home.cidr)}; kube-apiserver never hands it out ("provided IP is not in the valid range")`,
          SRC.apiserver,
        );
      }
    }
    const prior = owner.get(ip);
    if (prior !== undefined && prior !== key) {
      out.error(
        ref,
        field,
        `clusterIP ${ipText(ip)} already belongs to Service ${prior}; kube-apiserver refuses it ("provided IP is already allocated")`,
        SRC.apiserver,
      );
    } else owner.set(ip, key);
  });
  return parsed;
}

function checkFamilies(
  out: Sink,
  ctx: ClusterCtx,
  { service, ref }: ServiceInfo,
  parsed: readonly (IpAddr | null)[],
): void {
  const fams = service.ipFamilies ?? [];
  if (fams.length > 2) {
    out.error(
      ref,
      'spec.ipFamilies',
      `${fams.length} ipFamilies; kube-apiserver allows at most two, one of each`,
      SRC.apiserver,
    );
  }
  const seen = new Set<IpFamily>();
  fams.forEach((f, i) => {
    const field = `spec.ipFamilies[${i}]`;
    if (seen.has(f)) {
      out.error(ref, field, `${f} is listed twice; kube-apiserver refuses it`, SRC.apiserver);
      return;
    }
    seen.add(f);
    if (!ctx.serviceFamilies.has(f)) {
      out.error(
        ref,
        field,
        `${f} is not configured on this cluster (its service ranges are ${[...ctx.serviceFamilies].join(', ')}); kube-apiserver refuses it`,
        SRC.apiserver,
      );
    }
    const ip = parsed[i];
    if (ip && ip.family !== f) {
      out.error(
        ref,
        `spec.clusterIPs[${i}]`,
        `clusterIPs[${i}] ${ipText(ip)} is ${ip.family}, but ipFamilies[${i}] is ${f}; kube-apiserver refuses it (expected an ${f} value)`,
        SRC.apiserver,
      );
    }
  });

  const ipCount = parsed.filter((p) => p !== null).length;
  const nFamilies = Math.max(seen.size, ipCount);
  const policy = service.ipFamilyPolicy;
  if (policy === 'SingleStack' && nFamilies === 2) {
    out.error(
      ref,
      'spec.ipFamilyPolicy',
      `SingleStack with two ${ipCount === 2 ? 'clusterIPs' : 'ipFamilies'}; kube-apiserver refuses it (two families need PreferDualStack or RequireDualStack)`,
      SRC.apiserver,
    );
  }
  const effective = policy ?? (nFamilies === 2 ? 'RequireDualStack' : 'SingleStack');
  if (effective === 'RequireDualStack' && ctx.serviceFamilies.size < 2) {
    out.error(
      ref,
      'spec.ipFamilyPolicy',
      `RequireDualStack${policy ? '' : ' (the default when two families are given)'} on a cluster whose service ranges are ${[...ctx.serviceFamilies].join(', ') || 'missing'} only; kube-apiserver refuses it (the cluster is not configured for dual-stack Services)`,
      SRC.apiserver,
    );
  }
}

function checkTrafficAndStatus(out: Sink, { service, ref }: ServiceInfo): void {
  const type = service.type ?? DEFAULTS.serviceType;
  if (service.externalTrafficPolicy !== undefined && type === 'ClusterIP') {
    out.error(
      ref,
      'spec.externalTrafficPolicy',
      `externalTrafficPolicy ${service.externalTrafficPolicy} on a ClusterIP Service; kube-apiserver refuses it ("may only be set for externally-accessible services": NodePort and LoadBalancer)`,
      SRC.apiserver,
    );
  }
  const ingress = service.loadBalancerIngress ?? [];
  if (ingress.length > 0 && type !== 'LoadBalancer') {
    out.error(
      ref,
      'status.loadBalancer.ingress',
      `load balancer ingress on a ${type} Service; kube-apiserver refuses it (only LoadBalancer Services have one)`,
      SRC.apiserver,
    );
  }
  ingress.forEach((text, i) => {
    parseIp(
      out,
      ref,
      `status.loadBalancer.ingress[${i}].ip`,
      text,
      SRC.apiserver,
      'load balancer IP',
    );
  });
}

function checkEndpoints(out: Sink, { service, ref }: ServiceInfo, selector: PodSelector): void {
  const sel = service.selector;
  if (!sel || Object.keys(sel).length === 0) {
    // default/kubernetes has no selector by design: kube-apiserver writes its endpoints itself
    // (pkg/controlplane/reconcilers), so nothing is worth saying about it.
    const isApiServer =
      service.name === 'kubernetes' && (service.namespace ?? DEFAULTS.namespace) === 'default';
    if (!isApiServer) {
      out.info(
        ref,
        'spec.selector',
        'no selector: the EndpointSlice controller makes no endpoints for this Service (they would be created by hand), so traffic to it has no backend in this picture',
        SRC.kcm,
      );
    }
    return;
  }
  const ns = service.namespace ?? DEFAULTS.namespace;
  const pods = selector.select(ns, sel);
  const selText = Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  if (pods.length === 0) {
    out.warning(
      ref,
      'spec.selector',
      `selector ${selText} matches no pod in namespace ${ns}: the Service has no endpoints, and kube-proxy rejects traffic to it`,
      SRC.kubeProxy,
    );
    return;
  }
  service.ports.forEach((p, i) => {
    const tp = p.targetPort;
    if (typeof tp !== 'string') return;
    const proto = p.protocol ?? DEFAULTS.protocol;
    const found = pods.some((pod) =>
      (pod.ports ?? []).some(
        (cp) => cp.name === tp && (cp.protocol ?? DEFAULTS.protocol) === proto,
      ),
    );
    if (!found) {
      out.warning(
        ref,
        `spec.ports[${i}].targetPort`,
        `targetPort ${quote(tp)} names no ${proto} container port of the ${pods.length} selected pod${pods.length === 1 ? '' : 's'}; the EndpointSlice controller leaves such pods out, so this port has no endpoints`,
        SRC.kubeProxy,
      );
    }
  });
}

export function validateIngresses(
  out: Sink,
  ctx: ClusterCtx,
  services: ReadonlyMap<string, Service>,
): void {
  const { cluster } = ctx;
  const seen = new Set<string>();
  const gateways = new Map((cluster.gateways ?? []).map((g) => [g.name, g] as const));
  for (const ing of cluster.ingresses ?? []) {
    const ref = ingressRef(cluster.name, ing.namespace, ing.name);
    const ns = ing.namespace ?? DEFAULTS.namespace;
    const key = `${ns}/${ing.name}`;
    if (seen.has(key)) {
      out.error(
        ref,
        'metadata.name',
        `a second Ingress ${key}; kube-apiserver refuses it (names are unique in a namespace)`,
        SRC.apiserver,
      );
    }
    seen.add(key);
    const controller = ing.controller;
    if (controller !== undefined) {
      if (controller.includes('/')) {
        if (!ctx.podByKey.has(controller)) {
          out.error(
            ref,
            'controller',
            `controller ${quote(controller)} names no pod of cluster ${ctx.name}`,
            SRC.packetwalk,
          );
        }
      } else {
        const g = gateways.get(controller);
        if (!g) {
          out.error(
            ref,
            'controller',
            `controller ${quote(controller)} names no proxy gateway of cluster ${ctx.name} (write ns/pod for a controller pod)`,
            SRC.packetwalk,
          );
        } else if (g.kind !== 'proxy') {
          out.error(
            ref,
            'controller',
            `controller ${quote(controller)} is a ${g.kind} gateway; an Ingress is run by a proxy`,
            SRC.packetwalk,
          );
        }
      }
    }
    ing.rules.forEach((rule, i) => {
      rule.paths.forEach((path, j) => {
        const base = `spec.rules[${i}].http.paths[${j}].backend.service`;
        const svc = services.get(`${ns}/${path.service}`);
        if (!svc) {
          out.warning(
            ref,
            `${base}.name`,
            `backend Service ${quote(path.service)} does not exist in namespace ${ns}; the ingress controller answers 503 for this path`,
            SRC.ingress,
          );
        } else if (!svc.ports.some((p) => p.port === path.port)) {
          out.warning(
            ref,
            `${base}.port.number`,
            `Service ${path.service} has no port ${path.port} (it has ${svc.ports.map((p) => p.port).join(', ') || 'none'}); the ingress controller answers 503 for this path`,
            SRC.ingress,
          );
        }
      });
    });
  }
}

export function validateGateways(
  out: Sink,
  ctx: ClusterCtx,
  services: ReadonlyMap<string, Service>,
): void {
  const { cluster } = ctx;
  const seen = new Set<string>();
  for (const g of cluster.gateways ?? []) {
    const ref = gatewayRef(cluster.name, g.name);
    if (seen.has(g.name)) {
      out.error(
        ref,
        'name',
        `a second gateway named ${quote(g.name)} in cluster ${ctx.name}`,
        SRC.packetwalk,
      );
    }
    seen.add(g.name);
    const addresses = g.addresses ?? [];
    addresses.forEach((text, i) => {
      parseIp(out, ref, `addresses[${i}]`, text, SRC.packetwalk, 'gateway address');
    });
    if ((g.kind === 'vip' || g.kind === 'proxy') && addresses.length === 0) {
      out.error(
        ref,
        'addresses',
        g.kind === 'vip'
          ? 'a VIP gateway needs its virtual IP in addresses'
          : 'a proxy gateway needs its own address: the backend sees the proxy, not the client',
        SRC.packetwalk,
      );
    }
    if (g.kind === 'vip') {
      if (g.service === undefined) {
        out.error(
          ref,
          'service',
          'a VIP gateway needs the Service behind it (ns/name or name)',
          SRC.packetwalk,
        );
      } else {
        const key = g.service.includes('/') ? g.service : `${DEFAULTS.namespace}/${g.service}`;
        if (!services.has(key)) {
          out.error(
            ref,
            'service',
            `service ${quote(g.service)} names no Service of cluster ${ctx.name}`,
            SRC.packetwalk,
          );
        }
      }
    }
  }
}
