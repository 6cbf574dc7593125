/**
 * The planner's own view state: which tab, which cluster the tools act on, and the sizing
 * helper's inputs (shared by Size and Compare). It lives outside React so switching to the
 * diagram and back keeps it; it is never part of the scenario, the undo history or a link.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { randomGlobalId } from '../../core/plan/ula';

export type PlannerTab = 'map' | 'size' | 'grow' | 'compare' | 'export';
export type Stack = 'IPv4' | 'dual-stack' | 'IPv6';

export interface SizeInputs {
  /** Raw text of the number fields, so a half-typed value stays as typed. */
  nodes: string;
  podsPerNode: string;
  services: string;
  stack: Stack;
  /** Where IPv4 blocks go (sizing.ts ipv4Base): a CIDR to stay inside, or a start address. */
  ipv4Base: string;
}

export interface PlannerState {
  tab: PlannerTab;
  /** The cluster Size, Grow and Export act on (null: the first one). */
  cluster: string | null;
  /** The sizing inputs, and the cluster they were started from. */
  inputs: SizeInputs | null;
  inputsFor: string | null;
  /** RFC 4193 Global ID for IPv6 plans: random once per page, "New random ID" draws again. */
  ulaGlobalId: bigint;
}

export function newGlobalId(): bigint {
  return randomGlobalId((n) => {
    const bytes = new Uint8Array(n);
    globalThis.crypto?.getRandomValues?.(bytes);
    return bytes;
  });
}

export const plannerStore = createStore<PlannerState>()(() => ({
  tab: 'map',
  cluster: null,
  inputs: null,
  inputsFor: null,
  ulaGlobalId: newGlobalId(),
}));

export function usePlanner<T>(selector: (s: PlannerState) => T): T {
  return useStore(plannerStore, selector);
}

export const setTab = (tab: PlannerTab) => plannerStore.setState({ tab });
export const setCluster = (cluster: string) => plannerStore.setState({ cluster });
export const setInputs = (inputs: SizeInputs, inputsFor: string | null) =>
  plannerStore.setState({ inputs, inputsFor });
export const setGlobalId = (ulaGlobalId: bigint) => plannerStore.setState({ ulaGlobalId });
