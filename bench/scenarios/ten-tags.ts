// 2. Ten tags: the action (main and post, whole processes) against the shell steps tagging and pushing each
// tag, and against push-to-registry (one podman push per tag), each pushing a freshly built 20 MB image.
import { compare, mainPostRows, ratioGoal, ratioRow, requestsRow, threeWays, timeRow } from '../compare.js'
import { type Context, type ScenarioResult } from '../context.js'
import { OTHER_ACTION } from '../other-action.js'
import { verdict } from '../table.js'

const TAGS = Array.from({ length: 10 }, (_, i) => `v${i + 1}`)
const STREAMS = { shell: 'bench-ten-shell', action: 'bench-ten-action', other: 'bench-ten-other' }
/** Issue 19's goals: the action's time at most this share of the shell steps' (and of push-to-registry's). */
const GOAL = { loopback: 0.6, delayed: 0.3, other: 1.0 }

export async function tenTags(ctx: Context): Promise<ScenarioResult> {
  await ctx.emu.apply({ imageStreams: Object.values(STREAMS).map(s => `demo/${s}`) })
  const what = '2. ten tags'
  const samples = await compare(
    ctx,
    ctx.rounds.tenTags,
    threeWays(ctx, what, { streams: STREAMS, tags: TAGS })
  )
  const skipped = 'skipped' in ctx.other ? ctx.other.skipped : undefined
  const goals = [
    ratioGoal(
      samples,
      'ten tags on loopback: action / shell',
      'loopback',
      ['action', 'action'],
      ['shell', 'shell'],
      GOAL.loopback
    ),
    ratioGoal(
      samples,
      'ten tags at +100 ms: action / shell',
      'delayed',
      ['action', 'action'],
      ['shell', 'shell'],
      GOAL.delayed
    ),
    ratioGoal(
      samples,
      `ten tags on loopback: action / ${OTHER_ACTION}`,
      'loopback',
      ['action', 'action'],
      ['other', 'other'],
      GOAL.other,
      skipped
    ),
    ratioGoal(
      samples,
      `ten tags at +100 ms: action / ${OTHER_ACTION}`,
      'delayed',
      ['action', 'action'],
      ['other', 'other'],
      GOAL.other,
      skipped
    )
  ]
  const judged = (i: number) =>
    goals[i].skipped ? `SKIPPED (${goals[i].rule})` : verdict(goals[i].met, goals[i].rule)
  return {
    sections: [
      {
        title: '2. Ten tags, stream exists (20 MB image, freshly built for each push)',
        rows: [
          timeRow(samples, 'shell steps: login, 10 x (tag, push), logout', 'shell'),
          timeRow(samples, 'action: main + post', 'action', 'shell'),
          {
            ...ratioRow(samples, 'action / shell steps', 'action', 'shell'),
            goal: `loopback ${judged(0)}, +100 ms ${judged(1)}`
          },
          ...mainPostRows(samples, 'action'),
          ...(skipped
            ? []
            : [
                timeRow(samples, `${OTHER_ACTION} (podman): main`, 'other', 'shell'),
                {
                  ...ratioRow(samples, `action / ${OTHER_ACTION}`, 'action', 'other'),
                  goal: `loopback ${judged(2)}, +100 ms ${judged(3)}`
                }
              ]),
          requestsRow(samples, 'emulator: shell steps (API + registry)', 'shell'),
          requestsRow(samples, 'emulator: action', 'action'),
          ...(skipped ? [] : [requestsRow(samples, `emulator: ${OTHER_ACTION}`, 'other')])
        ],
        notes: [`${ctx.rounds.tenTags} rounds per condition; ratios taken round by round.`]
      }
    ],
    goals
  }
}
