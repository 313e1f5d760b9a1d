// 2. Ten tags: the action (one upload, then a manifest PUT per extra tag) against the shell steps pushing
// each tag, and against the action's own Docker engine pushing the ten tags one by one after one login.
// Each push is of a fresh 1 MB image, so each variant makes exactly one real upload per run.
import type { GatewayStats } from '../../emulator/types.js'
import type { Context, LatencyKey, ScenarioResult } from '../context.js'
import { counted, LATENCIES, perLatency, withFreshImage } from '../context.js'
import { MB } from '../images.js'
import { interleave, median, withUnloggedTime } from '../measure.js'
import { latencyRow, requestsRow, stepSection } from '../rows.js'
import { ms, ratio, verdict } from '../table.js'
import { runAction, runEngineTagByTag, runShell } from '../variants.js'

const SIZE = 1 * MB
const TAGS = Array.from({ length: 10 }, (_, i) => `v${i + 1}`)
const STREAMS = { shell: 'bench-ten-shell', engine: 'bench-ten-engine', action: 'bench-ten-action' }
const GOAL: Record<LatencyKey, number> = { loopback: 0.8, delayed: 0.5 }

interface Samples {
  shell: number[]
  engine: number[]
  action: number[]
  steps: Record<string, number>[]
  stats: Record<'shell' | 'engine' | 'action', GatewayStats[]>
}

export async function tenTags(ctx: Context): Promise<ScenarioResult> {
  const { emu, builder } = ctx
  await emu.apply({ imageStreams: Object.values(STREAMS).map(s => `demo/${s}`) })
  const registry = emu.info.registry
  const samples = perLatency<Samples>(() => ({
    shell: [],
    engine: [],
    action: [],
    steps: [],
    stats: { shell: [], engine: [], action: [] }
  }))

  for (const lat of LATENCIES) {
    await emu.setLatency(lat.ms)
    const s = samples[lat.key]
    const target = (stream: string, source: string) => ({
      registry,
      repository: `demo/${stream}`,
      token: builder.token,
      source,
      tags: TAGS
    })
    await interleave(ctx.rounds.tenTags, {
      shell: round =>
        withFreshImage(ctx, SIZE, async source => {
          ctx.progress(`2. ten tags, ${lat.label}, round ${round + 1}: shell steps`)
          const r = await counted(ctx, () => runShell(target(STREAMS.shell, source)))
          s.shell[round] = r.ms
          s.stats.shell.push(r.stats)
        }),
      engine: round =>
        withFreshImage(ctx, SIZE, async source => {
          ctx.progress(`2. ten tags, ${lat.label}, round ${round + 1}: engine tag by tag`)
          const r = await counted(ctx, () => runEngineTagByTag(target(STREAMS.engine, source)))
          s.engine[round] = r.ms
          s.stats.engine.push(r.stats)
        }),
      action: round =>
        withFreshImage(ctx, SIZE, async source => {
          ctx.progress(`2. ten tags, ${lat.label}, round ${round + 1}: action`)
          const r = await counted(ctx, async () => {
            const run = await runAction(emu.info, {
              account: builder,
              image: STREAMS.action,
              tags: TAGS,
              source
            })
            s.steps.push(withUnloggedTime(run))
            return run.ms
          })
          s.action[round] = r.ms
          s.stats.action.push(r.stats)
        })
    })
  }
  await emu.setLatency(0)

  const fig = perLatency(() => ({ shell: 0, engine: 0, action: 0, vsShell: 0, vsEngine: 0 }))
  for (const lat of LATENCIES) {
    const s = samples[lat.key]
    fig[lat.key] = {
      shell: median(s.shell),
      engine: median(s.engine),
      action: median(s.action),
      vsShell: median(s.action.map((a, i) => a / s.shell[i])),
      vsEngine: median(s.action.map((a, i) => a / s.engine[i]))
    }
  }
  const met = perLatency(() => false)
  for (const lat of LATENCIES) met[lat.key] = fig[lat.key].vsShell <= GOAL[lat.key]
  const fasterThanBoth = LATENCIES.every(l => fig[l.key].vsShell < 1 && fig[l.key].vsEngine < 1)

  return {
    sections: [
      {
        title: '2. Ten tags, stream exists (1 MB image, fresh each push)',
        rows: [
          latencyRow('shell steps: login, 10 x (tag, push)', k => ({ text: ms(fig[k].shell), ratio: 1 })),
          latencyRow('action engine: login, 10 x docker push', k => ({
            text: ms(fig[k].engine),
            ratio: median(samples[k].engine.map((e, i) => e / samples[k].shell[i]))
          })),
          {
            ...latencyRow('action: 1 push + 9 manifest PUTs', k => ({
              text: ms(fig[k].action),
              ratio: fig[k].vsShell
            })),
            goal: `${verdict(met.loopback, `<= ${GOAL.loopback} loopback`)}, ${verdict(met.delayed, `<= ${GOAL.delayed} delayed`)}`
          },
          {
            ...latencyRow('action / engine tag by tag', k => ({ text: ratio(fig[k].vsEngine) })),
            goal: verdict(fasterThanBoth, 'faster than both')
          },
          requestsRow('emulator requests, shell (API + registry)', k => samples[k].stats.shell),
          requestsRow(
            'emulator requests, engine',
            k => samples[k].stats.engine,
            k => samples[k].stats.shell
          ),
          requestsRow(
            'emulator requests, action',
            k => samples[k].stats.action,
            k => samples[k].stats.shell
          )
        ],
        notes: [`ratios: to the shell steps, medians of per-round ratios. ${ctx.rounds.tenTags} rounds.`]
      },
      stepSection(
        '2. Ten tags',
        k => samples[k].steps,
        k => fig[k].action
      )
    ],
    goals: [
      {
        name: `ten tags: action <= ${GOAL.loopback} of the shell steps on loopback`,
        figure: `${ratio(fig.loopback.vsShell)} (${ms(fig.loopback.action)} vs ${ms(fig.loopback.shell)})`,
        met: met.loopback
      },
      {
        name: `ten tags: action <= ${GOAL.delayed} of the shell steps at +100 ms`,
        figure: `${ratio(fig.delayed.vsShell)} (${ms(fig.delayed.action)} vs ${ms(fig.delayed.shell)})`,
        met: met.delayed
      },
      {
        name: 'ten tags: action faster than shell steps and engine tag by tag',
        figure: LATENCIES.map(
          l => `${l.label}: ${ratio(fig[l.key].vsShell)} of shell, ${ratio(fig[l.key].vsEngine)} of engine`
        ).join('; '),
        met: fasterThanBoth
      }
    ]
  }
}
