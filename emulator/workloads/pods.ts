// Pods: made by a ReplicaSet or ReplicationController from its template, their status following
// what their images are (found in the emulator's registry or not) and the faults injected for
// them, and the kubelet's events at each change. The log of a crashed container is kept for
// `GET pods/NAME/log`.
import { randomBytes } from 'node:crypto'

import { streamDigests } from '../imagestreams.js'
import type { State } from '../state.js'
import { type ContainerView, containerView, faultMatches } from './logic.js'
import { type Obj, ownerRef, type PodTemplate, type Workloads } from './store.js'

const SAFE = 'bcdfghjklmnpqrstvwxz2456789'

function suffix(): string {
  return [...randomBytes(5)].map(b => SAFE[b % SAFE.length]).join('')
}

interface PodLife {
  createdMs: number
  /** When the pod became ready, for minReadySeconds. */
  readySinceMs?: number
  /** The last state seen per container, so that each change is one event. */
  seen: Map<string, string>
}

const lives = new WeakMap<Obj, PodLife>()

/**
 * What `image` pulls: on the cluster's registry (internal or public host) the manifest's digest,
 * or null when the stream has no such image or tag; elsewhere undefined, taken as pullable (the
 * emulator reaches no other registry).
 */
export function pulledDigest(state: State, image: string): string | null | undefined {
  const m = /^([^/]+)\/([^/]+)\/([^/@:]+)(?:@(sha256:[0-9a-f]{64})|:([^/@]+))?$/.exec(image)
  if (!m || (m[1] !== state.hosts.internal && m[1] !== state.hosts.public)) return undefined
  const stream = state.imageStream(m[2], m[3])
  if (!stream) return null
  if (m[4]) return streamDigests(stream, state.images).has(m[4]) ? m[4] : null
  return stream.statusTags.get(m[5] ?? 'latest')?.items[0]?.image ?? null
}

/** The digest a fault named by stream tag (`project/name:tag`, or with the registry host) points at now. */
function tagDigest(state: State, ref: string): string | undefined {
  const m = /^(?:[^/]+\/)?([^/]+)\/([^/:@]+):([^/@:]+)$/.exec(ref)
  return m ? state.imageStream(m[1], m[2])?.statusTags.get(m[3])?.items[0]?.image : undefined
}

export function createPod(store: Workloads, owner: Obj): Obj {
  const t = owner.spec.template
  const pod = store.create('pods', owner.metadata.namespace, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${owner.metadata.name}-${suffix()}`,
      labels: { ...(t.metadata?.labels ?? {}) },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ownerReferences: [ownerRef(owner)]
    },
    spec: {
      ...structuredClone(t.spec),
      nodeName: 'worker-0',
      serviceAccountName: 'default'
    } as unknown as Obj['spec'],
    status: { phase: 'Pending' }
  })
  lives.set(pod, { createdMs: Date.now(), seen: new Map() })
  store.event(
    pod,
    'Normal',
    'Scheduled',
    `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to worker-0`,
    'default-scheduler'
  )
  refreshPod(store, pod)
  return pod
}

/** The last log line of a crashed container, by pod uid and container name. */
const logs = new Map<string, string>()

export function podLog(pod: Obj, container: string): string | undefined {
  return logs.get(`${pod.metadata.uid}/${container}`)
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Recomputes a pod's status from its age and its images; writes it back and records events when it changed. */
export function refreshPod(store: Workloads, pod: Obj): void {
  const life = lives.get(pod)
  if (!life) return
  const nowMs = Date.now()
  const age = nowMs - life.createdMs
  const containers = podSpec(pod).containers
  const views = containers.map(c => {
    const digest = pulledDigest(store.state, c.image)
    const fault = store.faults.find(
      f =>
        faultMatches(f, c.image, digest ?? undefined) ||
        (!!digest && tagDigest(store.state, f.image) === digest)
    )
    return { c, v: containerView(c.image, digest !== null, fault, age) }
  })
  const statuses = views.map(({ c, v }) => containerStatus(c.name, c.image, v, life.createdMs))
  const ready = views.length > 0 && views.every(({ v }) => v.state === 'running' && v.ready)
  if (ready) life.readySinceMs ??= nowMs
  else delete life.readySinceMs
  const running = views.some(({ v }) => v.state === 'running' || v.reason === 'CrashLoopBackOff')
  const created = iso(life.createdMs)
  const readyAt = life.readySinceMs ? iso(life.readySinceMs) : created
  const cond = (type: string, status: boolean, at: string) => ({
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: at,
    ...(status
      ? {}
      : {
          reason: 'ContainersNotReady',
          message: notReady(
            views.map(x => x.c.name),
            statuses
          )
        })
  })
  const status = {
    phase: running ? 'Running' : 'Pending',
    conditions: [
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: created },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: created },
      cond('Ready', ready, readyAt),
      cond('ContainersReady', ready, readyAt)
    ],
    hostIP: '10.0.0.10',
    podIP: `10.128.${pod.metadata.uid.charCodeAt(0) % 250}.${pod.metadata.uid.charCodeAt(1) % 250}`,
    startTime: created,
    containerStatuses: statuses,
    qosClass: 'BestEffort'
  }
  if (JSON.stringify(status) !== JSON.stringify(pod.status)) {
    pod.status = status
    store.update('pods', pod)
  }
  for (const { c, v } of views) kubeletEvents(store, pod, life, c.name, c.image, v)
}

function notReady(names: string[], statuses: { name: string; ready: boolean }[]): string {
  const waiting = statuses.filter(s => !s.ready).map(s => s.name)
  return `containers with unready status: [${(waiting.length ? waiting : names).join(' ')}]`
}

function containerStatus(
  name: string,
  image: string,
  v: ContainerView,
  createdMs: number
): { name: string; ready: boolean; [key: string]: unknown } {
  const digest = /@(sha256:[0-9a-f]{64})$/.exec(image)?.[1]
  const base = {
    name,
    image,
    imageID: digest ? image : '',
    started: v.state === 'running',
    ready: v.state === 'running' && v.ready
  }
  if (v.state === 'running') {
    return {
      ...base,
      restartCount: 0,
      state: { running: { startedAt: iso(createdMs + v.startedAtMs) } },
      lastState: {}
    }
  }
  if (v.reason === 'CrashLoopBackOff') {
    return {
      ...base,
      restartCount: v.restarts,
      state: { waiting: { reason: v.reason, message: `${v.message} ${name}` } },
      lastState: {
        terminated: {
          exitCode: v.exitCode,
          reason: 'Error',
          startedAt: iso(Date.now() - 100),
          finishedAt: iso(Date.now())
        }
      }
    }
  }
  return {
    ...base,
    restartCount: 0,
    state: { waiting: { reason: v.reason, ...('message' in v ? { message: v.message } : {}) } },
    lastState: {}
  }
}

function kubeletEvents(
  store: Workloads,
  pod: Obj,
  life: PodLife,
  name: string,
  image: string,
  v: ContainerView
): void {
  const key = v.state === 'running' ? (v.ready ? 'ready' : 'running') : v.reason
  const last = life.seen.get(name)
  if (last === key) return
  life.seen.set(name, key)
  const ev = (type: 'Normal' | 'Warning', reason: string, message: string) =>
    store.event(pod, type, reason, message, 'kubelet')
  switch (key) {
    case 'ContainerCreating':
      ev('Normal', 'Pulling', `Pulling image "${image}"`)
      break
    case 'ErrImagePull':
      if (last === undefined) ev('Normal', 'Pulling', `Pulling image "${image}"`)
      ev('Warning', 'Failed', (v as { message: string }).message)
      ev('Warning', 'Failed', 'Error: ErrImagePull')
      break
    case 'ImagePullBackOff':
      ev('Normal', 'BackOff', `Back-off pulling image "${image}"`)
      ev('Warning', 'Failed', 'Error: ImagePullBackOff')
      break
    case 'CrashLoopBackOff': {
      const crash = v as Extract<ContainerView, { reason: 'CrashLoopBackOff' }>
      logs.set(`${pod.metadata.uid}/${name}`, crash.log)
      if (last === 'ContainerCreating') {
        ev('Normal', 'Pulled', `Successfully pulled image "${image}"`)
        ev('Normal', 'Created', `Created container: ${name}`)
        ev('Normal', 'Started', `Started container ${name}`)
      }
      ev(
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`
      )
      break
    }
    case 'running':
    case 'ready':
      if (last === 'ContainerCreating' || last === undefined) {
        ev('Normal', 'Pulled', `Successfully pulled image "${image}"`)
        ev('Normal', 'Created', `Created container: ${name}`)
        ev('Normal', 'Started', `Started container ${name}`)
      }
      if (key === 'running' && hasProbe(pod, name))
        ev('Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503')
      break
  }
}

function hasProbe(pod: Obj, name: string): boolean {
  return !!podSpec(pod).containers.find(c => c.name === name)?.readinessProbe
}

/** A pod's spec is a PodSpec, not a workload's: its containers are at the top. */
function podSpec(pod: Obj): PodTemplate['spec'] {
  return pod.spec as unknown as PodTemplate['spec']
}

/** Whether the pod has been ready for `minReadySeconds`. */
export function podAvailable(pod: Obj, minReadySeconds: number): boolean {
  const since = lives.get(pod)?.readySinceMs
  return since !== undefined && Date.now() - since >= minReadySeconds * 1000
}

export function podReady(pod: Obj): boolean {
  return lives.get(pod)?.readySinceMs !== undefined
}

/** Deletes a pod, as the kubelet does at once here (no grace period in the emulator). */
export function deletePod(store: Workloads, pod: Obj): void {
  store.remove('pods', pod.metadata.namespace, pod.metadata.name)
  lives.delete(pod)
  for (const key of logs.keys()) if (key.startsWith(`${pod.metadata.uid}/`)) logs.delete(key)
}
