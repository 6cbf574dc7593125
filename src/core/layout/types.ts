/**
 * Diagram geometry: what `layoutScenario` returns. World units are CSS pixels at zoom 1.
 * Box ids are the object refs of model/refs.ts wherever the box is a scenario object, so the
 * selection, findings and trace hops all point at boxes directly. Boxes that are not objects
 * (a router, a route table, a load balancer of a Service) use `<ref>#<part>`.
 */

export type BoxKind =
  | 'network'
  | 'internet'
  | 'archipelago'
  | 'cluster'
  | 'services'
  | 'node'
  | 'pod'
  | 'service'
  | 'ingress'
  | 'gateway'
  | 'routes'
  | 'loadbalancer'
  | 'host'
  /** Any address outside the scenario, on the internet. */
  | 'clients'
  | 'router';

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Box extends Rect {
  id: string;
  kind: BoxKind;
  /** The enclosing box (node of a pod, cluster of a node, network of a cluster), or null. */
  parent: string | null;
  /** For pods, services, nodes...: the cluster name. */
  cluster: string | null;
}

export type LinkKind =
  /** The node network of a row of nodes, or the trunk joining the rows. */
  | 'bus'
  /** A node's, gateway's, host's or load balancer's wire to a bus. */
  | 'drop'
  /** A cluster's node network joining the network backbone. */
  | 'uplink'
  /** The network's own backbone. */
  | 'backbone'
  /** A network's edge router to the internet. */
  | 'wan'
  /** Overlay tunnels drawn alongside a row bus (encapsulated pod traffic). */
  | 'overlay';

export interface Link {
  id: string;
  kind: LinkKind;
  points: Point[];
  /** The cluster it belongs to, or null for network-level links. */
  cluster: string | null;
}

/** Something drawn: a box or a link, with its bounding rectangle for culling. */
export type Item = { type: 'box'; box: Box; bbox: Rect } | { type: 'link'; link: Link; bbox: Rect };

/** A uniform grid over item indices, for "what is on screen" queries. */
export interface GridIndex {
  cell: number;
  cells: Map<string, number[]>;
}

/** The wiring the packet follows: points joined by edges, as drawn. */
export interface WireGraph {
  points: Map<string, Point>;
  edges: Map<string, string[]>;
  /** Places a packet may start or end at but never pass through (a gateway, a host). */
  terminals: Set<string>;
}

export interface Layout {
  width: number;
  height: number;
  /** Everything, in drawing order (containers before contents). */
  items: Item[];
  boxes: Map<string, Box>;
  /** Where a packet stands when a hop happens at this box (a node's NIC, a pod's centre). */
  anchors: Map<string, Point>;
  graph: WireGraph;
  index: GridIndex;
  /** Items that are always considered (networks, clusters...): indices into `items`. */
  containers: number[];
  /** Per cluster: how many text lines a pod / node header / service needs (for the view). */
  metrics: Map<string, ClusterMetrics>;
}

export interface ClusterMetrics {
  podCols: number;
  nodeCols: number;
  nodeRows: number;
  podLines: number;
  nodeLines: number;
  serviceLines: number;
  /** Route table lines shown (the rest is "+ N more"). */
  routeLines: number;
  routesHidden: number;
}
