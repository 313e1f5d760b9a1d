// The Debian trixie chroot that scripts/docker-containerd.sh makes (Docker 26 with the containerd image store,
// and trixie's newer skopeo), as the end-to-end tests reach it. Free of jest.
import { isAbsolute, join } from 'node:path'

import { ROOT } from './action.js'
import type { RunResult } from './tools.js'
import { run } from './tools.js'

/** Where the chroot lives; the script reads the same variables. */
export const TRIXIE_ROOT = process.env.RAHTI_TRIXIE_ROOT ?? '/var/lib/rahti-push/trixie'
const RUN_DIR = process.env.RAHTI_RUN_DIR ?? '/run/rahti-push'
/** DOCKER_HOST of the Docker engine with the containerd image store. */
export const CONTAINERD_DOCKER_HOST = `unix://${RUN_DIR}/docker-containerd.sock`

let ready: Promise<void> | undefined

/**
 * Makes the chroot when missing and starts its engine when it does not answer, by running
 * scripts/docker-containerd.sh (quick when both are there; about a minute the first time on a machine).
 * Throws the script's own message when that fails.
 */
export function ensureTrixie(): Promise<void> {
  ready ??= (async () => {
    const r = await run('bash', [join(ROOT, 'scripts', 'docker-containerd.sh')], { timeoutMs: 900_000 })
    if (r.status !== 0) {
      ready = undefined
      throw new Error(
        `the trixie chroot with Docker's containerd image store is not ready (scripts/docker-containerd.sh exited ${r.status}): ${r.stderr.trim()}`
      )
    }
  })()
  return ready
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
  await ensureTrixie()
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
      TRIXIE_ROOT,
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
  await ensureTrixie()
  const r = await run('chroot', [TRIXIE_ROOT, 'skopeo', '--version'])
  if (r.status !== 0)
    throw new Error(`chroot ${TRIXIE_ROOT} skopeo --version exited ${r.status}: ${r.stderr.trim()}`)
  return r.stdout.trim()
}
