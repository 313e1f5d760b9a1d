// 2. Ten tags: the action (main and post, whole processes) against the shell steps tagging and pushing each
// tag, and against push-to-registry (one podman push per tag), each pushing a freshly built 20 MB image.
import {
  AT_100_MS,
  compare,
  ON_LOOPBACK,
  requestsRow,
  threeWays,
  versusGoals,
  versusRows
} from '../compare.js'
import { type Context, type ScenarioResult } from '../context.js'
import { OTHER_ACTION } from '../other-action.js'

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
  const conditions = [
    { ...ON_LOOPBACK, shellLimit: GOAL.loopback },
    { ...AT_100_MS, shellLimit: GOAL.delayed }
  ]
  const goals = versusGoals(samples, 'ten tags', conditions, GOAL.other, skipped)
  return {
    sections: [
      {
        title: '2. Ten tags, stream exists (20 MB image, freshly built for each push)',
        rows: [
          ...versusRows(
            samples,
            { shell: 'shell steps: login, 10 x (tag, push), logout', action: 'action: main + post' },
            goals,
            conditions,
            skipped
          ),
          requestsRow(samples, 'emulator: shell steps (API + registry)', 'shell'),
          requestsRow(samples, 'emulator: action', 'action'),
          ...(skipped ? [] : [requestsRow(samples, `emulator: ${OTHER_ACTION}`, 'other')])
        ],
        notes: [`${ctx.rounds.tenTags} rounds per condition; ratios taken round by round.`]
      }
    ],
    goals: [...goals.shell, ...goals.other]
  }
}
