// The workloads a push rolls out: Deployments (apps/v1) and DeploymentConfigs (apps.openshift.io/v1). What the
// `rollout` input names, reading them, deciding for each whether it is patched to the pushed digest or follows the
// stream tag by an image trigger already, the patch itself, and reading a rollout's progress and its pods' state
// back as the cluster reports them. The stage (stages/rollout.ts) decides when; this module only speaks to the API.
import { printable } from '../registry/reference.js'
import { HttpStatusError, UserError } from '../util/errors.js'
import type { OpenShiftApi, ResourceAttributes } from './api.js'

export type WorkloadKind = 'deployment' | 'deploymentconfig'

/** One line of the `rollout` input: `deployment/web`, `deployment/worker:app`, `deploymentconfig/api`. */
export interface WorkloadRef {
  kind: WorkloadKind
  name: string
  /** The one container to point at the image; undefined: found from the workload. */
  container?: string
}

const KIND_NAMES: Record<string, WorkloadKind> = {
  deployment: 'deployment',
  deployments: 'deployment',
  deploy: 'deployment',
  'deployment.apps': 'deployment',
  deploymentconfig: 'deploymentconfig',
  deploymentconfigs: 'deploymentconfig',
  dc: 'deploymentconfig',
  'deploymentconfig.apps.openshift.io': 'deploymentconfig'
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

export function describeRef(ref: WorkloadRef): string {
  return `${ref.kind}/${ref.name}`
}

/** Parses the `rollout` input: one workload a line (commas work too); blank lines and duplicates are refused. */
export function parseWorkloads(value: string): WorkloadRef[] {
  const refs: WorkloadRef[] = []
  for (const line of value
    .split(/[\n,]/)
    .map(l => l.trim())
    .filter(Boolean)) {
    const m = /^([a-z.]+)\/([^/:\s]+)(?::([^/:\s]+))?$/.exec(line)
    const kind = m ? KIND_NAMES[m[1]] : undefined
    if (!m || !kind) {
      throw new UserError(
        `Input 'rollout': '${printable(line)}' is not a workload. Write one a line as deployment/NAME, deployment/NAME:CONTAINER or deploymentconfig/NAME.`
      )
    }
    const [name, container] = [m[2], m[3]]
    if (!DNS_SUBDOMAIN.test(name) || name.length > 253 || (container && !DNS_LABEL.test(container))) {
      throw new UserError(
        `Input 'rollout': '${printable(line)}' names no valid workload or container (lower-case letters, digits and '-', as Kubernetes names them).`
      )
    }
    if (refs.some(r => r.kind === kind && r.name === name)) {
      throw new UserError(
        `Input 'rollout': ${kind}/${name} is named twice. Name each workload once; to point several of its containers at the image, leave the container out.`
      )
    }
    refs.push({ kind, name, ...(container ? { container } : {}) })
  }
  return refs
}

// --- the objects, as far as the action reads them

export interface Container {
  name: string
  image: string
}

export interface Condition {
  type: string
  status: string
  reason?: string
  message?: string
}

export interface WorkloadObject {
  kind?: string
  metadata: {
    name: string
    namespace?: string
    uid?: string
    generation?: number
    annotations?: Record<string, string>
  }
  spec: {
    replicas?: number
    paused?: boolean
    progressDeadlineSeconds?: number
    selector?: { matchLabels?: Record<string, string> } | Record<string, string>
    template: { metadata?: { labels?: Record<string, string> }; spec: { containers: Container[] } }
    triggers?: {
      type: string
      imageChangeParams?: {
        automatic?: boolean
        containerNames?: string[]
        from?: { kind?: string; name?: string; namespace?: string }
        lastTriggeredImage?: string
      }
    }[]
    strategy?: { rollingParams?: { timeoutSeconds?: number } }
  }
  status?: {
    observedGeneration?: number
    replicas?: number
    updatedReplicas?: number
    readyReplicas?: number
    availableReplicas?: number
    latestVersion?: number
    conditions?: Condition[]
  }
}

interface KindApi {
  group: string
  resource: string
  path: (ns: string, name: string) => string
  /** Where the revisions live: ReplicaSets of a Deployment, ReplicationControllers of a DeploymentConfig. */
  sets: { group: string; resource: string }
}

export const KINDS: Record<WorkloadKind, KindApi> = {
  deployment: {
    group: 'apps',
    resource: 'deployments',
    path: (ns, name) => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`,
    sets: { group: 'apps', resource: 'replicasets' }
  },
  deploymentconfig: {
    group: 'apps.openshift.io',
    resource: 'deploymentconfigs',
    path: (ns, name) => `/apis/apps.openshift.io/v1/namespaces/${ns}/deploymentconfigs/${name}`,
    sets: { group: '', resource: 'replicationcontrollers' }
  }
}

/**
 * The access reviews a rollout of these kinds needs, asked in the preflight: read and patch the workloads (a
 * rollback patches too), read their revisions, pods, pod logs and events (to wait, and to say why a rollout
 * failed).
 */
export function rolloutRights(refs: WorkloadRef[]): Omit<ResourceAttributes, 'namespace'>[] {
  const kinds = [...new Set(refs.map(r => r.kind))]
  return [
    ...kinds.flatMap(k => [
      { verb: 'get', group: KINDS[k].group, resource: KINDS[k].resource },
      { verb: 'patch', group: KINDS[k].group, resource: KINDS[k].resource },
      { verb: 'list', ...KINDS[k].sets }
    ]),
    ...(kinds.includes('deploymentconfig')
      ? [
          {
            verb: 'create',
            group: 'apps.openshift.io',
            resource: 'deploymentconfigs',
            subresource: 'instantiate'
          }
        ]
      : []),
    { verb: 'list', group: '', resource: 'pods' },
    { verb: 'get', group: '', resource: 'pods', subresource: 'log' },
    { verb: 'list', group: '', resource: 'events' }
  ]
}

/** Reads a named workload; one that does not exist is the user's to fix, said so. */
export async function getWorkload(
  api: OpenShiftApi,
  project: string,
  ref: WorkloadRef
): Promise<WorkloadObject> {
  try {
    return await api.get<WorkloadObject>(KINDS[ref.kind].path(project, ref.name))
  } catch (err) {
    if (err instanceof HttpStatusError && err.status === 404) {
      const hint =
        ref.kind === 'deployment'
          ? "Create it first (`oc create deployment`), or correct the name in 'rollout'"
          : "Correct the name in 'rollout' (`oc get dc` lists them)"
      throw new UserError(`Input 'rollout': ${describeRef(ref)} does not exist in ${project}. ${hint}.`)
    }
    throw err
  }
}

// --- the plan for each workload

/** The pushed image as the workloads should run it. */
export interface PushedImage {
  project: string
  /** The ImageStream's name. */
  image: string
  /** The tags this run pushed. */
  tags: string[]
  /** `<internal host>/<project>/<image>@sha256:...`, or, in a dry run, the same without the digest known. */
  internal: string
}

export type WorkloadPlan =
  | { ref: WorkloadRef; how: 'patch'; containers: { index: number; name: string; from: string }[] }
  | { ref: WorkloadRef; how: 'trigger'; tag: string; containers: string[] }

const TRIGGERS = 'image.openshift.io/triggers'

/** The image triggers of a Deployment that are in force (a list that does not parse is ignored by the cluster too). */
function deploymentTriggers(obj: WorkloadObject): { tag: string; namespace?: string; container: string }[] {
  const raw = obj.metadata.annotations?.[TRIGGERS]
  if (!raw) return []
  try {
    const list = JSON.parse(raw) as {
      from?: { kind?: string; name?: string; namespace?: string }
      fieldPath?: string
      paused?: unknown
    }[]
    if (!Array.isArray(list) || list.some(t => t.paused !== undefined && typeof t.paused !== 'boolean'))
      return []
    return list.flatMap(t => {
      const m = /containers\[\?\(@\.name=="([^"]+)"\)\]\.image$/.exec(t.fieldPath ?? '')
      if (t.paused === true || t.from?.kind !== 'ImageStreamTag' || !t.from.name || !m) return []
      return [{ tag: t.from.name, namespace: t.from.namespace, container: m[1] }]
    })
  } catch {
    return []
  }
}

/** Every container that follows a tag of the pushed stream, with the tag: from either kind of trigger. */
function followers(obj: WorkloadObject, kind: WorkloadKind, project: string): Map<string, string> {
  const out = new Map<string, string>()
  if (kind === 'deployment') {
    for (const t of deploymentTriggers(obj))
      if ((t.namespace ?? project) === project) out.set(t.container, t.tag)
  } else {
    for (const t of obj.spec.triggers ?? []) {
      const p = t.imageChangeParams
      if (t.type !== 'ImageChange' || !p || p.automatic === false || p.from?.kind !== 'ImageStreamTag')
        continue
      if ((p.from.namespace || project) !== project || !p.from.name) continue
      for (const c of p.containerNames ?? []) out.set(c, p.from.name)
    }
  }
  return out
}

/** Whether `image` names the pushed stream (on either registry host, by tag or digest). */
function isOfStream(image: string, pushed: PushedImage): boolean {
  return new RegExp(`/${pushed.project}/${pushed.image}([:@]|$)`).test(image)
}

/**
 * How a workload gets the pushed image: the containers named (or, when none is, those already running an image
 * of the pushed stream, or the only one) are patched to the digest; a container that follows a pushed tag by an
 * image trigger is left to the trigger, which the cluster fires on the push.
 */
export function planWorkload(ref: WorkloadRef, obj: WorkloadObject, pushed: PushedImage): WorkloadPlan {
  if (obj.spec.paused) {
    throw new UserError(
      `Input 'rollout': ${describeRef(ref)} is paused, so it would not roll out. Resume it (\`oc rollout resume ${describeRef(ref)}\`), or leave it out of 'rollout'.`
    )
  }
  const containers = obj.spec.template.spec.containers
  const names = containers.map(c => c.name)
  let chosen: Container[]
  if (ref.container) {
    const c = containers.find(x => x.name === ref.container)
    if (!c) {
      throw new UserError(
        `Input 'rollout': ${describeRef(ref)} has no container ${ref.container}; its containers are ${names.join(', ')}.`
      )
    }
    chosen = [c]
  } else if (containers.length === 1) {
    chosen = containers
  } else {
    chosen = containers.filter(c => isOfStream(c.image, pushed))
    if (chosen.length === 0) {
      throw new UserError(
        `Input 'rollout': ${describeRef(ref)} has several containers (${names.join(', ')}) and none runs ${pushed.project}/${pushed.image} yet. Name the one to update, e.g. ${describeRef(ref)}:${names[0]}.`
      )
    }
  }
  const follow = followers(obj, ref.kind, pushed.project)
  const tags = chosen.map(c => follow.get(c.name))
  const pushedTag = (t: string | undefined) =>
    !!t && pushed.tags.includes(t.split(':')[1] ?? 'latest') && t.split(':')[0] === pushed.image
  if (tags.every(pushedTag))
    return { ref, how: 'trigger', tag: tags[0]!, containers: chosen.map(c => c.name) }
  return {
    ref,
    how: 'patch',
    containers: chosen.map(c => ({ index: containers.indexOf(c), name: c.name, from: c.image }))
  }
}

/** What a plan does, in a sentence (the log, the dry run, the summary). */
export function describePlan(plan: WorkloadPlan, image: string): string {
  const what = describeRef(plan.ref)
  if (plan.how === 'trigger') return `${what} follows ${plan.tag} and will roll out`
  const cs = plan.containers.map(c => c.name).join(', ')
  return `${what}: container${plan.containers.length > 1 ? 's' : ''} ${cs} set to ${image}`
}

/**
 * Points the planned containers at `image`: a JSON patch that first tests each container is still where it was
 * read, so that a workload changed meanwhile is refused (422) rather than patched in the wrong place.
 */
export async function patchImages(
  api: OpenShiftApi,
  project: string,
  plan: Extract<WorkloadPlan, { how: 'patch' }>,
  image: string
): Promise<WorkloadObject> {
  const ops = plan.containers.flatMap(c => [
    { op: 'test', path: `/spec/template/spec/containers/${c.index}/name`, value: c.name },
    { op: 'replace', path: `/spec/template/spec/containers/${c.index}/image`, value: image }
  ])
  return api.request<WorkloadObject>(
    'PATCH',
    KINDS[plan.ref.kind].path(project, plan.ref.name),
    ops,
    'application/json-patch+json'
  )
}

/** Sets containers' images by name (a rollback); a JSON patch as above. */
export async function setImages(
  api: OpenShiftApi,
  project: string,
  ref: WorkloadRef,
  obj: WorkloadObject,
  images: Map<string, string>
): Promise<WorkloadObject> {
  const ops = obj.spec.template.spec.containers.flatMap((c, i) =>
    images.has(c.name)
      ? [
          { op: 'test', path: `/spec/template/spec/containers/${i}/name`, value: c.name },
          { op: 'replace', path: `/spec/template/spec/containers/${i}/image`, value: images.get(c.name) }
        ]
      : []
  )
  return api.request<WorkloadObject>(
    'PATCH',
    KINDS[ref.kind].path(project, ref.name),
    ops,
    'application/json-patch+json'
  )
}

/** Replaces a Deployment's pod template whole, as `kubectl rollout undo` does. */
export async function replaceTemplate(
  api: OpenShiftApi,
  project: string,
  ref: WorkloadRef,
  template: unknown
): Promise<WorkloadObject> {
  const ops = [{ op: 'replace', path: '/spec/template', value: template }]
  return api.request<WorkloadObject>(
    'PATCH',
    KINDS[ref.kind].path(project, ref.name),
    ops,
    'application/json-patch+json'
  )
}

// --- revisions, pods and events

export interface SetObject {
  metadata: {
    name: string
    uid?: string
    annotations?: Record<string, string>
    labels?: Record<string, string>
    ownerReferences?: { uid: string; controller?: boolean }[]
  }
  spec: { replicas?: number; template: WorkloadObject['spec']['template'] }
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number }
}

function selectorOf(obj: WorkloadObject): Record<string, string> {
  const s = obj.spec.selector ?? {}
  return ('matchLabels' in s ? s.matchLabels : s) as Record<string, string>
}

function labelSelector(labels: Record<string, string>): string {
  return encodeURIComponent(
    Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',')
  )
}

/** The ReplicaSets (Deployment) or ReplicationControllers (DeploymentConfig) the workload controls. */
export async function listSets(
  api: OpenShiftApi,
  project: string,
  kind: WorkloadKind,
  obj: WorkloadObject
): Promise<SetObject[]> {
  const path =
    kind === 'deployment'
      ? `/apis/apps/v1/namespaces/${project}/replicasets?labelSelector=${labelSelector(selectorOf(obj))}`
      : `/api/v1/namespaces/${project}/replicationcontrollers?labelSelector=${labelSelector({ 'openshift.io/deployment-config.name': obj.metadata.name })}`
  const list = await api.get<{ items?: SetObject[] }>(path)
  return (list.items ?? []).filter(s =>
    s.metadata.ownerReferences?.some(o => o.uid === obj.metadata.uid && o.controller)
  )
}

export interface ContainerStatus {
  name: string
  ready?: boolean
  restartCount?: number
  state?: {
    waiting?: { reason?: string; message?: string }
    running?: unknown
    terminated?: { exitCode?: number; reason?: string; message?: string }
  }
  lastState?: { terminated?: { exitCode?: number; reason?: string; message?: string } }
}

export interface PodObject {
  metadata: { name: string; uid?: string }
  status?: { phase?: string; containerStatuses?: ContainerStatus[] }
}

export async function listPods(
  api: OpenShiftApi,
  project: string,
  labels: Record<string, string>
): Promise<PodObject[]> {
  const list = await api.get<{ items?: PodObject[] }>(
    `/api/v1/namespaces/${project}/pods?labelSelector=${labelSelector(labels)}`
  )
  return list.items ?? []
}

export interface EventObject {
  involvedObject?: { name?: string; uid?: string }
  type?: string
  reason?: string
  message?: string
}

/** The events about one object (a pod), as `oc describe` reads them. */
export async function listEvents(api: OpenShiftApi, project: string, name: string): Promise<EventObject[]> {
  const field = encodeURIComponent(`involvedObject.name=${name}`)
  const list = await api.get<{ items?: EventObject[] }>(
    `/api/v1/namespaces/${project}/events?fieldSelector=${field}`
  )
  return list.items ?? []
}

/** The last lines of a container's previous run (a crashed one), or undefined where they cannot be read. */
export async function previousLog(
  api: OpenShiftApi,
  project: string,
  pod: string,
  container: string
): Promise<string | undefined> {
  try {
    return await api.text(
      `/api/v1/namespaces/${project}/pods/${pod}/log?container=${encodeURIComponent(container)}&previous=true&limitBytes=4096`
    )
  } catch {
    return undefined
  }
}

/** A ReplicationController by name (a DeploymentConfig's version), or undefined while it does not exist. */
export async function getSet(
  api: OpenShiftApi,
  project: string,
  name: string
): Promise<SetObject | undefined> {
  try {
    return await api.get<SetObject>(`/api/v1/namespaces/${project}/replicationcontrollers/${name}`)
  } catch (err) {
    if (err instanceof HttpStatusError && err.status === 404) return undefined
    throw err
  }
}

/** A new version of a DeploymentConfig now, as `oc rollout latest` asks: for one without a ConfigChange trigger. */
export async function instantiate(api: OpenShiftApi, project: string, name: string): Promise<WorkloadObject> {
  return api.post<WorkloadObject>(`${KINDS.deploymentconfig.path(project, name)}/instantiate`, {
    kind: 'DeploymentRequest',
    apiVersion: 'apps.openshift.io/v1',
    name,
    latest: true,
    force: true
  })
}
