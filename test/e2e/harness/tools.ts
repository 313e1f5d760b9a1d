// Tools the end-to-end tests drive. A missing tool fails the test with the Debian package to
// install: an e2e suite that skips silently proves nothing.
import { spawn } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'

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

/**
 * The absolute path of the executable `name` in the first directory of `searchPath` (PATH) that has one, or undefined:
 * the one `which` of the tests. `skip` leaves directories out (a job's shims, which would find themselves).
 */
export function findTool(
  name: string,
  {
    searchPath = process.env.PATH ?? '',
    skip = () => false
  }: { searchPath?: string; skip?: (dir: string) => boolean } = {}
): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir || skip(dir)) continue
    const candidate = path.join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

/** Returns the tool's path; throws (failing the test) when it is missing. */
export function requireTool(name: string, debianPackage = DEBIAN_PACKAGES[name]): string {
  const found = findTool(name)
  if (!found) {
    const hint = debianPackage
      ? `install the Debian package "${debianPackage}" (apt-get install ${debianPackage})`
      : 'install it'
    throw new Error(`the end-to-end tests need "${name}" on PATH, and it is missing: ${hint}`)
  }
  return found
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

/** A local TCP port that nothing listens on (bound, then closed). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
