// Who the token is, and the exchange of a long-lived service-account token for a short-lived one.
import * as core from '../util/actions.js'
import { HttpStatusError, NetworkError, UserError } from '../util/errors.js'
import type { OpenShiftApi } from './api.js'

export interface Identity {
  username: string
  groups: string[]
  /** Set when the token belongs to a service account. */
  serviceAccount?: { namespace: string; name: string }
  /** A personal `sha256~` OAuth token, which expires within a day. */
  personal: boolean
}

interface UserInfo {
  username?: string
  groups?: string[]
}

const SA_PREFIX = 'system:serviceaccount:'

export async function whoAmI(api: OpenShiftApi, token: string): Promise<Identity> {
  let info: UserInfo
  try {
    info = await selfSubjectReview(api)
  } catch (err) {
    throw explainFailure(err, api.server)
  }
  if (!info.username) {
    throw new UserError(
      `${api.server.origin} did not say who the token is. Check that 'server' is a Rahti (OpenShift 4) API URL.`
    )
  }
  return toIdentity(info, token)
}

async function selfSubjectReview(api: OpenShiftApi): Promise<UserInfo> {
  try {
    const review = await api.post<{ status?: { userInfo?: UserInfo } }>(
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      {
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: {},
        status: { userInfo: {} }
      }
    )
    return review.status?.userInfo ?? {}
  } catch (err) {
    // Clusters before 4.15 have no SelfSubjectReview: ask the OpenShift user API instead.
    if (!(err instanceof HttpStatusError) || ![403, 404, 405].includes(err.status)) throw err
    const user = await api.get<{ metadata?: { name?: string }; groups?: string[] }>(
      '/apis/user.openshift.io/v1/users/~'
    )
    return { username: user.metadata?.name, groups: user.groups ?? [] }
  }
}

/**
 * The service account a token's claims name (a Kubernetes service-account token is a JWT whose `sub` is
 * `system:serviceaccount:<namespace>:<name>`), read without a call and without trusting it: the API's answer
 * confirms it. Undefined for any other token.
 */
export function claimedIdentity(token: string): Identity | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { sub?: unknown }
    if (typeof claims.sub !== 'string' || !claims.sub.startsWith(SA_PREFIX)) return undefined
    const identity = toIdentity({ username: claims.sub, groups: [] }, token)
    return identity.serviceAccount ? identity : undefined
  } catch {
    return undefined
  }
}

export function toIdentity(info: UserInfo, token: string): Identity {
  const username = info.username ?? ''
  let serviceAccount: Identity['serviceAccount']
  if (username.startsWith(SA_PREFIX)) {
    const [namespace, name] = username.slice(SA_PREFIX.length).split(':')
    if (namespace && name) serviceAccount = { namespace, name }
  }
  return { username, groups: info.groups ?? [], serviceAccount, personal: token.startsWith('sha256~') }
}

function explainFailure(err: unknown, server: URL): Error {
  // A web page where JSON was due already names the likely cause (a console URL given as 'server').
  if (err instanceof HttpStatusError && ['NotAnApi', 'SpeaksHttps'].includes(err.reason ?? '')) return err
  if (err instanceof HttpStatusError && err.status === 401) {
    return new UserError(
      `${server.origin} refused the token (401 Unauthorized): it is invalid, expired, or for another cluster. Make a new one with \`oc create token SA -n PROJECT --duration=8760h\` and store it in the secret given as 'token'.`
    )
  }
  if (err instanceof NetworkError) {
    return new UserError(
      `Could not reach the API server: ${err.message} Check the 'server' input and the runner's network.`
    )
  }
  if (err instanceof HttpStatusError) {
    return new UserError(
      `The API server ${server.origin} could not say who the token is (${err.message}). Check that 'server' is a Rahti (OpenShift 4) API URL.`
    )
  }
  return err as Error
}

export interface Exchange {
  /** The token to use from here on: the short-lived one, or the given one when no exchange happened. */
  token: string
  exchanged: boolean
  /** Whether the account may exchange its token (true also when a dry run left the exchange out). */
  allowed: boolean
  expiresAt?: string
}

/**
 * Whether the token would be exchanged: asked, and allowed. Only questions, nothing created (a dry run stops
 * here); the notice or warning says why not, with the grant that would allow it.
 */
export async function mayExchange(api: OpenShiftApi, identity: Identity, seconds: number): Promise<boolean> {
  const sa = identity.serviceAccount
  if (seconds === 0) return false
  if (!sa) {
    if (identity.personal) {
      core.warning(
        `The token is a personal one of ${identity.username}: it expires within a day and then this workflow fails. Use a service-account token (\`oc create serviceaccount pusher\`, \`oc create token pusher --duration=8760h\`).`
      )
    }
    return false
  }
  const allowed = await api.mayI({
    namespace: sa.namespace,
    verb: 'create',
    group: '',
    resource: 'serviceaccounts',
    subresource: 'token',
    name: sa.name
  })
  if (!allowed) {
    core.notice(
      `Using the given long-lived token: ${identity.username} may not request short-lived tokens for itself. To enable the exchange, grant it create on serviceaccounts/token: \`oc create role ${sa.name}-token --verb=create --resource=serviceaccounts/token --resource-name=${sa.name} -n ${sa.namespace}\` and \`oc create rolebinding ${sa.name}-token --role=${sa.name}-token --serviceaccount=${sa.namespace}:${sa.name} -n ${sa.namespace}\`.`
    )
  }
  return allowed
}

/**
 * Swaps a service account's long-lived token for one that expires soon (TokenRequest), so that what the
 * job leaves behind (a kubeconfig, a registry login) is worth little once the job is over. In a dry run it
 * only asks whether it may, and makes no token.
 */
export async function exchangeToken(
  api: OpenShiftApi,
  identity: Identity,
  token: string,
  seconds: number,
  { dryRun = false }: { dryRun?: boolean } = {}
): Promise<Exchange> {
  const sa = identity.serviceAccount
  const allowed = await mayExchange(api, identity, seconds)
  if (!sa || !allowed || dryRun) return { token, exchanged: false, allowed }
  let request: { status?: { token?: string; expirationTimestamp?: string } }
  try {
    request = await api.post(`/api/v1/namespaces/${sa.namespace}/serviceaccounts/${sa.name}/token`, {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      spec: { expirationSeconds: seconds }
    })
  } catch (err) {
    // The review said yes, yet the request failed (an admission rule, say): the given token still works.
    if (!(err instanceof HttpStatusError)) throw err
    core.warning(`Using the given token: the TokenRequest for ${identity.username} failed (${err.message}).`)
    return { token, exchanged: false, allowed }
  }
  const short = request.status?.token
  if (!short)
    throw new UserError(
      `The TokenRequest for ${identity.username} returned no token. Set 'token-duration: 0' to use the given token.`
    )
  core.setSecret(short)
  core.info(
    `Exchanged the token for one that expires at ${request.status?.expirationTimestamp ?? 'an unknown time'}`
  )
  return { token: short, exchanged: true, allowed, expiresAt: request.status?.expirationTimestamp }
}
