// "Who am I" and "may I": SelfSubjectReview, users/~, SelfSubjectAccessReview, and the legacy
// OpenShift SubjectAccessReview that `oc login` sends when a user sees no projects.
import { selfSubjectReviewVersions } from '../cluster.js'
import { type Attributes, authorize } from '../rbac.js'
import type { Ctx } from './context.js'
import { PATH_NOT_FOUND, failure, forbidden } from './status.js'

/** Served in the versions of authentication.k8s.io the cluster version has; elsewhere a plain 404. */
export function selfSubjectReview(ctx: Ctx): void {
  const version = ctx.params.version
  if (!selfSubjectReviewVersions(ctx.openshiftVersion).includes(version)) {
    ctx.req.resume()
    return ctx.fail(PATH_NOT_FOUND)
  }
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
  if (name !== '~' && name !== me.username) {
    ctx.allow({ verb: 'get', group: 'user.openshift.io', resource: 'users', name })
    return
  }
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

export async function selfSubjectAccessReview(ctx: Ctx): Promise<void> {
  const body = await ctx.body()
  if (!body) return
  const spec = (body.spec ?? {}) as Record<string, unknown>
  const ra = spec.resourceAttributes as Record<string, unknown> | undefined
  let allowed = false
  if (ra) {
    const attrs: Attributes = {
      verb: str(ra.verb),
      group: str(ra.group),
      resource: str(ra.resource),
      subresource: str(ra.subresource) || undefined,
      name: str(ra.name) || undefined,
      namespace: str(ra.namespace)
    }
    allowed = authorize(ctx.state, ctx.identity, attrs)
  } else if (!spec.nonResourceAttributes) {
    return ctx.fail(
      failure(
        422,
        'Invalid',
        'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
        {
          group: 'authorization.k8s.io',
          kind: 'SelfSubjectAccessReview'
        }
      )
    )
  }
  const status: Record<string, unknown> = { allowed }
  if (allowed) status.reason = 'RBAC: allowed by the emulator'
  ctx.send(201, {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status
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
