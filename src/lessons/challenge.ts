/**
 * Challenge mode: at a chosen hop the animation pauses and asks a multiple-choice question
 * about what happens next ("what source IP does the backend see?", "which node
 * decapsulates?"). The right answer and its explanation come from the trace itself (the hop's
 * note); the wrong choices are the scenario's own addresses and places, the ones a learner
 * could plausibly confuse (the client IP, the ClusterIP, the node IP, the other node...).
 *
 * Pure and deterministic: the same scenario, trace, spec and seed give the same question with
 * the same choices in the same order. Never throws; a spec that does not fit the trace (no
 * decapsulation to ask about, a hop out of range) is an error value.
 */
import { endpointString, ipFrom, ipToString } from '../core/model/cidr';
import type { Scenario } from '../core/model/schema';
import type { Hop, Trace } from '../core/sim/types';
import type { ChallengeAsk, ChallengeSpec, Lesson } from './types';

export interface Challenge {
  ask: ChallengeAsk;
  /** Where the player pauses (spec.hop). */
  hop: number;
  /** The hop the answer is read from (>= hop). */
  answerHop: number;
  question: string;
  /** 3 or 4 distinct choices, the right one among them. */
  choices: string[];
  answerIndex: number;
  /** Shown once answered: what the engine says happened, from the hop notes. */
  explanation: string;
}

export type ChallengeResult = { ok: true; challenge: Challenge } | { ok: false; error: string };

/** The answer for "who-snats" when nothing rewrites the source. */
export const NOBODY = 'No one: the source address is kept';

/** Plain words for the trace engine's drop reasons; unknown reasons are shown as they are. */
export const DROP_REASONS: Readonly<Record<string, string>> = {
  'no route': 'No route: nothing on the way knows where that address is',
  'traffic policy Local: no local endpoint':
    'externalTrafficPolicy Local, and no backend on this node',
  'air-gapped edge': 'The packet would cross the edge of an air-gapped cluster',
  'ambiguous destination: addresses overlap':
    'The address is reused: from here it means another object',
  'no endpoints': 'No backend: nothing matches (no ready pod, no rule)',
  'port not exposed': 'Nothing listens on that port there',
  'no address of the requested family': 'No address of that IP family (IPv4 or IPv6)',
  'no route back': 'The request arrives but the reply cannot find its way back',
  'routing loop': 'A routing loop',
};

/* ------------------------------------------------------------------------------------------ */
/* Seeded randomness (mulberry32): deterministic per seed, no Math.random.                     */
/* ------------------------------------------------------------------------------------------ */

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string, to mix the question into the seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* Places and addresses of the scenario.                                                       */
/* ------------------------------------------------------------------------------------------ */

/** A short name for a hop's place (`at`), e.g. "node1 of c2", "gateway vip", "the network". */
export function placeLabel(at: string): string {
  const m = /^(?:([^:/]+):)?([a-z]+)\/(.+)$/.exec(at);
  if (!m) return at;
  const cluster = m[1];
  const kind = m[2] ?? '';
  const rest = m[3] ?? '';
  const name = rest.slice(rest.lastIndexOf('/') + 1);
  const of = cluster ? ` of ${cluster}` : '';
  switch (kind) {
    case 'node':
    case 'pod':
      return `${name}${of}`;
    case 'gateway':
      return `gateway ${name}${of}`;
    case 'proxy':
      return `proxy ${name}${of}`;
    case 'loadbalancer':
      return `the load balancer of ${name}${of}`;
    case 'router':
      return name === 'network' || name === 'internet' ? `the ${name}` : `network ${name}`;
    case 'dns':
      return `cluster DNS${of}`;
    default:
      return `${name}${of}`;
  }
}

/** Every place a packet can be at in the scenario, as trace `at` strings. */
function scenarioPlaces(s: Scenario): string[] {
  const multi = s.clusters.length > 1;
  const out: string[] = [];
  for (const c of s.clusters) {
    const p = multi ? `${c.name}:` : '';
    for (const n of c.nodes) out.push(`${p}node/${n.name}`);
    for (const g of c.gateways ?? [])
      out.push(`${p}${g.kind === 'proxy' ? 'proxy' : 'gateway'}/${g.name}`);
  }
  for (const c of s.clusters) {
    const p = multi ? `${c.name}:` : '';
    for (const pod of c.pods) {
      const ns = pod.namespace && pod.namespace !== 'default' ? `${pod.namespace}/` : '';
      out.push(`${p}pod/${ns}${pod.name}`);
    }
  }
  for (const h of s.hosts ?? []) out.push(`host/${h.name}`);
  return out;
}

/** Every address the scenario names (nodes, pods, ClusterIPs, LB IPs, gateways, hosts), canonical. */
function scenarioAddresses(s: Scenario): string[] {
  const out: string[] = [];
  for (const c of s.clusters) {
    for (const n of c.nodes) for (const a of n.addresses) out.push(a.address);
    for (const sv of c.services) {
      for (const a of sv.clusterIPs ?? []) out.push(a);
      for (const a of sv.loadBalancerIngress ?? []) out.push(a);
    }
    for (const g of c.gateways ?? []) for (const a of g.addresses ?? []) out.push(a);
    for (const p of c.pods) for (const a of p.podIPs ?? []) out.push(a);
  }
  for (const h of s.hosts ?? []) for (const a of h.addresses) out.push(a);
  return out;
}

/** Canonical text of an IP, or null for anything that is not one ("None", names). */
function canon(text: string): string | null {
  const ip = ipFrom(text);
  return ip ? ipToString(ip) : null;
}

const familyOf = (text: string): 'IPv4' | 'IPv6' | null => ipFrom(text)?.family ?? null;

/** Addresses seen on the trace, in order: sources and destinations of every hop, outer ones too. */
function traceAddresses(t: Trace): string[] {
  const out: string[] = [];
  for (const h of t.hops) {
    out.push(h.packet.src, h.packet.dst);
    if (h.packet.outer) out.push(h.packet.outer.src, h.packet.outer.dst);
  }
  return out;
}

function uniq(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/**
 * The drop reasons a learner could believe for this scenario: an air-gapped edge only where the
 * model is air-gapped, reused addresses only where clusters may reuse them, and so on.
 */
function plausibleDropReasons(s: Scenario): string[] {
  const out = ['no route', 'no endpoints', 'port not exposed'];
  const services = s.clusters.flatMap((c) => c.services);
  if (services.some((x) => x.externalTrafficPolicy === 'Local'))
    out.push('traffic policy Local: no local endpoint');
  if (s.model === 'air-gapped') out.push('air-gapped edge');
  // In an air-gapped picture the engine names the edge, not the reuse: offering both would
  // make two answers look right.
  if (s.model !== 'flat' && s.model !== 'air-gapped' && s.clusters.length > 1) {
    out.push('ambiguous destination: addresses overlap');
  }
  if (s.clusters.some((c) => c.ipFamilies.length > 1 || c.ipFamilies[0] === 'IPv6')) {
    out.push('no address of the requested family');
  }
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* Building one challenge.                                                                     */
/* ------------------------------------------------------------------------------------------ */

interface Draft {
  question: string;
  answer: string;
  /** Wrong choices, most plausible first (the first few are the ones drawn from). */
  distractors: string[];
  explanation: string;
  answerHop: number;
}

const fail = (error: string): ChallengeResult => ({ ok: false, error });

function firstFrom(hops: readonly Hop[], from: number, test: (h: Hop) => boolean): number {
  for (let i = from; i < hops.length; i++) if (test(hops[i] as Hop)) return i;
  return -1;
}

/** The receiver of a delivered packet: the last hop, when it is a delivery. */
function deliveryIndex(t: Trace): number {
  const last = t.hops.length - 1;
  return t.hops[last]?.action === 'deliver' ? last : -1;
}

/** Candidate IPs of the same family as `answer`: the trace's own first, then the scenario's. */
function ipCandidates(s: Scenario, t: Trace, answer: string): string[] {
  const fam = familyOf(answer);
  return uniq([...traceAddresses(t), ...scenarioAddresses(s)].map((a) => canon(a) ?? '')).filter(
    (a) => a !== '' && a !== answer && familyOf(a) === fam,
  );
}

function draft(s: Scenario, t: Trace, spec: ChallengeSpec): Draft | string {
  const hops = t.hops;
  const at = spec.hop;
  const here = hops[at];
  if (!here) return `hop ${at} is not in the trace (it has ${hops.length} hops)`;

  switch (spec.ask) {
    case 'source-ip-at-backend': {
      const i = deliveryIndex(t);
      if (i < 0 || i < at) return 'the packet is not delivered after that hop';
      const h = hops[i] as Hop;
      const receiver = placeLabel(h.at);
      const changers = hops
        .slice(0, i + 1)
        .filter((x) => x.changed.includes('src') || x.action === 'proxy');
      const explanation =
        changers.length > 0
          ? changers.map((x) => x.note).join(' ')
          : `No hop rewrites the source address. ${h.note}`;
      return {
        question: `What source IP does ${receiver} see?`,
        answer: h.packet.src,
        distractors: ipCandidates(s, t, h.packet.src),
        explanation,
        answerHop: i,
      };
    }
    case 'dest-after-dnat':
    case 'dest-after-proxy': {
      const action = spec.ask === 'dest-after-dnat' ? 'dnat' : 'proxy';
      const i = firstFrom(hops, at, (h) => h.action === action);
      if (i < 0) return `no ${action === 'dnat' ? 'DNAT' : 'proxy'} hop at or after hop ${at}`;
      const h = hops[i] as Hop;
      const before = hops[i - 1]?.packet ?? h.packet;
      const answer = endpointString(h.packet.dst, h.packet.dstPort);
      const ports = uniq(
        [h.packet.dstPort, before.dstPort].filter((p): p is number => p !== null).map(String),
      ).map(Number);
      const ips = [before.dst, ...ipCandidates(s, t, h.packet.dst)];
      const distractors = uniq([
        endpointString(before.dst, before.dstPort),
        endpointString(h.packet.dst, before.dstPort),
        ...ips.flatMap((a) => ports.map((p) => endpointString(a, p))),
      ]).filter((x) => x !== answer);
      return {
        question:
          action === 'dnat'
            ? `${placeLabel(h.at)} rewrites the destination. Where does the packet go now (IP:port)?`
            : `${placeLabel(h.at)} opens a new connection. To which IP:port?`,
        answer,
        distractors,
        explanation: h.note,
        answerHop: i,
      };
    }
    case 'dns-answer': {
      const i = firstFrom(hops, at, (h) => h.action === 'dns');
      if (i < 0) return `no DNS hop at or after hop ${at}`;
      const h = hops[i] as Hop;
      const svcIps = s.clusters.flatMap((c) => c.services.flatMap((x) => x.clusterIPs ?? []));
      const distractors = uniq([
        ...svcIps.map((a) => canon(a) ?? ''),
        ...ipCandidates(s, t, h.packet.dst),
      ]).filter((a) => a !== '' && a !== h.packet.dst && familyOf(a) === familyOf(h.packet.dst));
      // The pod the Service leads to is the most tempting wrong answer: put it first.
      const backend = hops[deliveryIndex(t)]?.packet.dst;
      return {
        question: 'Cluster DNS is asked for the Service name. Which address does it answer with?',
        answer: h.packet.dst,
        distractors:
          backend && backend !== h.packet.dst ? uniq([backend, ...distractors]) : distractors,
        explanation: h.note,
        answerHop: i,
      };
    }
    case 'source-after-snat': {
      const i = firstFrom(hops, at, (h) => h.action === 'snat');
      if (i < 0) return `no SNAT hop at or after hop ${at}`;
      const h = hops[i] as Hop;
      return {
        question: `${placeLabel(h.at)} rewrites the source. What is the new source IP?`,
        answer: h.packet.src,
        distractors: ipCandidates(s, t, h.packet.src),
        explanation: h.note,
        answerHop: i,
      };
    }
    case 'who-snats': {
      const i = firstFrom(
        hops,
        at,
        (h) => h.action === 'snat' || (h.action === 'proxy' && h.changed.includes('src')),
      );
      // Nodes, gateways, proxies, load balancers and routers can all rewrite a source.
      const places = uniq([...hops.map((h) => h.at), ...scenarioPlaces(s)]).filter((p) =>
        /(^|:)(node|gateway|proxy|loadbalancer|router)\//.test(p),
      );
      if (i < 0) {
        const last = hops.length - 1;
        if (last < at) return 'nothing follows that hop';
        const end = hops[last] as Hop;
        return {
          question: 'Which place rewrites the source address of this packet from here on?',
          answer: NOBODY,
          distractors: places.map(placeLabel),
          explanation: `No hop after this one rewrites the source address. ${end.note}`,
          answerHop: last,
        };
      }
      if (i === at) return 'the SNAT happens at the paused hop itself: pause one hop earlier';
      const h = hops[i] as Hop;
      const answer = placeLabel(h.at);
      return {
        question: 'Which place rewrites the source address of this packet next?',
        answer,
        distractors: [NOBODY, ...places.map(placeLabel)].filter((x) => x !== answer),
        explanation: h.note,
        answerHop: i,
      };
    }
    case 'who-decapsulates': {
      const i = firstFrom(hops, at, (h) => h.action === 'decap');
      if (i < 0) return `no decapsulation at or after hop ${at}`;
      if (i === at)
        return 'the decapsulation happens at the paused hop itself: pause one hop earlier';
      const h = hops[i] as Hop;
      const answer = placeLabel(h.at);
      const places = uniq([...hops.map((x) => x.at), ...scenarioPlaces(s)])
        .filter((p) => /(^|:)(node|pod|gateway|router)\//.test(p))
        .map(placeLabel);
      return {
        question: 'The packet is encapsulated. Which place decapsulates it?',
        answer,
        distractors: uniq(places).filter((x) => x !== answer),
        explanation: h.note,
        answerHop: i,
      };
    }
    case 'outer-header': {
      const i = firstFrom(hops, at, (h) => h.action === 'encap' && h.packet.outer !== null);
      if (i < 0) return `no encapsulation at or after hop ${at}`;
      const h = hops[i] as Hop;
      const outer = h.packet.outer;
      if (!outer) return 'the encapsulation has no outer header';
      const arrow = (a: string, b: string) => `${a} -> ${b}`;
      const answer = arrow(outer.src, outer.dst);
      const nodeIps = ipCandidates(s, t, outer.src).filter((a) => a !== outer.dst);
      return {
        question: `${placeLabel(h.at)} encapsulates the packet. What is the outer header (source -> destination)?`,
        answer,
        distractors: uniq([
          arrow(h.packet.src, h.packet.dst),
          arrow(outer.dst, outer.src),
          arrow(outer.src, h.packet.dst),
          arrow(h.packet.src, outer.dst),
          ...nodeIps.map((a) => arrow(outer.src, a)),
        ]).filter((x) => x !== answer),
        explanation: h.note,
        answerHop: i,
      };
    }
    case 'next-hop': {
      const i = firstFrom(hops, at + 1, (h) => h.at !== here.at);
      if (i < 0) return `the packet goes nowhere after hop ${at}`;
      const h = hops[i] as Hop;
      const answer = placeLabel(h.at);
      const places = uniq([...hops.map((x) => x.at), ...scenarioPlaces(s)])
        .filter((p) => p !== here.at)
        .map(placeLabel);
      return {
        question: `Where does ${placeLabel(here.at)} send the packet next?`,
        answer,
        distractors: uniq(places).filter((x) => x !== answer),
        explanation: h.note,
        answerHop: i,
      };
    }
    case 'drop-reason': {
      const last = hops.length - 1;
      const end = hops[last];
      if (t.verdict !== 'dropped' || !end || last < at)
        return 'the packet is not dropped after that hop';
      const reason = t.reason ?? '';
      const answer = DROP_REASONS[reason] ?? reason;
      const plausible = plausibleDropReasons(s).map((r) => DROP_REASONS[r] ?? r);
      const note =
        end.action === 'drop' ? end.note : `${end.note} The reply is refused: ${reason}.`;
      return {
        question: 'The packet does not make it. Why?',
        answer,
        distractors: plausible.filter((x) => x !== answer),
        explanation: note,
        answerHop: last,
      };
    }
  }
}

/**
 * The question for `spec` on this trace. `scenario` should be the filled scenario the trace was
 * made from (its addresses are the wrong choices). `seed` picks and orders the choices.
 */
export function buildChallenge(
  scenario: Scenario,
  trace: Trace,
  spec: ChallengeSpec,
  seed: number,
): ChallengeResult {
  try {
    if (!Number.isInteger(spec.hop) || spec.hop < 0)
      return fail(`hop ${spec.hop} is not a hop index`);
    const d = draft(scenario, trace, spec);
    if (typeof d === 'string') return fail(d);
    const next = rng((seed ^ hash(`${spec.ask}#${spec.hop}#${d.answer}`)) >>> 0);
    // The most plausible wrong choices are the first ones; draw three out of the first six.
    const pool = uniq(d.distractors).filter((x) => x !== d.answer && x !== '');
    const picked = shuffle(pool.slice(0, 6), next).slice(0, 3);
    if (picked.length < 2)
      return fail(`not enough wrong choices for "${spec.ask}" in this scenario`);
    const choices = shuffle([d.answer, ...picked], next);
    return {
      ok: true,
      challenge: {
        ask: spec.ask,
        hop: spec.hop,
        answerHop: d.answerHop,
        question: d.question,
        choices,
        answerIndex: choices.indexOf(d.answer),
        explanation: d.explanation,
      },
    };
  } catch (e) {
    return fail(`the challenge could not be built: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Scoring.                                                                                    */
/* ------------------------------------------------------------------------------------------ */

export interface ChallengeAnswer {
  stepId: string;
  /** The index the learner chose. */
  chosen: number;
  answerIndex: number;
}

export interface LessonScore {
  /** Challenges answered right at the first try. */
  correct: number;
  /** Challenges answered (the first answer per step counts). */
  answered: number;
  /** Challenges in the lesson (or answered, without a lesson). */
  total: number;
  /** correct / total, 0-100, rounded; 0 when there is nothing to score. */
  percent: number;
}

/** A lesson's score: one point per challenge step answered right at the first try. */
export function scoreLesson(answers: readonly ChallengeAnswer[], lesson?: Lesson): LessonScore {
  const challengeSteps = lesson
    ? new Set(lesson.steps.filter((st) => st.challenge).map((st) => st.id))
    : null;
  const first = new Map<string, ChallengeAnswer>();
  for (const a of answers) {
    if (challengeSteps && !challengeSteps.has(a.stepId)) continue;
    if (!first.has(a.stepId)) first.set(a.stepId, a);
  }
  const answered = first.size;
  const correct = [...first.values()].filter((a) => a.chosen === a.answerIndex).length;
  const total = challengeSteps ? challengeSteps.size : answered;
  return {
    correct,
    answered,
    total,
    percent: total === 0 ? 0 : Math.round((100 * correct) / total),
  };
}
