// "Who am I" and "may I": SelfSubjectReview, users/~, SelfSubjectAccessReview,
// LocalSubjectAccessReview, and the legacy OpenShift SubjectAccessReview that `oc login` sends
// when a user sees no projects.
import { selfSubjectReviewVersions } from '../cluster.js'
import { type Attributes, authorize, effectiveRules, type Identity } from '../rbac.js'
import type { Ctx } from './context.js'
import { failure, forbidden, notFound, PATH_NOT_FOUND } from './status.js'

/** Served in the versions of authentication.k8s.io the cluster version has; elsewhere a plain 404. */
export function selfSubjectReview(ctx: Ctx): void {
  const version = ctx.params.version
  if (!selfSubjectReviewVersions(ctx.openshiftVersion).includes(version)) {
    ctx.req.resume()
    return ctx.fail(PATH_NOT_FOUND)
  }
  if (!ctx.allow({ verb: 'create', group: 'authentication.k8s.io', resource: 'selfsubjectreviews' })) return
  const { username, uid, groups, extra } = ctx.identity
  const userInfo: Record<string, unknown> = { username, uid, groups }
  if (extra) userInfo.extra = extra
  ctx.send(201, {
    kind: 'SelfSubjectReview',
    apiVersion: `authentication.k8s.io/${version}`,
    metadata: { creationTimestamp: null },
    status: { userInfo }
  })
}

export function getUser(ctx: Ctx): void {
  const name = ctx.params.name
  const me = ctx.identity
  // basic-user grants `get users ~` to authenticated users; anything else needs more.
  const asked = name === me.username ? '~' : name
  if (!ctx.allow({ verb: 'get', group: 'user.openshift.io', resource: 'users', name: asked })) return
  // The emulator keeps no User objects beyond the caller's own.
  if (asked !== '~') return ctx.fail(notFound('users', 'user.openshift.io', name))
  ctx.send(200, {
    kind: 'User',
    apiVersion: 'user.openshift.io/v1',
    metadata: { name: me.username, uid: me.uid || undefined, creationTimestamp: null },
    // A service account is a virtual User: no identities; the groups sorted and unique, as the
    // apiserver builds it from the request's user.
    identities: me.username.startsWith('system:') ? null : [`emulator:${me.username}`],
    groups: [...new Set(me.groups)].sort()
  })
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

const AUTHZ = 'authorization.k8s.io'

/**
 * SelfSubjectAccessReview (about the caller) and LocalSubjectAccessReview (about `spec.user` and
 * `spec.groups` in the URL's namespace; it needs `create localsubjectaccessreviews` there, which
 * `admin` has). Either asks RBAC the same question the request itself would.
 */
async function accessReview(
  ctx: Ctx,
  kind: 'SelfSubjectAccessReview' | 'LocalSubjectAccessReview'
): Promise<void> {
  const ns = kind === 'LocalSubjectAccessReview' ? ctx.params.ns : undefined
  const resource =
    kind === 'LocalSubjectAccessReview' ? 'localsubjectaccessreviews' : 'selfsubjectaccessreviews'
  if (!ctx.allow({ verb: 'create', group: AUTHZ, resource, namespace: ns })) return
  const body = await ctx.body()
  if (!body) return
  const spec = (body.spec ?? {}) as Record<string, unknown>
  const ra = spec.resourceAttributes as Record<string, unknown> | undefined
  const invalid = (field: string, value: string, why: string) =>
    ctx.fail(
      failure(422, 'Invalid', `${kind}.${AUTHZ} "" is invalid: ${field}: Invalid value: ${value}: ${why}`, {
        group: AUTHZ,
        kind
      })
    )
  if (!ra && !spec.nonResourceAttributes)
    return invalid(
      'spec.resourceAttributes',
      '"null"',
      'exactly one of nonResourceAttributes or resourceAttributes must be specified'
    )
  if (ns !== undefined && ra && str(ra.namespace) && str(ra.namespace) !== ns)
    return invalid(
      'spec.resourceAttributes.namespace',
      JSON.stringify(str(ra.namespace)),
      'must match metadata.namespace'
    )
  const who: Identity =
    ns === undefined
      ? ctx.identity
      : {
          username: str(spec.user),
          uid: str(spec.uid),
          groups: Array.isArray(spec.groups) ? spec.groups.map(str) : []
        }
  const allowed =
    !!ra &&
    authorize(ctx.state, who, {
      verb: str(ra.verb),
      group: str(ra.group),
      resource: str(ra.resource),
      subresource: str(ra.subresource) || undefined,
      name: str(ra.name) || undefined,
      namespace: ns ?? str(ra.namespace)
    })
  const status: Record<string, unknown> = { allowed }
  if (allowed) status.reason = 'RBAC: allowed by the emulator'
  ctx.send(201, {
    kind,
    apiVersion: `${AUTHZ}/v1`,
    metadata: { ...(ns !== undefined ? { namespace: ns } : {}), creationTimestamp: null },
    spec,
    status
  })
}

export function selfSubjectAccessReview(ctx: Ctx): Promise<void> {
  return accessReview(ctx, 'SelfSubjectAccessReview')
}

export function localSubjectAccessReview(ctx: Ctx): Promise<void> {
  return accessReview(ctx, 'LocalSubjectAccessReview')
}

/**
 * SelfSubjectRulesReview: every rule that applies to the caller in `spec.namespace`, the cluster's bindings
 * included, as `oc auth can-i --list` shows them. RBAC is the emulator's only authorizer, so the list is complete.
 */
export async function selfSubjectRulesReview(ctx: Ctx): Promise<void> {
  if (!ctx.allow({ verb: 'create', group: AUTHZ, resource: 'selfsubjectrulesreviews' })) return
  const body = await ctx.body()
  if (!body) return
  const spec = (body.spec ?? {}) as Record<string, unknown>
  const namespace = str(spec.namespace)
  if (!namespace) {
    return ctx.fail(
      failure(400, 'BadRequest', 'no namespace on request', { group: AUTHZ, kind: 'SelfSubjectRulesReview' })
    )
  }
  const resourceRules = effectiveRules(ctx.state, ctx.identity, namespace).map(r => ({
    verbs: r.verbs,
    apiGroups: r.apiGroups,
    resources: r.resources,
    ...(r.resourceNames && r.resourceNames.length > 0 ? { resourceNames: r.resourceNames } : {})
  }))
  ctx.send(201, {
    kind: 'SelfSubjectRulesReview',
    apiVersion: `${AUTHZ}/v1`,
    metadata: { creationTimestamp: null },
    spec: { namespace },
    status: { resourceRules, nonResourceRules: [], incomplete: false }
  })
}

/** authorization.openshift.io/v1 SubjectAccessReview: without a user or groups it asks about the caller. */
export async function legacySubjectAccessReview(ctx: Ctx): Promise<void> {
  const body = await ctx.body()
  if (!body) return
  const user = str(body.user)
  const groups = Array.isArray(body.groups) ? body.groups : []
  if ((user && user !== ctx.identity.username) || groups.length > 0) {
    const attrs: Attributes = {
      verb: 'create',
      group: 'authorization.openshift.io',
      resource: 'subjectaccessreviews'
    }
    if (!authorize(ctx.state, ctx.identity, attrs)) return ctx.fail(forbidden(ctx.identity.username, attrs))
  }
  const namespace = str(body.namespace)
  const allowed = authorize(ctx.state, ctx.identity, {
    verb: str(body.verb),
    group: str(body.resourceAPIGroup),
    resource: str(body.resource),
    name: str(body.resourceName) || undefined,
    namespace
  })
  ctx.send(201, {
    kind: 'SubjectAccessReviewResponse',
    apiVersion: 'authorization.openshift.io/v1',
    namespace,
    allowed,
    reason: allowed ? 'allowed by the emulator' : ''
  })
}
