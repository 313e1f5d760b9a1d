// The oc install as the main step runs it: in a process of its own (the bundle dist/oc/index.js, from
// oc-entry.ts), at the lowest scheduling priority, and then put on PATH here. On a small runner (two CPUs) the
// whole machine's CPU is what the push waits on (the engine, the registry's TLS, this process), and unpacking oc
// takes some 270 ms of it: at nice 19 in a process of its own, zlib's inflate and the file writes (libuv's
// threadpool, whose threads inherit the priority) yield to the push, which a worker thread's could not (the pool
// is the process's, at its priority). Measured on the bench's oc scenario: the install added ~146 ms to a one-tag
// push in this process, ~130 ms in a child at nice 0, ~100-108 ms in a child at nice 19 (with / without went from
// 1.24-1.35x to 1.17-1.22x).
//
// The protocol: the job (request and mirror, nothing secret) goes to the child over the IPC channel; its log
// lines come back on its stdout, as the runner would read them, and are written into the calling Task's log, so
// that they print in the "Install oc" group as before; its outcome (the installation, or the error's message and
// whether it is the action's own UserError) comes back over the channel. The child inherits the environment
// (proxies, RUNNER_TOOL_CACHE, RUNNER_TEMP, NODE_EXTRA_CA_CERTS, the Actions cache's variables).
import { AsyncResource } from 'node:async_hooks'
import type { ChildProcessByStdio } from 'node:child_process'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'

import * as core from '../util/actions.js'
import { UserError } from '../util/errors.js'
import { stopWithRun } from '../util/exec.js'
import type { OcInstallRequest } from './inputs.js'
import type { OcInstallation } from './install.js'

/** What the child is asked to install. */
export interface OcJob {
  request: OcInstallRequest
  mirror: string
}

/** What the child answers, once, before it exits. */
export type OcOutcome =
  { installed: OcInstallation } | { failed: { message: string; userError: boolean; stack?: string } }

export interface AsideOptions {
  /** The child's script: the bundle beside this one unless given (tests give a script of their own). */
  script?: string
  /** How long a stopped child has to clean up after SIGTERM before it is killed. */
  graceMs?: number
}

/** The longest stderr kept for the debug log: the end of it, where a crash says why. */
const STDERR_KEPT = 16 * 1024

/**
 * Installs oc in a process of its own and puts it on PATH (unless it came from PATH), not once `signal` has
 * aborted: a cancelled or failed run announces no oc. Rejects with the child's UserError as a UserError of the
 * same message, and with the signal's reason when stopped.
 */
export async function installOcAside(
  job: OcJob,
  signal: AbortSignal,
  options: AsideOptions = {}
): Promise<OcInstallation> {
  const oc = await runAside(job, signal, options)
  signal.throwIfAborted()
  if (oc.source !== 'path') core.addPath(path.dirname(oc.path))
  return oc
}

/**
 * The bundle of the child: dist/oc/index.js, beside the chunk this module is bundled into (ncc keeps
 * import.meta.url, so it is the chunk's own URL in dist/). There is no fallback to installing in this process:
 * only the bundle runs the main step (the unit tests run this module with a script of their own, and the
 * installer itself directly), and a dist/ without it is a broken build, which entries.test.ts would catch.
 */
function childBundle(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'oc', 'index.js')
}

function runAside(job: OcJob, signal: AbortSignal, options: AsideOptions): Promise<OcInstallation> {
  signal.throwIfAborted()
  const { script = childBundle(), graceMs = 3000 } = options
  // node:child_process on use, as util/exec.ts loads it: a push with oc-version none never needs it.
  const { spawn } = process.getBuiltinModule('node:child_process')
  // The child's lines go to the log of the Task this runs in (util/actions.ts captureLog): bound to this call's
  // context outright, so that the log does not hang on how Node carries it to the pipe's events.
  const relay = AsyncResource.bind((text: string) => core.relayLog(text))
  return new Promise<OcInstallation>((resolve, reject) => {
    // A cancel of the job or the step's timeout (util/exec.ts stopRun) stops the child as it stops programs.
    const unregister = stopWithRun('the oc install', () => stop())
    const child = spawn(process.execPath, [script], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: process.env
    }) as ChildProcessByStdio<null, Readable, Readable>
    let outcome: OcOutcome | undefined
    let pending = ''
    let stderr = ''
    let killer: NodeJS.Timeout | undefined
    /** SIGTERM, on which the child stops its install and removes its files; SIGKILL if it has not gone. */
    function stop(): void {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      killer ??= setTimeout(() => child.kill('SIGKILL'), graceMs)
      killer.unref()
    }
    signal.addEventListener('abort', stop, { once: true })

    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (text: string) => {
      // Whole lines only: a line split across two reads is still one line in the log.
      const end = text.lastIndexOf('\n') + 1
      if (end === 0) {
        pending += text
        return
      }
      relay(pending + text.slice(0, end))
      pending = text.slice(end)
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEPT)
    })
    child.on('message', (message: OcOutcome) => {
      outcome ??= message
    })
    // The job goes out once the channel is up; a child that cannot start answers with 'error' or 'close'.
    child.send(job, err => {
      if (err) core.debug(`The oc install's process did not take its job: ${err.message}`)
    })
    child.on('error', err => {
      // Spawning failed (no child at all); a failed kill or send of a running child is told by its end instead.
      if (child.pid === undefined) finish(() => reject(cannotRun(`it did not start (${err.message})`)))
    })
    // 'close': the process has exited and its stdout and stderr are read to their end, the lines and the
    // outcome with them.
    child.once('close', (code, killedBy) => {
      finish(() => {
        if (pending) relay(`${pending}\n`)
        if (stderr.trim()) core.debug(`The oc install's process wrote on stderr:\n${stderr.trimEnd()}`)
        if (signal.aborted) reject(signal.reason)
        else if (outcome && 'installed' in outcome) resolve(outcome.installed)
        else if (outcome && 'failed' in outcome) reject(failure(outcome.failed))
        else reject(cannotRun(killedBy ? `it was ended by ${killedBy}` : `it exited with code ${code}`))
      })
    })

    let finished = false
    function finish(settle: () => void): void {
      if (finished) return
      finished = true
      unregister()
      clearTimeout(killer)
      signal.removeEventListener('abort', stop)
      settle()
    }
  })
}

/** The child's failure as this process's: the action's own UserError stays one (its message is the story). */
function failure(failed: { message: string; userError: boolean; stack?: string }): Error {
  if (failed.userError) return new UserError(failed.message)
  const err = new Error(failed.message)
  // The entry point prints a bug's stack in the debug log: the child's, where it happened.
  if (failed.stack) err.stack = failed.stack
  return err
}

function cannotRun(what: string): UserError {
  return new UserError(
    `oc was not installed: the process that installs it ended without an outcome (${what}). ` +
      'Run the job again; with debug logging on (RUNNER_DEBUG), the log shows what it wrote.'
  )
}
