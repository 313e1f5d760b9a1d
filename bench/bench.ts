// `npm run bench [-- --quick]`: figures, not timed tests. Starts the Rahti emulator as a child process,
// runs the scenarios on plain loopback and at a distance (100 ms per request, and per new connection for
// the TCP and TLS handshakes), prints one table, the goals with MET / MISSED and how quiet the machine was,
// and cleans up (emulator, images, temporary directories) however it ends. Progress goes to stderr, the
// report to stdout.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { accountsByName, requireActionTools } from '../test/e2e/harness/rahti.js'
import { type Context, FULL, LATENCIES, QUICK, type Rounds, type ScenarioResult } from './context.js'
import { type EmulatorChild, startEmulatorChild } from './emulator.js'
import { ImageFactory } from './images.js'
import { now } from './measure.js'
import { otherAction } from './other-action.js'
import { machineLine, scenarioNote, settle, watchMachine } from './quiet.js'
import { big } from './scenarios/big.js'
import { oc } from './scenarios/oc.js'
import { oneTag } from './scenarios/one-tag.js'
import { repush } from './scenarios/repush.js'
import { startup } from './scenarios/startup.js'
import { tenTags } from './scenarios/ten-tags.js'
import { processStartups } from './startups.js'
import { type Goal, renderGoals, renderReport, type Section } from './table.js'
import { cleanJob, runAction } from './variants.js'

const SCENARIOS = { oneTag, tenTags, repush, big, oc, startup }
type ScenarioName = keyof typeof SCENARIOS

function parseArgs(argv: string[]): { quick: boolean; only?: ScenarioName[]; rounds?: number } {
  let quick = false
  let rounds: number | undefined
  let only: ScenarioName[] | undefined
  for (const arg of argv) {
    if (arg === '--quick') quick = true
    else if (arg.startsWith('--rounds=')) {
      // Every scenario this many rounds: more for a closing note's figures, fewer while working.
      rounds = Number(arg.slice('--rounds='.length))
      if (!Number.isInteger(rounds) || rounds < 1)
        throw new Error(`--rounds: a whole number >= 1, not ${arg}`)
    } else if (arg.startsWith('--only=')) {
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
      console.log(
        'npm run bench [-- --quick] [-- --rounds=N] [-- --only=oneTag,tenTags,repush,big,oc,startup]'
      )
      process.exit(0)
    } else throw new Error(`unknown argument ${arg}`)
  }
  return { quick, only, rounds }
}

async function main(): Promise<number> {
  const { quick, only, rounds } = parseArgs(process.argv.slice(2))
  const started = now()
  // Before the first child process: see watchMachine.
  const machine = watchMachine()
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
    const other = otherAction()
    if ('skipped' in other) progress(other.skipped)
    const ctx: Context = {
      other,
      emu,
      builder: account('builder'),
      ci: account('ci'),
      images,
      rounds: withRounds(quick ? QUICK : FULL, rounds),
      tmp,
      progress
    }
    await warmUp(ctx)
    // What a process costs on this machine, beside every figure: goals in milliseconds do not travel between
    // machines, ratios and these do.
    const startups = await processStartups(ctx.rounds.startup, progress)

    const sections: Section[] = []
    const goals: Goal[] = []
    for (const [name, scenario] of Object.entries(SCENARIOS) as [
      ScenarioName,
      (c: Context) => Promise<ScenarioResult>
    ][]) {
      if (only && !only.includes(name)) continue
      const settled = await settle()
      const watch = watchMachine()
      const result = await scenario(ctx)
      const [first, ...rest] = result.sections
      const notes = [...(first.notes ?? []), scenarioNote(watch.finish(), settled)]
      sections.push({ ...first, notes }, ...rest)
      goals.push(...result.goals)
    }
    const quiet = machineLine(machine.finish())
    const delayed = LATENCIES[1].spec
    console.log(
      `\nrahti-push benchmark${quick ? ' (--quick)' : ''}: medians [min, max] of the rounds; the same machine, ` +
        `emulator and image recipe throughout. Each push scenario runs its variants interleaved, round by round, ` +
        `in a rotating order. "+100 ms" = the emulator delays every API and registry request by ` +
        `${delayed.requestMs} ms and every new connection by ${delayed.tcpMs} ms (TCP handshake) + ` +
        `${delayed.tlsMs} ms (TLS handshake): a runner one 100 ms round trip from Finland.\n`
    )
    console.log(renderReport(sections))
    console.log('')
    console.log(startups)
    if (goals.length) console.log(renderGoals(goals))
    console.log(`\n${quiet}`)
    console.log(`Total run time ${((now() - started) / 1000).toFixed(0)} s.`)
    // Figures, not tests: a missed goal is reported, not an error.
    return 0
  } finally {
    progress('cleaning up: emulator, images, temporary directories')
    await cleanup()
  }
}

function withRounds(base: Rounds, n: number | undefined): Rounds {
  if (n === undefined) return base
  return { oneTag: n, tenTags: n, repush: n, big: n, oc: n, startup: n }
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
