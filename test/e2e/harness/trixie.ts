// The Debian trixie chroot that scripts/docker-containerd.sh makes (Docker 26 with the containerd image store,
// and trixie's newer skopeo), as the end-to-end tests reach it: which Docker store a test file runs against,
// an engine of the file's own on the containerd store, and trixie's skopeo. Free of jest.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'

import { ROOT } from './action.js'
import type { RunResult } from './tools.js'
import { run } from './tools.js'

const SCRIPT = join(ROOT, 'scripts', 'docker-containerd.sh')

/** The Docker image stores the end-to-end tests run against. */
export type DockerStore = 'classic' | 'containerd'

/**
 * The store this test file runs its Docker cases against: `containerd` in the jest project `e2e-containerd`
 * (jest.config.js sets the global), else `classic`, the engine scripts/prepare.sh starts.
 */
export function dockerStore(): DockerStore {
  return (globalThis as { RAHTI_E2E_DOCKER_STORE?: DockerStore }).RAHTI_E2E_DOCKER_STORE ?? 'classic'
}

export interface Trixie {
  /** The chroot's directory. */
  root: string
  /** DOCKER_HOST of the machine's engine in it (the tests start engines of their own, startContainerdEngine). */
  dockerHost: string
}

let ready: Promise<Trixie> | undefined

/**
 * Makes the chroot when missing and starts its engine when it does not answer, by running
 * scripts/docker-containerd.sh (quick when both are there; about a minute the first time on a machine), and
 * returns where they are. Throws the script's own message when that fails: the containerd store missing is a
 * failure, never a skip.
 */
export function ensureTrixie(): Promise<Trixie> {
  ready ??= (async () => {
    const made = await run('bash', [SCRIPT], { timeoutMs: 900_000 })
    if (made.status !== 0) {
      ready = undefined
      throw new Error(
        `the trixie chroot with Docker's containerd image store is not ready (scripts/docker-containerd.sh exited ${made.status}): ${made.stderr.trim()}`
      )
    }
    const env = Object.fromEntries(
      (await run('bash', [SCRIPT, 'env'])).stdout
        .trim()
        .split('\n')
        .map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
    )
    return { root: env.RAHTI_TRIXIE_ROOT, dockerHost: env.DOCKER_HOST }
  })()
  return ready
}

export interface ContainerdEngine {
  /** `unix://...` of its socket. */
  host: string
  stop(): Promise<void>
}

/**
 * Docker 26 with the containerd image store, an engine of the caller's own (its socket and data root in a new
 * temporary directory), whose system trust is the chroot's plus `caFiles`. On this store Docker fetches the
 * registry's token trusting only the system's CAs, and reads them once, so the emulator's CA is there from the
 * engine's start, as on a runner that adds its CA to the system trust and then starts Docker. One engine per
 * emulator keeps several emulators, each with its own CA, from meeting in one trust store.
 */
export async function startContainerdEngine(caFiles: string[]): Promise<ContainerdEngine> {
  await ensureTrixie()
  const dir = mkdtempSync(join(tmpdir(), 'rahti-containerd-'))
  const host = `unix://${join(dir, 'docker.sock')}`
  const logFile = join(dir, 'dockerd.log')
  const log = openSync(logFile, 'a')
  // The script execs into dockerd, so this child is the engine itself.
  const child: ChildProcess = spawn('bash', [SCRIPT, 'engine', dir, ...caFiles], {
    stdio: ['ignore', log, log]
  })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  let gone = false
  void exited.then(() => (gone = true))
  const stop = async (): Promise<void> => {
    if (!gone) {
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
  for (let i = 0; i < 120 && !gone; i++) {
    const info = await run('docker', ['info', '--format', '{{.ServerVersion}}'], {
      env: { ...process.env, DOCKER_HOST: host },
      timeoutMs: 10_000
    })
    if (info.status === 0) return { host, stop }
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' ')
  await stop()
  throw new Error(`Docker with the containerd image store did not start within 30 s: ${tail}`)
}

export interface TrixieSkopeoOptions {
  /**
   * More host paths (absolute; files or directories) the command reads, bound at the same path inside the
   * chroot. The host's /tmp is always there (bound whole), so files under it need no entry; a bound path outside
   * /tmp leaves an empty mount point behind in the chroot.
   */
  binds?: string[]
  /** Added to the environment (REGISTRY_AUTH_FILE, say; its path must be visible inside the chroot). */
  env?: Record<string, string>
  input?: string
  timeoutMs?: number
}

/**
 * Runs Debian trixie's skopeo (1.18; Debian 12's is 1.9, too old to verify keyless sigstore signatures) as
 * `skopeo --policy <policy> <args...>`, in the chroot that scripts/docker-containerd.sh makes (ensureTrixie runs
 * it first). It runs in a mount namespace of its own whose /tmp is the host's /tmp, so a policy file, keys,
 * Fulcio and Rekor roots, a registries.d directory (`--registries.d`, for `use-sigstore-attachments: true`), an
 * auth file and a `--cert-dir` under /tmp (os.tmpdir()) are read at the same paths the caller wrote, and what
 * skopeo writes under /tmp (a `dir:` destination) lands there; paths elsewhere go in `binds`. The network is
 * the host's, so the emulator on 127.0.0.1 answers. Nothing stays mounted afterwards.
 *
 * ```ts
 * const r = await trixieSkopeo(policyFile, ['inspect', '--cert-dir', certDir, `docker://${ref}`])
 * ```
 */
export async function trixieSkopeo(
  policy: string,
  args: string[],
  opts: TrixieSkopeoOptions = {}
): Promise<RunResult> {
  const { root } = await ensureTrixie()
  const binds = opts.binds ?? []
  for (const p of [policy, ...binds]) {
    if (!isAbsolute(p)) throw new Error(`trixieSkopeo needs absolute host paths, not ${p}`)
  }
  // sh inside the new mount namespace: bind the host's /tmp and each extra path (a file onto an empty file, a
  // directory onto an empty directory), then chroot. $1 is the chroot, $2 the number of binds, then the binds,
  // then skopeo's own arguments.
  const script = `
set -e
root=$1 n=$2
shift 2
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --rbind /tmp "$root/tmp"
while [ "$n" -gt 0 ]; do
  if [ -d "$1" ]; then mkdir -p "$root$1"; else mkdir -p "$root$(dirname "$1")"; [ -e "$root$1" ] || : > "$root$1"; fi
  mount --bind "$1" "$root$1"
  shift
  n=$((n - 1))
done
exec chroot "$root" skopeo "$@"
`
  return run(
    'unshare',
    [
      '--mount',
      '--propagation',
      'private',
      '--',
      'sh',
      '-c',
      script,
      'sh',
      root,
      String(binds.length),
      ...binds,
      '--policy',
      policy,
      ...args
    ],
    {
      env: { ...process.env, PATH: '/usr/sbin:/usr/bin:/sbin:/bin', ...opts.env },
      input: opts.input,
      timeoutMs: opts.timeoutMs ?? 120_000
    }
  )
}

/** trixie's skopeo version (`skopeo version 1.18.0`), for logs and reports. */
export async function trixieSkopeoVersion(): Promise<string> {
  const { root } = await ensureTrixie()
  const r = await run('chroot', [root, 'skopeo', '--version'])
  if (r.status !== 0)
    throw new Error(`chroot ${root} skopeo --version exited ${r.status}: ${r.stderr.trim()}`)
  return r.stdout.trim()
}

/**
 * Builds `FROM scratch` plus one random file with BuildKit, as `docker build` does on current Docker (buildx's
 * default builder, default flags), into the engine at `dockerHost`. On the containerd image store that keeps an
 * image index holding the image and a provenance attestation manifest (buildx adds it by default there).
 * Debian 12's docker client has no buildx, so the chroot's plugin is named in a client configuration of the
 * build's own. Returns the image ID, which on this store is the index's digest.
 */
export async function buildKitImage(ref: string, dockerHost: string): Promise<string> {
  const { root } = await ensureTrixie()
  const dir = mkdtempSync(join(tmpdir(), 'rahti-buildkit-'))
  try {
    writeFileSync(join(dir, 'payload.bin'), randomBytes(1024))
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY payload.bin /payload.bin\n')
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ cliPluginsExtraDirs: [join(root, 'usr/libexec/docker/cli-plugins')] })
    )
    const r = await run('docker', ['buildx', 'build', '-q', '--load', '-t', ref, join(dir)], {
      env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_CONFIG: dir },
      timeoutMs: 180_000
    })
    if (r.status !== 0)
      throw new Error(`docker buildx build -t ${ref} failed (${r.status}): ${r.stderr.trim()}`)
    return r.stdout.trim().split('\n').pop() ?? ''
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
