// Podman, Buildah and Skopeo for the end-to-end tests: a containers storage of the test's own (vfs, under a
// temp dir, so that nothing touches the machine's storage and no overlay mount is needed), tiny images built
// offline with buildah for any platform, and a second plain docker-registry with htpasswd credentials on
// 127.0.0.1, standing in for Docker Hub.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { configYaml } from '../../../emulator/index.js'
import { closedPort, requireTool, run } from './tools.js'

export interface Store {
  dir: string
  /** The environment that points podman, buildah and skopeo at this storage. */
  env: Record<string, string>
  remove(): void
}

/** A containers storage of the test's own. */
export function newStore(): Store {
  for (const tool of ['podman', 'buildah', 'skopeo']) requireTool(tool, tool)
  const dir = mkdtempSync(join(tmpdir(), 'rahti-storage-'))
  const conf = join(dir, 'storage.conf')
  writeFileSync(
    conf,
    `[storage]\ndriver = "vfs"\ngraphroot = "${join(dir, 'root')}"\nrunroot = "${join(dir, 'run')}"\n`
  )
  return {
    dir,
    env: { CONTAINERS_STORAGE_CONF: conf },
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

async function must(
  tool: string,
  args: string[],
  env: Record<string, string>,
  input?: string
): Promise<string> {
  const r = await run(tool, args, { env: { ...process.env, ...env }, input, timeoutMs: 180_000 })
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}): ${r.stderr.trim()}`)
  return r.stdout
}

/**
 * Builds `FROM scratch` plus one random file with buildah, for `arch` (default amd64), named `ref` in the
 * store. Returns the image ID as `sha256:...` (the config digest).
 */
export async function buildahImage(store: Store, ref: string, arch = 'amd64'): Promise<string> {
  const file = join(store.dir, `payload-${randomBytes(4).toString('hex')}`)
  writeFileSync(file, randomBytes(2048))
  const container = (await must('buildah', ['from', 'scratch'], store.env)).trim()
  try {
    await must('buildah', ['copy', container, file, '/payload.bin'], store.env)
    await must('buildah', ['config', '--os', 'linux', '--arch', arch, container], store.env)
    const id = (await must('buildah', ['commit', '-q', container, ref], store.env)).trim()
    return `sha256:${id.replace(/^sha256:/, '')}`
  } finally {
    await must('buildah', ['rm', container], store.env).catch(() => undefined)
    rmSync(file, { force: true })
  }
}

/** `skopeo copy` within the test (the source side of a scenario). */
export function skopeo(store: Store, args: string[]): Promise<string> {
  return must('skopeo', args, store.env)
}

export interface SourceRegistry {
  /** `127.0.0.1:PORT` */
  host: string
  username: string
  password: string
  stop(): Promise<void>
}

/** A plain-HTTP docker-registry on 127.0.0.1 that asks for credentials (htpasswd), as Docker Hub would. */
export async function startSourceRegistry(): Promise<SourceRegistry> {
  requireTool('docker-registry', 'docker-registry')
  const dir = mkdtempSync(join(tmpdir(), 'rahti-source-registry-'))
  const username = 'hubuser'
  const password = `pw-${randomBytes(12).toString('hex')}`
  // bcrypt, the only htpasswd hash docker-registry takes; Python's crypt makes it without extra packages.
  const hash = execFileSync('python3', [
    '-W',
    'ignore',
    '-c',
    'import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH)))',
    password
  ])
    .toString()
    .trim()
  writeFileSync(join(dir, 'htpasswd'), `${username}:${hash}\n`)
  const port = await closedPort()
  // The emulator's own registry configuration, with htpasswd authentication added.
  writeFileSync(
    join(dir, 'config.yml'),
    `${configYaml(join(dir, 'storage'), port)}auth:\n  htpasswd:\n    realm: source\n    path: ${JSON.stringify(join(dir, 'htpasswd'))}\n`
  )
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const deadline = Date.now() + 15_000
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/v2/`).then(
      r => r.status === 401,
      () => false
    )
    if (up) break
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`docker-registry did not start on 127.0.0.1:${port}: ${stderr.trim()}`)
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  return {
    host: `127.0.0.1:${port}`,
    username,
    password,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** An auth file for the source registry (for the test's own skopeo), mode 0600. */
export function sourceAuthFile(store: Store, registry: SourceRegistry): string {
  const file = join(store.dir, 'source-auth.json')
  const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64')
  writeFileSync(file, JSON.stringify({ auths: { [registry.host]: { auth } } }), { mode: 0o600 })
  return file
}

/** One image of a crafted index: a platform, or `unknown/unknown` for an attestation manifest. */
export interface CraftedIndex {
  /** The index's digest. */
  digest: string
  /** Each manifest's digest, by platform (`linux/amd64`, `unknown/unknown`). */
  manifests: Record<string, string>
}

/**
 * Writes an OCI layout at `dir` holding an image index under the name `ref`: one small image per platform,
 * and with `attestation`, an attestation manifest (`unknown/unknown`, an in-toto layer) as BuildKit adds for
 * provenance. Made byte by byte, so no emulation of other architectures is needed.
 */
export function craftIndex(dir: string, ref: string, platforms: string[], attestation = false): CraftedIndex {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true })
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  const blob = (bytes: Buffer | string, mediaType: string) => {
    const data = Buffer.from(bytes)
    const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`
    writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), data)
    return { mediaType, digest, size: data.length }
  }
  const image = (os: string, architecture: string, layer: Buffer, layerType: string) => {
    const diff = `sha256:${createHash('sha256').update(layer).digest('hex')}`
    const config = blob(
      JSON.stringify({ architecture, os, config: {}, rootfs: { type: 'layers', diff_ids: [diff] } }),
      'application/vnd.oci.image.config.v1+json'
    )
    return blob(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config,
        layers: [blob(layer, layerType)]
      }),
      'application/vnd.oci.image.manifest.v1+json'
    )
  }
  const entries: Record<string, unknown>[] = []
  const manifests: Record<string, string> = {}
  for (const platform of platforms) {
    const [os, architecture, variant] = platform.split('/')
    const m = image(os, architecture, tarOf(randomBytes(1024)), 'application/vnd.oci.image.layer.v1.tar')
    manifests[platform] = m.digest
    entries.push({ ...m, platform: { os, architecture, ...(variant ? { variant } : {}) } })
  }
  if (attestation) {
    const statement = JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', subject: [] })
    const m = image('unknown', 'unknown', Buffer.from(statement), 'application/vnd.in-toto+json')
    manifests['unknown/unknown'] = m.digest
    entries.push({
      ...m,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: {
        'vnd.docker.reference.type': 'attestation-manifest',
        'vnd.docker.reference.digest': manifests[platforms[0]]
      }
    })
  }
  const index = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: entries
    }),
    'application/vnd.oci.image.index.v1+json'
  )
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ ...index, annotations: { 'org.opencontainers.image.ref.name': ref } }]
    })
  )
  return { digest: index.digest, manifests }
}

/** A tar archive with one file, `payload.bin`. */
function tarOf(content: Buffer): Buffer {
  const header = Buffer.alloc(512)
  header.write('payload.bin', 0)
  header.write('0000644\0', 100)
  header.write('0000000\0', 108)
  header.write('0000000\0', 116)
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124)
  header.write('00000000000\0', 136)
  header.write('        ', 148)
  header.write('0', 156)
  header.write('ustar\0', 257)
  header.write('00', 263)
  const sum = header.reduce((a, b) => a + b, 0)
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512)
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)])
}
