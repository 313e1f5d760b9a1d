// The ways of pushing that the scenarios compare: the bundled action run as the runner runs it, the shell
// steps of CSC's guide, the action's own Docker engine driven tag by tag, and a bare `docker push`.
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import type { AccountInfo, EmulatorInfo } from '../emulator/types.js'
import { DockerEngine } from '../src/engines/docker.js'
import { docker, type DockerConfig, dockerConfig, dockerLogin } from '../test/e2e/harness/docker.js'
import { actionInputs } from '../test/e2e/harness/rahti.js'
import {
  errorAnnotation,
  type Job,
  newJob,
  runMain,
  runPost,
  type StepResult
} from '../test/e2e/harness/runner.js'
import { run } from '../test/e2e/harness/tools.js'
import { now, stepTimings, timed } from './measure.js'

/**
 * A runner job without the harness's argv-recording shims: a real runner has none, and each shim is one
 * more `sh` in front of every docker call the action makes, which the shell baseline would not pay.
 */
export function cleanJob(): Job {
  const job = newJob()
  for (const shim of readdirSync(job.shimDir)) rmSync(path.join(job.shimDir, shim))
  return job
}

export interface ActionRun {
  ms: number
  /** The action's own `<step>: N ms` log lines. */
  steps: Record<string, number>
  main: StepResult & { job: Job }
}

export interface ActionOptions {
  account: AccountInfo
  image: string
  tags: string[]
  source: string
  inputs?: Record<string, string>
  /** Reuse a job (its tool cache); default a new one, removed afterwards. */
  job?: Job
  /** Also run the post step (logout, cleanup) and report its time. */
  post?: boolean
}

/** The bundled dist/index.js as the runner starts it: one `node` process, inputs in INPUT_* variables. */
export async function runAction(
  emu: EmulatorInfo,
  o: ActionOptions
): Promise<ActionRun & { postMs?: number }> {
  const job = o.job ?? cleanJob()
  try {
    const inputs = actionInputs(emu, o.account, o.image, {
      tags: o.tags.join(' '),
      source: o.source,
      ...o.inputs
    })
    const { ms, value: main } = await timed(() => runMain({ inputs, job }))
    if (main.exitCode !== 0) {
      throw new Error(
        `the action failed (exit ${main.exitCode}): ${errorAnnotation(main) ?? main.stderr.trim()}`
      )
    }
    let postMs: number | undefined
    if (o.post) {
      const post = await timed(() => runPost(main))
      if (post.value.exitCode !== 0) throw new Error(`the post step failed: ${errorAnnotation(post.value)}`)
      postMs = post.ms
    }
    return { ms, steps: stepTimings(main.stdout), main, postMs }
  } finally {
    if (!o.job) rmSync(job.dir, { recursive: true, force: true })
  }
}

/** What CSC's guide has a user put in a `run:` step: log in, then tag and push each tag. */
const SHELL_STEPS = `
printf '%s' "$RAHTI_TOKEN" | docker login -u unused --password-stdin "$REGISTRY"
for tag in $TAGS; do
  docker tag "$SOURCE" "$REGISTRY/$REPOSITORY:$tag"
  docker push "$REGISTRY/$REPOSITORY:$tag"
done
`

export interface PushTarget {
  registry: string
  repository: string
  token: string
  source: string
  tags: string[]
}

/**
 * The shell steps, run as the runner runs a `run:` step (`bash --noprofile --norc -eo pipefail FILE`), with a
 * DOCKER_CONFIG of their own, as a fresh runner has. The token goes on stdin (--password-stdin): the same
 * cost as the guide's `-p`, without the token on a command line.
 */
export async function runShell(t: PushTarget): Promise<number> {
  const cfg = dockerConfig()
  const script = path.join(cfg.dir, 'push.sh')
  writeFileSync(script, SHELL_STEPS)
  try {
    const env = {
      ...cfg.env,
      RAHTI_TOKEN: t.token,
      REGISTRY: t.registry,
      REPOSITORY: t.repository,
      SOURCE: t.source,
      TAGS: t.tags.join(' ')
    }
    const { ms, value: r } = await timed(() =>
      run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { env, timeoutMs: 600_000 })
    )
    if (r.status !== 0) throw new Error(`the shell steps failed (${r.status}): ${r.stderr.trim()}`)
    return ms
  } finally {
    cfg.cleanup()
  }
}

/**
 * The action's own DockerEngine, used as a user could without the retag: one login, then `docker tag` +
 * `docker push` for every tag. In this process, with stdout muted (the engine echoes docker's progress
 * there, and stdout is where the table goes).
 */
export async function runEngineTagByTag(t: PushTarget): Promise<number> {
  const cfg = dockerConfig()
  const engine = new DockerEngine({ kind: 'docker', configDir: cfg.dir, logout: true })
  const write = process.stdout.write
  process.stdout.write = (() => true) as typeof process.stdout.write
  try {
    const started = now()
    const source = (await engine.resolveSource(t.source))!
    await engine.login(t.registry, t.token)
    for (const tag of t.tags) await engine.push(source, `${t.registry}/${t.repository}:${tag}`)
    return now() - started
  } finally {
    process.stdout.write = write
    cfg.cleanup()
  }
}

/** A logged-in Docker client for bare `docker push` timings; the login itself is not timed. */
export async function loggedInDocker(registry: string, token: string): Promise<DockerConfig> {
  const cfg = dockerConfig()
  const r = await dockerLogin(cfg, registry, token)
  if (r.status !== 0) throw new Error(`docker login ${registry} failed: ${r.stderr.trim()}`)
  return cfg
}

/** `docker tag` (not timed) and then `docker push` alone (timed): the engine's own cost of the upload. */
export async function runBarePush(cfg: DockerConfig, source: string, target: string): Promise<number> {
  const tag = await docker(cfg, ['tag', source, target])
  if (tag.status !== 0) throw new Error(`docker tag failed: ${tag.stderr.trim()}`)
  const { ms, value: r } = await timed(() =>
    run('docker', ['push', target], { env: cfg.env, timeoutMs: 600_000 })
  )
  if (r.status !== 0) throw new Error(`docker push ${target} failed: ${r.stderr.trim()}`)
  return ms
}
