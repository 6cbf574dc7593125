/**
 * All guided lessons, in teaching order: the network models, the ways to expose a Service, the
 * pod network, IPv6, and address planning.
 */
import type { Lesson } from '../types';
import { ipv6BuildLesson, dualStackLesson } from './ipv6';
import { airGappedLesson, archipelagoLesson, flatLesson, islandLesson } from './network-models';
import { planningLesson } from './planning';
import { podNetworkLesson } from './pod-network';
import {
  clusterIpLesson,
  hostPortLesson,
  ingressLesson,
  loadBalancerLesson,
  nodePortLesson,
} from './services';

export { applyChanges, type PatchResult } from './patch';
export {
  resolveLesson,
  resolveStep,
  scenarioRefs,
  stepChallenge,
  type ResolvedStep,
} from './resolve';

export const LESSONS: Lesson[] = [
  flatLesson,
  airGappedLesson,
  islandLesson,
  archipelagoLesson,
  clusterIpLesson,
  nodePortLesson,
  hostPortLesson,
  loadBalancerLesson,
  ingressLesson,
  podNetworkLesson,
  dualStackLesson,
  ipv6BuildLesson,
  planningLesson,
];

const BY_ID = new Map(LESSONS.map((l) => [l.id, l] as const));

/** A lesson by id, or null. */
export function findLesson(id: string): Lesson | null {
  return BY_ID.get(id) ?? null;
}

/** A lesson and the index of one of its steps, by ids (a step link); null when either is unknown. */
export function findLessonStep(
  lessonId: string,
  stepId: string,
): { lesson: Lesson; index: number } | null {
  const lesson = findLesson(lessonId);
  if (!lesson) return null;
  const index = lesson.steps.findIndex((s) => s.id === stepId);
  return index >= 0 ? { lesson, index } : null;
}
