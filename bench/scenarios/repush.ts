// 3. A re-push of an unchanged image: the registry has every blob, so not one blob byte may travel (counted
// at the emulator's registry gateway), and the time is what checking that costs. One 20 MB image per
// condition, pushed once by the action (not timed), then re-pushed by the action and by the shell steps in
// turn (and by push-to-registry, when its checkout is given), to the same tag. The goals are ratios.
import {
  compare,
  mainPostRows,
  PUSH_SIZE,
  ratioGoal,
  ratioRow,
  requestsRow,
  row,
  type Sample,
  type Samples,
  threeWays,
  timeRow
} from '../compare.js'
import { type Context, LATENCIES, perLatency, type ScenarioResult, withFreshImage } from '../context.js'
import { OTHER_ACTION } from '../other-action.js'
import { bytes, verdict } from '../table.js'
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
  const goals = [
    ratioGoal(
      merged,
      'unchanged re-push on loopback: action / shell',
      'loopback',
      ['action', 'action'],
      ['shell', 'shell'],
      GOAL.shell
    ),
    ratioGoal(
      merged,
      `unchanged re-push on loopback: action / ${OTHER_ACTION}`,
      'loopback',
      ['action', 'action'],
      ['other', 'other'],
      GOAL.other,
      skipped
    )
  ]
  const judged = (i: number) =>
    goals[i].skipped ? `SKIPPED (${goals[i].rule})` : verdict(goals[i].met, goals[i].rule)
  goals[0].figure += `; blob bytes sent ${bytes(sent.loopback)}`
  return {
    sections: [
      {
        title: '3. Re-push of an unchanged image (20 MB, every blob already in the registry)',
        rows: [
          timeRow(merged, 'shell steps: login, tag, push, logout', 'shell'),
          timeRow(merged, 'action: main + post', 'action', 'shell'),
          { ...ratioRow(merged, 'action / shell steps', 'action', 'shell'), goal: `loopback ${judged(0)}` },
          ...mainPostRows(merged, 'action'),
          ...(skipped
            ? []
            : [
                timeRow(merged, `${OTHER_ACTION} (podman): main`, 'other', 'shell'),
                {
                  ...ratioRow(merged, `action / ${OTHER_ACTION}`, 'action', 'other'),
                  goal: `loopback ${judged(1)}`
                }
              ]),
          row(merged, 'blob bytes: first push by the action', (_, k) => ({ text: bytes(firstBytes[k]) })),
          row(merged, 'blob bytes: re-push by the action (max)', (_, k) => ({ text: bytes(sent[k]) })),
          requestsRow(merged, 'emulator: shell steps (API + registry)', 'shell'),
          requestsRow(merged, 'emulator: action', 'action')
        ],
        notes: [`${ctx.rounds.repush} rounds per condition; differences taken round by round.`]
      }
    ],
    goals
  }
}
