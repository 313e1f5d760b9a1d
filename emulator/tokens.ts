// Token formats as clients see them. Nothing verifies a signature: the state keeps every token it
// issued, so the shape only has to look right to tools that decode a JWT to read its expiry.
import { randomBytes, randomUUID } from 'node:crypto'

/** `sha256~` and 43 base64url characters, like an OAuth access token from `oc whoami -t`. */
export function personalToken(): string {
  return 'sha256~' + randomBytes(32).toString('base64url')
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

export interface ServiceAccountClaims {
  namespace: string
  name: string
  uid: string
  /** Seconds since the epoch. */
  exp?: number
}

/** A JWT-shaped service-account token carrying both the legacy flat claims and the bound-token ones. */
export function serviceAccountToken(c: ServiceAccountClaims): { token: string; jti: string } {
  const now = Math.floor(Date.now() / 1000)
  const jti = randomUUID()
  const payload: Record<string, unknown> = {
    aud: ['https://kubernetes.default.svc'],
    iat: now,
    nbf: now,
    iss: 'https://kubernetes.default.svc',
    jti,
    sub: `system:serviceaccount:${c.namespace}:${c.name}`,
    'kubernetes.io': { namespace: c.namespace, serviceaccount: { name: c.name, uid: c.uid } },
    'kubernetes.io/serviceaccount/namespace': c.namespace,
    'kubernetes.io/serviceaccount/service-account.name': c.name,
    'kubernetes.io/serviceaccount/service-account.uid': c.uid
  }
  if (c.exp !== undefined) payload.exp = c.exp
  const header = { alg: 'RS256', kid: 'emulator' }
  return { token: `${b64url(header)}.${b64url(payload)}.${randomBytes(64).toString('base64url')}`, jti }
}
