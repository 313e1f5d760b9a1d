// The workloads' side of the API: Deployments and ReplicaSets (apps/v1), DeploymentConfigs
// (apps.openshift.io/v1, with `instantiate`), and in the core group ReplicationControllers, pods
// (with `log`) and events. Get, list (label and field selectors, or a watch stream as `kubectl
// rollout status` opens one), create, update, patch (strategic merge, merge, JSON patch) and
// delete with the owned objects collected, as the garbage collector would.
import { controllerOf } from '../workloads/controller.js'
import { podLog } from '../workloads/pods.js'
import {
  type Draft,
  type Labels,
  type Meta,
  type Obj,
  ownedBy,
  type Resource,
  selectorLabels,
  type WatchType,
  workloadsOf
} from '../workloads/store.js'
import { type Ctx, type Route, route } from './context.js'
import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  nameProblem,
  notFound,
  type StatusObject,
  success
} from './status.js'
import { age, type Column } from './table.js'

interface Kind {
  resource: Resource
  group: string
  version: string
  kind: string
  /** Whose clients may create it (pods, sets and events are the controllers'). */
  creatable: boolean
  columns: Column[]
}

const meta = (o: Record<string, unknown>) => o.metadata as Meta
const status = (o: Record<string, unknown>) => (o.status ?? {}) as Record<string, number | undefined>
const spec = (o: Record<string, unknown>) => (o.spec ?? {}) as Record<string, unknown>
const AGE: Column = { name: 'Age', cell: o => age(meta(o).creationTimestamp) }
const NAME: Column = { name: 'Name', format: 'name', cell: o => meta(o).name }

/** What `kubectl get rs` and `kubectl get rc` print. */
const SET_COLUMNS: Column[] = [
  NAME,
  { name: 'Desired', type: 'integer', cell: o => spec(o).replicas ?? 0 },
  { name: 'Current', type: 'integer', cell: o => status(o).replicas ?? 0 },
  { name: 'Ready', type: 'integer', cell: o => status(o).readyReplicas ?? 0 },
  AGE
]

const KINDS: Kind[] = [
  {
    resource: 'deployments',
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    creatable: true,
    columns: [
      NAME,
      { name: 'Ready', cell: o => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 1}` },
      { name: 'Up-to-date', type: 'integer', cell: o => status(o).updatedReplicas ?? 0 },
      { name: 'Available', type: 'integer', cell: o => status(o).availableReplicas ?? 0 },
      AGE
    ]
  },
  {
    resource: 'replicasets',
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    creatable: false,
    columns: SET_COLUMNS
  },
  {
    resource: 'deploymentconfigs',
    group: 'apps.openshift.io',
    version: 'v1',
    kind: 'DeploymentConfig',
    creatable: true,
    columns: [
      NAME,
      { name: 'Revision', type: 'integer', cell: o => status(o).latestVersion ?? 0 },
      { name: 'Desired', type: 'integer', cell: o => spec(o).replicas ?? 1 },
      { name: 'Current', type: 'integer', cell: o => status(o).replicas ?? 0 },
      AGE
    ]
  },
  {
    resource: 'replicationcontrollers',
    group: '',
    version: 'v1',
    kind: 'ReplicationController',
    creatable: false,
    columns: SET_COLUMNS
  },
  {
    resource: 'pods',
    group: '',
    version: 'v1',
    kind: 'Pod',
    creatable: false,
    columns: [
      NAME,
      {
        name: 'Ready',
        cell: o => {
          const cs = ((o.status as { containerStatuses?: { ready: boolean }[] }).containerStatuses ?? []) as {
            ready: boolean
          }[]
          return `${cs.filter(c => c.ready).length}/${cs.length}`
        }
      },
      { name: 'Status', cell: o => podStatusCell(o) },
      {
        name: 'Restarts',
        type: 'integer',
        cell: o =>
          ((o.status as { containerStatuses?: { restartCount: number }[] }).containerStatuses ?? []).reduce(
            (n, c) => n + c.restartCount,
            0
          )
      },
      AGE
    ]
  },
  {
    resource: 'events',
    group: '',
    version: 'v1',
    kind: 'Event',
    creatable: false,
    columns: [
      { name: 'Last Seen', cell: o => age(o.lastTimestamp as string) },
      { name: 'Type', cell: o => o.type },
      { name: 'Reason', cell: o => o.reason },
      {
        name: 'Object',
        cell: o => {
          const i = o.involvedObject as { kind: string; name: string }
          return `${i.kind.toLowerCase()}/${i.name}`
        }
      },
      { name: 'Message', cell: o => o.message }
    ]
  }
]

function podStatusCell(o: Record<string, unknown>): string {
  const st = o.status as { phase?: string; containerStatuses?: { state: { waiting?: { reason: string } } }[] }
  return st.containerStatuses?.find(c => c.state.waiting)?.state.waiting?.reason ?? st.phase ?? 'Pending'
}

/** What a client reads: a copy, so that its changes never reach the store. */
function render(o: Obj): Record<string, unknown> {
  return structuredClone(o)
}

// --- selectors

/** `metadata.name=x,involvedObject.uid!=y`: the field selectors the API server takes on these kinds. */
function fieldSelector(raw: string | null): ((o: Obj) => boolean) | { error: string } {
  const terms = (raw ?? '').split(',').filter(Boolean)
  const tests: ((o: Obj) => boolean)[] = []
  for (const term of terms) {
    const m = /^([A-Za-z.]+)\s*(==|=|!=)\s*(.*)$/.exec(term)
    if (!m) return { error: `invalid selector: '${term}'; can't understand '${term}'` }
    const [field, op, value] = [m[1], m[2], m[3]]
    const read = (o: Obj): unknown =>
      field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o)
    tests.push(o => (String(read(o) ?? '') === value) !== (op === '!='))
  }
  return o => tests.every(t => t(o))
}

function labelTest(ctx: Ctx): ((o: Obj) => boolean) | undefined {
  const picked = ctx.selected([] as Obj[])
  if (picked === undefined) return undefined
  return o => ctx.selected([o])?.length === 1
}

// --- handlers

function attrs(k: Kind, verb: string, ns: string, name?: string, subresource?: string) {
  return {
    verb,
    group: k.group,
    resource: k.resource,
    namespace: ns,
    ...(name ? { name } : {}),
    ...(subresource ? { subresource } : {})
  }
}

function list(k: Kind) {
  return (ctx: Ctx): void => {
    const ns = ctx.params.ns
    const watching = ['true', '1'].includes(ctx.url.searchParams.get('watch') ?? '')
    if (!ctx.allow(attrs(k, watching ? 'watch' : 'list', ns))) return
    const fields = fieldSelector(ctx.url.searchParams.get('fieldSelector'))
    if ('error' in fields) return ctx.fail(badRequest(fields.error))
    const labels = labelTest(ctx)
    if (!labels) return
    const pick = (o: Obj) => o.metadata.namespace === ns && fields(o) && labels(o)
    const store = workloadsOf(ctx.state)
    if (watching) return watch(ctx, k, pick)
    const items = store.list(k.resource, ns).filter(pick).map(render)
    ctx.sendList(`${k.kind}List`, k.group ? `${k.group}/${k.version}` : k.version, items, k.columns)
  }
}

/**
 * A watch: one JSON event per line, chunked, for every change after the resourceVersion asked
 * (every matching object as ADDED when none is given), until `timeoutSeconds` or the client goes.
 */
function watch(ctx: Ctx, k: Kind, pick: (o: Obj) => boolean): void {
  const store = workloadsOf(ctx.state)
  const since = Number(ctx.url.searchParams.get('resourceVersion') || 0)
  ctx.res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' })
  const send = (type: WatchType, o: Obj) => ctx.res.write(`${JSON.stringify({ type, object: render(o) })}\n`)
  for (const o of store.list(k.resource, ctx.params.ns)) {
    if (pick(o) && Number(o.metadata.resourceVersion) > since) send(since ? 'MODIFIED' : 'ADDED', o)
  }
  const stop = store.watch(k.resource, (type, o) => {
    if (pick(o)) send(type, o)
  })
  const seconds = Number(ctx.url.searchParams.get('timeoutSeconds') || 1800)
  const timer = setTimeout(() => ctx.res.end(), seconds * 1000)
  timer.unref()
  ctx.res.on('close', () => {
    stop()
    clearTimeout(timer)
  })
}

function get(k: Kind) {
  return (ctx: Ctx): void => {
    const { ns, name } = ctx.params
    if (!ctx.allow(attrs(k, 'get', ns, name))) return
    const o = workloadsOf(ctx.state).get(k.resource, ns, name)
    if (!o) return ctx.fail(notFound(k.resource, k.group, name))
    ctx.sendObject(200, render(o), k.columns)
  }
}

/** Defaults and checks of a new Deployment or DeploymentConfig, as the API server's; a Status when invalid. */
function admit(k: Kind, body: Record<string, unknown>, name: string): Draft | StatusObject {
  const problem = nameProblem(name)
  if (problem) return invalid(k.kind, k.group, name, 'metadata.name', name, problem)
  const s = (body.spec ?? {}) as Obj['spec']
  const containers = s.template?.spec?.containers
  if (!Array.isArray(containers) || containers.length === 0)
    return invalid(k.kind, k.group, name, 'spec.template.spec.containers', '', 'Required value')
  const labels = s.template.metadata?.labels ?? {}
  const selector = selectorLabels(s.selector)
  if (k.resource === 'deployments' && Object.keys(selector).length === 0)
    return invalid(k.kind, k.group, name, 'spec.selector', '', 'Required value')
  if (Object.entries(selector).some(([key, v]) => labels[key] !== v))
    return invalid(
      k.kind,
      k.group,
      name,
      'spec.template.metadata.labels',
      JSON.stringify(labels),
      '`selector` does not match template `labels`'
    )
  s.replicas ??= 1
  for (const c of containers) {
    c.imagePullPolicy ??= /:latest$|^[^:@]*$/.test(c.image.split('/').pop() ?? '') ? 'Always' : 'IfNotPresent'
    c.terminationMessagePath ??= '/dev/termination-log'
    c.terminationMessagePolicy ??= 'File'
    c.resources ??= {}
  }
  s.template.spec.restartPolicy ??= 'Always'
  s.template.spec.terminationGracePeriodSeconds ??= 30
  s.template.spec.dnsPolicy ??= 'ClusterFirst'
  s.template.spec.securityContext ??= {}
  s.template.spec.schedulerName ??= 'default-scheduler'
  if (k.resource === 'deployments') {
    s.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }
    s.revisionHistoryLimit ??= 10
    s.progressDeadlineSeconds ??= 600
  } else {
    s.strategy ??= {
      type: 'Rolling',
      rollingParams: { timeoutSeconds: 600, maxUnavailable: '25%', maxSurge: '25%' }
    }
    s.triggers ??= [{ type: 'ConfigChange' }]
    s.selector = Object.keys(selector).length ? selector : { ...labels }
  }
  const m = (body.metadata ?? {}) as Record<string, unknown>
  return {
    apiVersion: `${k.group}/${k.version}`,
    kind: k.kind,
    metadata: {
      name,
      ...(m.labels ? { labels: m.labels as Labels } : {}),
      ...(m.annotations ? { annotations: m.annotations as Labels } : {})
    },
    spec: s,
    status: k.resource === 'deploymentconfigs' ? { latestVersion: 0, observedGeneration: 0 } : {}
  }
}

function create(k: Kind) {
  return async (ctx: Ctx): Promise<void> => {
    const ns = ctx.params.ns
    if (!ctx.allow(attrs(k, 'create', ns))) return
    const body = await ctx.body()
    if (!body) return
    const name = String((body.metadata as Record<string, unknown> | undefined)?.name ?? '')
    const store = workloadsOf(ctx.state)
    if (!ctx.state.projects.has(ns)) return ctx.fail(notFound('namespaces', '', ns))
    if (store.get(k.resource, ns, name)) return ctx.fail(alreadyExists(k.resource, k.group, name))
    const obj = admit(k, body, name)
    if ('code' in obj) return ctx.fail(obj as StatusObject)
    controllerOf(ctx.state)
    if (ctx.url.searchParams.get('dryRun') === 'All') return ctx.send(201, structuredClone(obj))
    ctx.send(201, render(store.create(k.resource, ns, obj)))
  }
}

/** Takes what a client may change from `next` (labels, annotations, spec); a changed spec is a new generation. */
function accept(k: Kind, ctx: Ctx, current: Obj, next: Record<string, unknown>): void {
  const m = (next.metadata ?? {}) as Record<string, unknown>
  const rv = m.resourceVersion
  if (ctx.req.method === 'PUT' && rv !== undefined && rv !== current.metadata.resourceVersion)
    return ctx.fail(conflict(k.resource, k.group, current.metadata.name))
  const nextSpec = (next.spec ?? {}) as Obj['spec']
  if (!Array.isArray(nextSpec.template?.spec?.containers) || nextSpec.template.spec.containers.length === 0)
    return ctx.fail(
      invalid(k.kind, k.group, current.metadata.name, 'spec.template.spec.containers', '', 'Required value')
    )
  const specChanged = JSON.stringify(nextSpec) !== JSON.stringify(current.spec)
  for (const key of ['labels', 'annotations'] as const) {
    const v = m[key] as Labels | undefined
    if (v && Object.keys(v).length) current.metadata[key] = { ...v }
    else delete current.metadata[key]
  }
  if (specChanged) {
    current.spec = nextSpec
    current.metadata.generation++
  }
  if (ctx.url.searchParams.get('dryRun') === 'All') return ctx.send(200, render(current))
  ctx.send(200, render(workloadsOf(ctx.state).update(k.resource, current)))
}

function update(k: Kind) {
  return async (ctx: Ctx): Promise<void> => {
    const { ns, name } = ctx.params
    if (!ctx.allow(attrs(k, 'update', ns, name))) return
    const current = workloadsOf(ctx.state).get(k.resource, ns, name)
    const body = await ctx.body()
    if (!body) return
    if (!current) return ctx.fail(notFound(k.resource, k.group, name))
    accept(k, ctx, current, body)
  }
}

function patch(k: Kind) {
  return async (ctx: Ctx): Promise<void> => {
    const { ns, name } = ctx.params
    if (!ctx.allow(attrs(k, 'patch', ns, name))) return
    const current = workloadsOf(ctx.state).get(k.resource, ns, name)
    if (!current) {
      ctx.req.resume()
      return ctx.fail(notFound(k.resource, k.group, name))
    }
    const next = await ctx.patched(render(current))
    if (!next) return
    accept(k, ctx, current, next)
  }
}

function remove(k: Kind) {
  return (ctx: Ctx): void => {
    const { ns, name } = ctx.params
    if (!ctx.allow(attrs(k, 'delete', ns, name))) return
    const store = workloadsOf(ctx.state)
    const o = store.remove(k.resource, ns, name)
    if (!o) return ctx.fail(notFound(k.resource, k.group, name))
    // The garbage collector's work, at once: what the object owned, and what that owned.
    const collect = (owner: Obj): void => {
      for (const r of ['replicasets', 'replicationcontrollers', 'pods'] as Resource[]) {
        for (const child of store.list(r, ns).filter(c => ownedBy(c, owner))) {
          store.remove(r, ns, child.metadata.name)
          collect(child)
        }
      }
    }
    collect(o)
    ctx.send(200, success(k.resource, k.group, name, o.metadata.uid))
  }
}

/** The scale subresource (`kubectl scale`): an autoscaling/v1 Scale over spec.replicas. */
function scale(k: Kind) {
  return async (ctx: Ctx): Promise<void> => {
    const { ns, name } = ctx.params
    const verb = ctx.req.method === 'GET' ? 'get' : ctx.req.method === 'PUT' ? 'update' : 'patch'
    if (!ctx.allow(attrs(k, verb, ns, name, 'scale'))) return
    const store = workloadsOf(ctx.state)
    const o = store.get(k.resource, ns, name)
    if (!o) {
      ctx.req.resume()
      return ctx.fail(notFound(k.resource, k.group, name))
    }
    const view = (): Record<string, unknown> => ({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name, namespace: ns, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion },
      spec: { replicas: o.spec.replicas ?? 1 },
      status: {
        replicas: o.status.replicas ?? 0,
        selector: Object.entries(selectorLabels(o.spec.selector))
          .map(([a, b]) => `${a}=${b}`)
          .join(',')
      }
    })
    if (verb === 'get') return ctx.send(200, view())
    const next = verb === 'update' ? await ctx.body() : await ctx.patched(view())
    if (!next) return
    const replicas = Number((next.spec as { replicas?: unknown } | undefined)?.replicas)
    if (!Number.isInteger(replicas) || replicas < 0)
      return ctx.fail(
        invalid(
          'Scale',
          'autoscaling',
          name,
          'spec.replicas',
          String(replicas),
          'must be greater than or equal to 0'
        )
      )
    if (replicas !== o.spec.replicas) {
      o.spec.replicas = replicas
      o.metadata.generation++
      store.update(k.resource, o)
    }
    ctx.send(200, view())
  }
}

/** `oc rollout latest`: a new version of a DeploymentConfig now. */
async function instantiate(ctx: Ctx): Promise<void> {
  const { ns, name } = ctx.params
  const k = KINDS.find(x => x.resource === 'deploymentconfigs')!
  if (!ctx.allow(attrs(k, 'create', ns, name, 'instantiate'))) return
  const body = await ctx.body()
  if (!body) return
  const dc = workloadsOf(ctx.state).get('deploymentconfigs', ns, name)
  if (!dc) return ctx.fail(notFound('deploymentconfigs', k.group, name))
  controllerOf(ctx.state).instantiate(dc, { type: 'Manual' })
  ctx.send(201, render(dc))
}

/** The log of a pod's container: what a crashed container printed last. */
function log(ctx: Ctx): void {
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'get', group: '', resource: 'pods', subresource: 'log', name, namespace: ns }))
    return
  const pod = workloadsOf(ctx.state).get('pods', ns, name)
  if (!pod) return ctx.fail(notFound('pods', '', name))
  const containers = (pod.spec as unknown as { containers: { name: string }[] }).containers
  const container =
    ctx.url.searchParams.get('container') ?? (containers.length === 1 ? containers[0].name : '')
  if (!containers.some(c => c.name === container)) {
    const message = container
      ? `container ${container} is not valid for pod ${name}`
      : `a container name must be specified for pod ${name}, choose one of: [${containers.map(c => c.name).join(' ')}]`
    return ctx.fail(badRequest(message))
  }
  const text = podLog(pod, container)
  if (text === undefined && ctx.url.searchParams.get('previous') === 'true')
    return ctx.fail(badRequest(`previous terminated container "${container}" in pod "${name}" not found`))
  ctx.res.writeHead(200, { 'Content-Type': 'text/plain' })
  ctx.res.end(text === undefined ? '' : `${text}\n`)
}

export function workloadRoutes(): Route[] {
  const out: Route[] = []
  for (const k of KINDS) {
    const base = k.group
      ? `/apis/${k.group}/${k.version}/namespaces/:ns/${k.resource}`
      : `/api/v1/namespaces/:ns/${k.resource}`
    out.push(route('GET', base, list(k)), route('GET', `${base}/:name`, get(k)))
    if (k.creatable) out.push(route('POST', base, create(k)), route('PUT', `${base}/:name`, update(k)))
    if (k.resource !== 'events') out.push(route('PATCH', `${base}/:name`, patch(k)))
    if (k.resource !== 'events' && k.resource !== 'pods')
      for (const m of ['GET', 'PUT', 'PATCH']) out.push(route(m, `${base}/:name/scale`, scale(k)))
    out.push(route('DELETE', `${base}/:name`, remove(k)))
  }
  out.push(
    route(
      'POST',
      '/apis/apps.openshift.io/v1/namespaces/:ns/deploymentconfigs/:name/instantiate',
      instantiate
    ),
    route('GET', '/api/v1/namespaces/:ns/pods/:name/log', log)
  )
  return out
}

// --- discovery

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']
const res = (name: string, kind: string, verbs: string[], shortNames?: string[], categories?: string[]) => ({
  name,
  kind,
  namespaced: true,
  verbs,
  ...(shortNames ? { shortNames } : {}),
  ...(categories ? { categories } : {})
})

/** The API groups these resources add to discovery. */
export const WORKLOAD_GROUPS = {
  apps: [
    res('deployments', 'Deployment', RW, ['deploy'], ['all']),
    res('deployments/scale', 'Scale', ['get', 'patch', 'update']),
    res('deployments/status', 'Deployment', ['get', 'patch', 'update']),
    res('replicasets', 'ReplicaSet', RW, ['rs'], ['all']),
    res('replicasets/scale', 'Scale', ['get', 'patch', 'update']),
    res('replicasets/status', 'ReplicaSet', ['get', 'patch', 'update'])
  ],
  'apps.openshift.io': [
    res('deploymentconfigs', 'DeploymentConfig', RW, ['dc'], ['all']),
    res('deploymentconfigs/instantiate', 'DeploymentRequest', ['create']),
    res('deploymentconfigs/log', 'DeploymentLog', ['get']),
    res('deploymentconfigs/rollback', 'DeploymentConfigRollback', ['create']),
    res('deploymentconfigs/scale', 'Scale', ['get', 'patch', 'update']),
    res('deploymentconfigs/status', 'DeploymentConfig', ['get', 'patch', 'update'])
  ]
}

/** The core (v1) resources they add. */
export const WORKLOAD_CORE = [
  res('events', 'Event', RW, ['ev']),
  res('pods', 'Pod', RW, ['po'], ['all']),
  res('pods/log', 'Pod', ['get']),
  res('pods/status', 'Pod', ['get', 'patch', 'update']),
  res('replicationcontrollers', 'ReplicationController', RW, ['rc'], ['all']),
  res('replicationcontrollers/scale', 'Scale', ['get', 'patch', 'update']),
  res('replicationcontrollers/status', 'ReplicationController', ['get', 'patch', 'update'])
]
