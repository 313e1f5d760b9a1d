// The integrated registry's front: OpenShift's authentication, authorization and ImageStream
// rules in front of a plain distribution registry, over HTTPS as Rahti's route is (or plain HTTP).
// Blob bodies are piped both ways, never held; only manifests (small, capped) are buffered, because
// a push must be parsed to be recorded.
import { createHash } from 'node:crypto'
import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'

import type { RegistryBehaviour } from '../cluster.js'
import type { Faults } from '../faults.js'
import { createImage, imageForManifest } from '../images.js'
import { streamDigests } from '../imagestreams.js'
import { applyImageStreamMapping, type ApplyOutcome, type ImageStreamMapping } from '../mapping.js'
import { authorize, type Identity } from '../rbac.js'
import type { State } from '../state.js'
import type { Stats } from '../stats.js'
import {
  type AccessRecord,
  basicPassword,
  denied,
  identify,
  mayAccess,
  repositoryRecord,
  splitRepository
} from './auth.js'
import { CommitLock } from './commit-lock.js'
import { EMPTY_BLOBS_REPO, isEmptyBlob } from './empty-layers.js'
import { parseManifest } from './manifest.js'

const MAX_MANIFEST = 4 * 1024 * 1024
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer'
]
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/

export interface GatewayOptions {
  state: State
  faults: Faults
  stats: Stats
  backendPort: number
  /** The certificate to serve HTTPS with; plain HTTP without. */
  tls?: { cert: string; key: string }
  /** The apiserver's read-to-write window of an ImageStream update (see mapping.ts). */
  imageStreamUpdateWindowMs: number
  /** Which registry's answers to give; read at each request, so the control API may switch it. */
  behaviour: RegistryBehaviour
  log: (msg: string) => void
}

/** What distribution answers when storage or a middleware refuses access (a quota, a limit, a right). */
const DENIED = { errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] }

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  head = false,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
  res.end(head ? undefined : JSON.stringify(body) + '\n')
}

function registryError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  detail: unknown,
  head: boolean
): void {
  // distribution leaves `detail` out when there is none (undefined here), and writes `{}` for an error value.
  json(res, status, { errors: [{ code, message, ...(detail === undefined ? {} : { detail }) }] }, head)
}

const SCHEMA2 = 'application/vnd.docker.distribution.manifest.v2+json'
const MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json'

/** The media types an Accept header names (parameters and q-values dropped). */
function accepted(req: IncomingMessage): Set<string> {
  const header = req.headers.accept
  const values = Array.isArray(header) ? header : [header ?? '']
  return new Set(values.flatMap(v => v.split(',')).map(v => v.split(';')[0].trim().toLowerCase()))
}

function forwardHeaders(
  headers: IncomingHttpHeaders,
  drop: string[] = []
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HOP_BY_HOP.includes(k) || drop.includes(k)) continue
    out[k] = v
  }
  return out
}

export class Gateway {
  private readonly server: Server
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 })
  private readonly commits = new CommitLock()
  port = 0

  constructor(private readonly o: GatewayOptions) {
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      this.handle(req, res).catch(err => {
        o.log(`registry gateway: ${(err as Error).stack ?? String(err)}`)
        if (!res.headersSent) registryError(res, 500, 'UNKNOWN', 'unknown error', {}, req.method === 'HEAD')
        else res.destroy()
      })
    }
    this.server = o.tls
      ? createHttpsServer({ cert: o.tls.cert, key: o.tls.key }, handler)
      : createServer(handler)
    this.server.keepAliveTimeout = 30000
    o.faults.latency.delayConnections(this.server, !!o.tls, () => o.stats.registryConnections++)
  }

  get scheme(): 'https' | 'http' {
    return this.o.tls ? 'https' : 'http'
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => resolve())
    })
    this.port = (this.server.address() as AddressInfo).port
    return this.port
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
    this.agent.destroy()
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Docker-Distribution-API-Version', 'registry/2.0')
    res.setHeader('X-Registry-Supports-Signatures', '1')
    const url = new URL(req.url ?? '/', 'http://gateway')
    const path = url.pathname
    this.o.stats.registryRequests++
    if (await this.o.faults.intercept('registry', req, res, path)) return
    const head = req.method === 'HEAD'

    if (path === '/openshift/token') return this.token(req, res, url)
    if (path === '/v2/' || path === '/v2') {
      if (identify(this.o.state, req, res, null)) json(res, 200, {}, head)
      return
    }
    if (path === '/v2/_catalog') return this.catalog(req, res, url)
    const sig = /^\/extensions\/v2\/(.+)\/signatures\/(sha256:[a-f0-9]{64})$/.exec(path)
    if (sig && (req.method === 'GET' || head)) return this.signatures(req, res, sig[1], sig[2])

    const m = /^\/v2\/(.+)\/(manifests|blobs|tags)\/(.+)$/.exec(path)
    if (!m) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('404 page not found\n')
      return
    }
    const [, name, kind, rest] = m
    const repo = splitRepository(name)
    const method = req.method ?? 'GET'
    const records = [repositoryRecord(name, 'pull')]
    if (!['GET', 'HEAD'].includes(method)) records.push(repositoryRecord(name, 'push'))
    const from = kind === 'blobs' && url.searchParams.get('mount') ? url.searchParams.get('from') : null
    // Pull on the mount's source is asked for too, but a refusal of it only turns the mount into an upload.
    const asked = from ? [...records, repositoryRecord(from, 'pull')] : records

    const who = identify(this.o.state, req, res, asked)
    if (!who) {
      req.resume()
      return
    }
    if (!repo || (from && !splitRepository(from))) {
      req.resume()
      res.writeHead(400)
      res.end()
      return
    }
    if (!records.every(r => mayAccess(this.o.state, who, r))) {
      req.resume()
      denied(res, records, head)
      return
    }

    if (kind === 'tags') {
      if (rest === 'list' && (method === 'GET' || head)) return this.tagsList(res, repo, head)
      return this.notFound(res)
    }
    const reads = method === 'GET' || head
    if (kind === 'manifests') {
      if (reads) return this.commits.run(false, res, () => this.getManifest(req, res, repo, rest))
      if (method === 'PUT')
        return this.commits.run(true, res, release => this.putManifest(req, res, repo, rest, who, release))
      return this.commits.run(true, res, () => this.stream(req, res, url, false))
    }
    if (rest === 'uploads' || rest.startsWith('uploads/')) {
      // A finished upload (PUT), a cancelled one and a cross-repository mount commit links; starting an
      // upload and sending data do not (distribution ignores a digest on the POST: no monolithic upload).
      if (method === 'POST' && url.searchParams.has('mount')) {
        return this.commits.run(true, res, () => this.mount(req, res, repo, url, who))
      }
      // The real registry's blob size check never fires (distribution commits with a size of 0): an
      // image over the project's LimitRange is refused at its tag's ImageStreamMapping instead.
      if (method === 'PUT') return this.commits.run(true, res, () => this.stream(req, res, url, true))
      if (method === 'DELETE') return this.commits.run(true, res, () => this.stream(req, res, url, true))
      return this.stream(req, res, url, true)
    }
    if (reads) return this.commits.run(false, res, () => this.getBlob(req, res, repo, rest, url))
    return this.commits.run(true, res, () => this.stream(req, res, url, false))
  }

  private notFound(res: ServerResponse): void {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('404 page not found\n')
  }

  /**
   * What `docker login` calls after the challenge: it checks the token, never permissions. A GET-only
   * route (other methods 405, no body); scopes are checked first, then the credentials; a refused
   * token is a bare 401 (JSON content type, no body).
   */
  private token(req: IncomingMessage, res: ServerResponse, url: URL): void {
    req.resume()
    if (req.method !== 'GET') {
      res.writeHead(405)
      res.end()
      return
    }
    for (const scope of url.searchParams.getAll('scope').flatMap(s => s.split(' '))) {
      const [type, repoName] = scope.split(':')
      if (
        (type === 'repository' || type === 'signature') &&
        repoName !== undefined &&
        !splitRepository(repoName)
      ) {
        return json(res, 401, {
          details: `repository name "${repoName}" invalid: it must be of the format <project>/<name>`
        })
      }
    }
    const header = req.headers.authorization
    if (!header) return json(res, 200, { token: 'anonymous', access_token: 'anonymous' })
    const [scheme, value = ''] = header.split(' ', 2)
    const token = scheme.toLowerCase() === 'basic' ? basicPassword(value.trim()) : undefined
    const r = token === undefined ? undefined : this.o.state.authenticate(token)
    if (!r || !('identity' in r)) {
      res.writeHead(401, { 'Content-Type': 'application/json' })
      res.end()
      return
    }
    json(res, 200, { token, access_token: token })
  }

  private catalog(req: IncomingMessage, res: ServerResponse, url: URL): void {
    req.resume()
    const records: AccessRecord[] = [{ Type: 'registry', Class: '', Name: 'catalog', Action: '*' }]
    const who = identify(this.o.state, req, res, records)
    if (!who) return
    if (!mayAccess(this.o.state, who, records[0])) return denied(res, records, req.method === 'HEAD')
    const all: string[] = []
    for (const [ns, p] of this.o.state.projects) for (const n of p.imageStreams.keys()) all.push(`${ns}/${n}`)
    all.sort()
    const last = url.searchParams.get('last')
    const n = Number(url.searchParams.get('n') ?? '0')
    let repos = last ? all.filter(r => r > last) : all
    const headers: Record<string, string> = {}
    if (n > 0 && repos.length > n) {
      repos = repos.slice(0, n)
      headers.Link = `</v2/_catalog?last=${encodeURIComponent(repos[n - 1])}&n=${n}>; rel="next"`
    }
    json(res, 200, { repositories: repos }, req.method === 'HEAD', headers)
  }

  /**
   * The signature API extension that `X-Registry-Supports-Signatures: 1` announces, which containers/image asks
   * before it reads sigstore attachments: OpenShift answers the image's atomic signatures (the emulator keeps
   * none: an empty list) when the digest is an image of the stream, and a bare 404 otherwise. Pull rights.
   */
  private signatures(req: IncomingMessage, res: ServerResponse, name: string, digest: string): void {
    const head = req.method === 'HEAD'
    const records = [repositoryRecord(name, 'pull')]
    const who = identify(this.o.state, req, res, records)
    if (!who) return
    if (!records.every(r => mayAccess(this.o.state, who, r))) return denied(res, records, head)
    const repo = splitRepository(name)
    const stream = repo ? this.o.state.imageStream(repo[0], repo[1]) : undefined
    if (!stream || !streamDigests(stream, this.o.state.images).has(digest)) {
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' })
      res.end()
      return
    }
    json(res, 200, { signatures: [] }, head)
  }

  private tagsList(res: ServerResponse, [ns, name]: [string, string], head: boolean): void {
    const stream = this.o.state.imageStream(ns, name)
    if (!stream) {
      return registryError(
        res,
        404,
        'NAME_UNKNOWN',
        'repository name not known to registry',
        { name: `${ns}/${name}` },
        head
      )
    }
    const tags = [...stream.statusTags.values()]
      .filter(t => t.items.length > 0)
      .map(t => t.tag)
      .sort()
    json(res, 200, { name: `${ns}/${name}`, tags }, head)
  }

  /**
   * A manifest is served only through its ImageStream. Without the stream the registry as shipped
   * answers a tag with 404 NAME_UNKNOWN and a digest with 500 (checked against the real 4.13 and 4.16,
   * emulator/REGISTRY-FIDELITY.md); a registry that carries image-registry PR #475 answers a digest
   * with 404 MANIFEST_UNKNOWN instead.
   */
  private async getManifest(
    req: IncomingMessage,
    res: ServerResponse,
    [ns, name]: [string, string],
    ref: string
  ): Promise<void> {
    const head = req.method === 'HEAD'
    const { state } = this.o
    const stream = state.imageStream(ns, name)
    if (!stream) {
      // By tag: the tag service's NAME_UNKNOWN, a 404 without detail (4.13 and 4.16 alike).
      if (!DIGEST.test(ref)) {
        return registryError(
          res,
          404,
          'NAME_UNKNOWN',
          'repository name not known to registry',
          undefined,
          head
        )
      }
      if (!this.o.behaviour.newerRegistry)
        return registryError(res, 500, 'UNKNOWN', 'unknown error', {}, head)
      const detail = { Name: `${ns}/${name}`, Revision: ref }
      return registryError(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown', detail, head)
    }
    let digest: string | undefined
    if (DIGEST.test(ref)) digest = streamDigests(stream, state.images).has(ref) ? ref : undefined
    else digest = stream.statusTags.get(ref)?.items[0]?.image || undefined
    const image = digest ? state.images.get(digest) : undefined
    if (!digest || !image) {
      const detail = DIGEST.test(ref) ? { Name: `${ns}/${name}`, Revision: ref } : { Tag: ref }
      return registryError(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown', detail, head)
    }
    // By tag, a Docker manifest (or list) to a client that does not accept its type would be rewritten to
    // schema 1, which the registry no longer can: 400 MANIFEST_INVALID. (By digest, and OCI types, the
    // backend's own Accept rules answer.)
    const wants = accepted(req)
    if (
      !DIGEST.test(ref) &&
      [SCHEMA2, MANIFEST_LIST].includes(image.mediaType) &&
      !wants.has(image.mediaType)
    ) {
      // A list is rewritten through its linux/amd64 manifest; without one it is unknown.
      const listed = (image.object.dockerImageManifests ?? []) as { os?: string; architecture?: string }[]
      if (
        image.mediaType === MANIFEST_LIST &&
        !listed.some(m => m.os === 'linux' && m.architecture === 'amd64')
      )
        return registryError(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown', undefined, head)
      return registryError(res, 400, 'MANIFEST_INVALID', 'manifest invalid', {}, head)
    }
    // Served by digest from the repository it was pushed to: `oc tag` may have put it in this stream.
    const upstream = await this.call(
      req.method ?? 'GET',
      `/v2/${image.repo}/manifests/${digest}`,
      forwardHeaders(req.headers, ['authorization'])
    )
    this.relay(upstream, res)
  }

  private async putManifest(
    req: IncomingMessage,
    res: ServerResponse,
    [ns, name]: [string, string],
    ref: string,
    who: Identity,
    release: () => void
  ): Promise<void> {
    const { state } = this.o
    const body = await readLimited(req, MAX_MANIFEST)
    if (!body) {
      return registryError(res, 400, 'MANIFEST_INVALID', 'manifest invalid', 'manifest too large', false)
    }
    const byTag = !DIGEST.test(ref)
    // Refused before the manifest is stored (the real registry stores it, then fails the mapping: the
    // same answer, without leaving a manifest no stream reaches).
    if (byTag && !state.imageStream(ns, name) && !this.mayCreateStream(who, ns)) return json(res, 403, DENIED)
    const parsed = parseManifest(body, String(req.headers['content-type'] ?? ''))
    await this.linkReachableBlobs([ns, name], parsed.blobs)
    const headers = forwardHeaders(req.headers, ['authorization', 'content-length'])
    headers['content-length'] = String(body.length)
    const upstream = await this.call('PUT', `/v2/${ns}/${name}/manifests/${ref}`, headers, body)
    const answer = await readLimited(upstream, MAX_MANIFEST)
    if (upstream.statusCode === 201) {
      const digest = String(
        upstream.headers['docker-content-digest'] ??
          `sha256:${createHash('sha256').update(body).digest('hex')}`
      )
      // The Image the registry writes: through POST images for a push by digest, through the
      // ImageStreamMapping (the API's own code path) for a tag.
      const image = imageForManifest(digest, `${state.hosts.internal}/${ns}/${name}@${digest}`, parsed)
      if (!byTag) createImage(state, image)
      else {
        // The manifest is stored; the tag is the apiserver's business, which other commits need not wait for.
        release()
        const outcome = await this.mapTag(req, who, { namespace: ns, stream: name, tag: ref, image })
        // A stream the pusher may not create, or the apiserver's image size limit: the registry's denial.
        if (outcome === 'denied' || outcome === 'limit-exceeded') return json(res, 403, DENIED)
        if (outcome !== 'written' && outcome !== 'unchanged') {
          this.o.log(`registry gateway: ImageStreamMapping ${ns}/${name}:${ref} failed: ${outcome}`)
          return registryError(res, 500, 'UNKNOWN', 'unknown error', {}, false)
        }
      }
    }
    res.writeHead(upstream.statusCode ?? 502, forwardHeaders(upstream.headers))
    res.end(answer)
  }

  /** The registry creates a stream with the pusher's own token, so its rights (and the quota) decide. */
  private mayCreateStream(who: Identity, ns: string): boolean {
    const { state } = this.o
    const attrs = { verb: 'create', group: 'image.openshift.io', resource: 'imagestreams', namespace: ns }
    return authorize(state, who, attrs) && !state.imageStreamQuotaRefusal(ns)
  }

  /**
   * CreateImageStreamMapping as the registry does it: the mapping; on the 404 of a missing stream,
   * the stream created as the pusher (where the pusher may) and the mapping once more.
   */
  private async mapTag(
    req: IncomingMessage,
    who: Identity,
    mapping: ImageStreamMapping
  ): Promise<ApplyOutcome | 'denied'> {
    const { state } = this.o
    const options = {
      windowMs: this.o.imageStreamUpdateWindowMs,
      forcedConflicts: this.o.faults.takenBy(req)?.conflicts ?? 0,
      onConflict: () => this.o.stats.imageStreamConflicts++
    }
    const outcome = await applyImageStreamMapping(state, mapping, options)
    if (outcome !== 'stream-gone') return outcome
    if (!this.mayCreateStream(who, mapping.namespace)) return 'denied'
    state.createImageStream(mapping.namespace, mapping.stream)
    // The first mapping stopped at the missing stream, before any update: the forced conflicts are still to meet.
    return applyImageStreamMapping(state, mapping, options)
  }

  /** A blob of another repository is reachable here when an image of this stream uses it, or it is an empty layer. */
  private async getBlob(
    req: IncomingMessage,
    res: ServerResponse,
    [ns, name]: [string, string],
    digest: string,
    url: URL
  ): Promise<void> {
    const headers = forwardHeaders(req.headers, ['authorization'])
    const method = req.method ?? 'GET'
    const first = await this.call(method, url.pathname + url.search, headers)
    if (first.statusCode === 404) {
      const other = this.blobSource(ns, name, digest)
      if (other) {
        first.resume()
        return this.relay(await this.call(method, `/v2/${other}/blobs/${digest}`, headers), res)
      }
    }
    this.relay(first, res)
  }

  /**
   * The backend repository other than this one that holds a blob this repository may serve: the
   * repository an image of this stream was pushed to, or the store of the empty layers.
   */
  private blobSource(ns: string, name: string, digest: string): string | undefined {
    if (isEmptyBlob(digest)) return EMPTY_BLOBS_REPO
    const { state } = this.o
    const stream = state.imageStream(ns, name)
    if (!stream) return undefined
    for (const d of streamDigests(stream, state.images)) {
      const image = state.images.get(d)
      if (image && image.repo !== `${ns}/${name}` && image.blobs.includes(digest)) return image.repo
    }
    return undefined
  }

  /** The backend repository holding a blob as `repo` sees it: its own link first, then blobSource. */
  private async blobHome([ns, name]: [string, string], digest: string): Promise<string | undefined> {
    if (await this.backendHas(`${ns}/${name}`, digest)) return `${ns}/${name}`
    return this.blobSource(ns, name, digest)
  }

  private async backendHas(repo: string, digest: string): Promise<boolean> {
    const r = await this.call('HEAD', `/v2/${repo}/blobs/${digest}`, {})
    r.resume()
    return r.statusCode === 200
  }

  /**
   * The real registry accepts a manifest whose blobs it can reach through the stream or that are empty
   * layers; distribution accepts only blobs linked in the repository. So those are linked first.
   */
  private async linkReachableBlobs([ns, name]: [string, string], blobs: string[]): Promise<void> {
    for (const digest of new Set(blobs)) {
      // Only a blob with a source elsewhere may need linking; the common case costs no request.
      const source = DIGEST.test(digest) ? this.blobSource(ns, name, digest) : undefined
      if (!source || (await this.backendHas(`${ns}/${name}`, digest))) continue
      const linked = await this.call(
        'POST',
        `/v2/${ns}/${name}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(source)}`,
        {}
      )
      linked.resume()
    }
  }

  /**
   * A cross-repository mount: linked (201) when the caller may pull from the source and the blob is
   * reachable there; otherwise an ordinary upload session (202), never a refusal, as OpenShift defers
   * the source's authorization error and distribution then starts an upload.
   */
  private async mount(
    req: IncomingMessage,
    res: ServerResponse,
    repo: [string, string],
    url: URL,
    who: Identity
  ): Promise<void> {
    const digest = url.searchParams.get('mount') ?? ''
    const from = url.searchParams.get('from') ?? ''
    const fromRepo = splitRepository(from)
    const allowed =
      fromRepo && DIGEST.test(digest) && mayAccess(this.o.state, who, repositoryRecord(from, 'pull'))
    const source = allowed ? await this.blobHome(fromRepo, digest) : undefined
    const target = `/v2/${repo[0]}/${repo[1]}/blobs/uploads/`
    if (!source) {
      const rest = new URLSearchParams(url.search)
      rest.delete('mount')
      rest.delete('from')
      const query = rest.toString()
      return this.stream(req, res, new URL(`${target}${query ? `?${query}` : ''}`, url), true)
    }
    req.resume()
    const answer = await this.call(
      'POST',
      `${target}?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(source)}`,
      forwardHeaders(req.headers, ['authorization', 'content-length'])
    )
    if (answer.statusCode === 201) this.o.stats.blobsMounted++
    this.relay(answer, res)
  }

  /** Pipes a request with its body to the backend and the answer back, counting upload bytes. */
  private async stream(req: IncomingMessage, res: ServerResponse, url: URL, upload: boolean): Promise<void> {
    const answer = await this.forward(req, res, url, upload).catch(() => undefined)
    if (!answer) return this.backendFailed(res)
    this.relay(answer, res)
    await new Promise<void>(resolve => {
      answer.once('end', resolve)
      res.once('close', resolve)
    })
  }

  /** Sends a request with its body on to the backend; resolves with the backend's answer. */
  private forward(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    upload: boolean
  ): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const up = request(
        {
          host: '127.0.0.1',
          port: this.o.backendPort,
          method: req.method,
          path: url.pathname + url.search,
          headers: forwardHeaders(req.headers, ['authorization']),
          agent: this.agent
        },
        resolve
      )
      up.on('error', err => {
        this.o.log(`registry backend: ${err.message}`)
        reject(err)
      })
      res.once('close', () => {
        if (!res.writableFinished) up.destroy()
      })
      if (upload) req.on('data', (chunk: Buffer) => (this.o.stats.blobBytesReceived += chunk.length))
      req.pipe(up)
    })
  }

  private backendFailed(res: ServerResponse): void {
    if (!res.headersSent) registryError(res, 502, 'UNAVAILABLE', 'registry backend unavailable', null, false)
    else res.destroy()
  }

  private call(
    method: string,
    path: string,
    headers: Record<string, string | string[]>,
    body?: Buffer
  ): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const up = request(
        { host: '127.0.0.1', port: this.o.backendPort, method, path, headers, agent: this.agent },
        resolve
      )
      up.on('error', reject)
      up.end(body)
    })
  }

  private relay(answer: IncomingMessage, res: ServerResponse): void {
    res.writeHead(answer.statusCode ?? 502, forwardHeaders(answer.headers))
    answer.pipe(res)
    res.once('close', () => {
      if (!res.writableFinished) answer.destroy()
    })
  }
}

/** Reads a whole (small) body, or undefined once it exceeds `limit`. */
function readLimited(stream: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    stream.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) over = true
      else chunks.push(c)
    })
    stream.once('end', () => resolve(over ? undefined : Buffer.concat(chunks)))
    stream.once('error', reject)
  })
}
