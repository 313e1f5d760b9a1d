// 6. A 200 MB image of five layers (40 MB each, freshly built for each push) on loopback: where the bytes, not
// the round trips, take the time, the action must not lose to the shell steps (nor to push-to-registry, when its
// checkout is given). The Docker engine uploads the layers itself in both cases.
import { compare, ON_LOOPBACK, requestsRow, threeWays, versusGoals, versusRows } from '../compare.js'
import { type Context, type ScenarioResult } from '../context.js'
import { MB } from '../images.js'

const STREAMS = { shell: 'bench-big-shell', action: 'bench-big-action', other: 'bench-big-other' }
const SIZE = 200 * MB
const LAYERS = 5
/** Issue 19's goals: the new path must not lose on big pushes. */
const GOAL = { shell: 1.0, other: 1.0 }

export async function big(ctx: Context): Promise<ScenarioResult> {
  await ctx.emu.apply({ imageStreams: Object.values(STREAMS).map(s => `demo/${s}`) })
  const what = '6. 200 MB, five layers'
  const samples = await compare(
    ctx,
    ctx.rounds.big,
    threeWays(ctx, what, { streams: STREAMS, tags: ['latest'], size: SIZE, layers: LAYERS }),
    ['loopback']
  )
  const skipped = 'skipped' in ctx.other ? ctx.other.skipped : undefined
  const conditions = [{ ...ON_LOOPBACK, shellLimit: GOAL.shell }]
  const goals = versusGoals(samples, '200 MB of five layers', conditions, GOAL.other, skipped)
  return {
    sections: [
      {
        title: '6. One tag of a 200 MB image of five layers (freshly built for each push), loopback',
        rows: [
          ...versusRows(
            samples,
            { shell: 'shell steps: login, tag, push, logout', action: 'action: main + post' },
            goals,
            conditions,
            skipped
          ),
          requestsRow(samples, 'emulator: shell steps (API + registry)', 'shell'),
          requestsRow(samples, 'emulator: action', 'action')
        ],
        notes: [`${ctx.rounds.big} rounds on loopback; ratios taken round by round.`]
      }
    ],
    goals: [...goals.shell, ...goals.other]
  }
}
