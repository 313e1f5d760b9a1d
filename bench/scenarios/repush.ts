// 3. A re-push of an unchanged image: the registry has every blob, so not one blob byte may travel (counted
// at the emulator's registry gateway), and the time is what checking that costs. One 20 MB image per
// condition, pushed once by the action (not timed), then re-pushed by the action and by the shell steps in
// turn (and by push-to-registry, when its checkout is given), to the same tag. The goals are ratios.
import {
  compare,
  ON_LOOPBACK,
  PUSH_SIZE,
  requestsRow,
  row,
  type Sample,
  type Samples,
  threeWays,
  versusGoals,
  versusRows
} from '../compare.js'
import { type Context, LATENCIES, perLatency, type ScenarioResult, withFreshImage } from '../context.js'
import { bytes } from '../table.js'
import { runAction } from '../variants.js'

const STREAM = 'bench-repush'
/** Issue 19's goals: two node start-ups are the floor over the shell steps; no slower than push-to-registry. */
const GOAL = { shell: 1.3, other: 1.0 }

export async function repush(ctx: Context): Promise<ScenarioResult> {
  await ctx.emu.apply({ imageStreams: [`demo/${STREAM}`] })
  const what = '3. re-push'
  const tags = ['latest']
  const firstBytes = perLatency(() => 0)
  const merged: Samples<'shell' | 'action' | 'other'> = perLatency(() => ({
    shell: [] as Sample[],
    action: [] as Sample[],
    other: [] as Sample[]
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
        threeWays(ctx, what, { streams: { shell: STREAM, action: STREAM, other: STREAM }, tags, source }),
        [lat.key]
      )
      merged[lat.key] = samples[lat.key]
    })
  }
  const sent = perLatency(() => 0)
  for (const lat of LATENCIES)
    sent[lat.key] = Math.max(...merged[lat.key].action.map(x => x.stats.blobBytesReceived))
  const skipped = 'skipped' in ctx.other ? ctx.other.skipped : undefined
  const conditions = [{ ...ON_LOOPBACK, shellLimit: GOAL.shell }]
  const goals = versusGoals(merged, 'unchanged re-push', conditions, GOAL.other, skipped)
  goals.shell[0].figure += `; blob bytes sent ${bytes(sent.loopback)}`
  return {
    sections: [
      {
        title: '3. Re-push of an unchanged image (20 MB, every blob already in the registry)',
        rows: [
          ...versusRows(
            merged,
            { shell: 'shell steps: login, tag, push, logout', action: 'action: main + post' },
            goals,
            conditions,
            skipped
          ),
          row(merged, 'blob bytes: first push by the action', (_, k) => ({ text: bytes(firstBytes[k]) })),
          row(merged, 'blob bytes: re-push by the action (max)', (_, k) => ({ text: bytes(sent[k]) })),
          requestsRow(merged, 'emulator: shell steps (API + registry)', 'shell'),
          requestsRow(merged, 'emulator: action', 'action')
        ],
        notes: [`${ctx.rounds.repush} rounds per condition; differences taken round by round.`]
      }
    ],
    goals: [...goals.shell, ...goals.other]
  }
}
