// 2. Ten tags: the action (main and post, whole processes) against the shell steps tagging and pushing each
// tag, each pushing a freshly built 20 MB image.
import {
  compare,
  mainPostRows,
  quotient,
  ratioRow,
  requestsRow,
  shellAndAction,
  timeRow,
  versus
} from '../compare.js'
import { type Context, type LatencyKey, type ScenarioResult } from '../context.js'
import { ratioRange, verdict } from '../table.js'

const TAGS = Array.from({ length: 10 }, (_, i) => `v${i + 1}`)
const STREAMS = { shell: 'bench-ten-shell', action: 'bench-ten-action' }
/** The issue's goals: the action's time at most this share of the shell steps'. */
const GOAL: Record<LatencyKey, number> = { loopback: 0.8, delayed: 0.4 }

export async function tenTags(ctx: Context): Promise<ScenarioResult> {
  await ctx.emu.apply({ imageStreams: Object.values(STREAMS).map(s => `demo/${s}`) })
  const what = '2. ten tags'
  const samples = await compare(
    ctx,
    ctx.rounds.tenTags,
    shellAndAction(ctx, what, { streams: STREAMS, tags: TAGS })
  )
  const q = {
    loopback: quotient(samples.loopback.action, samples.loopback.shell),
    delayed: quotient(samples.delayed.action, samples.delayed.shell)
  }
  const met = { loopback: q.loopback.median <= GOAL.loopback, delayed: q.delayed.median <= GOAL.delayed }
  const goal = (k: LatencyKey, where: string) => ({
    name: `ten tags ${where}: action / shell`,
    rule: `<= ${GOAL[k].toFixed(1)}x`,
    figure: `${ratioRange(q[k])} (${versus(['action', samples[k].action], ['shell', samples[k].shell])})`,
    met: met[k]
  })
  return {
    sections: [
      {
        title: '2. Ten tags, stream exists (20 MB image, freshly built for each push)',
        rows: [
          timeRow(samples, 'shell steps: login, 10 x (tag, push), logout', 'shell'),
          timeRow(samples, 'action: main + post', 'action', 'shell'),
          {
            ...ratioRow(samples, 'action / shell steps', 'action', 'shell'),
            goal: `${verdict(met.loopback, `<= ${GOAL.loopback}x loopback`)}, ${verdict(met.delayed, `<= ${GOAL.delayed}x at +100 ms`)}`
          },
          ...mainPostRows(samples, 'action'),
          requestsRow(samples, 'emulator: shell steps (API + registry)', 'shell'),
          requestsRow(samples, 'emulator: action', 'action')
        ],
        notes: [`${ctx.rounds.tenTags} rounds per condition; ratios taken round by round.`]
      }
    ],
    goals: [goal('loopback', 'on loopback'), goal('delayed', 'at +100 ms')]
  }
}
