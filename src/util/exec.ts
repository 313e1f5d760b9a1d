// The one way this action runs a program. Secrets travel only on stdin (`input`), never in argv; the argv is
// logged at debug level, which is safe precisely because no secret is ever in it. Every child is tracked, so
// that a cancelled job (SIGTERM or SIGINT from the runner) stops them too instead of leaving a push running
// after the post step has removed the credentials.
import type { ChildProcess } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import path from 'node:path'

import * as core from './actions.js'
import { UserError } from './errors.js'

export interface RunOptions {
  /** Bytes for the child's stdin: the place for a secret. */
  input?: string
  /** Variables to set over the action's own; undefined removes one. */
  env?: Record<string, string | undefined>
  cwd?: string
  /** Stream the child's output into the log (otherwise it is only captured). */
  echo?: boolean
}

export interface RunResult {
  exitCode: number
  stdout: string
  stderr: string
}

export class ExecError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult
  ) {
    super(result.stderr.trim() || result.stdout.trim() || `${command} exited with code ${result.exitCode}`)
    this.name = 'ExecError'
  }
}

const children = new Set<ChildProcess>()
/** Work in this process that a stop must end too (a push the Docker engine runs for a request of ours). */
const inFlight = new Set<() => void>()
/** Why the run was stopped (a cancel or the step's timeout), once it was. */
let stopped: string | undefined

/**
 * Stops the run: every child is stopped, the step fails with the reason, and the process leaves shortly after.
 * Nothing may go on pushing after that: the post step removes the credentials.
 */
function stopRun(reason: string, advice?: string): void {
  if (stopped) return
  stopped = reason
  const running = children.size + inFlight.size
  for (const child of children) child.kill('SIGTERM')
  for (const abort of inFlight) abort()
  core.setFailed(`${reason}; stopped ${running} running program(s).${advice ? ` ${advice}` : ''}`)
  // Give the children a moment to go, then leave; the post step removes the credentials.
  setTimeout(() => process.exit(1), 500).unref()
}

/** Whether the run was stopped (the job cancelled, or the step timed out): the step has failed with that reason. */
export function wasCancelled(): boolean {
  return stopped !== undefined
}

let listening = false
/** From now on, a cancel of the job stops every child and fails the step (the main step calls it first). */
export function listenForCancel(): void {
  if (listening) return
  listening = true
  const onCancel = (signal: NodeJS.Signals) => stopRun(`The job was cancelled (${signal})`)
  process.once('SIGTERM', onCancel)
  process.once('SIGINT', onCancel)
}

/**
 * Stops the run as a cancel does once `seconds` have passed, failing the step with `reason`. The timer does
 * not keep the process alive: a run that ends sooner simply ends.
 */
export function stopAfter(seconds: number, reason: string, advice: string): void {
  setTimeout(() => stopRun(reason, advice), seconds * 1000).unref()
}

/**
 * Registers work that runs outside a child process (a request whose end stops the engine's push) so that a stop
 * ends it as it ends a program; counted with them. Returns the call that unregisters it. Throws once stopped.
 */
export function stopWithRun(what: string, abort: () => void): () => void {
  if (stopped) throw new UserError(`${stopped}; ${what} was not started.`)
  inFlight.add(abort)
  return () => inFlight.delete(abort)
}

/** Runs a program and returns what it printed, whatever its exit code. */
export async function run(tool: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  core.debug(`exec: ${[tool, ...args].join(' ')}`)
  if (stopped) throw new UserError(`${stopped}; ${tool} was not started.`)
  return new Promise((resolve, reject) => {
    // node:child_process is loaded at the first program run, not with this module: it costs 1-2 ms, and the post
    // step (which imports this module for wasCancelled) and a push through the Docker Engine API run none.
    const child = process.getBuiltinModule('node:child_process').spawn(tool, args, {
      env: opts.env ? withoutUndefined({ ...process.env, ...opts.env }) : process.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    children.add(child)
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk)
      if (opts.echo) core.runnerLog.write(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk)
      if (opts.echo) process.stderr.write(chunk)
    })
    child.once('error', (err: Error & { code?: string }) => {
      children.delete(child)
      if (err.code === 'ENOENT') {
        reject(
          new UserError(
            `${tool} is not installed on this runner (not found on PATH). Install it in an earlier step, or use a runner that has it.`
          )
        )
      } else reject(err)
    })
    child.once('close', (code, signal) => {
      children.delete(child)
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8')
      })
    })
    // A program that exits without reading stdin must not turn into an EPIPE error here.
    child.stdin.on('error', () => undefined)
    child.stdin.end(opts.input ?? '')
  })
}

/** Runs a program and throws an ExecError carrying its stderr when it fails. */
export async function runOrThrow(tool: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const result = await run(tool, args, opts)
  if (result.exitCode !== 0) throw new ExecError(tool, result)
  return result
}

function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
}

/** Whether a program is on PATH (an executable file of that name in one of its directories). */
export function findOnPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some(dir => {
    if (!dir) return false
    try {
      accessSync(path.join(dir, tool), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}
