// 3. A re-push of an unchanged image: the registry has every blob, so not one blob byte may travel. Counted
// where it cannot be missed: at the emulator's registry gateway (blobBytesReceived).
import type { GatewayStats } from '../../emulator/types.js'
import type { Context, ScenarioResult } from '../context.js'
import { counted, LATENCIES, perLatency, withFreshImage } from '../context.js'
import { MB } from '../images.js'
import { interleave, median } from '../measure.js'
import { latencyRow, requestsRow } from '../rows.js'
import { bytes, ms, verdict } from '../table.js'
import { runAction, runShell } from '../variants.js'

const SIZE = 10 * MB
const STREAM = 'bench-repush'

interface Samples {
  firstBytes: number
  action: number[]
  shell: number[]
  actionStats: GatewayStats[]
  shellStats: GatewayStats[]
}

export async function repush(ctx: Context): Promise<ScenarioResult> {
  const { emu, builder } = ctx
  await emu.apply({ imageStreams: [`demo/${STREAM}`] })
  const samples = perLatency<Samples>(() => ({
    firstBytes: 0,
    action: [],
    shell: [],
    actionStats: [],
    shellStats: []
  }))
  try {
    for (const lat of LATENCIES) {
      await emu.setLatency(lat.ms)
      const s = samples[lat.key]
      // One image per condition, never pushed before: the first push uploads it, and what is re-pushed
      // after it is exactly what was pushed.
      await withFreshImage(ctx, SIZE, async source => {
        const tag = 'latest'
        const push = () => runAction(emu.info, { account: builder, image: STREAM, tags: [tag], source })
        ctx.progress(`3. re-push, ${lat.label}: first push`)
        s.firstBytes = (await counted(ctx, async () => (await push()).ms)).stats.blobBytesReceived
        await interleave(ctx.rounds.repush, {
          action: async round => {
            ctx.progress(`3. re-push, ${lat.label}, round ${round + 1}: action`)
            const r = await counted(ctx, async () => (await push()).ms)
            s.action[round] = r.ms
            s.actionStats.push(r.stats)
          },
          shell: async round => {
            ctx.progress(`3. re-push, ${lat.label}, round ${round + 1}: shell steps`)
            const r = await counted(ctx, () =>
              runShell({
                registry: emu.info.registry,
                repository: `demo/${STREAM}`,
                token: builder.token,
                source,
                tags: [tag]
              })
            )
            s.shell[round] = r.ms
            s.shellStats.push(r.stats)
          }
        })
      })
    }
  } finally {
    await emu.setLatency(0)
  }

  const repushBytes = perLatency(() => 0)
  for (const lat of LATENCIES) {
    repushBytes[lat.key] = Math.max(...samples[lat.key].actionStats.map(x => x.blobBytesReceived))
  }
  const zero = repushBytes.loopback === 0 && repushBytes.delayed === 0
  const ratioOf = (k: 'loopback' | 'delayed') =>
    median(samples[k].action.map((a, i) => a / samples[k].shell[i]))
  return {
    sections: [
      {
        title: '3. Re-push of an unchanged image (10 MB)',
        rows: [
          latencyRow('first push by the action: blob bytes received', k => ({
            text: bytes(samples[k].firstBytes)
          })),
          {
            ...latencyRow('re-push by the action: blob bytes (max of rounds)', k => ({
              text: bytes(repushBytes[k]),
              ratio: samples[k].firstBytes ? repushBytes[k] / samples[k].firstBytes : undefined
            })),
            goal: verdict(zero, '0 bytes')
          },
          latencyRow('re-push time, shell steps', k => ({ text: ms(median(samples[k].shell)), ratio: 1 })),
          latencyRow('re-push time, action', k => ({
            text: ms(median(samples[k].action)),
            ratio: ratioOf(k)
          })),
          requestsRow('emulator requests, shell (API + registry)', k => samples[k].shellStats),
          requestsRow(
            'emulator requests, action',
            k => samples[k].actionStats,
            k => samples[k].shellStats
          )
        ],
        notes: [
          `bytes ratio: to the first push's bytes; time ratio: to the shell steps. ${ctx.rounds.repush} rounds.`
        ]
      }
    ],
    goals: [
      {
        name: 're-push of an unchanged image sends 0 blob bytes',
        figure: `${bytes(repushBytes.loopback)} on loopback, ${bytes(repushBytes.delayed)} at +100 ms (first pushes: ${bytes(samples.loopback.firstBytes)}, ${bytes(samples.delayed.firstBytes)})`,
        met: zero
      }
    ]
  }
}
