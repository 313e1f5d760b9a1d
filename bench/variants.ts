// The two ways of pushing that the scenarios compare, each timed as a user waits for it: the bundled action
// run as the runner runs it (main, then post, each its own `node` process, from start to exit), and the
// shell steps of CSC's guide run as one `run:` step.
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import type { AccountInfo, EmulatorInfo } from '../emulator/types.js'
import { dockerConfig } from '../test/e2e/harness/docker.js'
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
import { stepTimings, timed } from './measure.js'

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
  /** Main and post together: what the user waits for. */
  ms: number
  mainMs: number
  postMs: number
  /** The action's own `<step>: N ms` log lines of the main step. */
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
}

/**
 * The bundled action as the runner runs it: the main step (the Node action.yml names on its `runs.main`,
 * inputs in INPUT_* variables), and then the post step (`runs.post`) with the state main saved. Each is timed from the spawn to
 * the exit of its process; the harness's bookkeeping around each (writing and reading the runner's files,
 * a few ms) is inside the time, as the runner's own is on a real runner.
 */
export async function runAction(emu: EmulatorInfo, o: ActionOptions): Promise<ActionRun> {
  const job = o.job ?? cleanJob()
  try {
    const inputs = actionInputs(emu, o.account, o.image, {
      tags: o.tags.join(' '),
      source: o.source,
      // On Rahti the registry is known without asking (Rahti's API implies Rahti's registry); the emulator's
      // API is not Rahti's URL, so the bench says which registry it is, as a Rahti user need not.
      registry: emu.registry,
      ...o.inputs
    })
    const main = await timed(() => runMain({ inputs, job }))
    if (main.value.exitCode !== 0) {
      const why = errorAnnotation(main.value) ?? main.value.stderr.trim()
      throw new Error(`the action failed (exit ${main.value.exitCode}): ${why}`)
    }
    const post = await timed(() => runPost(main.value))
    if (post.value.exitCode !== 0) {
      const why = errorAnnotation(post.value) ?? post.value.stderr.trim()
      throw new Error(`the post step failed (exit ${post.value.exitCode}): ${why}`)
    }
    return {
      ms: main.ms + post.ms,
      mainMs: main.ms,
      postMs: post.ms,
      steps: stepTimings(main.value.stdout),
      main: main.value
    }
  } finally {
    if (!o.job) rmSync(job.dir, { recursive: true, force: true })
  }
}

/** What CSC's guide has a user put in one `run:` step: log in, tag and push each tag, log out. */
const SHELL_STEPS = `
printf '%s' "$RAHTI_TOKEN" | docker login -u unused --password-stdin "$REGISTRY"
for tag in $TAGS; do
  docker tag "$SOURCE" "$REGISTRY/$REPOSITORY:$tag"
  docker push "$REGISTRY/$REPOSITORY:$tag"
done
docker logout "$REGISTRY"
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
 * cost as the guide's `-p`, without the token on a command line. Timed from the spawn of bash to its exit.
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
