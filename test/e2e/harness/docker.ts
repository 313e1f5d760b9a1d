// Docker for the end-to-end tests: a check that a daemon answers, tiny unique images built
// offline, and logins kept in a private DOCKER_CONFIG so tests never touch ~/.docker.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { closedPort, requireTool, run, type RunResult } from './tools.js'

let daemonChecked: Promise<void> | undefined

/** Whether `docker info` reaches a daemon. */
export async function dockerAvailable(): Promise<boolean> {
  try {
    const r = await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 })
    return r.status === 0 && r.stdout.trim() !== ''
  } catch {
    return false
  }
}

/** Fails clearly when there is no docker client or no daemon behind it. */
export function ensureDocker(): Promise<void> {
  daemonChecked ??= (async () => {
    requireTool('docker', 'docker.io')
    const r = await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 })
    if (r.status !== 0 || !r.stdout.trim()) {
      daemonChecked = undefined
      throw new Error(
        `no Docker daemon answers (docker info exited ${r.status}): start dockerd (Debian package docker.io). ${r.stderr.trim()}`
      )
    }
  })()
  return daemonChecked
}

export interface BuildOptions {
  /** Size of the random file in the image's only layer; default 1024 bytes. */
  sizeBytes?: number
  /** Makes the content reproducible; default random, so every image is unique. */
  seed?: string
  /** Another engine than the default one (DOCKER_HOST). */
  dockerHost?: string
  /** Another engine's whole client environment (DOCKER_HOST with its TLS settings), as SecondEngine.env. */
  dockerEnv?: Record<string, string>
  /** Layers, each a random file of `sizeBytes / layers` bytes; default 1. */
  layers?: number
}

function content(size: number, seed?: string): Buffer {
  if (!seed) return randomBytes(size)
  // A cheap deterministic stream (xorshift) from the seed.
  const out = Buffer.alloc(size)
  let x = 0x9e3779b9
  for (const c of seed) x = ((x ^ c.charCodeAt(0)) * 16777619) >>> 0
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out[i] = x & 0xff
  }
  return out
}

/**
 * Builds `FROM scratch` plus one random file with the classic builder (no BuildKit, no network),
 * tagged `ref`. Returns the image id (`sha256:...`).
 */
export async function buildImage(ref: string, opts: BuildOptions = {}): Promise<string> {
  await ensureDocker()
  const dir = mkdtempSync(join(tmpdir(), 'rahti-build-'))
  try {
    const layers = opts.layers ?? 1
    const size = Math.floor((opts.sizeBytes ?? 1024) / layers)
    const files = Array.from({ length: layers }, (_, i) => (i === 0 ? 'payload.bin' : `payload-${i}.bin`))
    files.forEach((file, i) =>
      writeFileSync(join(dir, file), content(size, opts.seed === undefined ? undefined : `${opts.seed}-${i}`))
    )
    writeFileSync(join(dir, 'Dockerfile'), `FROM scratch\n${files.map(f => `COPY ${f} /${f}\n`).join('')}`)
    const build = () =>
      run('docker', ['build', '-q', '-t', ref, dir], {
        env: {
          ...process.env,
          DOCKER_BUILDKIT: '0',
          ...(opts.dockerHost ? { DOCKER_HOST: opts.dockerHost } : {}),
          ...opts.dockerEnv
        },
        timeoutMs: 120_000
      })
    let r = await build()
    // On an engine shared with other jobs, another job's clean-up can remove the image the classic builder has
    // just committed, before it is tagged ("unable to find image"): building again is what a user would do (a
    // few times, on an engine as busy as a machine running several suites at once).
    for (let again = 0; again < 3 && r.status !== 0 && /unable to find image/i.test(r.stderr); again++) {
      r = await build()
    }
    if (r.status !== 0) throw new Error(`docker build -t ${ref} failed (${r.status}): ${r.stderr.trim()}`)
    return r.stdout.trim().split('\n').pop() ?? ''
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A private Docker client configuration directory; `cleanup` removes it. */
export interface DockerConfig {
  dir: string
  env: NodeJS.ProcessEnv
  cleanup: () => void
}

export function dockerConfig(): DockerConfig {
  const dir = mkdtempSync(join(tmpdir(), 'rahti-docker-config-'))
  writeFileSync(join(dir, 'config.json'), '{}\n', { mode: 0o600 })
  return {
    dir,
    env: { ...process.env, DOCKER_CONFIG: dir },
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs a docker command with a private DOCKER_CONFIG. */
export function docker(cfg: DockerConfig, args: string[], input?: string): Promise<RunResult> {
  return run('docker', args, { env: cfg.env, input, timeoutMs: 180_000 })
}

/** `docker login -u unused --password-stdin`: the token goes through stdin, never argv. */
export function dockerLogin(cfg: DockerConfig, registry: string, token: string): Promise<RunResult> {
  return docker(cfg, ['login', '-u', 'unused', '--password-stdin', registry], token)
}

/** Removes local images, ignoring those already gone. */
export async function removeImages(...refs: string[]): Promise<void> {
  if (refs.length) await run('docker', ['rmi', '-f', ...refs], { timeoutMs: 60_000 })
}

export interface SecondEngine {
  /** `unix://...` of its socket, or `tcp://127.0.0.1:PORT` when it speaks TLS. */
  host: string
  /** What a client needs to reach it: DOCKER_HOST, and with TLS DOCKER_TLS_VERIFY and DOCKER_CERT_PATH. */
  env: Record<string, string>
  stop(): Promise<void>
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate in `dir`, as `docker` expects them there. */
async function makeTlsFiles(dir: string): Promise<void> {
  const ssl = async (...args: string[]) => {
    const r = await run('openssl', args, { cwd: dir })
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr.trim()}`)
  }
  requireTool('openssl', 'openssl')
  await ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=test CA',
    '-keyout',
    'ca-key.pem',
    '-out',
    'ca.pem'
  )
  for (const [name, ext] of [
    ['server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth'],
    ['client', 'extendedKeyUsage=clientAuth']
  ]) {
    writeFileSync(join(dir, `${name}.ext`), `${ext}\n`)
    await ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.csr`
    )
    await ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`
    )
  }
  // The client's files under the names the docker CLI (and DOCKER_CERT_PATH) look for.
  copyFileSync(join(dir, 'client.pem'), join(dir, 'cert.pem'))
  copyFileSync(join(dir, 'client-key.pem'), join(dir, 'key.pem'))
}

/**
 * A second Docker engine on this machine (its own socket, data and exec roots), standing in for a rootless
 * or remote engine that a Docker context selects; with `tls`, it listens on TCP with TLS and checks the client's
 * certificate (`DOCKER_TLS_VERIFY`), as a remote engine does.
 */
export async function startSecondEngine(opts: { tls?: boolean } = {}): Promise<SecondEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'rahti-engine-'))
  let host = `unix://${join(dir, 'docker.sock')}`
  let env: Record<string, string> = { DOCKER_HOST: host }
  const listen = ['-H', host]
  if (opts.tls) {
    await makeTlsFiles(dir)
    host = `tcp://127.0.0.1:${await closedPort()}`
    env = { DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }
    listen.splice(
      0,
      2,
      '-H',
      host,
      '--tlsverify',
      '--tlscacert',
      join(dir, 'ca.pem'),
      '--tlscert',
      join(dir, 'server.pem'),
      '--tlskey',
      join(dir, 'server-key.pem')
    )
  }
  const child = spawn(
    'dockerd',
    [
      '--storage-driver',
      'vfs',
      '--iptables=false',
      '--bridge=none',
      ...listen,
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      join(dir, 'exec'),
      '--pidfile',
      join(dir, 'docker.pid')
    ],
    { stdio: 'ignore' }
  )
  const stop = async (): Promise<void> => {
    const exited = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
    rmSync(dir, { recursive: true, force: true })
  }
  for (let i = 0; i < 60; i++) {
    const info = await run('docker', ['info', '--format', '{{.ServerVersion}}'], {
      env: { ...process.env, ...env }
    })
    if (info.status === 0) return { host, env, stop }
    await new Promise(resolve => setTimeout(resolve, 500))
  }
  await stop()
  throw new Error('a second dockerd did not start within 30 s')
}
