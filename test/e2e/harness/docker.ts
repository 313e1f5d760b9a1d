// Docker for the end-to-end tests: a check that a daemon answers, tiny unique images built
// offline, and logins kept in a private DOCKER_CONFIG so tests never touch ~/.docker.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { requireTool, run, type RunResult } from './tools.js'

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
    writeFileSync(join(dir, 'payload.bin'), content(opts.sizeBytes ?? 1024, opts.seed))
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY payload.bin /payload.bin\n')
    const build = () =>
      run('docker', ['build', '-q', '-t', ref, dir], {
        env: {
          ...process.env,
          DOCKER_BUILDKIT: '0',
          ...(opts.dockerHost ? { DOCKER_HOST: opts.dockerHost } : {})
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
  /** `unix://...` of its socket. */
  host: string
  stop(): Promise<void>
}

/**
 * A second Docker engine on this machine (its own socket, data and exec roots), standing in for a rootless
 * or remote engine that a Docker context selects.
 */
export async function startSecondEngine(): Promise<SecondEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'rahti-engine-'))
  const host = `unix://${join(dir, 'docker.sock')}`
  const child = spawn(
    'dockerd',
    [
      '--storage-driver',
      'vfs',
      '--iptables=false',
      '--bridge=none',
      '-H',
      host,
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
      env: { ...process.env, DOCKER_HOST: host }
    })
    if (info.status === 0) return { host, stop }
    await new Promise(resolve => setTimeout(resolve, 500))
  }
  await stop()
  throw new Error('a second dockerd did not start within 30 s')
}
