// 1. One tag on a stream that exists: the action (main and post, whole processes) against the shell steps
// of CSC's guide and against push-to-registry (when its checkout is given), each pushing a freshly built 20 MB
// image (one real upload, as a CI run that built something new makes). Also the action with a token exchange
// (demo/ci), for the figures only. The goals are ratios to the shell steps measured in the same rounds.
import {
  actionVariant,
  AT_100_MS,
  compare,
  ON_LOOPBACK,
  requestsRow,
  stepRows,
  threeWays,
  timeRow,
  versusGoals,
  versusRows
} from '../compare.js'
import { type Context, type ScenarioResult } from '../context.js'
import { OTHER_ACTION } from '../other-action.js'

const STREAMS = {
  shell: 'bench-one-shell',
  action: 'bench-one-action',
  other: 'bench-one-other',
  ci: 'bench-one-ci'
}
/** Issue 19's goals: the action's time over the shell steps'; over push-to-registry's on every row. */
const GOAL = { loopback: 1.0, delayed: 0.85, other: 1.0 }

export async function oneTag(ctx: Context): Promise<ScenarioResult> {
  await ctx.emu.apply({ imageStreams: Object.values(STREAMS).map(s => `demo/${s}`) })
  const what = '1. one tag'
  const tags = ['latest']
  const samples = await compare(ctx, ctx.rounds.oneTag, {
    ...threeWays(ctx, what, { streams: STREAMS, tags }),
    ci: actionVariant(ctx, `${what} (token exchange)`, { account: ctx.ci, image: STREAMS.ci, tags })
  })
  const skipped = 'skipped' in ctx.other ? ctx.other.skipped : undefined
  const conditions = [
    { ...ON_LOOPBACK, shellLimit: GOAL.loopback },
    { ...AT_100_MS, shellLimit: GOAL.delayed }
  ]
  const goals = versusGoals(samples, 'one tag', conditions, GOAL.other, skipped)
  return {
    sections: [
      {
        title: '1. One tag, stream exists (20 MB image, freshly built for each push)',
        rows: [
          ...versusRows(
            samples,
            { shell: 'shell steps: login, tag, push, logout', action: 'action: main + post (demo/builder)' },
            goals,
            conditions,
            skipped
          ),
          timeRow(samples, 'action with token exchange (demo/ci): main + post', 'ci', 'shell'),
          requestsRow(samples, 'emulator: shell steps (API + registry)', 'shell'),
          requestsRow(samples, 'emulator: action', 'action'),
          ...(skipped ? [] : [requestsRow(samples, `emulator: ${OTHER_ACTION}`, 'other')]),
          requestsRow(samples, 'emulator: action with token exchange', 'ci')
        ],
        notes: [
          `${ctx.rounds.oneTag} rounds per condition. Times: median [min, max] of the rounds; ratios are taken ` +
            'round by round (the variants ran back to back), then their median [min, max]. ' +
            'Emulator: medians of requests and of new connections (each paid the TCP and TLS delays).',
          ...(skipped ? [skipped] : [])
        ]
      },
      {
        title:
          "1. One tag: the action's main step by its own `<step>: N ms` lines (medians; steps may overlap)",
        rows: stepRows(samples, 'action')
      }
    ],
    goals: [...goals.shell, ...goals.other]
  }
}
