// Runs the bundled action (dist/index.js) the way the GitHub runner does: inputs as INPUT_* variables with
// action.yml's defaults, GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV / GITHUB_STEP_SUMMARY files, RUNNER_TEMP,
// and then the post step with the state the main step saved, under the Node that action.yml names (see
// node.ts). Every program the action starts is run through a shim on PATH that records its argv, so tests can
// prove no secret ever reached a command line.
import { type ChildProcess, spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { actionManifest, ROOT } from './action.js'
import { parseFileCommands } from './file-commands.js'
import { actionNode } from './node.js'
import { findTool } from './tools.js'

export { ROOT }
/** Programs whose argv is recorded. */
const SHIMMED = ['docker', 'podman', 'buildah', 'skopeo', 'oc', 'kubectl', 'tar', 'curl']

export interface Job {
  dir: string
  runnerTemp: string
  toolCache: string
  argvLog: string
  shimDir: string
}

export interface StepResult {
  /** The version of the Node that ran dist/ (`v24.…`). */
  node: string
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** Variables the step exported for later steps (GITHUB_ENV). */
  exported: Record<string, string>
  /** Directories the step added to PATH for later steps (GITHUB_PATH). */
  paths: string[]
  summary: string
  /** The raw GITHUB_STATE file. */
  stateFile: string
  state: Record<string, string>
}

export interface RunOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  debug?: boolean
  job?: Job
  /** Directories put on PATH before the shims (a fake oc, say). */
  pathPrepend?: string[]
  /** Runs `then` once the step's output matches `when`: a cancel (a signal), a change on the server, ... */
  trigger?: { when: RegExp; then: (child: ChildProcess) => void }
  /** Another action's checkout to run instead of this one (the bench's comparison with another action). */
  action?: string
}

const jobs: string[] = []

/** Deletes every job directory this process made (call it in afterAll): jobs hold image and tool copies. */
export function removeJobs(): void {
  for (const dir of jobs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** A new job: its own RUNNER_TEMP, tool cache and argv log, as each job on a runner gets. */
export function newJob(): Job {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rahti-job-'))
  jobs.push(dir)
  const job = {
    dir,
    runnerTemp: path.join(dir, 'temp'),
    toolCache: path.join(dir, 'toolcache'),
    argvLog: path.join(dir, 'argv.log'),
    shimDir: path.join(dir, 'shims')
  }
  for (const d of [job.runnerTemp, job.toolCache, job.shimDir]) mkdirSync(d, { recursive: true })
  writeFileSync(job.argvLog, '')
  for (const tool of SHIMMED) {
    const real = findTool(tool, { skip: dir => dir.includes('rahti-job-') })
    if (!real) continue
    const shim = path.join(job.shimDir, tool)
    // printf %s keeps every argument verbatim; one line per program run.
    writeFileSync(
      shim,
      `#!/bin/sh\nprintf '%s ' "${tool}" "$@" >> '${job.argvLog}'\nprintf '\\n' >> '${job.argvLog}'\nexec '${real}' "$@"\n`
    )
    chmodSync(shim, 0o755)
  }
  return job
}

function inputDefaults(action?: string): Record<string, string> {
  const defaults: Record<string, string> = {}
  for (const [name, spec] of Object.entries(actionManifest(action).inputs)) {
    if (spec.default !== undefined) defaults[name] = String(spec.default)
  }
  return defaults
}

/** Runs the main step. */
export async function runMain(opts: RunOptions): Promise<StepResult & { job: Job }> {
  const job = opts.job ?? newJob()
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries({ ...inputDefaults(opts.action), ...opts.inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  const result = await runStep(job, 'main', { ...env, ...opts.env }, opts)
  assertOwnVoice(result)
  return { ...result, job }
}

/**
 * Another program's log line as the framing of its message: logrus (`time="..." level=fatal msg="..."`, the
 * containers tools' and the Docker daemon's), Go's panics, klog's `E1202 10:00:00.000000 ...` prefix.
 */
const RAW_TOOL_LINE =
  /\btime="[^"]*"|\blevel=(?:fatal|error|warning|warn|info|debug)\b|\bmsg="|^panic: |goroutine \d+ \[|\b[EWF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6}\b/

/**
 * Applied to every run of the main step: an `::error::` line is the action's own sentence, never another
 * program's raw log line (issue 18). Thrown, so the test that made the run fails with the line.
 */
export function assertOwnVoice(result: StepResult): void {
  for (const line of result.stdout.split('\n')) {
    if (!line.startsWith('::error::')) continue
    const text = line.slice('::error::'.length)
    if (RAW_TOOL_LINE.test(text)) {
      throw new Error(`The step's ::error:: holds another program's raw log line: ${text}`)
    }
  }
}

/** Runs the post step with the state and exported variables the main step left, as the runner does. */
export async function runPost(
  main: StepResult & { job: Job },
  opts: Omit<RunOptions, 'inputs'> = {}
): Promise<StepResult> {
  const env: Record<string, string> = { ...main.exported }
  for (const [name, value] of Object.entries(main.state)) env[`STATE_${name}`] = value
  return runStep(main.job, 'post', { ...env, ...opts.env }, opts)
}

async function runStep(
  job: Job,
  name: string,
  extraEnv: Record<string, string>,
  opts: Pick<RunOptions, 'debug' | 'pathPrepend' | 'trigger' | 'action'>
): Promise<StepResult> {
  const files = {
    GITHUB_OUTPUT: path.join(job.dir, `${name}.output`),
    GITHUB_STATE: path.join(job.dir, `${name}.state`),
    GITHUB_ENV: path.join(job.dir, `${name}.env`),
    GITHUB_PATH: path.join(job.dir, `${name}.path`),
    GITHUB_STEP_SUMMARY: path.join(job.dir, `${name}.summary`)
  }
  for (const f of Object.values(files)) writeFileSync(f, '')
  const env: Record<string, string> = {
    PATH: [...(opts.pathPrepend ?? []), job.shimDir, process.env.PATH ?? ''].join(':'),
    HOME: process.env.HOME ?? os.homedir(),
    RUNNER_TEMP: job.runnerTemp,
    RUNNER_TOOL_CACHE: job.toolCache,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: job.dir,
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...(opts.debug ? { RUNNER_DEBUG: '1' } : {}),
    ...files,
    ...extraEnv
  }
  const node = actionNode()
  // The file the runner starts for this step: action.yml's runs.main or runs.post.
  const { runs } = actionManifest(opts.action)
  const entry = path.join(opts.action ?? ROOT, name === 'post' ? (runs.post ?? runs.main) : runs.main)
  const child = spawn(node.path, [entry], { env, cwd: job.dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let triggered = false
  child.stdout.on('data', d => {
    stdout += d
    if (opts.trigger && !triggered && opts.trigger.when.test(stdout)) {
      triggered = true
      opts.trigger.then(child)
    }
  })
  child.stderr.on('data', d => (stderr += d))
  const exitCode = await new Promise<number>(resolve => child.on('close', code => resolve(code ?? -1)))
  const stateFile = readFileSync(files.GITHUB_STATE, 'utf8')
  return {
    node: node.version,
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    exported: parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8')),
    paths: readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    stateFile,
    state: parseFileCommands(stateFile)
  }
}

/** The GitHub log's `::error::` annotation, which is what a user reads first. */
export function errorAnnotation(result: StepResult): string | undefined {
  return /::error::(.*)/.exec(result.stdout)?.[1]
}

/** Every file left under a directory, with its mode, for hygiene checks. */
export function filesUnder(dir: string): { path: string; mode: number; text: string }[] {
  const found: { path: string; mode: number; text: string }[] = []
  if (!existsSync(dir)) return found
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name)
    if (!entry.isFile()) continue
    const stat = statSync(full)
    found.push({
      path: full,
      mode: stat.mode & 0o777,
      text: stat.size < 5_000_000 ? readFileSync(full, 'latin1') : ''
    })
  }
  return found
}

/**
 * All text one run produced where a secret could leak, including the recorded argv of its children. The
 * `::add-mask::` commands are left out: they are how a step tells the runner what to mask, never shown.
 */
export function everythingWritten(job: Job, ...steps: StepResult[]): string {
  const visible = (text: string) =>
    text
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
  const parts = steps.flatMap(s => [
    visible(s.stdout),
    s.stderr,
    s.stateFile,
    s.summary,
    JSON.stringify(s.outputs),
    JSON.stringify(s.exported)
  ])
  parts.push(readFileSync(job.argvLog, 'utf8'))
  return parts.join('\n')
}
