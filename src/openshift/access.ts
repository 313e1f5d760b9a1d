// Who may pull the image: the Role and RoleBindings this action owns for it, reconciled to what the inputs ask.
// The action only ever changes what carries its labels (managed-by and the image), so a binding made by hand is
// never touched; the resulting access is then asked of the cluster itself (LocalSubjectAccessReview), which
// counts every grant, so that the log can say who may pull and warn when something else grants more.
import { createHash } from 'node:crypto'

import { HttpStatusError, UserError } from '../util/errors.js'
import type { OpenShiftApi, ResourceAttributes } from './api.js'

export const VISIBILITIES = ['private', 'authenticated', 'public'] as const
export type Visibility = (typeof VISIBILITIES)[number]

/** Who may pull the image, and its lookup policy: each part undefined leaves it as it is. */
export interface AccessRequest {
  visibility?: Visibility
  /** Other projects whose service accounts may pull; [] (`none`) removes them all. */
  pullProjects?: string[]
  localLookup?: boolean
}

export const MANAGED_BY = 'app.kubernetes.io/managed-by'
export const MANAGER = 'rahti-push'
export const IMAGE_LABEL = 'rahti-push/image'

const RBAC_GROUP = 'rbac.authorization.k8s.io'
const ANONYMOUS = 'system:anonymous'
const UNAUTHENTICATED = 'system:unauthenticated'
const AUTHENTICATED = 'system:authenticated'
const projectGroup = (project: string): string => `system:serviceaccounts:${project}`

export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount'
  name: string
  apiGroup?: string
  namespace?: string
}

export interface PolicyRule {
  verbs: string[]
  apiGroups: string[]
  resources: string[]
  resourceNames?: string[]
}

interface Meta {
  name: string
  labels?: Record<string, string>
}

export interface RoleObject {
  metadata: Meta
  rules?: PolicyRule[]
}

export interface RoleBindingObject {
  metadata: Meta
  roleRef: { apiGroup: string; kind: string; name: string }
  subjects?: Subject[]
}

/** The three audiences a binding of this action grants pull to. */
export type Audience = 'public' | 'authenticated' | 'projects'
const AUDIENCES: Audience[] = ['public', 'authenticated', 'projects']

export interface Change {
  action: 'create' | 'update' | 'delete'
  kind: 'Role' | 'RoleBinding'
  name: string
  /** The whole object for create and update. */
  body?: RoleObject | RoleBindingObject
}

/** The names and labels of what this action owns for one image; stable across runs. */
export class Ownership {
  readonly labelValue: string
  constructor(readonly image: string) {
    // A label value holds at most 63 characters; a longer image name is cut and made unique by a hash.
    this.labelValue =
      image.length <= 63
        ? image
        : `${image.slice(0, 50).replace(/[.-]+$/, '')}-${createHash('sha256').update(image).digest('hex').slice(0, 10)}`
  }

  get labels(): Record<string, string> {
    return { [MANAGED_BY]: MANAGER, [IMAGE_LABEL]: this.labelValue }
  }

  get selector(): string {
    return `${MANAGED_BY}=${MANAGER},${IMAGE_LABEL}=${this.labelValue}`
  }

  get roleName(): string {
    return `rahti-push-${this.labelValue}-puller`
  }

  bindingName(audience: Audience): string {
    return `rahti-push-${this.labelValue}-${audience}`
  }

  owns(meta: Meta): boolean {
    return meta.labels?.[MANAGED_BY] === MANAGER && meta.labels?.[IMAGE_LABEL] === this.labelValue
  }

  role(): RoleObject {
    return {
      metadata: { name: this.roleName, labels: this.labels },
      rules: [
        {
          verbs: ['get'],
          apiGroups: ['image.openshift.io'],
          resources: ['imagestreams/layers'],
          resourceNames: [this.image]
        }
      ]
    }
  }

  binding(audience: Audience, subjects: Subject[]): RoleBindingObject {
    return {
      metadata: { name: this.bindingName(audience), labels: this.labels },
      roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: this.roleName },
      subjects
    }
  }
}

const group = (name: string): Subject => ({ kind: 'Group', apiGroup: RBAC_GROUP, name })
const user = (name: string): Subject => ({ kind: 'User', apiGroup: RBAC_GROUP, name })

/** The subjects of an audience's binding; undefined when the request leaves that audience as it is. */
function wantedSubjects(audience: Audience, request: AccessRequest): Subject[] | null | undefined {
  if (audience === 'projects') {
    if (request.pullProjects === undefined) return undefined
    return request.pullProjects.length === 0 ? null : request.pullProjects.map(p => group(projectGroup(p)))
  }
  if (request.visibility === undefined) return undefined
  if (request.visibility !== audience) return null
  return audience === 'public' ? [user(ANONYMOUS), group(UNAUTHENTICATED)] : [group(AUTHENTICATED)]
}

const subjectKey = (s: Subject): string => `${s.kind}/${s.namespace ?? ''}/${s.name}`
const sameSubjects = (a: Subject[] = [], b: Subject[] = []): boolean =>
  a.map(subjectKey).sort().join('\n') === b.map(subjectKey).sort().join('\n')
const sameLabels = (want: Meta, have: Meta): boolean =>
  Object.entries(want.labels ?? {}).every(([k, v]) => have.labels?.[k] === v)

/**
 * What to change so that the action's objects for the image are what `request` asks: create what is missing,
 * update what differs, delete what it made and is no longer asked for. `current` holds only the action's own
 * objects (found by its labels). Roles are created before the bindings that name them, and deleted after.
 */
export function planAccess(
  own: Ownership,
  request: AccessRequest,
  current: { roles: RoleObject[]; bindings: RoleBindingObject[] }
): Change[] {
  const bindingChanges: Change[] = []
  let bound = false
  for (const audience of AUDIENCES) {
    const name = own.bindingName(audience)
    const have = current.bindings.find(b => b.metadata.name === name)
    const subjects = wantedSubjects(audience, request)
    if (subjects === undefined) {
      bound ||= have !== undefined
      continue
    }
    if (subjects === null) {
      if (have) bindingChanges.push({ action: 'delete', kind: 'RoleBinding', name })
      continue
    }
    bound = true
    const want = own.binding(audience, subjects)
    if (!have) bindingChanges.push({ action: 'create', kind: 'RoleBinding', name, body: want })
    else if (have.roleRef.kind !== 'Role' || have.roleRef.name !== own.roleName) {
      // A binding's roleRef cannot change: it is made anew.
      bindingChanges.push(
        { action: 'delete', kind: 'RoleBinding', name },
        { action: 'create', kind: 'RoleBinding', name, body: want }
      )
    } else if (!sameSubjects(want.subjects, have.subjects) || !sameLabels(want.metadata, have.metadata)) {
      bindingChanges.push({ action: 'update', kind: 'RoleBinding', name, body: want })
    }
  }
  const role = own.role()
  const haveRole = current.roles.find(r => r.metadata.name === own.roleName)
  if (!bound) {
    return haveRole
      ? [...bindingChanges, { action: 'delete', kind: 'Role', name: own.roleName }]
      : bindingChanges
  }
  if (!haveRole)
    return [{ action: 'create', kind: 'Role', name: own.roleName, body: role }, ...bindingChanges]
  if (
    JSON.stringify(haveRole.rules) !== JSON.stringify(role.rules) ||
    !sameLabels(role.metadata, haveRole.metadata)
  ) {
    return [{ action: 'update', kind: 'Role', name: own.roleName, body: role }, ...bindingChanges]
  }
  return bindingChanges
}

const rbacPath = (project: string, kind: Change['kind']): string =>
  `/apis/${RBAC_GROUP}/v1/namespaces/${project}/${kind === 'Role' ? 'roles' : 'rolebindings'}`

/** The action's own Roles and RoleBindings for the image, by its labels. */
export async function readOwned(
  api: OpenShiftApi,
  project: string,
  own: Ownership
): Promise<{ roles: RoleObject[]; bindings: RoleBindingObject[] }> {
  const query = `?labelSelector=${encodeURIComponent(own.selector)}`
  const [roles, bindings] = await Promise.all([
    api.get<{ items?: RoleObject[] }>(rbacPath(project, 'Role') + query),
    api.get<{ items?: RoleBindingObject[] }>(rbacPath(project, 'RoleBinding') + query)
  ])
  // The selector asks the server; checking again keeps a server that ignored it from handing over others' objects.
  return {
    roles: (roles.items ?? []).filter(r => own.owns(r.metadata)),
    bindings: (bindings.items ?? []).filter(b => own.owns(b.metadata))
  }
}

/** Applies the plan in order. A create that meets an object of the same name takes it over only if it is ours. */
export async function applyChanges(
  api: OpenShiftApi,
  project: string,
  own: Ownership,
  changes: Change[]
): Promise<void> {
  for (const change of changes) {
    const path = rbacPath(project, change.kind)
    const body = { kind: change.kind, apiVersion: `${RBAC_GROUP}/v1`, ...change.body }
    if (change.action === 'delete') {
      await api.delete(`${path}/${change.name}`).catch(ignoreStatus(404))
    } else if (change.action === 'update') {
      await api.patch(`${path}/${change.name}`, body)
    } else {
      try {
        await api.post(path, body)
      } catch (err) {
        if (!(err instanceof HttpStatusError && err.status === 409)) throw err
        // Another job made it first, or someone made one by hand under this name.
        const existing = await api.get<{ metadata: Meta }>(`${path}/${change.name}`)
        if (!own.owns(existing.metadata)) throw nameTaken(change, project)
        await api.patch(`${path}/${change.name}`, body)
      }
    }
  }
}

function ignoreStatus(status: number) {
  return (err: unknown): void => {
    if (!(err instanceof HttpStatusError && err.status === status)) throw err
  }
}

function nameTaken(change: Change, project: string): UserError {
  return new UserError(
    `A ${change.kind} named ${change.name} exists in ${project} without this action's labels, so the action leaves it alone and cannot make its own. ` +
      `Delete or rename it (\`oc get ${change.kind.toLowerCase()} ${change.name} -n ${project} -o yaml\` shows what it grants), then run the step again.`
  )
}

/** Who may pull the image, as the cluster answers: every grant counted, the action's or not. */
export interface EffectiveAccess {
  anonymous: boolean
  authenticated: boolean
  /** Project -> whether its service accounts may pull; for the projects asked about. */
  projects: Record<string, boolean>
}

export async function effectiveAccess(
  api: OpenShiftApi,
  project: string,
  image: string,
  projects: string[]
): Promise<EffectiveAccess> {
  const pull: ResourceAttributes = {
    namespace: project,
    verb: 'get',
    group: 'image.openshift.io',
    resource: 'imagestreams',
    subresource: 'layers',
    name: image
  }
  const asServiceAccountOf = (p: string): Promise<boolean> =>
    api.mayThey(
      `system:serviceaccount:${p}:default`,
      ['system:serviceaccounts', projectGroup(p), AUTHENTICATED],
      pull
    )
  const [anonymous, authenticated, ...perProject] = await Promise.all([
    api.mayThey(ANONYMOUS, [UNAUTHENTICATED], pull),
    // A user name no account has: only what the group grants counts.
    api.mayThey('rahti-push:any-signed-in-user', [AUTHENTICATED], pull),
    ...projects.map(asServiceAccountOf)
  ])
  return {
    anonymous,
    authenticated,
    projects: Object.fromEntries(projects.map((p, i) => [p, perProject[i]]))
  }
}

/** The resulting access in words, as the log and the summary say it. */
export function describeAccess(access: EffectiveAccess, repository: string): string[] {
  if (access.anonymous) return [`anyone on the internet can pull ${repository}`]
  if (access.authenticated)
    return [`anyone signed in to Rahti (users and service accounts of every project) can pull ${repository}`]
  const others = Object.entries(access.projects)
    .filter(([, allowed]) => allowed)
    .map(([p]) => p)
  const project = repository.split('/')[0]
  return [
    `only project ${project} (its members and service accounts)${others.length ? ' and the projects below' : ''} can pull ${repository}`,
    ...others.map(p => `service accounts of project ${p} can pull ${repository}`)
  ]
}

/** What the inputs asked for that the cluster grants more than: each a sentence for a warning. */
export function broaderThanAsked(
  request: AccessRequest,
  access: EffectiveAccess,
  repository: string,
  droppedProjects: string[]
): { audience: string; text: string }[] {
  // Audiences: `anonymous`, `authenticated`, or `project:<name>` (a project may be called "anonymous").
  const found: { audience: string; text: string }[] = []
  if (request.visibility && request.visibility !== 'public' && access.anonymous) {
    found.push({ audience: 'anonymous', text: `anyone on the internet can still pull ${repository}` })
  } else if (request.visibility === 'private' && access.authenticated) {
    found.push({ audience: 'authenticated', text: `anyone signed in to Rahti can still pull ${repository}` })
  }
  if (!access.authenticated) {
    for (const p of droppedProjects) {
      if (access.projects[p]) {
        found.push({
          audience: `project:${p}`,
          text: `service accounts of project ${p} can still pull ${repository}`
        })
      }
    }
  }
  return found
}

/** The project's RoleBindings not made by this action whose subjects include the audience: the likely grants. */
export async function bindingsGranting(
  api: OpenShiftApi,
  project: string,
  own: Ownership,
  audience: string
): Promise<string[]> {
  const list = await api.get<{ items?: RoleBindingObject[] }>(rbacPath(project, 'RoleBinding'))
  const matches = (s: Subject): boolean => {
    if (audience === 'anonymous') return s.name === ANONYMOUS || s.name === UNAUTHENTICATED
    if (audience === 'authenticated') return s.name === AUTHENTICATED
    const other = audience.slice('project:'.length)
    return (
      s.name === projectGroup(other) ||
      s.name === 'system:serviceaccounts' ||
      s.name === AUTHENTICATED ||
      (s.kind === 'ServiceAccount' && s.namespace === other)
    )
  }
  return (list.items ?? [])
    .filter(b => !own.owns(b.metadata) && (b.subjects ?? []).some(matches))
    .map(b => b.metadata.name)
}

export interface AccessOutcome {
  changes: Change[]
  /** The resulting access in words. */
  access: string[]
  /** Grants this action did not make that open the image more than asked; projects asked for that do not exist. */
  warnings: string[]
  /** Projects asked for whose existence the account may not see (so a misspelt name cannot be told). */
  unchecked: string[]
}

/**
 * Which of the projects asked for do not exist, and which the account may not see: a grant to a project that
 * does not exist gives nothing, so a misspelt name must not pass in silence. Asking for the namespace tells it
 * where the account may read namespaces (404: none such); elsewhere the answer is 403 whether it exists or not.
 */
export async function checkProjects(
  api: OpenShiftApi,
  projects: string[]
): Promise<{ missing: string[]; unchecked: string[] }> {
  const answers = await Promise.all(
    projects.map(async p => {
      try {
        await api.get(`/api/v1/namespaces/${encodeURIComponent(p)}`)
        return 'exists'
      } catch (err) {
        if (err instanceof HttpStatusError && err.status === 404) return 'missing'
        if (err instanceof HttpStatusError && err.status === 403) return 'unchecked'
        throw err
      }
    })
  )
  return {
    missing: projects.filter((_, i) => answers[i] === 'missing'),
    unchecked: projects.filter((_, i) => answers[i] === 'unchecked')
  }
}

/** Reconciles the action's objects for the image, then reads back who may pull. */
export async function reconcileAccess(
  api: OpenShiftApi,
  project: string,
  image: string,
  request: AccessRequest
): Promise<AccessOutcome> {
  const own = new Ownership(image)
  const current = await readOwned(api, project, own)
  const changes = planAccess(own, request, current)
  await applyChanges(api, project, own, changes)
  const before = projectsOf(current.bindings.find(b => b.metadata.name === own.bindingName('projects')))
  const after = request.pullProjects ?? before
  const dropped = before.filter(p => !after.includes(p))
  const [access, checked] = await Promise.all([
    effectiveAccess(api, project, image, [...after, ...dropped]),
    checkProjects(
      api,
      (request.pullProjects ?? []).filter(p => p !== project)
    )
  ])
  const repository = `${project}/${image}`
  const warnings = checked.missing.map(
    p =>
      `Input 'pull-projects': the project ${p} does not exist, so its service accounts can pull nothing. Check the name (the Rahti project's name, not the CSC project number).`
  )
  for (const broader of broaderThanAsked(request, access, repository, dropped)) {
    const names = await bindingsGranting(api, project, own, broader.audience)
    const through = names.length
      ? `through RoleBinding${names.length > 1 ? 's' : ''} this action did not make (${names.join(', ')}), which it leaves alone`
      : 'through a grant this action did not make (outside the project, or by a role it cannot see)'
    warnings.push(
      `The image may be more open than asked: ${broader.text} ${through}.${names.length ? ` Remove ${names.length > 1 ? 'them' : 'it'} with \`oc delete rolebinding ${names.join(' ')} -n ${project}\` if that is not meant.` : ''}`
    )
  }
  // Every project asked about, dropped ones too: the words say what is true, not what was asked.
  return { changes, access: describeAccess(access, repository), warnings, unchecked: checked.unchecked }
}

function projectsOf(binding: RoleBindingObject | undefined): string[] {
  const prefix = 'system:serviceaccounts:'
  return (binding?.subjects ?? [])
    .filter(s => s.kind === 'Group' && s.name.startsWith(prefix))
    .map(s => s.name.slice(prefix.length))
}
