// The one way this action runs a program. Secrets travel only on stdin (`input`), never in argv;
// the argv is logged at debug level, which is safe precisely because no secret is ever in it.
import * as core from '@actions/core'
import * as actionsExec from '@actions/exec'
import { UserError } from './errors.js'

export interface RunOptions {
  /** Bytes for the child's stdin: the place for a secret. */
  input?: string
  env?: Record<string, string>
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

/** Runs a program and returns what it printed, whatever its exit code. */
export async function run(tool: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  core.debug(`exec: ${[tool, ...args].join(' ')}`)
  try {
    const out = await actionsExec.getExecOutput(tool, args, {
      ignoreReturnCode: true,
      silent: !opts.echo,
      input: opts.input === undefined ? undefined : Buffer.from(opts.input),
      env: opts.env ? { ...(process.env as Record<string, string>), ...opts.env } : undefined,
      cwd: opts.cwd
    })
    return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr }
  } catch (err) {
    if (/Unable to locate executable/i.test((err as Error).message)) {
      throw new UserError(
        `${tool} is not installed on this runner (not found on PATH). Install it in an earlier step, or use a runner that has it.`
      )
    }
    throw err
  }
}

/** Runs a program and throws an ExecError carrying its stderr when it fails. */
export async function runOrThrow(tool: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const result = await run(tool, args, opts)
  if (result.exitCode !== 0) throw new ExecError(tool, result)
  return result
}
