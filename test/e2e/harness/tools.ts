// Tools the end-to-end tests drive. A missing tool fails the test with the Debian package to
// install: an e2e suite that skips silently proves nothing.
import { spawn, spawnSync } from 'node:child_process'

/** Debian packages that provide each tool, for the failure message. */
export const DEBIAN_PACKAGES: Record<string, string> = {
  docker: 'docker.io',
  'docker-registry': 'docker-registry',
  skopeo: 'skopeo',
  podman: 'podman',
  buildah: 'buildah',
  ctr: 'containerd',
  containerd: 'containerd',
  kubectl: 'kubernetes-client',
  openssl: 'openssl',
  setpriv: 'util-linux',
  squid: 'squid'
}

/** The absolute path of `name` on PATH, or undefined. */
export function findTool(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8' })
  const path = r.stdout.trim()
  return r.status === 0 && path ? path : undefined
}

/** Returns the tool's path; throws (failing the test) when it is missing. */
export function requireTool(name: string, debianPackage = DEBIAN_PACKAGES[name]): string {
  const path = findTool(name)
  if (!path) {
    const hint = debianPackage
      ? `install the Debian package "${debianPackage}" (apt-get install ${debianPackage})`
      : 'install it'
    throw new Error(`the end-to-end tests need "${name}" on PATH, and it is missing: ${hint}`)
  }
  return path
}

export interface RunResult {
  status: number
  stdout: string
  stderr: string
}

/** Runs a tool to completion, never through a shell; `input` goes to stdin (tokens stay off argv). */
export function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string } = {}
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000)
    child.once('error', err => {
      clearTimeout(timer)
      reject(err)
    })
    child.once('close', code => {
      clearTimeout(timer)
      resolve({ status: code ?? -1, stdout, stderr })
    })
    // A tool that exits without reading stdin must not turn into an EPIPE error here.
    child.stdin.on('error', () => undefined)
    child.stdin.end(opts.input ?? '')
  })
}
