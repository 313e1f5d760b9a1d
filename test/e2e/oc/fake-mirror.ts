// A stand-in for mirror.openshift.com on 127.0.0.1, laid out like the real one: generic paths under
// /pub/openshift-v4/clients/ocp answer 302 with a relative Location to /pub/openshift-v4/x86_64/...,
// which serves version and channel directories from a directory tree built at test time.
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

const GENERIC = '/pub/openshift-v4/clients/ocp/'
const ARCH = '/pub/openshift-v4/x86_64/clients/ocp/'

export interface FakeClient {
  /** What `oc version --client` prints as the version; omit to make an oc that fails. */
  version?: string
  /** A comment in the script, so a test can tell which archive an installed oc came from. */
  marker: string
  /** Incompressible bytes after the script, to give the archive a realistic size. */
  padBytes?: number
}

/** An executable shell script standing in for oc. */
export function fakeOcScript(client: FakeClient): Buffer {
  const answer = client.version
    ? `  echo "Client Version: ${client.version}"\n  echo "Kustomize Version: v5.0.4"\n  exit 0\n`
    : '  echo "exec format error" >&2\n  exit 126\n'
  const script =
    `#!/bin/sh\n# ${client.marker}\nif [ "$1" = "version" ] && [ "$2" = "--client" ]; then\n${answer}fi\n` +
    'echo "fake oc only answers version --client" >&2\nexit 1\n'
  // sh stops reading at `exit`, so whatever follows is never parsed.
  return Buffer.concat([
    Buffer.from(script),
    client.padBytes ? randomBytes(client.padBytes) : Buffer.alloc(0)
  ])
}

/** A client tarball as the mirror has them: README.md, kubectl and oc at the top level. */
export async function makeClientTarball(file: string, client: FakeClient): Promise<void> {
  const src = await mkdtemp(path.join(os.tmpdir(), 'fake-oc-src-'))
  try {
    await writeFile(path.join(src, 'README.md'), '# OpenShift client\n')
    await writeFile(path.join(src, 'kubectl'), '#!/bin/sh\necho "fake kubectl"\n', { mode: 0o755 })
    await writeFile(path.join(src, 'oc'), fakeOcScript(client))
    await chmod(path.join(src, 'oc'), 0o755)
    await mkdir(path.dirname(file), { recursive: true })
    execFileSync('tar', ['-czf', file, '-C', src, 'README.md', 'kubectl', 'oc'])
  } finally {
    await rm(src, { recursive: true, force: true })
  }
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

export function releaseTxt(version: string): string {
  return (
    'Client tools for OpenShift\n--------------------------\n\n' +
    `These archives contain the client tooling for [OpenShift](https://docs.openshift.com).\n\n` +
    `Name:      ${version}\nDigest:    sha256:${'0'.repeat(64)}\nCreated:   2024-07-10T10:29:34Z\n\n` +
    `Pull From: quay.io/openshift-release-dev/ocp-release@sha256:${'0'.repeat(64)}\n`
  )
}

export class FakeMirror {
  /** Every request, as "GET /path" (both the generic and the redirected one). */
  readonly requests: string[] = []
  /** Paths (under the arch tree) that answer this status once, then normally. */
  readonly failOnce = new Map<string, number>()
  /** Paths (under the arch tree) whose body trickles: a byte every half second, as a stalled download. */
  readonly trickle = new Set<string>()
  private server?: http.Server
  /** Files served, kept in memory (see handle); read again when a test rewrites one. */
  private readonly served = new Map<string, { mtimeMs: number; size: number; bytes: Buffer }>()
  base = ''

  constructor(readonly root: string) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res))
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve))
    const { port } = this.server.address() as AddressInfo
    this.base = `http://127.0.0.1:${port}${GENERIC.replace(/\/$/, '')}`
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>(resolve => this.server?.close(() => resolve()) ?? resolve())
  }

  /** Requests that reached the file tree (not the redirects). */
  fileRequests(): string[] {
    return this.requests.filter(r => r.includes(ARCH)).map(r => r.slice(r.indexOf(ARCH) + ARCH.length))
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://mirror')
    this.requests.push(`${req.method} ${url.pathname}`)
    if (url.pathname.startsWith(GENERIC)) {
      // Like the real mirror (S3 behind CloudFront): relative Location, empty body.
      res.writeHead(302, { location: ARCH + url.pathname.slice(GENERIC.length), 'content-length': 0 })
      res.end()
      return
    }
    const rel = url.pathname.startsWith(ARCH) ? url.pathname.slice(ARCH.length) : undefined
    const failure = rel === undefined ? undefined : this.failOnce.get(rel)
    if (failure) {
      this.failOnce.delete(rel!)
      res.writeHead(failure).end('try later')
      return
    }
    const file = rel === undefined ? undefined : path.join(this.root, ...rel.split('/'))
    if (!file || rel!.split('/').includes('..') || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>')
      return
    }
    const stat = statSync(file)
    res.writeHead(200, { 'content-length': stat.size })
    if (rel !== undefined && this.trickle.has(rel)) {
      const timer = setInterval(() => res.write('\0'), 500)
      res.on('close', () => clearInterval(timer))
      return
    }
    // From memory, in one write, rather than createReadStream's 64 KiB reads piped through: the real mirror's
    // CPU is not on the runner, and this one's is. On a 2-core machine the stream's reads and writes of the
    // 48 MiB archive (80-100 ms of CPU an install) competed with the push the bench measures beside it.
    let cached = this.served.get(file)
    if (!cached || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
      cached = { mtimeMs: stat.mtimeMs, size: stat.size, bytes: readFileSync(file) }
      this.served.set(file, cached)
    }
    res.end(cached.bytes)
  }
}

/**
 * A started mirror in a directory of its own holding oc 4.16.3 for linux and the channel stable-4.16 pointing at it;
 * the client's script carries `marker`. Stop the mirror, then remove `root`.
 */
export async function startStable416Mirror(marker: string): Promise<{ mirror: FakeMirror; root: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'fake-mirror-'))
  const version = path.join(root, '4.16.3')
  const file = 'openshift-client-linux-4.16.3.tar.gz'
  await makeClientTarball(path.join(version, file), { version: '4.16.3', marker })
  await writeFile(path.join(version, 'sha256sum.txt'), `${sha256(path.join(version, file))}  ${file}\n`)
  await mkdir(path.join(root, 'stable-4.16'))
  await writeFile(path.join(root, 'stable-4.16', 'release.txt'), releaseTxt('4.16.3'))
  const mirror = new FakeMirror(root)
  await mirror.start()
  return { mirror, root }
}
