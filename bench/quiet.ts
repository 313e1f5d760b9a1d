// How quiet the machine was while the benchmark ran: the load average at the start and the end, and the CPU
// time the whole machine spent (from /proc/stat) split into this benchmark's own processes, the Docker
// engine (which pushes for us, but is shared with whatever else runs here) and everything else. "Everything
// else" is the noise: on a quiet machine it is near zero.
import { readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'

import { actionNode } from '../test/e2e/harness/node.js'

/** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const TICK_MS = 10
const ENGINE = new Set(['dockerd', 'containerd', 'containerd-shim', 'containerd-shim-runc-v2'])

interface ProcTimes {
  ppid: number
  comm: string
  /** utime + stime: the process's own CPU time, in ticks. */
  own: number
  /** cutime + cstime: the CPU time of its children that it has waited for, in ticks. */
  children: number
}

function readProc(pid: number): ProcTimes | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const close = text.lastIndexOf(')')
    const comm = text.slice(text.indexOf('(') + 1, close)
    const f = text.slice(close + 2).split(' ')
    // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    return {
      ppid: Number(f[1]),
      comm,
      own: Number(f[11]) + Number(f[12]),
      children: Number(f[13]) + Number(f[14])
    }
  } catch {
    return undefined // gone meanwhile
  }
}

function allProcs(): Map<number, ProcTimes> {
  const procs = new Map<number, ProcTimes>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const p = readProc(Number(name))
    if (p) procs.set(Number(name), p)
  }
  return procs
}

/** Busy and total ticks of all CPUs together: the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  // user nice system idle iowait irq softirq steal (guest time is already counted in user).
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0)
  return { busy: total - cpu[3] - cpu[4], total }
}

interface Snapshot {
  at: number
  load: number
  machine: { busy: number; total: number }
  /** This process (own and waited-for children) and its live descendants, in ticks. */
  ours: number
  engine: number
}

function snapshot(): Snapshot {
  const procs = allProcs()
  const mine = new Set([process.pid])
  // Descendants: repeat until no process is added (a child may be listed before its parent).
  for (let added = true; added;) {
    added = false
    for (const [pid, p] of procs) {
      if (!mine.has(pid) && mine.has(p.ppid)) {
        mine.add(pid)
        added = true
      }
    }
  }
  let ours = 0
  let engine = 0
  for (const [pid, p] of procs) {
    if (mine.has(pid)) ours += p.own + p.children
    else if (ENGINE.has(p.comm)) engine += p.own
  }
  return { at: performance.now(), load: os.loadavg()[0], machine: machineTicks(), ours, engine }
}

/** The machine's CPU time over a stretch of the run, in seconds. */
export interface MachineUse {
  wall: number
  loadStart: number
  loadEnd: number
  available: number
  busy: number
  ours: number
  engine: number
  others: number
}

/**
 * Starts watching. Take the run's watch before the benchmark starts any child: a descendant alive at the
 * end counts in full (it started during the run), one that ended counts in its parent's waited-for
 * children. A watch over one scenario is as good to within the few short-lived children it straddles.
 */
export function watchMachine(): { finish(): MachineUse } {
  const start = snapshot()
  return {
    finish() {
      const end = snapshot()
      const sec = (ticks: number) => (ticks * TICK_MS) / 1000
      const busy = sec(end.machine.busy - start.machine.busy)
      const ours = sec(end.ours - start.ours)
      const engine = sec(end.engine - start.engine)
      return {
        wall: (end.at - start.at) / 1000,
        loadStart: start.load,
        loadEnd: end.load,
        available: sec(end.machine.total - start.machine.total),
        busy,
        ours,
        engine,
        others: Math.max(0, busy - ours - engine)
      }
    }
  }
}

const pct = (u: MachineUse): string => `${((100 * u.others) / Math.max(0.01, u.available)).toFixed(0)}%`

/** The report's closing line on the whole run. */
export function machineLine(u: MachineUse): string {
  const s = (v: number) => `${v.toFixed(0)} s`
  return (
    `Machine: ${os.cpus().length} CPUs, the action on node ${actionNode().version}; load average ${u.loadStart.toFixed(1)} at the ` +
    `start, ${u.loadEnd.toFixed(1)} at the end. CPU time over the ${s(u.wall)} run (${s(u.available)} ` +
    `available): ${s(u.busy)} busy = ${s(u.ours)} this benchmark (the action, the shell steps, the emulator) + ` +
    `${s(u.engine)} the Docker engine (shared) + ${s(u.others)} other processes (${pct(u)} of the machine; ` +
    `near 0 on a quiet machine).`
  )
}

/** A scenario's note: how much of the machine others took while it ran, and how long it waited to start. */
export function scenarioNote(u: MachineUse, settled?: Settled): string {
  const waited = settled
    ? ` Started after ${(settled.waitedMs / 1000).toFixed(1)} s waiting for the machine to settle` +
      ` (${(100 * settled.busyShare).toFixed(0)}% busy then).`
    : ''
  return (
    `machine during this scenario: other processes took ${pct(u)} of the CPUs; ` +
    `load average ${u.loadStart.toFixed(1)} -> ${u.loadEnd.toFixed(1)}.${waited}`
  )
}

/** How long `settle` waited, and how busy the machine still was when it stopped waiting. */
export interface Settled {
  waitedMs: number
  busyShare: number
}

/**
 * Waits until the machine is quiet before a scenario starts: its CPUs less than `share` busy over half a second,
 * or `maxMs` gone. Work a scenario leaves behind (the Docker engine removing its images) would otherwise count
 * against whichever scenario comes next; the note says how long the wait was and how busy the machine was then.
 */
export async function settle(share = 0.1, maxMs = 60_000): Promise<Settled> {
  const started = performance.now()
  for (;;) {
    const a = machineTicks()
    await new Promise(resolve => setTimeout(resolve, 500))
    const b = machineTicks()
    const busyShare = (b.busy - a.busy) / Math.max(1, b.total - a.total)
    const waitedMs = performance.now() - started
    if (busyShare < share || waitedMs >= maxMs) return { waitedMs, busyShare }
  }
}
