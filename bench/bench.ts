// `npm run bench [-- --quick]`: figures, not timed tests. Starts the Rahti emulator as a child process,
// runs the six scenarios on plain loopback and with every request delayed 100 ms, prints one table and the
// goals, and cleans up (emulator, images, temporary directories) however it ends. Progress goes to
// stderr, the report to stdout.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { accountsByName, requireActionTools } from '../test/e2e/harness/rahti.js'
import { type Context, FULL, QUICK, type ScenarioResult } from './context.js'
import { type EmulatorChild, startEmulatorChild } from './emulator.js'
import { ImageFactory } from './images.js'
import { now } from './measure.js'
import { oc } from './scenarios/oc.js'
import { oneTag } from './scenarios/one-tag.js'
import { repush } from './scenarios/repush.js'
import { sizes } from './scenarios/sizes.js'
import { startup } from './scenarios/startup.js'
import { tenTags } from './scenarios/ten-tags.js'
import { type Goal, renderGoals, renderReport, type Section } from './table.js'
import { cleanJob, runAction } from './variants.js'

const SCENARIOS = { oneTag, tenTags, repush, sizes, startup, oc }
type ScenarioName = keyof typeof SCENARIOS

function parseArgs(argv: string[]): { quick: boolean; only?: ScenarioName[] } {
  let quick = false
  let only: ScenarioName[] | undefined
  for (const arg of argv) {
    if (arg === '--quick') quick = true
    else if (arg.startsWith('--only=')) {
      // For working on one scenario: --only=tenTags,repush
      only = arg
        .slice('--only='.length)
        .split(',')
        .map(s => {
          if (!(s in SCENARIOS))
            throw new Error(`--only: no scenario '${s}' (${Object.keys(SCENARIOS).join(', ')})`)
          return s as ScenarioName
        })
    } else if (arg === '--help' || arg === '-h') {
      console.log('npm run bench [-- --quick] [-- --only=oneTag,tenTags,repush,sizes,startup,oc]')
      process.exit(0)
    } else throw new Error(`unknown argument ${arg}`)
  }
  return { quick, only }
}

async function main(): Promise<number> {
  const { quick, only } = parseArgs(process.argv.slice(2))
  const started = now()
  const loadAtStart = os.loadavg()[0]
  const progress = (msg: string) =>
    process.stderr.write(`[bench ${((now() - started) / 1000).toFixed(0)}s] ${msg}\n`)
  await requireActionTools()

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rahti-bench-'))
  const images = new ImageFactory()
  let emu: EmulatorChild | undefined
  // Ctrl-C still stops the emulator and removes what was built.
  let cleaning: Promise<void> | undefined
  const cleanup = () =>
    (cleaning ??= (async () => {
      await emu?.stop()
      await images.removeAll()
      rmSync(tmp, { recursive: true, force: true })
    })())
  const onSignal = (signal: NodeJS.Signals) => {
    progress(`${signal}: cleaning up`)
    void cleanup().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  try {
    progress('starting the emulator')
    emu = await startEmulatorChild()
    const accounts = accountsByName(emu.info.accounts)
    const account = (name: string) => {
      const a = accounts[name]
      if (!a) throw new Error(`the emulator has no demo/${name} account`)
      return a
    }
    const ctx: Context = {
      emu,
      builder: account('builder'),
      ci: account('ci'),
      images,
      rounds: quick ? QUICK : FULL,
      tmp,
      progress
    }
    await warmUp(ctx)

    const sections: Section[] = []
    const goals: Goal[] = []
    for (const [name, scenario] of Object.entries(SCENARIOS) as [
      ScenarioName,
      (c: Context) => Promise<ScenarioResult>
    ][]) {
      if (only && !only.includes(name)) continue
      const result = await scenario(ctx)
      sections.push(...result.sections)
      goals.push(...result.goals)
    }
    const stats = await emu.stats()

    console.log(
      `\nrahti-push benchmark${quick ? ' (--quick)' : ''}: medians; the same machine, emulator and image recipe ` +
        `throughout; "+100 ms/request" = the emulator delays every API and registry request by 100 ms.\n`
    )
    console.log(renderReport(sections))
    console.log('')
    if (goals.length) console.log(renderGoals(goals))
    console.log(
      `\nTotal run time ${((now() - started) / 1000).toFixed(0)} s on ${os.cpus().length} CPUs; ` +
        `load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end ` +
        `(the machine and its Docker engine are shared); emulator peak RSS since its last reset ` +
        `${(stats.peakRss / 1024 / 1024).toFixed(0)} MiB.`
    )
    // Figures, not tests: a missed goal is reported, not an error.
    return 0
  } finally {
    progress('cleaning up: emulator, images, temporary directories')
    await cleanup()
  }
}

/** One unmeasured push first: the first `node dist/index.js` and the first docker calls pay for cold caches. */
async function warmUp(ctx: Context): Promise<void> {
  ctx.progress('warming up')
  await ctx.emu.apply({ imageStreams: ['demo/bench-warm-up'] })
  const source = await ctx.images.fresh(1_000_000)
  const job = cleanJob()
  try {
    await runAction(ctx.emu.info, {
      account: ctx.builder,
      image: 'bench-warm-up',
      tags: ['latest'],
      source,
      job
    })
  } finally {
    rmSync(job.dir, { recursive: true, force: true })
    await ctx.images.remove(source)
  }
}

process.exitCode = await main()
