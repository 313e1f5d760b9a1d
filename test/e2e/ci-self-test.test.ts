// The self-test job of .github/workflows/ci.yml, played here step by step as a runner would: its shell steps run
// with bash as written (after expression substitution), its `uses: ./` step is the bundled action with the inputs
// the workflow gives, and the post step follows. So the job that proves the action on GitHub is itself proven
// before it reaches GitHub: the emulator outlives the step that started it, the outputs wire up, the checks pass.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { parse } from 'yaml'

import { ensureDocker, removeImages } from './harness/docker.js'
import { parseFileCommands } from './harness/file-commands.js'
import {
  errorAnnotation,
  everythingWritten,
  type Job,
  newJob,
  removeJobs,
  ROOT,
  runMain,
  runPost,
  type StepResult
} from './harness/runner.js'
import { requireTool } from './harness/tools.js'

interface WorkflowStep {
  name?: string
  id?: string
  if?: string
  uses?: string
  run?: string
  env?: Record<string, string>
  with?: Record<string, string>
}

const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8')) as {
  jobs: Record<string, { steps: WorkflowStep[] }>
}
const steps = workflow.jobs['self-test'].steps
const SHA = 'c0ffee'.padEnd(40, '0')

/** What the job has so far: each step's outputs by id, and the variables steps exported. */
interface JobState {
  job: Job
  outputs: Record<string, Record<string, string>>
  exported: Record<string, string>
  log: string
}

/** Substitutes the few expressions the job uses; an expression not known here fails the test, by name. */
function substitute(text: string, state: JobState): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_all, expr: string) => {
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr)
    if (output) return state.outputs[output[1]]?.[output[2]] ?? ''
    if (expr === 'github.sha') return SHA
    if (expr === 'runner.temp') return state.job.runnerTemp
    throw new Error(`the self-test job uses \${{ ${expr} }}, which this test does not know: add it here`)
  })
}

function substituteAll(values: Record<string, string> | undefined, state: JobState): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, substitute(String(v), state)]))
}

/** A `run:` step: bash -eo pipefail as GitHub runs it, in the checkout, with the runner's files. */
async function runShell(step: WorkflowStep, state: JobState): Promise<number> {
  const outputFile = path.join(state.job.dir, `${step.id ?? 'step'}.output`)
  writeFileSync(outputFile, '')
  // This machine's tests run as root: `sudo` is the runner's way to get there.
  const script = substitute(step.run!, state).replace(/^sudo /gm, process.getuid?.() === 0 ? '' : 'sudo ')
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd: ROOT,
    env: {
      ...process.env,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: SHA,
      RUNNER_TEMP: state.job.runnerTemp,
      GITHUB_OUTPUT: outputFile,
      ...state.exported,
      ...substituteAll(step.env, state)
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  child.stdout.on('data', d => (state.log += d))
  child.stderr.on('data', d => (state.log += d))
  const code = await new Promise<number>(resolve => child.on('close', c => resolve(c ?? -1)))
  if (step.id) state.outputs[step.id] = parseFileCommands(readFileSync(outputFile, 'utf8'))
  return code
}

let state: JobState
let main: StepResult & { job: Job }
let post: StepResult
const results: { name: string; code: number }[] = []

beforeAll(async () => {
  await ensureDocker()
  requireTool('docker-registry')
  requireTool('kubectl', 'kubernetes-client')
  state = { job: newJob(), outputs: {}, exported: {}, log: '' }
  for (const step of steps) {
    const name = step.name ?? step.uses ?? step.run ?? '?'
    // The checkout and Node are this machine's own, and node_modules is installed.
    if (step.uses && step.uses !== './') continue
    if (step.run?.startsWith('npm ci')) continue
    if (step.if === 'failure()') continue
    if (step.uses === './') {
      main = await runMain({ inputs: substituteAll(step.with, state), job: state.job })
      if (step.id) state.outputs[step.id] = main.outputs
      Object.assign(state.exported, main.exported)
      results.push({ name, code: main.exitCode })
    } else {
      results.push({ name, code: await runShell(step, state) })
    }
    if (results[results.length - 1].code !== 0) break
  }
  if (main) post = await runPost(main)
}, 300_000)

afterAll(async () => {
  const pidFile = path.join(state?.job.runnerTemp ?? '', 'rahti-emulator/holder.pid')
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
  // The push tags the source as each reference it pushes: those tags are this test's to remove too.
  await removeImages('self-test:latest', ...(main?.outputs.images?.split('\n').filter(Boolean) ?? []))
  removeJobs()
})

describe('the self-test job of ci.yml', () => {
  test('every step succeeds, the action and its post step included', () => {
    const failed = results.filter(r => r.code !== 0)
    expect({ failed, log: failed.length ? state.log : '' }).toEqual({ failed: [], log: '' })
    expect(results.map(r => r.name)).toEqual(
      expect.arrayContaining([
        'Start the Rahti emulator',
        'Push to the emulator with this action',
        'Every tag is in the ImageStream at the digest',
        "oc's kubeconfig is left for later steps"
      ])
    )
    expect(errorAnnotation(main)).toBeUndefined()
    expect(post.exitCode).toBe(0)
  })

  test('the emulator outlives the step that started it, and its token is masked, not printed', async () => {
    const emulator = state.outputs.emulator
    expect(emulator.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const res = await fetch(`${emulator.control}/_emulator/stats`)
    expect(res.status).toBe(200)
    expect(state.log).toContain(`::add-mask::${emulator.token}`)
    const visible = state.log
      .split('\n')
      .filter(l => !l.startsWith('::add-mask::'))
      .join('\n')
    expect(visible).not.toContain(emulator.token)
    expect(everythingWritten(state.job, main, post)).not.toContain(emulator.token)
  })

  test('the action pushed both tags the workflow asks for, at one digest', () => {
    expect(main.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(main.outputs.images.split('\n').map(r => r.slice(r.lastIndexOf(':') + 1))).toEqual([
      'latest',
      `sha-${SHA}`
    ])
  })

  test('a wrong digest fails the workflow check: it can fail', async () => {
    const check = steps.find(s => s.name === 'Every tag is in the ImageStream at the digest')!
    const wrong = { ...state, outputs: { ...state.outputs, push: { ...main.outputs, digest: 'sha256:0' } } }
    expect(await runShell(check, wrong)).not.toBe(0)
  })

  test('the emulator stops when its holder is stopped', async () => {
    const dir = path.join(state.job.runnerTemp, 'rahti-emulator')
    process.kill(Number(readFileSync(path.join(dir, 'holder.pid'), 'utf8')), 'SIGTERM')
    const control = state.outputs.emulator.control
    let up = true
    for (let i = 0; i < 40 && up; i++) {
      await new Promise(r => setTimeout(r, 250))
      up = await fetch(`${control}/_emulator/stats`).then(
        () => true,
        () => false
      )
    }
    expect(up).toBe(false)
    expect(readFileSync(path.join(dir, 'emulator.log'), 'utf8')).toMatch(/stopping/)
  })
})
