// Registry v2 calls the engines do not offer: the digest of what was pushed, and the retag (a manifest
// GET by digest, then a PUT of the same bytes under another tag: one upload, every tag the same digest).
// It also uploads Docker's layers for the engine (engines/docker-layers.ts): an upload session, one streamed
// PATCH, the closing PUT with the digest. The same client reads a remote source's registry (Docker Hub, quay.io,
// ...) with the source's credentials, held in memory only, under the same deadlines and retries as every call to
// the cluster.
import { Readable } from 'node:stream'

import type { Manifest } from '../image/oci.js'
import * as core from '../util/actions.js'
import { HttpStatusError, NetworkError, retryAfterMs, UserError } from '../util/errors.js'
import type { HttpResponse, HttpTransport } from '../util/http.js'
import { classifyHttpFailure, DEFAULT_RETRY, type RetryPolicy, withRetry } from '../util/retry.js'
import { isLoopbackHost } from './reference.js'

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

/**
 * The schemes to try for a registry host, in order, as Docker does for the same host: HTTPS always first;
 * plain HTTP after it only for loopback hosts, which Docker treats as insecure registries (127.0.0.0/8).
 * Unlike Docker, HTTPS is verified there too, with the given CA.
 */
export function registrySchemes(host: string): ('https' | 'http')[] {
  return isLoopbackHost(host) ? ['https', 'http'] : ['https']
}

/**
 * Stream update conflicts clear as soon as the other update is in: short, growing waits, each a random part of
 * its span, since the tags that conflicted were PUT at once and would otherwise meet again.
 */
const STREAM_UPDATE_CONFLICT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 25,
  maxDelayMs: 1000,
  jitter: true
}

/** How long the registry may take to answer a streamed upload once its last byte is sent (it checks the bytes). */
const UPLOAD_ANSWER_MS = 120_000
/** How long a streamed upload may not move before it counts as stalled. */
const UPLOAD_IDLE_MS = 120_000

/** The scheme each host answered on, learnt once per process: every client of the run shares it. */
const learntSchemes = new Map<string, 'https' | 'http'>()

/** Transport failures that mean "this port does not speak TLS". */
const NOT_TLS = new Set(['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG'])

/** A source registry's user name and password (`source-username`, `source-password`). */
export interface RegistryCredentials {
  username: string
  password: string
}

export class RegistryClient {
  /** The Authorization header of each request: Basic at first, a Bearer token once a challenge asked for one. */
  private auth: string | undefined
  /** Basic credentials for a token service's realm, when a challenge names one. */
  private readonly basic: string | undefined
  /** Whose registry this is, for messages: the cluster's (the target) or the one a remote source is on. */
  private readonly role: 'target' | 'source'
  /** Each request tried once, its failure left as it is (see `tryingOnce`). */
  private triedOnce = false

  constructor(
    readonly host: string,
    token: string | RegistryCredentials | undefined,
    private readonly transport: HttpTransport,
    private readonly retry: RetryPolicy = DEFAULT_RETRY
  ) {
    // The OpenShift registry takes the token as a Basic password under any user name, which saves the
    // round trip to /openshift/token that a Bearer challenge would cost.
    const credentials = typeof token === 'string' ? { username: 'unused', password: token } : token
    this.basic = credentials
      ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
      : undefined
    this.auth = this.basic
    this.role = typeof token === 'string' ? 'target' : 'source'
  }

  /** A client for a remote source's registry: its credentials, if given, and Bearer challenges answered. */
  static forSource(
    host: string,
    credentials: RegistryCredentials | undefined,
    transport: HttpTransport,
    retry: RetryPolicy = DEFAULT_RETRY
  ): RegistryClient {
    return new RegistryClient(host, credentials, transport, retry)
  }

  /**
   * This client (its connections, its login) with each request tried once and its failure left as it is: for a
   * caller that tries a whole sequence of requests again itself (an upload of Docker's layers, which the push's
   * retries repeat whole, finding what is already up), so that tries do not multiply and its messages stay the
   * push's own.
   */
  tryingOnce(): RegistryClient {
    const copy = Object.assign(Object.create(RegistryClient.prototype) as RegistryClient, this)
    copy.triedOnce = true
    return copy
  }

  /** The digest a tag points at, or undefined when the registry does not know the tag. */
  async resolveTag(repository: string, tag: string): Promise<string | undefined> {
    const res = await this.askManifest('HEAD', repository, tag)
    if (!res) return undefined
    const digest = header(res.headers['docker-content-digest'])
    if (!digest) {
      throw new HttpStatusError(
        `The registry gave no digest for ${repository}:${tag}.`,
        res.status,
        `HEAD /v2/${repository}/manifests/${tag}`
      )
    }
    return digest
  }

  /**
   * Whether the registry takes the token, as a login would find out (the same GET /v2/), without storing
   * credentials anywhere: the dry run's stand-in for the login.
   */
  async checkLogin(): Promise<void> {
    const res = await this.call('GET', '/v2/', {}, undefined, [401])
    if (res.status === 401) {
      throw new UserError(
        `The registry ${this.host} refused the token (HTTP 401). Check that 'registry' is the cluster's registry route and that the token is the cluster's.`
      )
    }
  }

  /** Whether the repository (on OpenShift: the ImageStream) exists; needs only pull rights. */
  async repositoryExists(repository: string): Promise<boolean> {
    const res = await this.call('GET', `/v2/${repository}/tags/list`, {}, undefined, [404])
    return res.status !== 404
  }

  async getManifest(repository: string, reference: string): Promise<Manifest> {
    const manifest = await this.findManifest(repository, reference)
    if (!manifest) {
      throw new HttpStatusError(
        `The registry has no manifest ${repository}@${reference}.`,
        404,
        `GET /v2/${repository}/manifests/${reference}`
      )
    }
    return manifest
  }

  /** A manifest, or undefined when the registry has no such tag or digest in the repository. */
  async findManifest(repository: string, reference: string): Promise<Manifest | undefined> {
    const res = await this.askManifest('GET', repository, reference)
    if (!res) return undefined
    return {
      digest: header(res.headers['docker-content-digest']) ?? reference,
      mediaType:
        header(res.headers['content-type']) ?? 'application/vnd.docker.distribution.manifest.v2+json',
      body: res.body
    }
  }

  /** A blob's bytes (an image config: small). */
  async getBlob(repository: string, digest: string): Promise<Buffer> {
    return (await this.call('GET', `/v2/${repository}/blobs/${digest}`, {})).body
  }

  /**
   * Links a blob of another repository on this registry into `repository` without sending its bytes (a
   * cross-repository mount). False when the registry started an ordinary upload instead (it does when the
   * token may not pull from `from`); that upload is cancelled.
   */
  async mountBlob(repository: string, digest: string, from: string): Promise<boolean> {
    const query = `mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`
    const res = await this.call('POST', `/v2/${repository}/blobs/uploads/?${query}`, {}, Buffer.alloc(0))
    if (res.status === 201) return true
    // Not mounted: the registry opened an ordinary upload instead, which is not wanted.
    if (header(res.headers.location)) await this.cancelUpload(this.nextLocation(res, 'POST of a mount'))
    return false
  }

  /**
   * Uploads a small blob (a signature payload, an attachment's config) in one piece: a POST that opens the
   * upload, then one PUT of the bytes that closes it with their digest. Skipped when the repository has it.
   */
  async pushBlob(repository: string, digest: string, bytes: Buffer): Promise<void> {
    if (await this.hasBlob(repository, digest)) return
    await this.finishUpload(await this.openUpload(repository), digest, bytes)
  }

  /** Whether the repository holds the blob (a HEAD; a 404 says it must be uploaded). */
  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const head = await this.call('HEAD', `/v2/${repository}/blobs/${digest}`, {}, undefined, [404])
    return head.status !== 404
  }

  /** Opens an upload session; returns its location, the path the next request of the upload goes to. */
  async openUpload(repository: string): Promise<string> {
    const opened = await this.call('POST', `/v2/${repository}/blobs/uploads/`, {}, Buffer.alloc(0))
    return this.nextLocation(opened, `POST /v2/${repository}/blobs/uploads/`)
  }

  /**
   * Sends a stream of bytes to an upload session in one PATCH, as they come (chunked): for a layer being
   * compressed, whose size and digest are known only at its end. Tried once: a stream cannot be sent again, so a
   * failure fails the upload, which its caller tries again whole. Returns the session's next location.
   */
  async streamUpload(location: string, body: Readable, signal?: AbortSignal): Promise<string> {
    const res = await this.call(
      'PATCH',
      location,
      { 'Content-Type': 'application/octet-stream' },
      body,
      [],
      signal
    )
    return this.nextLocation(res, 'PATCH of an upload')
  }

  /** Closes an upload session with the blob's digest (and its last bytes, if any): the registry checks it. */
  async finishUpload(location: string, digest: string, bytes: Buffer = Buffer.alloc(0)): Promise<void> {
    const url = new URL(location, `https://${this.host}`)
    url.searchParams.set('digest', digest)
    await this.call(
      'PUT',
      `${url.pathname}${url.search}`,
      { 'Content-Type': 'application/octet-stream' },
      bytes
    )
  }

  /** Gives up an upload session (its bytes are not wanted after all); best effort, never throws. */
  async cancelUpload(location: string): Promise<void> {
    await this.call('DELETE', location, {}, undefined, [404]).catch(() => undefined)
  }

  /** The path of an upload's Location header, relative to the registry (it may be absolute, or on another host's form). */
  private nextLocation(res: HttpResponse, request: string): string {
    const location = header(res.headers.location)
    if (!location) {
      throw new HttpStatusError(`The registry gave no upload location (${request}).`, res.status, request)
    }
    const url = new URL(location, `https://${this.host}`)
    return `${url.pathname}${url.search}`
  }

  /**
   * Puts the manifest's exact bytes under a tag; the registry answers with their digest. Each tag is an update
   * of the ImageStream, and concurrent updates of one stream conflict: the API server retries a conflict ten
   * times at once and then the registry answers 500 UNKNOWN. Another try a moment later then succeeds.
   */
  async putManifest(repository: string, tag: string, manifest: Manifest): Promise<string> {
    const res = await withRetry(
      `PUT ${repository}:${tag}`,
      () =>
        this.call(
          'PUT',
          `/v2/${repository}/manifests/${tag}`,
          { 'Content-Type': manifest.mediaType },
          manifest.body
        ),
      err => ({ retry: err instanceof HttpStatusError && err.status === 500 && err.reason === 'UNKNOWN' }),
      STREAM_UPDATE_CONFLICT_RETRY
    )
    return header(res.headers['docker-content-digest']) ?? manifest.digest
  }

  /** A manifest's answer (HEAD: its head only) in any form this action reads, or undefined on a 404. */
  private async askManifest(method: 'HEAD' | 'GET', repository: string, reference: string) {
    const res = await this.call(
      method,
      `/v2/${repository}/manifests/${reference}`,
      { Accept: MANIFEST_TYPES },
      undefined,
      [404]
    )
    return res.status === 404 ? undefined : res
  }

  private async call(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer | Readable,
    accept: number[] = [],
    signal?: AbortSignal
  ) {
    const [first, fallback] = registrySchemes(this.host)
    const known = learntSchemes.get(this.host)
    try {
      try {
        const res = await this.attempt(known ?? first, method, path, headers, body, accept, signal)
        if (!known) learntSchemes.set(this.host, first)
        return res
      } catch (err) {
        if (known || !fallback || !(err instanceof NetworkError) || !NOT_TLS.has(err.code)) throw err
        const res = await this.attempt(fallback, method, path, headers, body, accept, signal)
        learntSchemes.set(this.host, fallback)
        return res
      }
    } catch (err) {
      // A streamed upload that lost its connection stays what it is: its caller tries the whole upload again.
      if (err instanceof NetworkError && (body instanceof Readable || this.triedOnce)) throw err
      if (err instanceof NetworkError && this.role === 'source') {
        throw new UserError(
          `Input 'source': the registry ${this.host} could not be reached: ${err.message} Check the registry's host name in 'source', and the runner's network and proxy.`
        )
      }
      if (err instanceof NetworkError) {
        throw new UserError(
          `Could not reach the registry ${this.host}: ${err.message} Set 'registry' to the cluster's public registry host, e.g. image-registry.apps.2.rahti.csc.fi.`
        )
      }
      throw err
    }
  }

  /**
   * Gets the Bearer token a challenge asks for, from its realm, and uses it from now on; false when the challenge
   * is not a Bearer one or the realm gave no token (the 401 then stands). The token is masked: it is a credential.
   */
  private async answerChallenge(challenge: string | undefined): Promise<boolean> {
    const bearer = parseBearerChallenge(challenge)
    if (!bearer || this.auth?.startsWith('Bearer ')) return false
    const url = new URL(bearer.realm)
    if (bearer.service) url.searchParams.set('service', bearer.service)
    if (bearer.scope) url.searchParams.set('scope', bearer.scope)
    const res = await this.transport.request({
      method: 'GET',
      url,
      headers: this.basic ? { Authorization: this.basic } : {}
    })
    if (res.status !== 200) return false
    let token: string | undefined
    try {
      const body = JSON.parse(res.body.toString('utf8')) as { token?: string; access_token?: string }
      token = body.token ?? body.access_token
    } catch {
      return false
    }
    if (!token) return false
    core.setSecret(token)
    this.auth = `Bearer ${token}`
    return true
  }

  private async attempt(
    scheme: 'https' | 'http',
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer | Readable,
    accept: number[] = [],
    signal?: AbortSignal
  ) {
    // A stream is sent once: it cannot be read again for another try or for an answered challenge.
    const streamed = body instanceof Readable
    const exchange = async () => {
      const send = () =>
        this.transport.request({
          method,
          url: new URL(path, `${scheme}://${this.host}`),
          headers: { ...(this.auth ? { Authorization: this.auth } : {}), ...headers },
          body,
          signal,
          ...(streamed ? { timeoutMs: UPLOAD_ANSWER_MS, idleTimeoutMs: UPLOAD_IDLE_MS } : {})
        })
      let res = await send()
      // A registry with a token service (Docker Hub, quay.io) answers 401 with a Bearer challenge: fetch the
      // token it names, with the credentials if any, and ask once more.
      if (
        !streamed &&
        res.status === 401 &&
        (await this.answerChallenge(header(res.headers['www-authenticate'])))
      ) {
        res = await send()
      }
      if ((res.status >= 200 && res.status < 300) || accept.includes(res.status)) return res
      throw toRegistryError(method, path, res.status, res.body, retryAfterMs(res.headers))
    }
    // Tried once, its failure as it is: the caller tries the whole upload again.
    if (streamed || this.triedOnce) return exchange()
    return withRetry(`${method} ${path}`, exchange, classifyHttpFailure, this.retry)
  }
}

export interface BearerChallenge {
  realm: string
  service?: string
  scope?: string
}

/** `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:..."`, parsed. */
export function parseBearerChallenge(value: string | undefined): BearerChallenge | undefined {
  if (!value || !/^Bearer\s/i.test(value)) return undefined
  const params: Record<string, string> = {}
  for (const m of value.slice(7).matchAll(/(\w+)="([^"]*)"/g)) params[m[1].toLowerCase()] = m[2]
  return params.realm ? { realm: params.realm, service: params.service, scope: params.scope } : undefined
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function toRegistryError(
  method: string,
  path: string,
  status: number,
  body: Buffer,
  after?: number
): HttpStatusError {
  let code: string | undefined
  let message = `${method} ${path} answered HTTP ${status}`
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: { code?: string; message?: string }[] }
    const first = parsed.errors?.[0]
    if (first) {
      code = first.code
      message = `${message}: ${first.code ?? ''} ${first.message ?? ''}`.trim()
    }
  } catch {
    // A HEAD, or a body that is not the registry's JSON: the status is all there is.
  }
  return new HttpStatusError(message, status, `${method} ${path}`, code, after)
}
