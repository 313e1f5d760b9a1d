// The controllers of the workloads, run every TICK_MS while any exists: the image trigger
// controller (Deployments' `image.openshift.io/triggers`, DeploymentConfigs' ImageChange
// triggers), the deployment controller (a ReplicaSet per template, revisions, rolling updates, the
// Progressing and Available conditions, progressDeadlineSeconds), the DeploymentConfig controller
// (latestVersion, a ReplicationController per version, the deployer's timeout and its rollback to
// the last complete version), and the replica set controller that makes and removes pods.
import { now } from '../imagestreams.js'
import type { State } from '../state.js'
import {
  type Condition,
  parseTriggers,
  rollingStep,
  setCondition,
  surgeAndUnavailable,
  templateHash
} from './logic.js'
import { createPod, deletePod, podAvailable, podReady, refreshPod } from './pods.js'
import {
  type Labels,
  type Obj,
  ownedBy,
  ownerRef,
  type PodTemplate,
  selectorLabels,
  type Workloads,
  workloadsOf
} from './store.js'

export const TICK_MS = 200

export const REVISION = 'deployment.kubernetes.io/revision'
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history'
const HASH = 'pod-template-hash'
const TRIGGERS = 'image.openshift.io/triggers'
export const DC_VERSION = 'openshift.io/deployment-config.latest-version'
export const DC_NAME = 'openshift.io/deployment-config.name'
export const DC_PHASE = 'openshift.io/deployment.phase'

function annotations(o: { metadata?: { annotations?: Labels } }): Labels {
  const meta = (o.metadata ??= {})
  return (meta.annotations ??= {})
}

function revisionOf(o: Obj): number {
  return Number(o.metadata.annotations?.[REVISION] ?? 0)
}

/** A template without the pod-template-hash label, as the controller compares templates. */
function withoutHash(t: PodTemplate): PodTemplate {
  const copy = structuredClone(t)
  if (copy.metadata?.labels) delete copy.metadata.labels[HASH]
  return copy
}

function sameTemplate(a: PodTemplate, b: PodTemplate): boolean {
  return templateHash(withoutHash(a)) === templateHash(withoutHash(b))
}

/** The image a stream tag points at now, as its newest item's reference (`<internal host>/ns/name@sha256:...`). */
export function resolveTag(state: State, ns: string, tag: string): string | undefined {
  const [name, t = 'latest'] = tag.split(':')
  return state.imageStream(ns, name)?.statusTags.get(t)?.items[0]?.dockerImageReference
}

const ENCODED = 'openshift.io/encoded-deployment-config'

/** The DeploymentConfig's own template a version was made from (the RC's has the deployer's labels added). */
function deployedTemplate(rc: Obj): PodTemplate {
  const encoded = rc.metadata.annotations?.[ENCODED]
  return encoded ? (JSON.parse(encoded) as Obj).spec.template : rc.spec.template
}

export class Controller {
  private timer?: NodeJS.Timeout
  /** When each Deployment or DeploymentConfig rollout last made progress (ms), by uid: the deadline counts from it. */
  private readonly lastProgress = new Map<string, number>()

  constructor(private readonly store: Workloads) {
    store.onActive = () => this.start()
  }

  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => this.tick(), TICK_MS)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  tick(): void {
    const s = this.store
    for (const d of s.list('deployments')) this.imageTriggers(d)
    for (const d of s.list('deployments')) this.deployment(d)
    for (const dc of s.list('deploymentconfigs')) this.deploymentConfig(dc)
    for (const rs of s.list('replicasets')) this.replicas('replicasets', rs)
    for (const rc of s.list('replicationcontrollers')) this.replicas('replicationcontrollers', rc)
    for (const pod of s.list('pods')) refreshPod(s, pod)
  }

  // --- image triggers

  private imageTriggers(d: Obj): void {
    const triggers = parseTriggers(d.metadata.annotations?.[TRIGGERS])
    if ('error' in triggers) return
    let changed = false
    for (const t of triggers) {
      if (t.paused) continue
      const image = resolveTag(this.store.state, t.namespace ?? d.metadata.namespace, t.tag)
      if (!image) continue
      for (const c of d.spec.template.spec.containers) {
        if (t.containers.includes(c.name) && c.image !== image) {
          c.image = image
          changed = true
        }
      }
    }
    if (changed) {
      d.metadata.generation++
      this.store.update('deployments', d)
    }
  }

  // --- Deployments

  private ownedSets(resource: 'replicasets' | 'replicationcontrollers', owner: Obj): Obj[] {
    return this.store.list(resource, owner.metadata.namespace).filter(o => ownedBy(o, owner))
  }

  private deployment(d: Obj): void {
    const s = this.store
    const desired = d.spec.replicas ?? 1
    const sets = this.ownedSets('replicasets', d)
    let current = sets.find(rs => sameTemplate(rs.spec.template, d.spec.template))
    const maxRevision = Math.max(0, ...sets.map(revisionOf))
    const at = now()
    let conditions = (d.status.conditions ?? []) as Condition[]
    let progressed = false
    if (d.spec.paused) {
      if (d.status.observedGeneration !== d.metadata.generation) {
        d.status = { ...d.status, observedGeneration: d.metadata.generation }
        s.update('deployments', d)
      }
      return
    }
    if (!current) {
      current = this.newReplicaSet(d, maxRevision + 1)
      sets.push(current)
      conditions = setCondition(
        conditions,
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetCreated',
          message: `Created new replica set "${current.metadata.name}"`
        },
        at
      )
      progressed = true
    } else if (revisionOf(current) < maxRevision) {
      // A template seen before (a rollback): its ReplicaSet takes the next revision, and remembers the old one.
      const a = annotations(current)
      a[REVISION_HISTORY] = [a[REVISION_HISTORY], a[REVISION]].filter(Boolean).join(',')
      a[REVISION] = String(maxRevision + 1)
      s.update('replicasets', current)
      progressed = true
    }
    if (annotations(d)[REVISION] !== annotations(current)[REVISION]) {
      annotations(d)[REVISION] = annotations(current)[REVISION]
    }

    const olds = sets.filter(rs => rs !== current && (rs.spec.replicas ?? 0) > 0)
    const minReady = d.spec.minReadySeconds ?? 0
    const counts = (rs: Obj) => ({ replicas: rs.spec.replicas ?? 0, available: this.available(rs, minReady) })
    const recreate = d.spec.strategy?.type === 'Recreate'
    const ru = d.spec.strategy?.rollingUpdate
    const step = recreate
      ? {
          oldReplicas: olds.map(() => 0),
          newReplicas: olds.some(o => this.podsOf(o).length > 0) ? (current.spec.replicas ?? 0) : desired
        }
      : rollingStep(
          desired,
          surgeAndUnavailable(desired, ru?.maxSurge, ru?.maxUnavailable),
          counts(current),
          olds.map(counts)
        )
    if (step.newReplicas !== (current.spec.replicas ?? 0)) {
      this.scale('replicasets', d, current, step.newReplicas)
      progressed = true
    }
    olds.forEach((rs, i) => {
      if (step.oldReplicas[i] !== rs.spec.replicas) {
        this.scale('replicasets', d, rs, step.oldReplicas[i])
        progressed = true
      }
    })

    // Status, from the sets' pods as the controller counts them.
    const all = sets.flatMap(rs => this.podsOf(rs))
    const mine = this.podsOf(current)
    const available = sets.reduce((n, rs) => n + this.available(rs, minReady), 0)
    const status = {
      observedGeneration: d.metadata.generation,
      replicas: all.length,
      updatedReplicas: mine.length,
      readyReplicas: all.filter(podReady).length,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, desired - available)
    }
    const before = d.status
    progressed ||=
      status.updatedReplicas > (before.updatedReplicas ?? 0) ||
      status.availableReplicas > (before.availableReplicas ?? 0) ||
      status.readyReplicas > (before.readyReplicas ?? 0) ||
      status.replicas - status.updatedReplicas < (before.replicas ?? 0) - (before.updatedReplicas ?? 0)
    const limits = surgeAndUnavailable(desired, ru?.maxSurge, ru?.maxUnavailable)
    conditions = setCondition(
      conditions,
      available >= desired - (recreate ? 0 : limits.unavailable)
        ? {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.'
          }
        : {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.'
          },
      at,
      false
    )
    const rsName = current.metadata.name
    const complete =
      status.updatedReplicas === desired && status.replicas === desired && available === desired
    const progressing = conditions.find(c => c.type === 'Progressing')
    const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000
    const uid = d.metadata.uid
    if (progressed || !this.lastProgress.has(uid)) this.lastProgress.set(uid, Date.now())
    if (complete) {
      if (progressing?.reason !== 'NewReplicaSetAvailable')
        conditions = setCondition(
          conditions,
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet "${rsName}" has successfully progressed.`
          },
          at
        )
    } else if (progressed) {
      if (progressing?.reason !== 'NewReplicaSetCreated' || progressing.message.indexOf(rsName) < 0)
        conditions = setCondition(
          conditions,
          {
            type: 'Progressing',
            status: 'True',
            reason: 'ReplicaSetUpdated',
            message: `ReplicaSet "${rsName}" is progressing.`
          },
          at
        )
    } else if (
      progressing?.reason !== 'ProgressDeadlineExceeded' &&
      Date.now() - (this.lastProgress.get(uid) ?? 0) > deadline
    ) {
      conditions = setCondition(
        conditions,
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: `ReplicaSet "${rsName}" has timed out progressing.`
        },
        at
      )
      s.event(
        d,
        'Warning',
        'ProgressDeadlineExceeded',
        `Deployment "${d.metadata.name}" has timed out progressing.`,
        'deployment-controller'
      )
    }
    const next = {
      ...status,
      conditions: [...conditions].sort((a, b) => a.type.localeCompare(b.type))
    }
    if (
      JSON.stringify(next) !== JSON.stringify(d.status) ||
      d.metadata.annotations?.[REVISION] !== before[REVISION]
    ) {
      d.status = next
      s.update('deployments', d)
    }
    this.pruneHistory(d, sets)
  }

  private newReplicaSet(d: Obj, revision: number): Obj {
    const hash = templateHash(withoutHash(d.spec.template))
    const template = structuredClone(d.spec.template)
    template.metadata ??= {}
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH]: hash }
    const desired = d.spec.replicas ?? 1
    const rs = this.store.create('replicasets', d.metadata.namespace, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        labels: { ...template.metadata.labels },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(desired),
          'deployment.kubernetes.io/max-replicas': String(desired + surgeAndUnavailable(desired).surge),
          [REVISION]: String(revision)
        },
        ownerReferences: [ownerRef(d)]
      },
      spec: {
        replicas: 0,
        minReadySeconds: d.spec.minReadySeconds ?? 0,
        selector: { matchLabels: { ...selectorLabels(d.spec.selector), [HASH]: hash } },
        template
      },
      status: { replicas: 0, observedGeneration: 1 }
    })
    return rs
  }

  /** Old sets beyond revisionHistoryLimit go, oldest first, once they have no pods. */
  private pruneHistory(d: Obj, sets: Obj[]): void {
    const limit = d.spec.revisionHistoryLimit ?? 10
    const idle = sets
      .filter(
        rs => (rs.spec.replicas ?? 0) === 0 && this.podsOf(rs).length === 0 && revisionOf(rs) < revisionOf(d)
      )
      .sort((a, b) => revisionOf(a) - revisionOf(b))
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit)))
      this.store.remove('replicasets', rs.metadata.namespace, rs.metadata.name)
  }

  private scale(resource: 'replicasets' | 'replicationcontrollers', owner: Obj, set: Obj, to: number): void {
    const from = set.spec.replicas ?? 0
    set.spec.replicas = to
    set.metadata.generation++
    this.store.update(resource, set)
    const what = resource === 'replicasets' ? 'replica set' : 'replication controller'
    this.store.event(
      owner,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${to > from ? 'up' : 'down'} ${what} ${set.metadata.name} from ${from} to ${to}`,
      resource === 'replicasets' ? 'deployment-controller' : 'deploymentconfig-controller'
    )
  }

  private podsOf(set: Obj): Obj[] {
    return this.store.list('pods', set.metadata.namespace).filter(p => ownedBy(p, set))
  }

  private available(set: Obj, minReadySeconds: number): number {
    return this.podsOf(set).filter(p => podAvailable(p, minReadySeconds)).length
  }

  // --- ReplicaSets and ReplicationControllers

  private replicas(resource: 'replicasets' | 'replicationcontrollers', set: Obj): void {
    const s = this.store
    const want = set.spec.replicas ?? 0
    let pods = this.podsOf(set)
    for (let i = pods.length; i < want; i++) {
      const pod = createPod(s, set)
      s.event(
        set,
        'Normal',
        'SuccessfulCreate',
        `Created pod: ${pod.metadata.name}`,
        `${resource.slice(0, -1)}-controller`
      )
    }
    if (pods.length > want) {
      // Not-ready pods go first, then the newest.
      const order = [...pods].sort(
        (a, b) =>
          Number(podReady(a)) - Number(podReady(b)) ||
          b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp)
      )
      for (const pod of order.slice(0, pods.length - want)) {
        deletePod(s, pod)
        s.event(
          set,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name}`,
          `${resource.slice(0, -1)}-controller`
        )
      }
    }
    pods = this.podsOf(set)
    const status = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: pods.filter(podReady).length,
      availableReplicas: pods.filter(p => podAvailable(p, set.spec.minReadySeconds ?? 0)).length,
      observedGeneration: set.metadata.generation
    }
    if (JSON.stringify(status) !== JSON.stringify(set.status)) {
      set.status = status
      s.update(resource, set)
    }
  }

  // --- DeploymentConfigs

  private deploymentConfig(dc: Obj): void {
    const s = this.store
    const ns = dc.metadata.namespace
    const triggers = dc.spec.triggers ?? []
    let cause: Record<string, unknown> | undefined
    for (const t of triggers) {
      const p = t.type === 'ImageChange' ? t.imageChangeParams : undefined
      if (!p || p.automatic === false || p.from.kind !== 'ImageStreamTag') continue
      const image = resolveTag(s.state, p.from.namespace || ns, p.from.name)
      if (!image || image === p.lastTriggeredImage) continue
      for (const c of dc.spec.template.spec.containers) if (p.containerNames.includes(c.name)) c.image = image
      p.lastTriggeredImage = image
      dc.metadata.generation++
      cause = {
        type: 'ImageChange',
        imageTrigger: { from: { kind: 'DockerImage', name: image } }
      }
    }
    const rcs = this.ownedSets('replicationcontrollers', dc)
    const version = Number(dc.status.latestVersion ?? 0)
    const latest = rcs.find(rc => Number(rc.metadata.annotations?.[DC_VERSION]) === version)
    const configChange = triggers.some(t => t.type === 'ConfigChange')
    const waitingForImage = triggers.some(
      t =>
        t.type === 'ImageChange' &&
        t.imageChangeParams?.automatic !== false &&
        !t.imageChangeParams?.lastTriggeredImage
    )
    if (
      !cause &&
      configChange &&
      !waitingForImage &&
      (!latest || !sameTemplate(deployedTemplate(latest), dc.spec.template))
    )
      cause = { type: 'ConfigChange' }
    if (cause) {
      this.instantiate(dc, cause)
      return
    }
    this.dcProgress(dc, rcs, latest)
  }

  /** A new version: its ReplicationController, scaled up by the rolling deployer in later ticks. */
  instantiate(dc: Obj, cause: Record<string, unknown>): void {
    const s = this.store
    // A version still running is cancelled by the newer one, as the deployer does.
    for (const rc of this.ownedSets('replicationcontrollers', dc)) {
      const a = annotations(rc)
      if (a[DC_PHASE] !== 'Running') continue
      a[DC_PHASE] = 'Failed'
      a['openshift.io/deployment.cancelled'] = 'true'
      a['openshift.io/deployment.status-reason'] = 'cancelled as a newer deployment was found running'
      s.update('replicationcontrollers', rc)
    }
    const version = Number(dc.status.latestVersion ?? 0) + 1
    const name = `${dc.metadata.name}-${version}`
    const template = structuredClone(dc.spec.template)
    template.metadata ??= {}
    template.metadata.labels = {
      ...(template.metadata.labels ?? {}),
      deployment: name,
      deploymentconfig: dc.metadata.name
    }
    template.metadata.annotations = {
      ...(template.metadata.annotations ?? {}),
      'openshift.io/deployment-config.latest-version': String(version),
      'openshift.io/deployment-config.name': dc.metadata.name,
      'openshift.io/deployment.name': name
    }
    s.create('replicationcontrollers', dc.metadata.namespace, {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: {
        name,
        labels: { 'openshift.io/deployment-config.name': dc.metadata.name },
        annotations: {
          [DC_VERSION]: String(version),
          [DC_NAME]: dc.metadata.name,
          [DC_PHASE]: 'Running',
          [ENCODED]: JSON.stringify(dc),
          'openshift.io/deployment.replicas': String(dc.spec.replicas ?? 1),
          'openshift.io/deployer-pod.name': `${name}-deploy`
        },
        ownerReferences: [ownerRef(dc)]
      },
      spec: {
        replicas: 0,
        selector: {
          ...selectorLabels(dc.spec.selector),
          deployment: name,
          deploymentconfig: dc.metadata.name
        },
        template
      },
      status: { replicas: 0 }
    })
    this.lastProgress.set(dc.metadata.uid, Date.now())
    const reason =
      cause.type === 'ImageChange'
        ? 'image change'
        : cause.type === 'Manual'
          ? 'manual change'
          : 'config change'
    const conditions = setCondition(
      (dc.status.conditions ?? []) as Condition[],
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicationControllerCreated',
        message: `replication controller "${name}" is waiting for pod "${name}-deploy" to run`
      },
      now()
    )
    dc.status = {
      ...dc.status,
      latestVersion: version,
      observedGeneration: dc.metadata.generation,
      details: { message: reason, causes: [cause] },
      conditions
    }
    s.update('deploymentconfigs', dc)
    s.event(
      dc,
      'Normal',
      'DeploymentCreated',
      `Created new replication controller "${name}" for version ${version}`,
      'deploymentconfig-controller'
    )
  }

  private dcProgress(dc: Obj, rcs: Obj[], latest: Obj | undefined): void {
    const s = this.store
    const desired = dc.spec.replicas ?? 1
    const at = now()
    let conditions = (dc.status.conditions ?? []) as Condition[]
    if (latest && latest.metadata.annotations?.[DC_PHASE] === 'Running') {
      const rp = dc.spec.strategy?.rollingParams
      const olds = rcs.filter(rc => rc !== latest && (rc.spec.replicas ?? 0) > 0)
      const counts = (rc: Obj) => ({
        replicas: rc.spec.replicas ?? 0,
        available: this.available(rc, dc.spec.minReadySeconds ?? 0)
      })
      const step =
        dc.spec.strategy?.type === 'Recreate'
          ? {
              newReplicas: olds.some(o => this.podsOf(o).length > 0) ? 0 : desired,
              oldReplicas: olds.map(() => 0)
            }
          : rollingStep(
              desired,
              surgeAndUnavailable(desired, rp?.maxSurge, rp?.maxUnavailable),
              counts(latest),
              olds.map(counts)
            )
      let progressed = false
      if (step.newReplicas !== latest.spec.replicas) {
        this.scale('replicationcontrollers', dc, latest, step.newReplicas)
        progressed = true
      }
      olds.forEach((rc, i) => {
        if (step.oldReplicas[i] !== rc.spec.replicas) {
          this.scale('replicationcontrollers', dc, rc, step.oldReplicas[i])
          progressed = true
        }
      })
      const name = latest.metadata.name
      const timeout = (rp?.timeoutSeconds ?? 600) * 1000
      const started = this.lastProgress.get(dc.metadata.uid) ?? Date.now()
      if (counts(latest).available === desired && olds.every(o => this.podsOf(o).length === 0)) {
        annotations(latest)[DC_PHASE] = 'Complete'
        s.update('replicationcontrollers', latest)
        conditions = setCondition(
          conditions,
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicationControllerAvailable',
            message: `replication controller "${name}" successfully rolled out`
          },
          at
        )
      } else if (Date.now() - started > timeout) {
        // The deployer gives up: the new version is scaled to zero and the last complete one back up.
        annotations(latest)[DC_PHASE] = 'Failed'
        this.scale('replicationcontrollers', dc, latest, 0)
        const previous = rcs
          .filter(rc => rc.metadata.annotations?.[DC_PHASE] === 'Complete')
          .sort(
            (a, b) =>
              Number(b.metadata.annotations?.[DC_VERSION]) - Number(a.metadata.annotations?.[DC_VERSION])
          )[0]
        if (previous) this.scale('replicationcontrollers', dc, previous, desired)
        conditions = setCondition(
          conditions,
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: `replication controller "${name}" has failed progressing`
          },
          at
        )
        s.event(
          dc,
          'Warning',
          'DeploymentFailed',
          `Rollout of version ${latest.metadata.annotations?.[DC_VERSION]} failed: timed out after ${timeout / 1000}s`,
          'deployer'
        )
      } else if (
        progressed &&
        conditions.find(c => c.type === 'Progressing')?.reason !== 'ReplicationControllerUpdated'
      ) {
        conditions = setCondition(
          conditions,
          {
            type: 'Progressing',
            status: 'True',
            reason: 'ReplicationControllerUpdated',
            message: `replication controller "${name}" is progressing`
          },
          at
        )
      }
    }
    const all = rcs.flatMap(rc => this.podsOf(rc))
    const available = rcs.reduce((n, rc) => n + this.available(rc, dc.spec.minReadySeconds ?? 0), 0)
    const rp = dc.spec.strategy?.rollingParams
    const limits = surgeAndUnavailable(desired, rp?.maxSurge, rp?.maxUnavailable)
    conditions = setCondition(
      conditions,
      available >= desired - limits.unavailable
        ? {
            type: 'Available',
            status: 'True',
            reason: '',
            message: 'Deployment config has minimum availability.'
          }
        : {
            type: 'Available',
            status: 'False',
            reason: '',
            message: 'Deployment config does not have minimum availability.'
          },
      at,
      false
    )
    const next = {
      ...dc.status,
      observedGeneration: dc.metadata.generation,
      replicas: all.length,
      updatedReplicas: latest ? this.podsOf(latest).length : 0,
      readyReplicas: all.filter(podReady).length,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, desired - available),
      latestVersion: Number(dc.status.latestVersion ?? 0),
      conditions: [...conditions].sort((a, b) => a.type.localeCompare(b.type))
    }
    if (JSON.stringify(next) !== JSON.stringify(dc.status)) {
      dc.status = next
      s.update('deploymentconfigs', dc)
    }
  }
}

const controllers = new WeakMap<Workloads, Controller>()

/** The controller of an emulator's workloads (made with the store, started by its first workload). */
export function controllerOf(state: State): Controller {
  const store = workloadsOf(state)
  let c = controllers.get(store)
  if (!c) {
    c = new Controller(store)
    controllers.set(store, c)
  }
  return c
}
