// A real forward proxy for the tests (Debian's squid), on loopback, with host names of its own: the action
// never sends loopback addresses through a proxy (as the Actions toolkit does not), so the tests name the
// emulator `*.rahti.test`, which only the proxy knows (its hosts_file) and the runner's resolver does not.
// Its access log counts what it forwarded.
import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { makeCertificates } from '../../../emulator/index.js'
import { requireTool } from './tools.js'

export interface ForwardProxy {
  url: string
  /** For a proxy spoken to in TLS: the CA file that signed its certificate (for 127.0.0.1). */
  caFile?: string
  /** The access log's lines so far: one per forwarded request or CONNECT tunnel. */
  requests(): string[]
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts squid on 127.0.0.1 resolving each of `names` to 127.0.0.1; with `tls`, clients speak TLS to it (an
 * https:// proxy, squid's https_port), its certificate signed by a CA of its own.
 */
export async function startProxy(names: string[], { tls = false } = {}): Promise<ForwardProxy> {
  const squid = requireTool('squid', 'squid')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rahti-proxy-'))
  // squid drops root for its own user, which must be able to write its log here.
  chmodSync(dir, 0o777)
  const port = await freePort()
  const accessLog = path.join(dir, 'access.log')
  writeFileSync(path.join(dir, 'hosts'), names.map(n => `127.0.0.1 ${n}\n`).join(''))
  const certs = tls ? await makeCertificates(path.join(dir, 'certs')) : undefined
  if (certs) {
    // squid reads them as its own user.
    writeFileSync(path.join(dir, 'proxy.crt'), certs.cert)
    writeFileSync(path.join(dir, 'proxy.key'), certs.key, { mode: 0o644 })
  }
  writeFileSync(
    path.join(dir, 'squid.conf'),
    [
      certs
        ? `https_port 127.0.0.1:${port} tls-cert=${path.join(dir, 'proxy.crt')} tls-key=${path.join(dir, 'proxy.key')}`
        : `http_port 127.0.0.1:${port}`,
      `hosts_file ${path.join(dir, 'hosts')}`,
      // Only this machine: names it does not know fail instead of reaching out.
      'dns_nameservers 127.0.0.1',
      'http_access allow all',
      'cache deny all',
      'pinger_enable off',
      `access_log stdio:${accessLog}`,
      `cache_log ${path.join(dir, 'cache.log')}`,
      `pid_filename ${path.join(dir, 'squid.pid')}`,
      `coredump_dir ${dir}`,
      'shutdown_lifetime 0 seconds',
      ''
    ].join('\n')
  )
  const child: ChildProcess = spawn(squid, ['-N', '-f', path.join(dir, 'squid.conf')], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  await waitForPort(port, () => stderr)
  return {
    url: `${certs ? 'https' : 'http'}://127.0.0.1:${port}`,
    caFile: certs?.caFile,
    requests: () => {
      try {
        return readFileSync(accessLog, 'utf8').split('\n').filter(Boolean)
      } catch {
        return []
      }
    },
    stop: async () => {
      const exited = new Promise(resolve => child.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

async function waitForPort(port: number, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>(resolve => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise(r => setTimeout(r, 100))
  }
  throw new Error(`squid did not listen on ${port} within 20 s: ${log()}`)
}
