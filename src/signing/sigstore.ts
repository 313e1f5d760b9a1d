// The three services keyless signing asks, over the action's own HTTP transport (its proxies and deadlines):
// the runner's OIDC token endpoint (the job's identity, audience "sigstore"), Fulcio (a short-lived
// certificate for an ephemeral public key, naming that identity), and Rekor (the transparency log entry whose
// signed timestamp proves the signature was made while the certificate was valid). Their wire formats are
// Fulcio's v2 REST API and Rekor's v1 `hashedrekord` entries, which every Sigstore instance serves.
import { X509Certificate } from 'node:crypto'

import { HttpStatusError, UserError } from '../util/errors.js'
import type { HttpTransport } from '../util/http.js'
import { classifyHttpFailure, withRetry } from '../util/retry.js'

/** The runner's variables for the OIDC token; present only when the job has `permissions: id-token: write`. */
export interface OidcEnvironment {
  ACTIONS_ID_TOKEN_REQUEST_URL?: string
  ACTIONS_ID_TOKEN_REQUEST_TOKEN?: string
}

export interface OidcToken {
  jwt: string
  issuer: string
  subject: string
}

export const NO_ID_TOKEN =
  "Keyless signing needs the job's OIDC token, and GitHub gives this job none. Add `permissions: id-token: write` to the job (or the workflow), or use 'sign: key'."

/** Whether the runner offers this job an OIDC token at all (the dry run's and the preflight's first check). */
export function oidcAvailable(env: OidcEnvironment): boolean {
  return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
}

/** The job's OIDC token for Sigstore, from the runner, as actions/core's getIDToken asks for it. */
export async function requestOidcToken(env: OidcEnvironment, http: HttpTransport): Promise<OidcToken> {
  if (!oidcAvailable(env)) throw new UserError(NO_ID_TOKEN)
  const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL as string)
  url.searchParams.set('audience', 'sigstore')
  const res = await withRetry(
    'the OIDC token request',
    async () => {
      const r = await http.request({
        method: 'GET',
        url,
        headers: {
          Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN as string}`,
          Accept: 'application/json'
        }
      })
      if (r.status !== 200) throw new HttpStatusError(`HTTP ${r.status}`, r.status, `GET ${url.pathname}`)
      return r
    },
    classifyHttpFailure
  ).catch((err: unknown) => {
    const status = err instanceof HttpStatusError ? ` (HTTP ${err.status})` : ''
    throw new UserError(
      `The runner did not give the job's OIDC token${status}. Check that the job has \`permissions: id-token: write\`, and run the job again.`
    )
  })
  let jwt: string | undefined
  try {
    jwt = (JSON.parse(res.body.toString('utf8')) as { value?: string }).value
  } catch {
    jwt = undefined
  }
  const claims = jwt ? jwtClaims(jwt) : undefined
  if (!jwt || !claims?.iss || !claims.sub) {
    throw new UserError(
      "The runner's OIDC token endpoint answered without a token. Run the job again; if it persists, sign with 'sign: key'."
    )
  }
  return { jwt, issuer: claims.iss, subject: claims.sub }
}

/** A JWT's claims, unverified: the token comes from the runner, and Fulcio verifies it. */
export function jwtClaims(jwt: string): Record<string, string> | undefined {
  try {
    const part = jwt.split('.')[1]
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, string>
  } catch {
    return undefined
  }
}

export interface CertificateChain {
  /** The leaf first, then the intermediates and the root, as PEM. */
  certificates: string[]
  /** The identity the leaf names (its SAN): for GitHub, https://github.com/<job_workflow_ref>. */
  identity: string
}

/**
 * A certificate for the ephemeral public key from Fulcio. `proof` is the signature of the token's subject with
 * the key, Fulcio's proof that the requester holds it.
 */
export async function requestCertificate(
  fulcioUrl: string,
  token: OidcToken,
  publicKeyPem: string,
  proof: Buffer,
  http: HttpTransport
): Promise<CertificateChain> {
  const url = new URL('api/v2/signingCert', withSlash(fulcioUrl))
  const body = JSON.stringify({
    credentials: { oidcIdentityToken: token.jwt },
    publicKeyRequest: {
      publicKey: { algorithm: 'ECDSA', content: publicKeyPem },
      proofOfPossession: proof.toString('base64')
    }
  })
  const res = await post(url, body, http, 'Fulcio', 'sigstore-fulcio-url')
  const parsed = parseJson(res, 'Fulcio', url) as {
    signedCertificateEmbeddedSct?: { chain?: { certificates?: string[] } }
    signedCertificateDetachedSct?: { chain?: { certificates?: string[] } }
  }
  const certificates = (parsed.signedCertificateEmbeddedSct ?? parsed.signedCertificateDetachedSct)?.chain
    ?.certificates
  if (!certificates?.length) {
    throw new UserError(
      `Fulcio at ${url.origin} answered without a certificate. Check 'sigstore-fulcio-url'; it must be a Fulcio (v2 API).`
    )
  }
  const san = new X509Certificate(certificates[0]).subjectAltName ?? ''
  const identity = /(?:URI|email):([^,]+)/.exec(san)?.[1] ?? san
  return { certificates, identity }
}

/** What Rekor answered for an entry, and the bundle cosign hangs on the signature (its SET and entry). */
export interface RekorEntry {
  uuid: string
  logIndex: number
  integratedTime: number
  /** The entry's address on the log. */
  url: string
  /** The `dev.sigstore.cosign/bundle` annotation: {SignedEntryTimestamp, Payload: {body, ...}}. */
  bundle: string
}

/**
 * Records a signature in Rekor as a `hashedrekord` entry: the payload's SHA-256, the signature, and the
 * certificate (or public key) that verifies it.
 */
export async function recordInRekor(
  rekorUrl: string,
  entry: { payloadSha256Hex: string; signature: Buffer; verifierPem: string },
  http: HttpTransport
): Promise<RekorEntry> {
  const url = new URL('api/v1/log/entries', withSlash(rekorUrl))
  const body = JSON.stringify({
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: entry.payloadSha256Hex } },
      signature: {
        content: entry.signature.toString('base64'),
        publicKey: { content: Buffer.from(entry.verifierPem, 'utf8').toString('base64') }
      }
    }
  })
  const res = await post(url, body, http, 'Rekor', 'sigstore-rekor-url')
  const parsed = parseJson(res, 'Rekor', url) as Record<
    string,
    {
      body?: string
      integratedTime?: number
      logID?: string
      logIndex?: number
      verification?: { signedEntryTimestamp?: string }
    }
  >
  const [uuid, e] = Object.entries(parsed)[0] ?? []
  if (!uuid || !e?.body || e.logIndex === undefined || !e.verification?.signedEntryTimestamp) {
    throw new UserError(
      `Rekor at ${url.origin} answered without a signed log entry. Check 'sigstore-rekor-url'; it must be a Rekor (v1 API).`
    )
  }
  const bundle = JSON.stringify({
    SignedEntryTimestamp: e.verification.signedEntryTimestamp,
    Payload: { body: e.body, integratedTime: e.integratedTime, logIndex: e.logIndex, logID: e.logID }
  })
  return {
    uuid,
    logIndex: e.logIndex,
    integratedTime: e.integratedTime ?? 0,
    url: `${url.href}/${uuid}`,
    bundle
  }
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`
}

async function post(url: URL, body: string, http: HttpTransport, service: string, input: string) {
  const res = await withRetry(
    `POST ${url.pathname}`,
    () =>
      http
        .request({
          method: 'POST',
          url,
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body
        })
        .then(r => {
          if (r.status >= 500 || r.status === 429)
            throw new HttpStatusError(`HTTP ${r.status}`, r.status, `POST ${url.pathname}`)
          return r
        }),
    classifyHttpFailure
  ).catch((err: unknown) => {
    if (err instanceof HttpStatusError)
      throw new UserError(
        `${service} at ${url.origin} failed (HTTP ${err.status}). Try again later, or check '${input}'.`
      )
    throw new UserError(
      `Could not reach ${service} at ${url.origin}: ${(err as Error).message} Check '${input}' and the runner's proxy settings.`
    )
  })
  if (res.status !== 201 && res.status !== 200) {
    const said = res.body.toString('utf8').trim().split('\n')[0].slice(0, 200)
    throw new UserError(
      `${service} at ${url.origin} refused the request (HTTP ${res.status}${said ? `: ${said}` : ''}). Check '${input}'${service === 'Fulcio' ? " and that it trusts GitHub's OIDC issuer" : ''}.`
    )
  }
  return res
}

function parseJson(res: { body: Buffer }, service: string, url: URL): unknown {
  try {
    return JSON.parse(res.body.toString('utf8'))
  } catch {
    throw new UserError(`${service} at ${url.origin} did not answer in JSON. Check the URL input for it.`)
  }
}
