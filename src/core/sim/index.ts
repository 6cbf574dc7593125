/**
 * The trace engine: what a packet does in a scenario, hop by hop.
 * See trace.ts for the entry point and walk.ts for the behaviour and its sources.
 */
export type {
  Endpoint,
  Flow,
  Hop,
  HopAction,
  HopPlaceKind,
  Packet,
  PacketHeader,
  Trace,
  Verdict,
} from './types';
export { trace, validateFlow, type TraceOptions } from './trace';
export { parseEndpoint, endpointToString, type ParsedEndpoint } from './endpoint';
export { suggestFlows, type SuggestedFlow } from './suggest';
export {
  traceToJson,
  describeTrace,
  formatTraceTable,
  type TraceJson,
  type HopJson,
} from './format';
export { indexScenario, type ScenarioIndex } from './scenario-index';
