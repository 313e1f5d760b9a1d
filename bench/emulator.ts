// The Rahti emulator as a child process, driven through its HTTP control endpoints. A child of its own so
// that the `peakRss` it reports is the emulator's memory alone, not the benchmark's (which holds whole
// images in memory while it builds them).
import { type ChildProcess, spawn } from 'node:child_process'
import { request } from 'node:http'
import { createInterface } from 'node:readline'

import type { EmulatorInfo, GatewayStats, LatencySpec, StateSpec } from '../emulator/types.js'
import { ROOT } from '../test/e2e/harness/runner.js'

export interface EmulatorChild {
  info: EmulatorInfo
  pid: number
  apply(spec: StateSpec): Promise<void>
  /** The distance: a delay per request, and per new connection for the TCP and TLS handshakes. */
  setLatency(spec: Required<LatencySpec>): Promise<void>
  /** The counters since the last reset, without the control requests' own connections. */
  stats(): Promise<GatewayStats>
  resetStats(): Promise<void>
  stop(): Promise<void>
}

export async function startEmulatorChild(): Promise<EmulatorChild> {
  // `node --import tsx` rather than the tsx CLI: the CLI would put a second node process in between,
  // and the pid we stop would not be the emulator's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  // Its log stays out of the table; the tail is kept for the error message if it dies.
  let stderrTail = ''
  child.stderr.on('data', (d: Buffer) => (stderrTail = (stderrTail + d.toString()).slice(-4000)))
  const lines = createInterface({ input: child.stdout })
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', code =>
      reject(new Error(`the emulator exited with code ${code} before it was ready: ${stderrTail.trim()}`))
    )
  })
  // Keep draining stdout: the emulator stops itself when its stdout pipe breaks.
  lines.on('line', () => undefined)
  const info = JSON.parse(line) as EmulatorInfo
  // Each control request on a connection of its own, closed after it: the emulator counts connections,
  // and the one a stats() request opens is then always exactly one, which stats() takes off again.
  const control = (method: string, path: string, body?: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const req = request(
        `${info.apiHttpUrl}/_emulator/${path}`,
        {
          method,
          agent: false,
          headers: payload === undefined ? {} : { 'Content-Type': 'application/json' }
        },
        res => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (d: string) => (text += d))
          res.on('end', () => {
            if ((res.statusCode ?? 500) >= 300) {
              reject(new Error(`emulator control ${method} ${path}: HTTP ${res.statusCode} ${text}`))
            } else resolve(text ? JSON.parse(text) : undefined)
          })
          res.on('error', reject)
        }
      )
      req.on('error', reject)
      req.end(payload)
    })
  let stopped: Promise<void> | undefined
  return {
    info,
    pid: child.pid ?? -1,
    apply: async spec => void (await control('POST', 'state', spec)),
    setLatency: async spec => void (await control('POST', 'latency', spec)),
    stats: async () => {
      const s = (await control('GET', 'stats')) as GatewayStats
      return { ...s, apiConnections: s.apiConnections - 1 }
    },
    resetStats: async () => void (await control('DELETE', 'stats')),
    stop: () => (stopped ??= stopChild(child))
  }
}

/** SIGTERM lets the emulator stop its registry child and remove its work directory; SIGKILL if it hangs. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise(resolve => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
