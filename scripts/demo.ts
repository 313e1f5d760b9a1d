// `npm run demo`: the action's main job against the local Rahti emulator. Starts the emulator (as
// `npm run emulator` does), builds a small image, runs the bundled dist/ exactly as a runner would (main step,
// then post step) with the `ci` service account (which may exchange its token), prints the outputs and job summary, and stops everything.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'

import type { EmulatorInfo } from '../emulator/types.js'
import { buildImage } from '../test/e2e/harness/docker.js'
import { accountsByName, actionInputs } from '../test/e2e/harness/rahti.js'
import { errorAnnotation, removeJobs, ROOT, runMain, runPost } from '../test/e2e/harness/runner.js'

async function startEmulatorProcess(): Promise<{ info: EmulatorInfo; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'emulator/cli.ts'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit']
    }
  )
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', code => reject(new Error(`the emulator exited with code ${code} before it was ready`)))
  })
  const stop = () =>
    new Promise<void>(resolve => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return { info: JSON.parse(line) as EmulatorInfo, stop }
}

async function demo(): Promise<number> {
  console.log('Starting the Rahti emulator...')
  const emulator = await startEmulatorProcess()
  try {
    const { info } = emulator
    const ci = accountsByName(info.accounts).ci
    if (!ci) throw new Error('the emulator has no demo/ci account')
    console.log(`API ${info.apiUrl}, registry ${info.registry}`)

    console.log('Building the image hello-rahti:latest...')
    await buildImage('hello-rahti:latest', { sizeBytes: 1_000_000 })

    const inputs = actionInputs(info, ci, 'hello-rahti', { tags: 'latest, v1.0.0, demo' })
    console.log('\n--- main step (log as the runner shows it) ---')
    const main = await runMain({ inputs })
    process.stdout.write(main.stdout.replace(/^::add-mask::.*\n/gm, ''))
    const post = await runPost(main)
    console.log('--- post step ---')
    process.stdout.write(post.stdout)

    console.log('\n--- outputs ---')
    for (const [name, value] of Object.entries(main.outputs))
      console.log(`${name}: ${value.replace(/\n/g, '\n  ')}`)
    console.log('\n--- job summary (markdown/HTML) ---')
    console.log(main.summary)
    const error = errorAnnotation(main) ?? errorAnnotation(post)
    if (error || main.exitCode !== 0 || post.exitCode !== 0) {
      console.error(`The demo failed: ${error ?? `exit codes ${main.exitCode}/${post.exitCode}`}`)
      return 1
    }
    console.log(`Pushed ${main.outputs.images.split('\n').length} tags at ${main.outputs.digest}.`)
    return 0
  } finally {
    removeJobs()
    await emulator.stop()
  }
}

process.exitCode = await demo()
