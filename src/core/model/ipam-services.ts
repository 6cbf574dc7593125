/**
 * Service ClusterIPs, ipFamilies/ipFamilyPolicy defaulting and NodePorts, as kube-apiserver's
 * Service storage does them on create (pkg/registry/core/service/storage/alloc.go):
 * - initIPFamilyFields: no policy -> SingleStack; ipFamilies inferred from given clusterIPs;
 *   no ipFamilies -> the cluster's primary family; Prefer/RequireDualStack on a dual-stack
 *   cluster -> the other family is appended. Headless Services (clusterIPs ["None"]) are left
 *   alone here.
 * - allocClusterIPs: one address per family, given ones kept; all or nothing.
 * - ipallocator (ipallocator.go, bitmap.go): first address network + 1, IPv4 loses the
 *   broadcast address, KEP-3070 bands (see ipam-bands.ts). With several ServiceCIDRs of a family
 *   (MetaAllocator), only top-level prefixes are used; we try them in scenario order.
 * - kube-apiserver's own `default/kubernetes` Service always holds the first address of the
 *   primary range; kubeadm gives `kube-system/kube-dns` the 10th (constants.go GetDNSIP).
 * - initNodePorts (portallocator, KEP-3668 band): NodePort and LoadBalancer Services get a port
 *   per service port; entries with the same `port` (e.g. TCP and UDP 53) share one NodePort; a
 *   LoadBalancer with externalTrafficPolicy Local also takes a healthCheckNodePort
 *   (allocHealthCheckNodePort), which the scenario has no field for but which uses up a port.
 */
import { cidrContainsCidr, ipFrom } from './cidr';
import type { Finding } from './findings';
import { ipText, withField } from './ipam-format';
import { BandAllocator, upperThenLower, type BandSpec } from './ipam-bands';
import { clusterFamilies, serviceCidrsOf } from './ipam-nodes';
import {
  dnsServiceIp,
  kubernetesServiceIp,
  nodePortRangeOffset,
  serviceRangeBounds,
  type ServiceRangeBounds,
} from './ipam-rules';
import { clusterRef, serviceRef } from './refs';
import type { Cluster, IpFamily, IpFamilyPolicy, Service, ServicePort } from './schema';
import { DEFAULTS } from './defaults';

const APISERVER = 'kube-apiserver';

export const isHeadless = (s: Service): boolean => s.clusterIPs?.[0] === 'None';

export const isKubernetesService = (s: Service): boolean =>
  (s.namespace ?? DEFAULTS.namespace) === 'default' && s.name === 'kubernetes';

export const isDnsService = (s: Service): boolean =>
  s.namespace === 'kube-system' && (s.name === 'kube-dns' || s.name === 'coredns');

/** Every parsed service CIDR of the cluster, in order, with whether another one contains it. */
export function serviceCidrList(
  cluster: Cluster,
): { bounds: ServiceRangeBounds; name: string | undefined; nested: boolean }[] {
  const all = serviceCidrsOf(cluster);
  return all.map(({ cidr: c, name }, i) => ({
    bounds: serviceRangeBounds(c),
    name,
    nested: all.some(
      ({ cidr: o }, j) =>
        j !== i &&
        cidrContainsCidr(o, c) &&
        (o.prefix < c.prefix || (o.prefix === c.prefix && j < i)),
    ),
  }));
}

/** Top-level service ranges by family, in scenario order (MetaAllocator TopLevelPrefixes). */
export function serviceRangesByFamily(cluster: Cluster): Map<IpFamily, ServiceRangeBounds[]> {
  const out = new Map<IpFamily, ServiceRangeBounds[]>();
  for (const { bounds, nested } of serviceCidrList(cluster)) {
    if (nested) continue;
    const list = out.get(bounds.cidr.family) ?? [];
    list.push(bounds);
    out.set(bounds.cidr.family, list);
  }
  return out;
}

const other = (f: IpFamily): IpFamily => (f === 'IPv4' ? 'IPv6' : 'IPv4');

interface FamilyDecision {
  families: IpFamily[];
  policy: IpFamilyPolicy;
  setPolicy: boolean;
  setFamilies: boolean;
}

/** initIPFamilyFields for a create; a string is the reason the API server would refuse it. */
export function decideFamilies(
  svc: Service,
  configured: ReadonlySet<IpFamily>,
  primary: IpFamily,
): FamilyDecision | string {
  const policy: IpFamilyPolicy = svc.ipFamilyPolicy ?? 'SingleStack';
  const given = svc.clusterIPs ?? [];
  const families: IpFamily[] = [...(svc.ipFamilies ?? [])];
  if (policy === 'SingleStack' && given.length === 2) {
    return "ipFamilyPolicy must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified";
  }
  if (policy === 'SingleStack' && families.length === 2) {
    return "ipFamilyPolicy must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified";
  }
  for (let i = families.length; i < given.length; i++) {
    const ip = ipFrom(given[i] ?? '');
    if (!ip) return `clusterIPs[${i}] is not an IP address`;
    if (!configured.has(ip.family))
      return `clusterIPs[${i}]: ${ip.family} is not configured on this cluster`;
    families.push(ip.family);
  }
  if (policy === 'RequireDualStack' && configured.size < 2) {
    return 'ipFamilyPolicy RequireDualStack: this cluster is not configured for dual-stack services';
  }
  if (families.length === 0) families.push(primary);
  for (const [i, f] of families.entries()) {
    if (!configured.has(f)) return `ipFamilies[${i}]: ${f} not configured on this cluster`;
  }
  if (policy !== 'SingleStack' && families.length === 1 && configured.size === 2) {
    families.push(other(families[0] ?? primary));
  }
  const before = svc.ipFamilies ?? [];
  return {
    families,
    policy,
    setPolicy: svc.ipFamilyPolicy === undefined,
    setFamilies: before.length !== families.length,
  };
}

const sameNodePortType = (s: Service): boolean =>
  s.type === 'NodePort' || s.type === 'LoadBalancer';

/** Fill missing clusterIPs (+ family fields) and nodePorts of one cluster's Services. */
export function fillServices(
  cluster: Cluster,
  findings: Finding[],
  filled: Set<string>,
): Service[] {
  const services = cluster.services;
  if (services.length === 0) return services;

  const ranges = serviceRangesByFamily(cluster);
  const configured = new Set(ranges.keys());
  const primary: IpFamily = clusterFamilies(cluster)[0] ?? 'IPv4';

  // Given clusterIPs are taken first.
  const taken: Record<IpFamily, Set<bigint>> = { IPv4: new Set(), IPv6: new Set() };
  for (const s of services) {
    if (isHeadless(s)) continue;
    for (const text of s.clusterIPs ?? []) {
      const ip = ipFrom(text);
      if (ip) taken[ip.family].add(ip.value);
    }
  }
  const allocators = new Map<IpFamily, BandAllocator>();
  for (const [family, list] of ranges) {
    const bands: BandSpec[] = list.flatMap((b) => upperThenLower(b.first, b.last, b.offset));
    allocators.set(family, new BandAllocator(bands, taken[family]));
  }
  const primaryRange = ranges.get(primary)?.[0];
  const kubeIp = primaryRange ? kubernetesServiceIp(primaryRange) : null;
  const dnsIp = primaryRange ? dnsServiceIp(primaryRange) : null;
  // kube-apiserver's own Service always holds the first address, in the scenario or not.
  const kubeIpTakenByOther = kubeIp !== null && taken[primary].has(kubeIp);
  if (kubeIp !== null) taken[primary].add(kubeIp);
  let kubeIpAssigned = false;

  const out: Service[] = services.slice();
  let changed = false;

  const order = services.map((_, i) => i);
  const rank = (s: Service): number => (isKubernetesService(s) ? 0 : isDnsService(s) ? 1 : 2);
  order.sort((a, b) => rank(services[a] as Service) - rank(services[b] as Service) || a - b);

  for (const i of order) {
    const svc = services[i];
    if (!svc || isHeadless(svc)) continue;
    const ref = serviceRef(cluster.name, svc.namespace, svc.name);
    if (configured.size === 0) continue; // no service range at all: validation says so
    const decision = decideFamilies(svc, configured, primary);
    if (typeof decision === 'string') {
      findings.push({
        severity: 'info',
        object: ref,
        field: 'spec.ipFamilyPolicy',
        message: `IPAM left the Service as given: kube-apiserver would refuse it (${decision}).`,
        source: APISERVER,
      });
      continue;
    }
    const given = svc.clusterIPs ?? [];
    const clusterIPs: string[] = [];
    const fresh: { family: IpFamily; value: bigint; kube: boolean }[] = [];
    let failed: IpFamily | null = null;
    for (const [k, family] of decision.families.entries()) {
      const g = given[k];
      if (g !== undefined && g !== '') {
        clusterIPs.push(g);
        continue;
      }
      let value: bigint | null = null;
      let kube = false;
      if (
        family === primary &&
        isKubernetesService(svc) &&
        kubeIp !== null &&
        !kubeIpTakenByOther &&
        !kubeIpAssigned
      ) {
        value = kubeIp;
        kube = true;
        kubeIpAssigned = true;
      } else if (
        family === primary &&
        isDnsService(svc) &&
        dnsIp !== null &&
        !taken[family].has(dnsIp)
      ) {
        value = dnsIp;
        taken[family].add(dnsIp);
      } else {
        if (family === primary && isKubernetesService(svc) && kubeIpTakenByOther) {
          findings.push({
            severity: 'warning',
            object: ref,
            field: 'spec.clusterIPs',
            message: `The first service address ${ipText(family, kubeIp ?? 0n)} belongs to kubernetes.default but another Service holds it; IPAM gives this Service a dynamic address.`,
            source: APISERVER,
          });
        }
        value = allocators.get(family)?.next() ?? null;
      }
      if (value === null) {
        failed = family;
        break;
      }
      fresh.push({ family, value, kube });
      clusterIPs.push(ipText(family, value));
    }
    if (failed !== null) {
      for (const f of fresh) {
        if (f.kube)
          kubeIpAssigned = false; // stays reserved for kube-apiserver
        else allocators.get(f.family)?.release(f.value);
      }
      findings.push({
        severity: 'error',
        object: ref,
        field: 'spec.clusterIPs',
        message: `failed to allocate a serviceIP: range is full (no free ${failed} address left in the Service CIDRs of cluster "${cluster.name}").`,
        source: APISERVER,
      });
      continue;
    }
    const next: Service = Object.assign({}, svc);
    let touched = false;
    if (decision.setPolicy) {
      next.ipFamilyPolicy = decision.policy;
      filled.add(`${ref}#ipFamilyPolicy`);
      touched = true;
    }
    if (decision.setFamilies) {
      next.ipFamilies = decision.families;
      filled.add(`${ref}#ipFamilies`);
      touched = true;
    }
    if (fresh.length > 0) {
      next.clusterIPs = clusterIPs;
      filled.add(`${ref}#clusterIPs`);
      touched = true;
    }
    if (touched) {
      out[i] = next;
      changed = true;
    }
  }

  if (fillNodePorts(cluster, out, findings, filled)) changed = true;
  return changed ? out : services;
}

/** Fill missing nodePorts in `out` (already copied); returns whether anything changed. */
function fillNodePorts(
  cluster: Cluster,
  out: Service[],
  findings: Finding[],
  filled: Set<string>,
): boolean {
  const needs = out.some(
    (s) => sameNodePortType(s) && s.ports.some((p) => p.nodePort === undefined),
  );
  if (!needs) return false;
  const range = cluster.nodePortRange ?? DEFAULTS.nodePortRange;
  if (range.min > range.max) {
    findings.push({
      severity: 'info',
      object: clusterRef(cluster.name),
      field: 'nodePortRange',
      message: `IPAM hands out no NodePorts: the range ${range.min}-${range.max} is empty.`,
      source: APISERVER,
    });
    return false;
  }
  const taken = new Set<bigint>();
  for (const s of out) {
    if (!sameNodePortType(s)) continue;
    for (const p of s.ports) if (p.nodePort !== undefined) taken.add(BigInt(p.nodePort));
  }
  const size = range.max - range.min + 1;
  const offset = nodePortRangeOffset(size);
  const ports = new BandAllocator(
    upperThenLower(BigInt(range.min), BigInt(range.max), BigInt(offset)),
    taken,
  );

  let changed = false;
  out.forEach((svc, i) => {
    if (!sameNodePortType(svc)) return;
    const ref = serviceRef(cluster.name, svc.namespace, svc.name);
    const byPort = new Map<number, number>();
    const fresh: bigint[] = [];
    const newPorts: ServicePort[] = [];
    let failedAt = -1;
    for (const [k, p] of svc.ports.entries()) {
      if (p.nodePort !== undefined) {
        if (!byPort.has(p.port)) byPort.set(p.port, p.nodePort);
        newPorts.push(p);
        continue;
      }
      // findRequestedNodePort: a later entry with the same port may name its NodePort.
      const requested = svc.ports.find((q) => q.port === p.port && q.nodePort !== undefined);
      let np = byPort.get(p.port) ?? requested?.nodePort;
      if (np === undefined) {
        const v = ports.next();
        if (v === null) {
          failedAt = k;
          break;
        }
        fresh.push(v);
        np = Number(v);
      }
      byPort.set(p.port, np);
      newPorts.push({ ...p, nodePort: np });
    }
    if (failedAt < 0 && svc.type === 'LoadBalancer' && svc.externalTrafficPolicy === 'Local') {
      const v = ports.next(); // healthCheckNodePort: no field, but the port is used
      if (v === null) failedAt = svc.ports.length;
      else fresh.push(v);
    }
    if (failedAt >= 0) {
      for (const v of fresh) ports.release(v);
      findings.push({
        severity: 'error',
        object: ref,
        field:
          failedAt < svc.ports.length
            ? `spec.ports[${failedAt}].nodePort`
            : 'spec.healthCheckNodePort',
        message: `failed to allocate a nodePort: range is full (${range.min}-${range.max}).`,
        source: APISERVER,
      });
      return;
    }
    let any = false;
    newPorts.forEach((_p, k) => {
      if (svc.ports[k]?.nodePort === undefined) {
        filled.add(`${ref}#ports[${k}].nodePort`);
        any = true;
      }
    });
    if (any) {
      out[i] = withField(svc, 'ports', newPorts);
      changed = true;
    }
  });
  return changed;
}
