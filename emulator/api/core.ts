// Namespaces and projects, service accounts and their TokenRequest subresource, and the one
// ConfigMap `oc login` reads (the message of the day, absent here).
import type { ObjectMeta } from '../imagestreams.js'
import { authorize } from '../rbac.js'
import type { ProjectRecord, QuotaObject } from '../state.js'
import type { Ctx } from './context.js'
import { alreadyExists, failure, forbidden, invalid, nameProblem, notFound, success } from './status.js'
import { type Column, NAME_AGE } from './table.js'

const MIN_TOKEN_SECONDS = 600
const MAX_TOKEN_SECONDS = 2 ** 32

function visible(ctx: Ctx, p: ProjectRecord): boolean {
  return authorize(ctx.state, ctx.identity, {
    verb: 'get',
    group: '',
    resource: 'namespaces',
    name: p.metadata.name,
    namespace: p.metadata.name
  })
}

function renderProject(p: ProjectRecord): Record<string, unknown> {
  return {
    kind: 'Project',
    apiVersion: 'project.openshift.io/v1',
    metadata: {
      ...p.metadata,
      annotations: { 'openshift.io/display-name': '', 'openshift.io/description': '' }
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' }
  }
}

function renderNamespace(p: ProjectRecord): Record<string, unknown> {
  return {
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: { ...p.metadata, labels: { 'kubernetes.io/metadata.name': p.metadata.name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' }
  }
}

const PROJECT_COLUMNS: Column[] = [
  { name: 'Name', format: 'name', cell: o => (o.metadata as { name: string }).name },
  { name: 'Display Name', cell: () => '' },
  { name: 'Status', cell: () => 'Active' }
]

/** Only the projects the caller may see, as OpenShift filters the list. */
export function listProjects(ctx: Ctx): void {
  if (!ctx.allow({ verb: 'list', group: 'project.openshift.io', resource: 'projects' })) return
  const items = [...ctx.state.projects.values()].filter(p => visible(ctx, p)).map(renderProject)
  ctx.sendList('ProjectList', 'project.openshift.io/v1', items, PROJECT_COLUMNS)
}

export function getProject(ctx: Ctx): void {
  const name = ctx.params.name
  const p = ctx.state.projects.get(name)
  // A missing project and a hidden one look the same: forbidden.
  const attrs = { verb: 'get', group: 'project.openshift.io', resource: 'projects', name, namespace: name }
  if (!p || !visible(ctx, p)) return ctx.fail(forbidden(ctx.identity.username, attrs))
  ctx.sendObject(200, renderProject(p), PROJECT_COLUMNS)
}

export function listNamespaces(ctx: Ctx): void {
  if (!ctx.allow({ verb: 'list', group: '', resource: 'namespaces' })) return
  ctx.sendList('NamespaceList', 'v1', [...ctx.state.projects.values()].map(renderNamespace))
}

export function getNamespace(ctx: Ctx): void {
  const name = ctx.params.name
  if (!ctx.allow({ verb: 'get', group: '', resource: 'namespaces', name, namespace: name })) return
  const p = ctx.state.projects.get(name)
  if (!p) return ctx.fail(notFound('namespaces', '', name))
  ctx.sendObject(200, renderNamespace(p))
}

// --- service accounts

function renderServiceAccount(sa: { metadata: ObjectMeta }): Record<string, unknown> {
  return structuredClone({ kind: 'ServiceAccount', apiVersion: 'v1', metadata: sa.metadata })
}

export function listServiceAccounts(ctx: Ctx): void {
  const ns = ctx.params.ns
  if (!ctx.allow({ verb: 'list', group: '', resource: 'serviceaccounts', namespace: ns })) return
  const items = [...(ctx.state.projects.get(ns)?.serviceAccounts.values() ?? [])].map(s =>
    renderServiceAccount(s)
  )
  ctx.sendList('ServiceAccountList', 'v1', items, NAME_AGE)
}

export function getServiceAccount(ctx: Ctx): void {
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'get', group: '', resource: 'serviceaccounts', name, namespace: ns })) return
  const sa = ctx.state.projects.get(ns)?.serviceAccounts.get(name)
  if (!sa) return ctx.fail(notFound('serviceaccounts', '', name))
  ctx.sendObject(200, renderServiceAccount(sa))
}

export async function createServiceAccount(ctx: Ctx): Promise<void> {
  const ns = ctx.params.ns
  if (!ctx.allow({ verb: 'create', group: '', resource: 'serviceaccounts', namespace: ns })) return
  const body = await ctx.body()
  if (!body) return
  const name = String((body.metadata as Record<string, unknown> | undefined)?.name ?? '')
  const problem = nameProblem(name)
  if (problem) return ctx.fail(invalid('ServiceAccount', '', name, 'metadata.name', name, problem))
  const p = ctx.state.projects.get(ns)
  if (!p) return ctx.fail(notFound('namespaces', '', ns))
  if (p.serviceAccounts.has(name)) return ctx.fail(alreadyExists('serviceaccounts', '', name))
  ctx.send(201, renderServiceAccount(ctx.state.ensureServiceAccount(ns, name)))
}

export function deleteServiceAccount(ctx: Ctx): void {
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'delete', group: '', resource: 'serviceaccounts', name, namespace: ns })) return
  const p = ctx.state.projects.get(ns)
  const sa = p?.serviceAccounts.get(name)
  if (!p || !sa) return ctx.fail(notFound('serviceaccounts', '', name))
  p.serviceAccounts.delete(name)
  ctx.send(200, success('serviceaccounts', '', name, sa.metadata.uid))
}

/** TokenRequest: a bound token for the service account, with a real, enforced expiry. */
export async function requestToken(ctx: Ctx): Promise<void> {
  const { ns, name } = ctx.params
  const attrs = {
    verb: 'create',
    group: '',
    resource: 'serviceaccounts',
    subresource: 'token',
    name,
    namespace: ns
  }
  if (!ctx.allow(attrs)) return
  const body = await ctx.body()
  if (!body) return
  if (!ctx.state.projects.get(ns)?.serviceAccounts.has(name))
    return ctx.fail(notFound('serviceaccounts', '', name))
  const spec = (body.spec ?? {}) as Record<string, unknown>
  const seconds =
    spec.expirationSeconds === undefined || spec.expirationSeconds === null
      ? 3600
      : Number(spec.expirationSeconds)
  if (!Number.isInteger(seconds) || seconds < MIN_TOKEN_SECONDS || seconds > MAX_TOKEN_SECONDS) {
    const why =
      seconds < MIN_TOKEN_SECONDS
        ? 'may not specify a duration less than 10 minutes'
        : 'may not specify a duration larger than 2^32 seconds'
    return ctx.fail(
      failure(
        422,
        'Invalid',
        `TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: ${why}`,
        {
          name,
          group: 'authentication.k8s.io',
          kind: 'TokenRequest',
          causes: [
            {
              reason: 'FieldValueInvalid',
              message: `Invalid value: ${seconds}: ${why}`,
              field: 'spec.expirationSeconds'
            }
          ]
        }
      )
    )
  }
  const token = ctx.state.issueServiceAccountToken(ns, name, seconds)
  const expirationTimestamp = new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  ctx.send(201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: ns, creationTimestamp: null },
    spec: {
      audiences:
        Array.isArray(spec.audiences) && spec.audiences.length
          ? spec.audiences
          : ['https://kubernetes.default.svc'],
      expirationSeconds: seconds,
      boundObjectRef: spec.boundObjectRef ?? null
    },
    status: { token, expirationTimestamp }
  })
}

// --- resource quotas: read-only; set through the emulator's state

function renderQuota(ctx: Ctx, ns: string, q: QuotaObject): Record<string, unknown> {
  const used: Record<string, string> = {}
  for (const resource of Object.keys(q.hard)) used[resource] = String(ctx.state.quotaUsed(ns, resource))
  return structuredClone({
    kind: 'ResourceQuota',
    apiVersion: 'v1',
    metadata: q.metadata,
    spec: { hard: q.hard },
    status: { hard: q.hard, used }
  })
}

export function listResourceQuotas(ctx: Ctx): void {
  const ns = ctx.params.ns
  if (!ctx.allow({ verb: 'list', group: '', resource: 'resourcequotas', namespace: ns })) return
  const quotas = ctx.state.projects.get(ns)?.quotas.values() ?? []
  ctx.sendList(
    'ResourceQuotaList',
    'v1',
    [...quotas].map(q => renderQuota(ctx, ns, q))
  )
}

export function getResourceQuota(ctx: Ctx): void {
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'get', group: '', resource: 'resourcequotas', name, namespace: ns })) return
  const q = ctx.state.projects.get(ns)?.quotas.get(name)
  if (!q) return ctx.fail(notFound('resourcequotas', '', name))
  ctx.sendObject(200, renderQuota(ctx, ns, q))
}

export function listConfigMaps(ctx: Ctx): void {
  const ns = ctx.params.ns
  if (!ctx.allow({ verb: 'list', group: '', resource: 'configmaps', namespace: ns })) return
  ctx.sendList('ConfigMapList', 'v1', [])
}

/** No ConfigMap exists; `oc login` reads openshift/motd and ignores the 404. */
export function getConfigMap(ctx: Ctx): void {
  const { ns, name } = ctx.params
  if (
    ns !== 'openshift' &&
    !ctx.allow({ verb: 'get', group: '', resource: 'configmaps', name, namespace: ns })
  )
    return
  ctx.fail(notFound('configmaps', '', name))
}
