// The workload objects of the cluster (Deployments, ReplicaSets, DeploymentConfigs,
// ReplicationControllers, pods, events) kept as the JSON the API serves, with resource versions,
// watchers and the per-image faults. One store per emulator State, found through `workloadsOf`,
// so that the rest of the emulator's state stays as it was.
import { randomUUID } from 'node:crypto'

import { now } from '../imagestreams.js'
import type { State } from '../state.js'
import type { Condition, ImageFault } from './logic.js'

export type Labels = Record<string, string>

export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller: boolean
  blockOwnerDeletion: boolean
}

export interface Meta {
  name: string
  namespace: string
  uid: string
  resourceVersion: string
  generation: number
  creationTimestamp: string
  labels?: Labels
  annotations?: Labels
  ownerReferences?: OwnerReference[]
  [key: string]: unknown
}

export interface Container {
  name: string
  image: string
  [key: string]: unknown
}

export interface PodTemplate {
  metadata?: { labels?: Labels; annotations?: Labels; [key: string]: unknown }
  spec: { containers: Container[]; initContainers?: Container[]; [key: string]: unknown }
}

export interface DcTrigger {
  type: 'ConfigChange' | 'ImageChange'
  imageChangeParams?: {
    automatic?: boolean
    containerNames: string[]
    from: { kind: string; name: string; namespace?: string }
    lastTriggeredImage?: string
  }
}

export interface Spec {
  replicas?: number
  /** A LabelSelector on apps/v1 kinds; a plain map on DeploymentConfigs and ReplicationControllers. */
  selector?: { matchLabels?: Labels; [key: string]: unknown } | Labels
  template: PodTemplate
  strategy?: {
    type?: string
    rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown }
    rollingParams?: { maxSurge?: unknown; maxUnavailable?: unknown; timeoutSeconds?: number }
    [key: string]: unknown
  }
  progressDeadlineSeconds?: number
  minReadySeconds?: number
  revisionHistoryLimit?: number
  paused?: boolean
  triggers?: DcTrigger[]
  [key: string]: unknown
}

export interface Status {
  observedGeneration?: number
  replicas?: number
  updatedReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  unavailableReplicas?: number
  /** Condition on Deployments and DeploymentConfigs; pods' have no lastUpdateTime. */
  conditions?: Condition[] | Record<string, unknown>[]
  [key: string]: unknown
}

/** Any workload object: the JSON as served. Pods and events are kept the same way. */
export interface Obj {
  apiVersion: string
  kind: string
  metadata: Meta
  spec: Spec
  status: Status
  [key: string]: unknown
}

/** An object as a client or controller hands it in: the API server completes its metadata. */
export type Draft = Omit<Obj, 'metadata'> & { metadata: Partial<Meta> & { name: string } }

export type Resource =
  'deployments' | 'replicasets' | 'deploymentconfigs' | 'replicationcontrollers' | 'pods' | 'events'

export const RESOURCES: Resource[] = [
  'deployments',
  'replicasets',
  'deploymentconfigs',
  'replicationcontrollers',
  'pods',
  'events'
]

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED'
export type Watcher = (type: WatchType, obj: Obj) => void

export class Workloads {
  private readonly objects = new Map<Resource, Map<string, Obj>>(RESOURCES.map(r => [r, new Map()]))
  private readonly watchers = new Map<Resource, Set<Watcher>>(RESOURCES.map(r => [r, new Set()]))
  faults: ImageFault[] = []
  /** Called when the first workload appears: the controller starts ticking only then. */
  onActive?: () => void

  constructor(readonly state: State) {}

  private key(ns: string, name: string): string {
    return `${ns}/${name}`
  }

  list(resource: Resource, ns?: string): Obj[] {
    const all = [...this.objects.get(resource)!.values()]
    return ns === undefined ? all : all.filter(o => o.metadata.namespace === ns)
  }

  get(resource: Resource, ns: string, name: string): Obj | undefined {
    return this.objects.get(resource)!.get(this.key(ns, name))
  }

  /** Stores a new object, completing its metadata as the API server does on create. */
  create(resource: Resource, ns: string, draft: Draft): Obj {
    const meta = draft.metadata
    const obj = draft as Obj
    obj.metadata = {
      ...meta,
      namespace: ns,
      uid: randomUUID(),
      resourceVersion: this.state.nextResourceVersion(),
      generation: 1,
      creationTimestamp: now()
    }
    this.objects.get(resource)!.set(this.key(ns, meta.name), obj)
    this.notify(resource, 'ADDED', obj)
    if (resource !== 'events') this.onActive?.()
    return obj
  }

  /** Writes `obj` back after a change: a new resourceVersion, and watchers told. */
  update(resource: Resource, obj: Obj): Obj {
    obj.metadata.resourceVersion = this.state.nextResourceVersion()
    this.objects.get(resource)!.set(this.key(obj.metadata.namespace, obj.metadata.name), obj)
    this.notify(resource, 'MODIFIED', obj)
    return obj
  }

  remove(resource: Resource, ns: string, name: string): Obj | undefined {
    const obj = this.get(resource, ns, name)
    if (!obj) return undefined
    this.objects.get(resource)!.delete(this.key(ns, name))
    obj.metadata.resourceVersion = this.state.nextResourceVersion()
    this.notify(resource, 'DELETED', obj)
    return obj
  }

  watch(resource: Resource, fn: Watcher): () => void {
    const set = this.watchers.get(resource)!
    set.add(fn)
    return () => set.delete(fn)
  }

  private notify(resource: Resource, type: WatchType, obj: Obj): void {
    for (const w of this.watchers.get(resource)!) w(type, obj)
  }

  /**
   * Records an event about `about`, as the kubelet and the controllers do: the same reason and
   * message again counts up instead of repeating.
   */
  event(about: Obj, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void {
    const ns = about.metadata.namespace
    const same = this.list('events', ns).find(
      e =>
        (e.involvedObject as { uid: string }).uid === about.metadata.uid &&
        e.reason === reason &&
        e.message === message
    )
    const at = now()
    if (same) {
      same.count = Number(same.count ?? 1) + 1
      same.lastTimestamp = at
      this.update('events', same)
      return
    }
    const name = `${about.metadata.name}.${randomUUID().replace(/-/g, '').slice(0, 16)}`
    this.create('events', ns, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name },
      involvedObject: {
        kind: about.kind,
        namespace: ns,
        name: about.metadata.name,
        uid: about.metadata.uid,
        apiVersion: about.apiVersion,
        resourceVersion: about.metadata.resourceVersion
      },
      reason,
      message,
      source: { component },
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
      type,
      reportingComponent: component,
      reportingInstance: '',
      spec: undefined as unknown as Spec,
      status: undefined as unknown as Status
    })
  }
}

const stores = new WeakMap<State, Workloads>()

/** The workload store of an emulator's state, made on first use. */
export function workloadsOf(state: State): Workloads {
  let w = stores.get(state)
  if (!w) {
    w = new Workloads(state)
    stores.set(state, w)
  }
  return w
}

/** The labels a selector of either form requires. */
export function selectorLabels(selector: Spec['selector']): Labels {
  if (!selector) return {}
  if ('matchLabels' in selector && typeof selector.matchLabels === 'object')
    return selector.matchLabels as Labels
  return selector as Labels
}

export function matches(selector: Labels, labels: Labels | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v)
}

export function ownedBy(obj: Obj, owner: Obj): boolean {
  return !!obj.metadata.ownerReferences?.some(r => r.uid === owner.metadata.uid && r.controller)
}

export function ownerRef(owner: Obj): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true
  }
}
