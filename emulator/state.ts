// The cluster's live state: projects with their roles, bindings, service accounts and image
// streams; users; images; and every token issued with its identity and expiry.
import { randomUUID } from 'node:crypto'

import {
  type ImageRecord,
  type ImageStreamRecord,
  now,
  type ObjectMeta,
  type RegistryHosts
} from './imagestreams.js'
import { parseQuantity } from './quantity.js'
import {
  type Binding,
  defaultProjectBindings,
  type Identity,
  type PolicySource,
  type Rule,
  serviceAccountGroups,
  serviceAccountUser,
  type Subject
} from './rbac.js'
import { personalToken, serviceAccountToken } from './tokens.js'
import type { AccountInfo, LimitRangeSpec, RoleName, StateSpec } from './types.js'

export interface RoleObject {
  metadata: ObjectMeta
  rules: Rule[]
}

export interface RoleBindingObject {
  metadata: ObjectMeta
  roleRef: { apiGroup: string; kind: 'Role' | 'ClusterRole'; name: string }
  subjects: Subject[]
}

export interface ServiceAccountObject {
  metadata: ObjectMeta
}

/** A ResourceQuota; the emulator enforces only `openshift.io/imagestreams`. */
export interface QuotaObject {
  metadata: ObjectMeta
  hard: Record<string, string>
}

export interface ProjectRecord {
  metadata: ObjectMeta
  roles: Map<string, RoleObject>
  bindings: Map<string, RoleBindingObject>
  serviceAccounts: Map<string, ServiceAccountObject>
  imageStreams: Map<string, ImageStreamRecord>
  quotas: Map<string, QuotaObject>
}

export const IMAGESTREAMS_QUOTA = 'openshift.io/imagestreams'

interface UserRecord {
  name: string
  uid: string
  groups: string[]
  created: string
}

interface TokenRecord {
  identity: Identity
  /** Milliseconds since the epoch; absent for a token that never expires. */
  expiresAt?: number
}

export type AuthResult = { identity: Identity } | { error: 'invalid' | 'expired' }

/** Service accounts every OpenShift project gets. */
const PROJECT_SERVICE_ACCOUNTS = ['default', 'builder', 'deployer']

export class State implements PolicySource {
  readonly projects = new Map<string, ProjectRecord>()
  readonly images = new Map<string, ImageRecord>()
  private readonly users = new Map<string, UserRecord>()
  private readonly tokens = new Map<string, TokenRecord>()
  /** The token `apply` reported for an account, reused when the same account is applied again. */
  private readonly primaryTokens = new Map<string, string>()
  private readonly clusterBindingList: Binding[] = [
    {
      namespace: '',
      roleRef: { kind: 'ClusterRole', name: 'basic-user' },
      subjects: [{ kind: 'Group', name: 'system:authenticated' }]
    },
    {
      namespace: '',
      roleRef: { kind: 'ClusterRole', name: 'self-access-reviewer' },
      subjects: [
        { kind: 'Group', name: 'system:authenticated' },
        { kind: 'Group', name: 'system:unauthenticated' }
      ]
    }
  ]
  private rv = 1000
  /** project -> LimitRange name -> its limits (read by the registry gateway). */
  readonly limitRanges = new Map<string, Map<string, LimitRangeSpec['limits']>>()

  constructor(readonly hosts: RegistryHosts) {}

  nextResourceVersion(): string {
    return String(++this.rv)
  }

  meta(name: string, namespace?: string): ObjectMeta {
    return {
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      uid: randomUUID(),
      resourceVersion: this.nextResourceVersion(),
      creationTimestamp: now()
    }
  }

  // --- PolicySource
  bindingsIn(namespace: string): Binding[] {
    const p = this.projects.get(namespace)
    if (!p) return []
    return [...p.bindings.values()].map(b => ({ namespace, roleRef: b.roleRef, subjects: b.subjects }))
  }

  clusterBindings(): Binding[] {
    return this.clusterBindingList
  }

  roleRules(namespace: string, name: string): Rule[] | undefined {
    return this.projects.get(namespace)?.roles.get(name)?.rules
  }

  // --- projects and accounts
  ensureProject(name: string): ProjectRecord {
    let p = this.projects.get(name)
    if (p) return p
    p = {
      metadata: this.meta(name),
      roles: new Map(),
      bindings: new Map(),
      serviceAccounts: new Map(),
      imageStreams: new Map(),
      quotas: new Map()
    }
    this.projects.set(name, p)
    for (const sa of PROJECT_SERVICE_ACCOUNTS) this.ensureServiceAccount(name, sa)
    for (const { name: bn, binding } of defaultProjectBindings(name)) {
      this.putBinding(
        name,
        bn,
        { apiGroup: 'rbac.authorization.k8s.io', ...binding.roleRef },
        binding.subjects
      )
    }
    return p
  }

  ensureServiceAccount(namespace: string, name: string): ServiceAccountObject {
    const p = this.ensureProject(namespace)
    let sa = p.serviceAccounts.get(name)
    if (!sa) {
      sa = { metadata: this.meta(name, namespace) }
      p.serviceAccounts.set(name, sa)
    }
    return sa
  }

  serviceAccountIdentity(namespace: string, name: string, credentialId?: string): Identity {
    const sa = this.ensureServiceAccount(namespace, name)
    const id: Identity = {
      username: serviceAccountUser(namespace, name),
      uid: sa.metadata.uid,
      groups: serviceAccountGroups(namespace)
    }
    if (credentialId) id.extra = { 'authentication.kubernetes.io/credential-id': [`JTI=${credentialId}`] }
    return id
  }

  private ensureUser(name: string, groups: string[] = []): UserRecord {
    let u = this.users.get(name)
    if (!u) {
      u = { name, uid: randomUUID(), groups: [], created: now() }
      this.users.set(name, u)
    }
    for (const g of groups) if (!u.groups.includes(g)) u.groups.push(g)
    return u
  }

  userIdentity(name: string): Identity {
    const u = this.ensureUser(name)
    return {
      username: u.name,
      uid: u.uid,
      groups: [...u.groups, 'system:authenticated', 'system:authenticated:oauth']
    }
  }

  // --- tokens
  /** Issues a JWT-shaped token for a service account; `expiresIn` in seconds, negative for one already expired. */
  issueServiceAccountToken(namespace: string, name: string, expiresIn?: number, given?: string): string {
    const sa = this.ensureServiceAccount(namespace, name)
    const expiresAt = expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000
    const exp = expiresAt === undefined ? undefined : Math.floor(expiresAt / 1000)
    const { token, jti } = given
      ? { token: given, jti: undefined }
      : serviceAccountToken({ namespace, name, uid: sa.metadata.uid, exp })
    this.tokens.set(token, { identity: this.serviceAccountIdentity(namespace, name, jti), expiresAt })
    return token
  }

  issueUserToken(name: string, expiresIn?: number, given?: string): string {
    const token = given ?? personalToken()
    const expiresAt = expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000
    this.tokens.set(token, { identity: this.userIdentity(name), expiresAt })
    return token
  }

  authenticate(token: string): AuthResult {
    const t = this.tokens.get(token)
    if (!t) return { error: 'invalid' }
    if (t.expiresAt !== undefined && Date.now() >= t.expiresAt) return { error: 'expired' }
    if (this.holderGone(t.identity)) return { error: 'invalid' }
    // Groups and uids are read at use time so later changes (a new group) apply to old tokens.
    return { identity: t.identity }
  }

  /**
   * A service account's tokens die with the account: the token controller deletes its secrets and
   * bound tokens name the account's uid, so a deleted account (or one made again) makes them invalid.
   */
  private holderGone(identity: Identity): boolean {
    const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(identity.username)
    if (!m) return false
    return this.projects.get(m[1])?.serviceAccounts.get(m[2])?.metadata.uid !== identity.uid
  }

  expireToken(token: string): boolean {
    const t = this.tokens.get(token)
    if (!t) return false
    t.expiresAt = Date.now() - 1
    return true
  }

  // --- RBAC objects
  /** A ClusterRoleBinding of a cluster role to one subject (once). */
  bindClusterRole(role: RoleName, subject: Subject): void {
    const norm = normalizeSubject(subject)
    const same = (s: Subject): boolean =>
      s.kind === norm.kind && s.name === norm.name && (s.namespace ?? '') === (norm.namespace ?? '')
    const bound = this.clusterBindingList.some(b => b.roleRef.name === role && b.subjects.some(same))
    if (!bound) {
      this.clusterBindingList.push({
        namespace: '',
        roleRef: { kind: 'ClusterRole', name: role },
        subjects: [norm]
      })
    }
  }

  putRole(namespace: string, name: string, rules: Rule[]): RoleObject {
    const p = this.ensureProject(namespace)
    const old = p.roles.get(name)
    const role: RoleObject = {
      metadata: old
        ? { ...old.metadata, resourceVersion: this.nextResourceVersion() }
        : this.meta(name, namespace),
      rules
    }
    p.roles.set(name, role)
    return role
  }

  putBinding(
    namespace: string,
    name: string,
    roleRef: RoleBindingObject['roleRef'],
    subjects: Subject[]
  ): RoleBindingObject {
    const p = this.ensureProject(namespace)
    const old = p.bindings.get(name)
    const b: RoleBindingObject = {
      metadata: old
        ? { ...old.metadata, resourceVersion: this.nextResourceVersion() }
        : this.meta(name, namespace),
      roleRef,
      subjects: subjects.map(s => normalizeSubject(s))
    }
    p.bindings.set(name, b)
    return b
  }

  /**
   * Binds a role to a subject the way `oc policy add-role-to-*` does: add the subject to a binding
   * of that role named after it, or create one (with a suffix when the name is taken).
   */
  addRoleToSubject(namespace: string, role: RoleName, subject: Subject): string {
    const p = this.ensureProject(namespace)
    const roleRef = parseRoleName(role)
    const base = roleRef.name
    for (let i = 0; ; i++) {
      const name = i === 0 ? base : `${base}-${i}`
      const existing = p.bindings.get(name)
      if (!existing) {
        this.putBinding(namespace, name, roleRef, [subject])
        return name
      }
      if (existing.roleRef.kind === roleRef.kind && existing.roleRef.name === roleRef.name) {
        const norm = normalizeSubject(subject)
        const has = existing.subjects.some(
          s => s.kind === norm.kind && s.name === norm.name && (s.namespace ?? '') === (norm.namespace ?? '')
        )
        if (!has) this.putBinding(namespace, name, existing.roleRef, [...existing.subjects, norm])
        return name
      }
    }
  }

  // --- image streams
  createImageStream(namespace: string, name: string): ImageStreamRecord {
    const p = this.ensureProject(namespace)
    const existing = p.imageStreams.get(name)
    if (existing) return existing
    const stream: ImageStreamRecord = {
      metadata: (({ uid, resourceVersion, creationTimestamp }) => ({
        name,
        namespace,
        uid,
        resourceVersion,
        generation: 1,
        creationTimestamp
      }))(this.meta(name, namespace)),
      lookupLocal: false,
      specTags: [],
      statusTags: new Map()
    }
    p.imageStreams.set(name, stream)
    return stream
  }

  imageStream(namespace: string, name: string): ImageStreamRecord | undefined {
    return this.projects.get(namespace)?.imageStreams.get(name)
  }

  deleteImageStream(namespace: string, name: string): boolean {
    return this.projects.get(namespace)?.imageStreams.delete(name) ?? false
  }

  // --- quotas
  putQuota(namespace: string, name: string, hard: Record<string, string>): QuotaObject {
    const p = this.ensureProject(namespace)
    const q: QuotaObject = { metadata: p.quotas.get(name)?.metadata ?? this.meta(name, namespace), hard }
    p.quotas.set(name, q)
    return q
  }

  /** What a quota counts as used in the project: the number of ImageStreams. */
  quotaUsed(namespace: string, resource: string): number {
    return resource === IMAGESTREAMS_QUOTA ? (this.projects.get(namespace)?.imageStreams.size ?? 0) : 0
  }

  /**
   * Why one more ImageStream in `namespace` is refused, worded as the quota admission plugin does
   * (the caller wraps it in the Forbidden of the object), or undefined when it fits.
   */
  imageStreamQuotaRefusal(namespace: string): string | undefined {
    const used = this.quotaUsed(namespace, IMAGESTREAMS_QUOTA)
    for (const q of this.projects.get(namespace)?.quotas.values() ?? []) {
      const limit = q.hard[IMAGESTREAMS_QUOTA]
      if (limit === undefined || used + 1 <= Number(limit)) continue
      const r = IMAGESTREAMS_QUOTA
      return `exceeded quota: ${q.metadata.name}, requested: ${r}=1, used: ${r}=${used}, limited: ${r}=${limit}`
    }
    return undefined
  }

  touch(stream: ImageStreamRecord): void {
    stream.metadata.resourceVersion = this.nextResourceVersion()
  }

  // --- limit ranges
  putLimitRange(spec: LimitRangeSpec): void {
    if (!Array.isArray(spec.limits)) throw new Error(`limitRanges entry in "${spec.project}" needs limits`)
    for (const l of spec.limits) for (const q of Object.values(l.max ?? {})) parseQuantity(q)
    this.ensureProject(spec.project)
    const ranges = this.limitRanges.get(spec.project) ?? new Map<string, LimitRangeSpec['limits']>()
    ranges.set(spec.name ?? `limits-${randomUUID().slice(0, 5)}`, spec.limits)
    this.limitRanges.set(spec.project, ranges)
  }

  // --- set-up from a spec
  apply(spec: StateSpec): AccountInfo[] {
    const accounts: AccountInfo[] = []
    for (const p of spec.projects ?? []) this.ensureProject(p)
    for (const r of spec.roles ?? []) this.putRole(r.project, r.name, r.rules)
    for (const sa of spec.serviceAccounts ?? []) {
      this.ensureServiceAccount(sa.project, sa.name)
      const subject: Subject = { kind: 'ServiceAccount', name: sa.name, namespace: sa.project }
      for (const role of sa.roles ?? []) this.addRoleToSubject(sa.project, role, subject)
      for (const role of sa.clusterRoles ?? []) this.bindClusterRole(role, subject)
      if (sa.canRequestToken) {
        const name = `${sa.name}-token-requester`
        this.putRole(sa.project, name, [
          {
            verbs: ['create'],
            apiGroups: [''],
            resources: ['serviceaccounts/token'],
            resourceNames: [sa.name]
          }
        ])
        this.putBinding(sa.project, name, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name }, [
          subject
        ])
      }
      const key = `sa:${sa.project}/${sa.name}`
      let token =
        sa.token === undefined && sa.tokenExpiresIn === undefined ? this.primaryTokens.get(key) : undefined
      token ??= this.issueServiceAccountToken(sa.project, sa.name, sa.tokenExpiresIn, sa.token)
      this.primaryTokens.set(key, token)
      accounts.push({
        name: serviceAccountUser(sa.project, sa.name),
        project: sa.project,
        token,
        roles: [...(sa.roles ?? []), ...(sa.clusterRoles ?? [])]
      })
    }
    for (const u of spec.users ?? []) {
      this.ensureUser(u.name, u.groups)
      const roles = Object.entries(u.roles ?? {})
      for (const [project, names] of roles) {
        for (const role of names) this.addRoleToSubject(project, role, { kind: 'User', name: u.name })
      }
      const key = `user:${u.name}`
      let token =
        u.token === undefined && u.tokenExpiresIn === undefined ? this.primaryTokens.get(key) : undefined
      token ??= this.issueUserToken(u.name, u.tokenExpiresIn, u.token)
      this.primaryTokens.set(key, token)
      accounts.push({ name: u.name, project: roles[0]?.[0] ?? '', token, roles: roles[0]?.[1] ?? [] })
    }
    for (const b of spec.bindings ?? []) {
      const name = b.name ?? `${b.roleRef.name}-${randomUUID().slice(0, 5)}`
      this.putBinding(b.project, name, { apiGroup: 'rbac.authorization.k8s.io', ...b.roleRef }, b.subjects)
    }
    for (const b of spec.clusterBindings ?? []) {
      this.clusterBindingList.push({
        namespace: '',
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...b.roleRef },
        subjects: b.subjects
      })
    }
    for (const lr of spec.limitRanges ?? []) this.putLimitRange(lr)
    for (const q of spec.quotas ?? []) {
      this.putQuota(q.project, q.name ?? 'quota', { [IMAGESTREAMS_QUOTA]: String(q.imageStreams) })
    }
    for (const ref of spec.imageStreams ?? []) {
      const [project, name, ...rest] = ref.split('/')
      if (!project || !name || rest.length > 0)
        throw new Error(`imageStreams entry "${ref}" is not project/name`)
      this.createImageStream(project, name)
    }
    return accounts
  }
}

/** `role:<name>` is a project Role; anything else a cluster role. */
export function parseRoleName(role: RoleName): RoleBindingObject['roleRef'] {
  return role.startsWith('role:')
    ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.slice(5) }
    : { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }
}

function normalizeSubject(s: Subject): Subject {
  if (s.kind === 'ServiceAccount') return { kind: 'ServiceAccount', name: s.name, namespace: s.namespace }
  return { kind: s.kind, apiGroup: 'rbac.authorization.k8s.io', name: s.name }
}
