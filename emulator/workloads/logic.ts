// The pure parts of the workload controllers, written from the Kubernetes deployment controller's
// documented behaviour (pkg/controller/deployment): the pod-template hash, maxSurge and
// maxUnavailable, one rolling-update step, the Progressing and Available conditions, and what a
// container shows at a given age under an injected image fault. No clock, no state: the
// controller passes both in, and the unit tests call these directly.
import { createHash } from 'node:crypto'

import type { ImageFaultSpec as ImageFault } from '../types.js'

/** The characters Kubernetes' rand.SafeEncodeString uses (no vowels, no look-alikes). */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789'

/** A hash of a pod template, as the `pod-template-hash` label and the ReplicaSet's name suffix carry it. */
export function templateHash(template: unknown): string {
  const digest = createHash('sha256').update(canonical(template)).digest()
  let out = ''
  for (let i = 0; i < 10; i++) out += SAFE[digest[i] % SAFE.length]
  return out
}

/** JSON with keys sorted, so that two equal templates hash the same whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** An intOrString of a rolling update (`25%` or `1`) against `desired`; percentages round as Kubernetes does. */
export function resolveIntOrPercent(value: unknown, desired: number, roundUp: boolean): number {
  if (typeof value === 'number') return value
  const m = /^(\d+)%$/.exec(String(value ?? ''))
  if (!m) return Number(value) || 0
  const exact = (Number(m[1]) * desired) / 100
  return roundUp ? Math.ceil(exact) : Math.floor(exact)
}

/** maxSurge rounds up, maxUnavailable down; both zero would block a rollout, so unavailable becomes 1. */
export function surgeAndUnavailable(
  desired: number,
  maxSurge: unknown = '25%',
  maxUnavailable: unknown = '25%'
): { surge: number; unavailable: number } {
  const surge = resolveIntOrPercent(maxSurge, desired, true)
  let unavailable = resolveIntOrPercent(maxUnavailable, desired, false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return { surge, unavailable: Math.min(unavailable, desired) }
}

export interface SetCounts {
  replicas: number
  available: number
}

/**
 * One step of a rolling update, as the deployment controller's reconcileNewReplicaSet and
 * reconcileOldReplicaSets take it: the new set grows while all pods stay within desired + surge;
 * old sets shrink, their unavailable pods first, then while desired - unavailable pods stay available.
 */
export function rollingStep(
  desired: number,
  limits: { surge: number; unavailable: number },
  current: SetCounts,
  olds: SetCounts[]
): { newReplicas: number; oldReplicas: number[] } {
  const all = current.replicas + olds.reduce((n, o) => n + o.replicas, 0)
  let newReplicas = current.replicas
  if (current.replicas > desired) newReplicas = desired
  else if (all < desired + limits.surge)
    newReplicas += Math.min(desired + limits.surge - all, desired - current.replicas)
  const oldReplicas = olds.map(o => o.replicas)
  const minAvailable = desired - limits.unavailable
  let maxScaledDown = all - minAvailable - (current.replicas - current.available)
  if (maxScaledDown <= 0) return { newReplicas, oldReplicas }
  for (let i = 0; i < olds.length && maxScaledDown > 0; i++) {
    const cut = Math.min(maxScaledDown, olds[i].replicas - olds[i].available)
    oldReplicas[i] -= cut
    maxScaledDown -= cut
  }
  const available = current.available + olds.reduce((n, o) => n + o.available, 0)
  let budget = Math.min(maxScaledDown, available - minAvailable)
  for (let i = 0; i < olds.length && budget > 0; i++) {
    const cut = Math.min(oldReplicas[i], budget)
    oldReplicas[i] -= cut
    budget -= cut
  }
  return { newReplicas, oldReplicas }
}

export interface Condition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  lastUpdateTime: string
  lastTransitionTime: string
  reason: string
  message: string
}

/** Sets a condition, keeping lastTransitionTime when the status does not change (as the controller does). */
export function setCondition(
  conditions: Condition[],
  next: Omit<Condition, 'lastUpdateTime' | 'lastTransitionTime'>,
  at: string,
  touch = true
): Condition[] {
  const old = conditions.find(c => c.type === next.type)
  if (old && old.status === next.status && old.reason === next.reason && !touch) {
    return conditions.map(c => (c === old ? { ...old, message: next.message } : c))
  }
  const cond: Condition = {
    ...next,
    lastUpdateTime: at,
    lastTransitionTime: old && old.status === next.status ? old.lastTransitionTime : at
  }
  return old ? conditions.map(c => (c === old ? cond : c)) : [...conditions, cond]
}

// --- containers under faults

export type { ImageFault }

/** How long a new container shows ContainerCreating (the image pull and start, compressed). */
export const CREATING_MS = 400
/** A crash-looping container restarts this often (the kubelet's back-off, compressed). */
export const RESTART_MS = 1000

export type ContainerView =
  | { state: 'waiting'; reason: 'ContainerCreating' }
  | { state: 'waiting'; reason: 'ErrImagePull' | 'ImagePullBackOff'; message: string }
  | {
      state: 'waiting'
      reason: 'CrashLoopBackOff'
      message: string
      restarts: number
      exitCode: number
      log: string
    }
  | { state: 'running'; ready: boolean; startedAtMs: number }

export const EXEC_FORMAT_LOG = 'exec /app/entrypoint: exec format error'

/**
 * What a container of `image` shows `ageMs` after its pod was created: `pullable` says whether the
 * image exists where the reference points; `fault` is the one injected for it, if any.
 */
export function containerView(
  image: string,
  pullable: boolean,
  fault: ImageFault | undefined,
  ageMs: number
): ContainerView {
  if (!pullable || fault?.fault === 'pull') {
    const why = pullable
      ? 'injected pull failure'
      : `reading manifest ${image.includes('@') ? image.split('@')[1] : (image.split(':').pop() ?? '')} in ${image.split(/[@:]/)[0]}: manifest unknown`
    const message = `Failed to pull image "${image}": initializing source docker://${image}: ${why}`
    // ErrImagePull first, then the back-off between attempts, as the kubelet alternates them.
    const phase = Math.floor(ageMs / RESTART_MS) % 3
    return phase === 0
      ? { state: 'waiting', reason: 'ErrImagePull', message }
      : { state: 'waiting', reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` }
  }
  if (ageMs < CREATING_MS) return { state: 'waiting', reason: 'ContainerCreating' }
  const startedAtMs = CREATING_MS
  if (fault?.fault === 'crash' || fault?.fault === 'exec-format') {
    const restarts = 1 + Math.floor((ageMs - CREATING_MS) / RESTART_MS)
    const exec = fault.fault === 'exec-format'
    return {
      state: 'waiting',
      reason: 'CrashLoopBackOff',
      message: `back-off ${Math.min(300, 10 * 2 ** (restarts - 1))}s restarting failed container`,
      restarts,
      // runc and crun exit 255 when the entrypoint cannot be executed; an application's crash is its own code.
      exitCode: exec ? 255 : 1,
      log: exec ? EXEC_FORMAT_LOG : (fault.message ?? 'Error: the application exited')
    }
  }
  const readyAfter = fault?.fault === 'slow' ? (fault.readyAfterSeconds ?? 10) * 1000 : 0
  return { state: 'running', ready: ageMs - startedAtMs >= readyAfter, startedAtMs }
}

/** Whether `fault` applies to a container whose image reference is `image`, of manifest `digest` when known. */
export function faultMatches(fault: ImageFault, image: string, digest?: string): boolean {
  if (fault.image.startsWith('sha256:')) return image.endsWith(`@${fault.image}`) || digest === fault.image
  return image === fault.image
}

// --- image triggers

export interface ImageTrigger {
  /** `name:tag` of the ImageStreamTag, and its namespace (the workload's when absent). */
  tag: string
  namespace?: string
  /** The container names whose image the trigger sets. */
  containers: string[]
  paused: boolean
}

/**
 * The `image.openshift.io/triggers` annotation of a Deployment, as the trigger controller reads
 * it: a JSON list of `{from:{kind:"ImageStreamTag",name,namespace?},fieldPath,paused?}`. A list
 * that does not decode (a `paused` written as a string, say) is ignored whole, as the controller
 * ignores it; so is an entry whose fieldPath it does not understand.
 */
export function parseTriggers(annotation: string | undefined): ImageTrigger[] | { error: string } {
  if (!annotation) return []
  let list: unknown
  try {
    list = JSON.parse(annotation)
  } catch (e) {
    return { error: `invalid JSON: ${(e as Error).message}` }
  }
  if (!Array.isArray(list)) return { error: 'the annotation is not a JSON list' }
  const out: ImageTrigger[] = []
  for (const t of list as Record<string, unknown>[]) {
    const from = (t?.from ?? {}) as Record<string, unknown>
    if (t.paused !== undefined && typeof t.paused !== 'boolean') {
      return { error: `json: cannot unmarshal ${typeof t.paused} into Go struct field .paused of type bool` }
    }
    if (from.kind !== 'ImageStreamTag' || typeof from.name !== 'string') continue
    const m = /^spec\.template\.spec\.(?:init)?containers\[\?\(@\.name=="([^"]+)"\)\]\.image$/.exec(
      String(t.fieldPath ?? '')
    )
    if (!m) continue
    out.push({
      tag: from.name,
      namespace: typeof from.namespace === 'string' ? from.namespace : undefined,
      containers: [m[1]],
      paused: t.paused === true
    })
  }
  return out
}
