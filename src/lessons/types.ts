/**
 * Workshop content as data: presets (scenarios from the talks) and guided lessons.
 *
 * A lesson is an ordered list of steps. Each step starts from a preset or from the previous
 * step's scenario, may change it with declarative patches (plain JSON, so a step can be shared,
 * stored or shown as a diff), may trace one flow with the verdict the lesson expects, pause at a
 * hop, highlight objects and ask a challenge question. The lesson player (src/view) renders this;
 * the pure logic it needs is in lessons/resolve.ts (step -> scenario, trace) and challenge.ts.
 */
import type {
  ClusterCIDR,
  Gateway,
  Host,
  Ingress,
  NetworkModel,
  Node,
  Pod,
  Scenario,
  Service,
  ServiceCIDR,
} from '../core/model/schema';
import type { Flow, Verdict } from '../core/sim/types';

/** Which talk a preset comes from (the file prefix in ../shared/seeds/). */
export type TalkId = '000' | '001' | '002' | '003' | '004';

export interface PresetFlow {
  /** URL-safe, unique within the preset. */
  id: string;
  label: string;
  flow: Flow;
  /** What the trace engine must answer for this flow (checked by the tests). */
  expect: Verdict;
}

export interface Preset {
  /** Stable and URL-safe: it goes into share links (e.g. "models-island"). */
  id: string;
  title: string;
  talk: TalkId;
  /** Where in the talk: slides or caption timestamps. */
  source: string;
  /** One or two plain sentences. */
  summary: string;
  scenario: Scenario;
  /** The flows this picture is about, in the order a presenter would show them. */
  flows?: PresetFlow[];
}

export type LessonTopic =
  'network-model' | 'service-exposure' | 'ipv6' | 'planning' | 'pod-network';

/** Picks a cluster by name; may be left out when the scenario has exactly one cluster. */
interface InCluster {
  cluster?: string;
}

/**
 * One declarative change to a scenario. Objects are found by name (and namespace, default
 * "default"); `patch` fields replace the object's fields (shallow), `undefined` removes one.
 */
export type ScenarioChange =
  | { setModel: NetworkModel }
  | { setCluster: InCluster & { patch: Partial<Omit<Scenario['clusters'][number], 'name'>> } }
  | {
      setService: InCluster & {
        namespace?: string;
        name: string;
        patch: Partial<Omit<Service, 'name' | 'namespace'>>;
      };
    }
  | {
      setPod: InCluster & {
        namespace?: string;
        name: string;
        patch: Partial<Omit<Pod, 'name' | 'namespace'>>;
      };
    }
  | { setNode: InCluster & { name: string; patch: Partial<Omit<Node, 'name'>> } }
  | { addNode: InCluster & { node: Node } }
  | { addPod: InCluster & { pod: Pod } }
  | { addService: InCluster & { service: Service } }
  | { addIngress: InCluster & { ingress: Ingress } }
  | { addGateway: InCluster & { gateway: Gateway } }
  | { addClusterCIDR: InCluster & { clusterCIDR: ClusterCIDR } }
  | { addServiceCIDR: InCluster & { serviceCIDR: ServiceCIDR } }
  | { removePod: InCluster & { namespace?: string; name: string } }
  | { removeService: InCluster & { namespace?: string; name: string } }
  | { addHost: Host };

/** What a challenge asks about the traced packet. */
export type ChallengeAsk =
  /** The source address the receiving pod or host sees (after any SNAT or proxy). */
  | 'source-ip-at-backend'
  /** The destination IP:port after the first DNAT at or after the hop. */
  | 'dest-after-dnat'
  /** The destination IP:port of the new connection an L7 proxy opens. */
  | 'dest-after-proxy'
  /** The address cluster DNS answers with. */
  | 'dns-answer'
  /** The source address after the first SNAT at or after the hop. */
  | 'source-after-snat'
  /** Which place rewrites the source first at or after the hop ("no one" is an answer). */
  | 'who-snats'
  /** Which node decapsulates the overlay packet. */
  | 'who-decapsulates'
  /** The outer header an overlay puts around the packet. */
  | 'outer-header'
  /** Where the packet goes next after the hop. */
  | 'next-hop'
  /** Why the packet is dropped. */
  | 'drop-reason';

export interface ChallengeSpec {
  /**
   * The player pauses at this hop (index into the trace's hops) with this hop's result and
   * everything after it hidden, asks, and reveals once answered. The hop the answer comes from
   * is this one or a later one (for "who-" questions a later one, so the place is not a giveaway).
   */
  hop: number;
  ask: ChallengeAsk;
}

export interface LessonStep {
  /** URL-safe, unique within the lesson: `#/lesson/<lesson id>/<step id>`. */
  id: string;
  title: string;
  /** Short and plain, 1-3 sentences, in the teacher's voice. */
  text: string;
  /** Start from this preset (by id). Required on the first step; later steps inherit. */
  preset?: string;
  /** Applied in order to the preset or the inherited scenario. */
  change?: ScenarioChange[];
  /** The packet to animate. */
  flow?: Flow;
  /** What the step shows: the trace verdict (required with a flow), a finding it demonstrates. */
  expect?: {
    verdict?: Verdict;
    /** A substring of the trace's drop reason. */
    reason?: string;
    /** A substring of an error or warning (IPAM or validation) the step is about. */
    finding?: string;
  };
  /** The player plays up to this hop and pauses there, showing it. */
  stopAtHop?: number;
  /** Object refs (model/refs.ts) to highlight, e.g. "cluster/c1/node/node1". */
  highlight?: string[];
  challenge?: ChallengeSpec;
  /** Speaker notes for presenter mode. */
  notes?: string;
}

export interface Lesson {
  /** URL-safe, unique. */
  id: string;
  title: string;
  summary: string;
  topic: LessonTopic;
  steps: LessonStep[];
}

/** Ids that go into links: lower-case letters, digits and single hyphens. */
export const URL_SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
