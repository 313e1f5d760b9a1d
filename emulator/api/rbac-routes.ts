// Roles and RoleBindings of a project (rbac.authorization.k8s.io/v1), as `oc create role`,
// `oc create rolebinding`, `oc policy add-role-to-*`, `kubectl label/patch` and the action use
// them: create, get, list (with labelSelector), update and patch (resourceVersion checked), delete.
// RBAC's escalation check is simplified: nobody grants what they do not hold. The real check also
// lets a holder of the `escalate` (Roles) or `bind` (RoleBindings) verb through and evaluates
// cluster-wide rules too; no emulated role has those verbs, so the outcome is the same for them.
import { CLUSTER_ROLES, coversAll, effectiveRules, type Rule, type Subject } from '../rbac.js'
import type { RoleBindingObject, RoleObject } from '../state.js'
import { type Ctx, setMetadata } from './context.js'
import {
  alreadyExists,
  badRequest,
  conflict,
  failure,
  invalid,
  nameProblem,
  notFound,
  success
} from './status.js'
import { age, type Column } from './table.js'

const GROUP = 'rbac.authorization.k8s.io'
const API_VERSION = 'rbac.authorization.k8s.io/v1'

type Kind = 'roles' | 'rolebindings'

function render(kind: Kind, obj: RoleObject | RoleBindingObject): Record<string, unknown> {
  return structuredClone({ kind: kind === 'roles' ? 'Role' : 'RoleBinding', apiVersion: API_VERSION, ...obj })
}

const BINDING_COLUMNS: Column[] = [
  { name: 'Name', format: 'name', cell: o => (o.metadata as { name: string }).name },
  {
    name: 'Role',
    cell: o => `${(o.roleRef as { kind: string }).kind}/${(o.roleRef as { name: string }).name}`
  },
  { name: 'Age', cell: o => age((o.metadata as { creationTimestamp: string }).creationTimestamp) }
]

const ROLE_COLUMNS: Column[] = [
  { name: 'Name', format: 'name', cell: o => (o.metadata as { name: string }).name },
  { name: 'Created At', cell: o => (o.metadata as { creationTimestamp: string }).creationTimestamp }
]

function kindOf(ctx: Ctx): Kind {
  return ctx.params.kind === 'roles' ? 'roles' : 'rolebindings'
}

function columns(kind: Kind): Column[] {
  return kind === 'roles' ? ROLE_COLUMNS : BINDING_COLUMNS
}

function store(ctx: Ctx, kind: Kind): Map<string, RoleObject | RoleBindingObject> | undefined {
  const p = ctx.state.projects.get(ctx.params.ns)
  return kind === 'roles' ? p?.roles : p?.bindings
}

export function list(ctx: Ctx): void {
  const kind = kindOf(ctx)
  if (!ctx.allow({ verb: 'list', group: GROUP, resource: kind, namespace: ctx.params.ns })) return
  const selected = ctx.selected([...(store(ctx, kind)?.values() ?? [])])
  if (!selected) return
  const items = selected.map(o => render(kind, o))
  ctx.sendList(kind === 'roles' ? 'RoleList' : 'RoleBindingList', API_VERSION, items, columns(kind))
}

export function get(ctx: Ctx): void {
  const kind = kindOf(ctx)
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'get', group: GROUP, resource: kind, name, namespace: ns })) return
  const obj = store(ctx, kind)?.get(name)
  if (!obj) return ctx.fail(notFound(kind, GROUP, name))
  ctx.sendObject(200, render(kind, obj), columns(kind))
}

export function remove(ctx: Ctx): void {
  const kind = kindOf(ctx)
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'delete', group: GROUP, resource: kind, name, namespace: ns })) return
  const map = store(ctx, kind)
  const obj = map?.get(name)
  if (!map || !obj) return ctx.fail(notFound(kind, GROUP, name))
  map.delete(name)
  ctx.send(200, success(kind, GROUP, name, obj.metadata.uid))
}

function validRules(v: unknown): Rule[] | undefined {
  if (!Array.isArray(v)) return []
  const out: Rule[] = []
  for (const r of v as Record<string, unknown>[]) {
    const arr = (x: unknown): string[] | undefined =>
      x === undefined || x === null
        ? []
        : Array.isArray(x) && x.every(e => typeof e === 'string')
          ? x
          : undefined
    const verbs = arr(r.verbs)
    const apiGroups = arr(r.apiGroups)
    const resources = arr(r.resources)
    const resourceNames = arr(r.resourceNames)
    if (!verbs || !apiGroups || !resources || !resourceNames || verbs.length === 0) return undefined
    out.push(
      resourceNames.length ? { verbs, apiGroups, resources, resourceNames } : { verbs, apiGroups, resources }
    )
  }
  return out
}

function validSubjects(v: unknown, ns: string): Subject[] | undefined {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) return undefined
  const out: Subject[] = []
  for (const s of v as Record<string, unknown>[]) {
    if (
      !['User', 'Group', 'ServiceAccount'].includes(String(s.kind)) ||
      typeof s.name !== 'string' ||
      !s.name
    )
      return undefined
    const kind = s.kind as Subject['kind']
    out.push(
      kind === 'ServiceAccount'
        ? { kind, name: s.name, namespace: typeof s.namespace === 'string' && s.namespace ? s.namespace : ns }
        : { kind, apiGroup: GROUP, name: s.name }
    )
  }
  return out
}

/** POST (create) and PUT (replace, or create when absent). */
export async function write(ctx: Ctx): Promise<void> {
  const kind = kindOf(ctx)
  const creating = ctx.req.method === 'POST'
  const verb = creating ? 'create' : 'update'
  const name = creating ? undefined : ctx.params.name
  if (!ctx.allow({ verb, group: GROUP, resource: kind, name, namespace: ctx.params.ns })) return
  const body = await ctx.body()
  if (body) save(ctx, kind, body, creating)
}

/** PATCH: the patch applied to the object as served, then saved as a PUT of the result would be. */
export async function patch(ctx: Ctx): Promise<void> {
  const kind = kindOf(ctx)
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'patch', group: GROUP, resource: kind, name, namespace: ns })) return
  const current = store(ctx, kind)?.get(name)
  if (!current) {
    ctx.req.resume()
    return ctx.fail(notFound(kind, GROUP, name))
  }
  const body = await ctx.patched(render(kind, current))
  if (body) save(ctx, kind, body, false)
}

function save(ctx: Ctx, kind: Kind, body: Record<string, unknown>, creating: boolean): void {
  const ns = ctx.params.ns
  const meta = (body.metadata ?? {}) as Record<string, unknown>
  const name = typeof meta.name === 'string' ? meta.name : ''
  if (!creating && name !== ctx.params.name)
    return ctx.fail(badRequest('the name of the object does not match the name on the URL'))
  if (typeof meta.namespace === 'string' && meta.namespace && meta.namespace !== ns) {
    return ctx.fail(
      badRequest('the namespace of the provided object does not match the namespace sent on the request')
    )
  }
  const Kind = kind === 'roles' ? 'Role' : 'RoleBinding'
  const problem = nameProblem(name.replace(/:/g, '-'))
  if (problem) return ctx.fail(invalid(Kind, GROUP, name, 'metadata.name', name, problem))
  if (!ctx.state.projects.has(ns)) return ctx.fail(notFound('namespaces', '', ns))
  const map = store(ctx, kind)
  const existing = map?.get(name)
  const exists = !!existing
  if (creating && exists) return ctx.fail(alreadyExists(kind, GROUP, name))
  // An update naming a resourceVersion must name the current one (optimistic concurrency).
  const rv = meta.resourceVersion
  if (existing && !creating && rv && rv !== existing.metadata.resourceVersion)
    return ctx.fail(conflict(kind, GROUP, name))
  const held = effectiveRules(ctx.state, ctx.identity, ns)

  if (kind === 'roles') {
    const rules = validRules(body.rules)
    if (!rules)
      return ctx.fail(
        invalid(Kind, GROUP, name, 'rules', '', 'each rule needs verbs, apiGroups and resources')
      )
    if (!coversAll(held, rules)) return ctx.fail(escalation(ctx, kind, name))
    const role = ctx.state.putRole(ns, name, rules)
    setMetadata(role.metadata, meta)
    return ctx.send(exists ? 200 : 201, render(kind, role))
  }

  const ref = (body.roleRef ?? {}) as Record<string, unknown>
  if (!['Role', 'ClusterRole'].includes(String(ref.kind)) || typeof ref.name !== 'string' || !ref.name) {
    return ctx.fail(
      invalid(
        Kind,
        GROUP,
        name,
        'roleRef',
        JSON.stringify(ref),
        'roleRef.kind must be Role or ClusterRole and roleRef.name is required'
      )
    )
  }
  const old = existing as RoleBindingObject | undefined
  if (old && (old.roleRef.kind !== ref.kind || old.roleRef.name !== ref.name)) {
    return ctx.fail(invalid(Kind, GROUP, name, 'roleRef', JSON.stringify(ref), 'cannot change roleRef'))
  }
  const subjects = validSubjects(body.subjects, ns)
  if (!subjects)
    return ctx.fail(
      invalid(
        Kind,
        GROUP,
        name,
        'subjects',
        '',
        'each subject needs a kind (User, Group, ServiceAccount) and a name'
      )
    )
  const rules = ref.kind === 'ClusterRole' ? CLUSTER_ROLES[ref.name] : ctx.state.roleRules(ns, ref.name)
  // Binding a role that does not exist grants nothing, but RBAC still refuses what it cannot check.
  if (!rules || !coversAll(held, rules)) return ctx.fail(escalation(ctx, kind, name))
  const binding = ctx.state.putBinding(
    ns,
    name,
    { apiGroup: GROUP, kind: ref.kind as 'Role' | 'ClusterRole', name: ref.name },
    subjects
  )
  setMetadata(binding.metadata, meta)
  ctx.send(exists ? 200 : 201, render(kind, binding))
}

function escalation(ctx: Ctx, kind: Kind, name: string) {
  return failure(
    403,
    'Forbidden',
    `${kind}.${GROUP} "${name}" is forbidden: user "${ctx.identity.username}" (groups=${JSON.stringify(ctx.identity.groups)}) is attempting to grant RBAC permissions not currently held`,
    { name, group: GROUP, kind }
  )
}

export function clusterRoles(ctx: Ctx): void {
  const name = ctx.params.name
  if (!ctx.allow({ verb: name ? 'get' : 'list', group: GROUP, resource: 'clusterroles', name })) return
  const render1 = (n: string) => ({
    kind: 'ClusterRole',
    apiVersion: API_VERSION,
    metadata: { name: n },
    rules: CLUSTER_ROLES[n]
  })
  if (!name) return ctx.sendList('ClusterRoleList', API_VERSION, Object.keys(CLUSTER_ROLES).map(render1))
  if (!CLUSTER_ROLES[name]) return ctx.fail(notFound('clusterroles', GROUP, name))
  ctx.sendObject(200, render1(name))
}
