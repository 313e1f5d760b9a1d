// The Rahti emulator as a child process, driven through its HTTP control endpoints. A child of its own so
// that the `peakRss` it reports is the emulator's memory alone, not the benchmark's (which holds whole
// images in memory while it builds them).
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

import type { EmulatorInfo, GatewayStats, StateSpec } from '../emulator/types.js'
import { ROOT } from '../test/e2e/harness/runner.js'

export interface EmulatorChild {
  info: EmulatorInfo
  pid: number
  apply(spec: StateSpec): Promise<void>
  /** Every API and registry request waits this long first. */
  setLatency(ms: number): Promise<void>
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
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${info.apiHttpUrl}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`emulator control ${method} ${path}: HTTP ${res.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
  let stopped: Promise<void> | undefined
  return {
    info,
    pid: child.pid ?? -1,
    apply: async spec => void (await control('POST', 'state', spec)),
    setLatency: async ms => void (await control('POST', 'latency', { ms })),
    stats: async () => (await control('GET', 'stats')) as GatewayStats,
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
