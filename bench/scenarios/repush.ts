// 3. A re-push of an unchanged image: the registry has every blob, so not one blob byte may travel (counted
// at the emulator's registry gateway), and the time is what checking that costs. One 20 MB image per
// condition, pushed once by the action (not timed), then re-pushed by the action and by the shell steps in
// turn, to the same tag.
import {
  compare,
  difference,
  mainPostRows,
  overheadRow,
  PUSH_SIZE,
  requestsRow,
  row,
  type Sample,
  type Samples,
  shellAndAction,
  timeRow,
  versus
} from '../compare.js'
import { type Context, LATENCIES, perLatency, type ScenarioResult, withFreshImage } from '../context.js'
import { bytes, signedMsRange, verdict } from '../table.js'
import { runAction } from '../variants.js'

const STREAM = 'bench-repush'
const OVERHEAD_GOAL_MS = 250

export async function repush(ctx: Context): Promise<ScenarioResult> {
  await ctx.emu.apply({ imageStreams: [`demo/${STREAM}`] })
  const what = '3. re-push'
  const tags = ['latest']
  const firstBytes = perLatency(() => 0)
  const merged: Samples<'shell' | 'action'> = perLatency(() => ({
    shell: [] as Sample[],
    action: [] as Sample[]
  }))
  for (const lat of LATENCIES) {
    await withFreshImage(ctx, PUSH_SIZE, async source => {
      ctx.progress(`${what}, ${lat.label}: first push (not timed)`)
      await ctx.emu.resetStats()
      await runAction(ctx.emu.info, { account: ctx.builder, image: STREAM, tags, source })
      firstBytes[lat.key] = (await ctx.emu.stats()).blobBytesReceived
      const samples = await compare(
        ctx,
        ctx.rounds.repush,
        shellAndAction(ctx, what, { streams: { shell: STREAM, action: STREAM }, tags, source }),
        [lat.key]
      )
      merged[lat.key] = samples[lat.key]
    })
  }
  const sent = perLatency(() => 0)
  for (const lat of LATENCIES)
    sent[lat.key] = Math.max(...merged[lat.key].action.map(x => x.stats.blobBytesReceived))
  const overhead = difference(merged.loopback.action, merged.loopback.shell)
  const met = overhead.median <= OVERHEAD_GOAL_MS
  return {
    sections: [
      {
        title: '3. Re-push of an unchanged image (20 MB, every blob already in the registry)',
        rows: [
          timeRow(merged, 'shell steps: login, tag, push, logout', 'shell'),
          timeRow(merged, 'action: main + post', 'action', 'shell'),
          {
            ...overheadRow(merged, 'action - shell steps', 'action', 'shell'),
            goal: verdict(met, `<= +${OVERHEAD_GOAL_MS} ms on loopback`)
          },
          ...mainPostRows(merged, 'action'),
          row(merged, 'blob bytes: first push by the action', (_, k) => ({ text: bytes(firstBytes[k]) })),
          row(merged, 'blob bytes: re-push by the action (max)', (_, k) => ({ text: bytes(sent[k]) })),
          requestsRow(merged, 'emulator: shell steps (API + registry)', 'shell'),
          requestsRow(merged, 'emulator: action', 'action')
        ],
        notes: [`${ctx.rounds.repush} rounds per condition; differences taken round by round.`]
      }
    ],
    goals: [
      {
        name: 'unchanged re-push on loopback: action - shell',
        rule: `<= +${OVERHEAD_GOAL_MS} ms`,
        figure: `${signedMsRange(overhead)} (${versus(['action', merged.loopback.action], ['shell', merged.loopback.shell])}; blob bytes sent ${bytes(sent.loopback)})`,
        met
      }
    ]
  }
}
