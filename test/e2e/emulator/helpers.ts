// Small HTTP clients for the emulator tests: the API over HTTPS (trusting the emulator's CA) or
// plain HTTP, and the registry gateway (HTTPS trusting the CA, or plain HTTP) with Bearer or Basic credentials.
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { type IncomingMessage, request as httpRequest } from 'node:http'
import { type Agent, request } from 'node:https'
import { dirname, join } from 'node:path'

import { expect } from '@jest/globals'

import { startEmulator } from '../../../emulator/index.js'
import type { Emulator, StartOptions } from '../../../emulator/types.js'
import { ensureDocker } from '../harness/docker.js'
import { requireTool, run, type RunResult } from '../harness/tools.js'

export interface Reply {
  status: number
  headers: Headers
  text: string
  json: () => Record<string, unknown>
}

function reply(status: number, headers: Headers, text: string): Reply {
  return { status, headers, text, json: () => JSON.parse(text) as Record<string, unknown> }
}

let seq = 0
/** A name no other test (or earlier run against the same daemon) uses. */
export function unique(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`
}

export function token(emu: Emulator, account: string): string {
  const a = emu.info.accounts.find(x => x.name === account || x.name.endsWith(`:${account}`))
  if (!a) throw new Error(`no account ${account}`)
  return a.token
}

/** The API over plain HTTP. */
export async function api(
  emu: Emulator,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<Reply> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers }
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  const r = await fetch(emu.info.apiHttpUrl + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body)
  })
  return reply(r.status, r.headers, await r.text())
}

/** The API over HTTPS, verifying the certificate against the emulator's CA. */
export function apiTls(
  emu: Emulator,
  method: string,
  path: string,
  bearer?: string,
  body?: unknown
): Promise<Reply> {
  const ca = readFileSync(emu.info.caFile, 'utf8')
  return new Promise((resolve, reject) => {
    const req = request(
      emu.info.apiUrl + path,
      {
        method,
        ca,
        headers: {
          Accept: 'application/json',
          ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {})
        }
      },
      res => readReply(res).then(resolve, reject)
    )
    req.on('error', reject)
    req.end(body === undefined ? undefined : JSON.stringify(body))
  })
}

function readReply(res: IncomingMessage): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let text = ''
    res.setEncoding('utf8')
    res.on('data', (d: string) => (text += d))
    res.on('error', reject)
    res.on('end', () => {
      const h = new Headers()
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v)
      }
      resolve(reply(res.statusCode ?? 0, h, text))
    })
  })
}

export type RegistryAuth = { bearer: string } | { basic: string } | { header: string } | undefined

function authHeader(auth: RegistryAuth): Record<string, string> {
  if (!auth) return {}
  if ('bearer' in auth) return { Authorization: `Bearer ${auth.bearer}` }
  if ('basic' in auth)
    return { Authorization: `Basic ${Buffer.from(`unused:${auth.basic}`).toString('base64')}` }
  return { Authorization: auth.header }
}

/** The registry gateway's base URL: `https://127.0.0.1:PORT` (or `http://` when started without TLS). */
export function registryUrl(emu: Pick<Emulator, 'info'>): string {
  return `${emu.info.registryScheme}://${emu.info.registry}`
}

/**
 * A request to the registry gateway, over HTTPS verifying the certificate against the emulator's CA
 * (or plain HTTP). Node's global agent keeps connections alive; `agent: false` gives the request its own.
 */
export function registry(
  emu: Pick<Emulator, 'info'>,
  method: string,
  path: string,
  auth?: RegistryAuth,
  opts: { headers?: Record<string, string>; body?: string | Buffer; agent?: Agent | false } = {}
): Promise<Reply> {
  const tls = emu.info.registryScheme === 'https'
  return new Promise((resolve, reject) => {
    const options = {
      method,
      headers: { ...authHeader(auth), ...opts.headers },
      ...(opts.agent !== undefined ? { agent: opts.agent } : {}),
      ...(tls ? { ca: emu.info.caPem } : {})
    }
    const req = (tls ? request : httpRequest)(registryUrl(emu) + path, options, res =>
      readReply(res).then(resolve, reject)
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

/** An ImageStream as the emulator holds it, typed loosely for assertions. */
export interface StreamView {
  metadata: { name: string; namespace: string; generation: number }
  status: {
    dockerImageRepository: string
    publicDockerImageRepository: string
    tags?: { tag: string; items: { image: string; dockerImageReference: string; generation: number }[] }[]
  }
}

export function stream(emu: Emulator, project: string, name: string): StreamView | undefined {
  return emu.getImageStream(project, name) as StreamView | undefined
}

export function tagDigest(emu: Emulator, project: string, name: string, tag: string): string | undefined {
  return stream(emu, project, name)?.status.tags?.find(t => t.tag === tag)?.items[0]?.image
}

export function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`
}

/** Uploads one blob the two-step way (POST, then PUT with the digest). */
export async function uploadBlob(
  emu: Emulator,
  repo: string,
  data: Buffer,
  auth: RegistryAuth
): Promise<string> {
  const digest = sha256(data)
  const start = await registry(emu, 'POST', `/v2/${repo}/blobs/uploads/`, auth)
  if (start.status !== 202) throw new Error(`upload start ${start.status}: ${start.text}`)
  const location = start.headers.get('location') ?? ''
  const url = new URL(location, registryUrl(emu))
  url.searchParams.set('digest', digest)
  const put = await registry(emu, 'PUT', url.pathname + url.search, auth, {
    headers: { 'Content-Type': 'application/octet-stream' },
    body: data
  })
  if (put.status !== 201) throw new Error(`upload ${put.status}: ${put.text}`)
  return digest
}

export interface TinyImage {
  manifest: Buffer
  mediaType: string
  digest: string
  layer: string
  config: string
}

const SCHEMA2 = 'application/vnd.docker.distribution.manifest.v2+json'

/** A schema 2 manifest over the given config and layers (digest and size each). */
export function schema2(
  config: { digest: string; size: number },
  layers: { digest: string; size: number }[]
): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: SCHEMA2,
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', ...config },
      layers: layers.map(l => ({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', ...l }))
    })
  )
}

/** Uploads a minimal image's blobs (a config and one random layer); the manifest is left to the caller. */
export async function tinyImage(emu: Emulator, repo: string, auth: RegistryAuth): Promise<TinyImage> {
  const layer = randomBytes(512)
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: [sha256(layer)] }
    })
  )
  const layerDigest = await uploadBlob(emu, repo, layer, auth)
  const configDigest = await uploadBlob(emu, repo, config, auth)
  const manifest = schema2({ digest: configDigest, size: config.length }, [
    { digest: layerDigest, size: layer.length }
  ])
  return { manifest, mediaType: SCHEMA2, digest: sha256(manifest), layer: layerDigest, config: configDigest }
}

export function putManifest(
  emu: Emulator,
  repo: string,
  ref: string,
  manifest: Buffer,
  auth: RegistryAuth
): Promise<Reply> {
  return registry(emu, 'PUT', `/v2/${repo}/manifests/${ref}`, auth, {
    headers: { 'Content-Type': SCHEMA2 },
    body: manifest
  })
}

/** Pushes a minimal image (a config and one random layer) over the registry API; returns the manifest digest. */
export async function pushTiny(
  emu: Emulator,
  repo: string,
  ref: string,
  auth: RegistryAuth
): Promise<string> {
  const image = await tinyImage(emu, repo, auth)
  const put = await putManifest(emu, repo, ref, image.manifest, auth)
  if (put.status !== 201) throw new Error(`manifest PUT ${put.status}: ${put.text}`)
  return image.digest
}

/** The state the registry client tests share: one project with a builder, a pusher and an admin. */
export async function startForClients(): Promise<Emulator> {
  requireTool('docker', 'docker.io')
  requireTool('docker-registry', 'docker-registry')
  await ensureDocker()
  return startEmulator({
    state: {
      projects: ['demo'],
      serviceAccounts: [
        { project: 'demo', name: 'builder', roles: ['system:image-builder'] },
        { project: 'demo', name: 'pusher', roles: ['system:image-pusher'] },
        { project: 'demo', name: 'admin', roles: ['admin'] }
      ]
    }
  })
}

/** The smallest state: project demo with its builder; `opts` adds start options (latency, TLS). */
export function startWithBuilder(opts: StartOptions = {}): Promise<Emulator> {
  requireTool('docker-registry', 'docker-registry')
  return startEmulator({
    state: {
      projects: ['demo'],
      serviceAccounts: [{ project: 'demo', name: 'builder', roles: ['system:image-builder'] }]
    },
    ...opts
  })
}

let kubeconfigs = 0

/**
 * kubectl against the emulator's HTTPS API with `bearer`, through a kubeconfig (namespace `demo`)
 * so the token stays off argv. The files live in the emulator's own directory, removed when it stops.
 */
export function kubectl(emu: Emulator, bearer: string, args: string[]): Promise<RunResult> {
  const kubeDir = dirname(emu.info.caFile)
  const kubeconfig = join(kubeDir, `kubeconfig-${++kubeconfigs}`)
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'rahti', cluster: { server: emu.info.apiUrl, 'certificate-authority': emu.info.caFile } }
      ],
      users: [{ name: 'u', user: { token: bearer } }],
      contexts: [{ name: 'rahti', context: { cluster: 'rahti', user: 'u', namespace: 'demo' } }],
      'current-context': 'rahti'
    }),
    { mode: 0o600 }
  )
  return run('kubectl', args, { env: { ...process.env, KUBECONFIG: kubeconfig, HOME: kubeDir } })
}

/** Whether a SelfSubjectAccessReview by `bearer` allows `resourceAttributes`. */
export async function selfReview(
  emu: Emulator,
  bearer: string | undefined,
  resourceAttributes: Record<string, string | undefined>
): Promise<boolean> {
  const r = await api(emu, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    token: bearer,
    body: {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      spec: { resourceAttributes }
    }
  })
  if (r.status !== 201) throw new Error(`SelfSubjectAccessReview ${r.status}: ${r.text}`)
  return (r.json().status as { allowed: boolean }).allowed
}

/**
 * The body of a DeploymentConfig `name` of one container `api` and a ConfigChange trigger: running `from.image`,
 * or, with `from.imageStreamTag`, an image of ' ' that an ImageChange trigger from that ImageStreamTag sets.
 */
export function deploymentConfig(
  name: string,
  replicas: number,
  from: { image: string } | { imageStreamTag: string }
): Record<string, unknown> {
  const triggers: Record<string, unknown>[] = [{ type: 'ConfigChange' }]
  if ('imageStreamTag' in from)
    triggers.push({
      type: 'ImageChange',
      imageChangeParams: {
        automatic: true,
        containerNames: ['api'],
        from: { kind: 'ImageStreamTag', name: from.imageStreamTag }
      }
    })
  return {
    apiVersion: 'apps.openshift.io/v1',
    kind: 'DeploymentConfig',
    metadata: { name },
    spec: {
      replicas,
      selector: { app: name },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'api', image: 'image' in from ? from.image : ' ' }] }
      },
      triggers
    }
  }
}

/** The image stream demo/`name`, created over the API by the admin (a 201 expected). */
export async function createStream(emu: Emulator, name: string): Promise<void> {
  const r = await api(emu, 'POST', '/apis/image.openshift.io/v1/namespaces/demo/imagestreams', {
    token: token(emu, 'admin'),
    body: {
      kind: 'ImageStream',
      apiVersion: 'image.openshift.io/v1',
      metadata: { name },
      spec: { lookupPolicy: { local: false } }
    }
  })
  expect(r.status).toBe(201)
}
