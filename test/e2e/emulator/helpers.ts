// Small HTTP clients for the emulator tests: the API over HTTPS (trusting the emulator's CA) or
// plain HTTP, and the registry gateway with Bearer or Basic credentials.
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { dirname, join } from 'node:path'
import { startEmulator } from '../../../emulator/index.js'
import type { Emulator } from '../../../emulator/types.js'
import { ensureDocker } from '../harness/docker.js'
import { type RunResult, requireTool, run } from '../harness/tools.js'

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
      res => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (text += d))
        res.on('end', () => {
          const h = new Headers()
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v)
          resolve(reply(res.statusCode ?? 0, h, text))
        })
      }
    )
    req.on('error', reject)
    req.end(body === undefined ? undefined : JSON.stringify(body))
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

/** A request to the registry gateway. */
export async function registry(
  emu: Emulator,
  method: string,
  path: string,
  auth?: RegistryAuth,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {}
): Promise<Reply> {
  const r = await fetch(`http://${emu.info.registry}${path}`, {
    method,
    headers: { ...authHeader(auth), ...opts.headers },
    body: opts.body,
    redirect: 'manual'
  })
  return reply(r.status, r.headers, await r.text())
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

function sha256(data: Buffer): string {
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
  const url = new URL(location, `http://${emu.info.registry}`)
  url.searchParams.set('digest', digest)
  const put = await registry(emu, 'PUT', url.pathname + url.search, auth, {
    headers: { 'Content-Type': 'application/octet-stream' },
    body: data
  })
  if (put.status !== 201) throw new Error(`upload ${put.status}: ${put.text}`)
  return digest
}

/** Pushes a minimal image (a config and one random layer) over the registry API; returns the manifest digest. */
export async function pushTiny(
  emu: Emulator,
  repo: string,
  ref: string,
  auth: RegistryAuth
): Promise<string> {
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
  const mediaType = 'application/vnd.docker.distribution.manifest.v2+json'
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: {
        mediaType: 'application/vnd.docker.container.image.v1+json',
        size: config.length,
        digest: configDigest
      },
      layers: [
        {
          mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
          size: layer.length,
          digest: layerDigest
        }
      ]
    })
  )
  const put = await registry(emu, 'PUT', `/v2/${repo}/manifests/${ref}`, auth, {
    headers: { 'Content-Type': mediaType },
    body: manifest
  })
  if (put.status !== 201) throw new Error(`manifest PUT ${put.status}: ${put.text}`)
  return sha256(manifest)
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
