// Podman, Buildah and Skopeo for the end-to-end tests: a containers storage of the test's own (vfs, under a
// temp dir, so that nothing touches the machine's storage and no overlay mount is needed), tiny images built
// offline with buildah for any platform, and a second plain docker-registry with htpasswd credentials on
// 127.0.0.1, standing in for Docker Hub.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { configYaml } from '../../../emulator/registry/distribution.js'
import { closedPort } from '../proof/helpers.js'
import { requireTool, run } from './tools.js'

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
