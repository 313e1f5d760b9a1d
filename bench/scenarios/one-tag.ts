// 1. One tag on a stream that exists: the action (main and post, whole processes) against the shell steps
// of CSC's guide, each pushing a freshly built 20 MB image (one real upload, as a CI run that built
// something new makes). Also the action with a token exchange (demo/ci), for the figures only.
import {
  actionVariant,
  compare,
  difference,
  mainPostRows,
  overheadRow,
  quotient,
  ratioRow,
  requestsRow,
  shellAndAction,
  stepRows,
  timeRow,
  versus
} from '../compare.js'
import { type Context, type ScenarioResult } from '../context.js'
import { ratioRange, signedMsRange, verdict } from '../table.js'

const STREAMS = { shell: 'bench-one-shell', action: 'bench-one-action', ci: 'bench-one-ci' }
/** The goals: on loopback at most this much over the shell steps; at +100 ms at most this ratio. */
const OVERHEAD_GOAL_MS = 200
const RATIO_GOAL_DELAYED = 1.0

export async function oneTag(ctx: Context): Promise<ScenarioResult> {
  await ctx.emu.apply({ imageStreams: Object.values(STREAMS).map(s => `demo/${s}`) })
  const what = '1. one tag'
  const tags = ['latest']
  const samples = await compare(ctx, ctx.rounds.oneTag, {
    ...shellAndAction(ctx, what, { streams: STREAMS, tags }),
    ci: actionVariant(ctx, `${what} (token exchange)`, {
      account: ctx.ci,
      image: STREAMS.ci,
      tags
    })
  })
  const overhead = difference(samples.loopback.action, samples.loopback.shell)
  const delayed = quotient(samples.delayed.action, samples.delayed.shell)
  const overheadMet = overhead.median <= OVERHEAD_GOAL_MS
  const delayedMet = delayed.median <= RATIO_GOAL_DELAYED
  const overheadRule = `<= +${OVERHEAD_GOAL_MS} ms on loopback`
  const delayedRule = `<= ${RATIO_GOAL_DELAYED.toFixed(1)}x at +100 ms`
  return {
    sections: [
      {
        title: '1. One tag, stream exists (20 MB image, freshly built for each push)',
        rows: [
          timeRow(samples, 'shell steps: login, tag, push, logout', 'shell'),
          timeRow(samples, 'action: main + post (demo/builder)', 'action', 'shell'),
          {
            ...overheadRow(samples, 'action - shell steps', 'action', 'shell'),
            goal: verdict(overheadMet, overheadRule)
          },
          {
            ...ratioRow(samples, 'action / shell steps', 'action', 'shell'),
            goal: verdict(delayedMet, delayedRule)
          },
          ...mainPostRows(samples, 'action'),
          timeRow(samples, 'action with token exchange (demo/ci): main + post', 'ci', 'shell'),
          requestsRow(samples, 'emulator: shell steps (API + registry)', 'shell'),
          requestsRow(samples, 'emulator: action', 'action'),
          requestsRow(samples, 'emulator: action with token exchange', 'ci')
        ],
        notes: [
          `${ctx.rounds.oneTag} rounds per condition. Times: median [min, max] of the rounds; ratios and ` +
            'differences are taken round by round (both ran back to back), then their median [min, max]. ' +
            'Emulator: medians of requests and of new connections (each paid the TCP and TLS delays).'
        ]
      },
      {
        title:
          "1. One tag: the action's main step by its own `<step>: N ms` lines (medians; steps may overlap)",
        rows: stepRows(samples, 'action')
      }
    ],
    goals: [
      {
        name: 'one tag on loopback: action - shell',
        rule: `<= +${OVERHEAD_GOAL_MS} ms`,
        figure: `${signedMsRange(overhead)} (${versus(['action', samples.loopback.action], ['shell', samples.loopback.shell])})`,
        met: overheadMet
      },
      {
        name: 'one tag at +100 ms: action / shell',
        rule: `<= ${RATIO_GOAL_DELAYED.toFixed(1)}x`,
        figure: `${ratioRange(delayed)} (${versus(['action', samples.delayed.action], ['shell', samples.delayed.shell])})`,
        met: delayedMet
      }
    ]
  }
}
