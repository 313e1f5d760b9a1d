// What the push scenarios share: variants run interleaved round by round under each network condition,
// every run's time and the emulator's counters kept, and the rows that show them (median and range).
import type { GatewayStats } from '../emulator/types.js'
import {
  type Context,
  counted,
  LATENCIES,
  type LatencyKey,
  type PerLatency,
  perLatency,
  withFreshImage
} from './context.js'
import { MB } from './images.js'
import { ALONGSIDE, interleave, median, paired, type Spread, spread, stepNames } from './measure.js'
import { OTHER_ACTION, otherActionVariant } from './other-action.js'
import { type Cell, type Goal, ms, msRange, ratioRange, type Row, signedMsRange, verdict } from './table.js'
import { type ActionOptions, runAction, runShell } from './variants.js'

/** Every push scenario's image: 20 MB, freshly built, as a CI run that built something new pushes. */
export const PUSH_SIZE = 20 * MB

export interface Sample {
  /** What the user waits for: main and post together for the action, the whole `run:` step for the shell. */
  ms: number
  mainMs?: number
  postMs?: number
  steps?: Record<string, number>
  stats: GatewayStats
}

export type Variant = (round: number, label: string) => Promise<Sample>

export type Samples<K extends string> = PerLatency<Record<K, Sample[]>>

/** Runs the variants `rounds` times under each condition given (default both), interleaved within a round. */
export async function compare<K extends string>(
  ctx: Context,
  rounds: number,
  variants: Record<K, Variant | undefined>,
  only: readonly LatencyKey[] = ['loopback', 'delayed']
): Promise<Samples<K>> {
  const all = Object.keys(variants) as K[]
  // A variant left out (its checkout not given) keeps an empty list of samples.
  const names = all.filter(n => variants[n] !== undefined)
  const make = () => Object.fromEntries(all.map(n => [n, [] as Sample[]])) as Record<K, Sample[]>
  const samples = perLatency(make)
  try {
    for (const lat of LATENCIES) {
      if (!only.includes(lat.key)) continue
      await ctx.emu.setLatency(lat.spec)
      const run = Object.fromEntries(
        names.map(n => [
          n,
          async (round: number) => {
            samples[lat.key][n][round] = await variants[n]!(round, lat.label)
          }
        ])
      ) as Record<K, (round: number) => Promise<void>>
      await interleave(rounds, run)
    }
  } finally {
    await ctx.emu.setLatency(LATENCIES[0].spec)
  }
  return samples
}

/** The shell steps pushing a fresh image of `size` bytes (default PUSH_SIZE), or the given image. */
export function shellVariant(
  ctx: Context,
  what: string,
  o: { stream: string; tags: string[]; size?: number; layers?: number; source?: string }
): Variant {
  const push = async (source: string): Promise<Sample> => {
    const r = await counted(ctx, () =>
      runShell({
        registry: ctx.emu.info.registry,
        repository: `demo/${o.stream}`,
        token: ctx.builder.token,
        source,
        tags: o.tags
      })
    )
    return { ms: r.value, stats: r.stats }
  }
  return async (round, label) => {
    ctx.progress(`${what}, ${label}, round ${round + 1}: shell steps`)
    return o.source ? push(o.source) : withFreshImage(ctx, o.size ?? PUSH_SIZE, push, o.layers)
  }
}

/** The action (main, then post) pushing a fresh image of `size` bytes (default PUSH_SIZE), or the given image. */
export function actionVariant(
  ctx: Context,
  what: string,
  o: Omit<ActionOptions, 'source' | 'account'> & {
    account?: ActionOptions['account']
    size?: number
    layers?: number
    source?: string
  }
): Variant {
  const push = async (source: string): Promise<Sample> => {
    const options = { image: o.image, tags: o.tags, inputs: o.inputs, job: o.job }
    const r = await counted(ctx, () =>
      runAction(ctx.emu.info, { ...options, account: o.account ?? ctx.builder, source })
    )
    return {
      ms: r.value.ms,
      mainMs: r.value.mainMs,
      postMs: r.value.postMs,
      steps: r.value.steps,
      stats: r.stats
    }
  }
  return async (round, label) => {
    ctx.progress(
      `${what}, ${label}, round ${round + 1}: action${o.inputs ? ` ${JSON.stringify(o.inputs)}` : ''}`
    )
    return o.source ? push(o.source) : withFreshImage(ctx, o.size ?? PUSH_SIZE, push, o.layers)
  }
}

/** The pair every push scenario compares: the shell steps and the action, pushing the same way. */
export function shellAndAction(
  ctx: Context,
  what: string,
  o: {
    streams: { shell: string; action: string }
    tags: string[]
    size?: number
    layers?: number
    source?: string
  }
): { shell: Variant; action: Variant } {
  const { streams, ...push } = o
  return {
    shell: shellVariant(ctx, what, { stream: streams.shell, ...push }),
    action: actionVariant(ctx, what, { image: streams.action, ...push })
  }
}

/**
 * The shell steps, the action and (when its checkout is given) push-to-registry, pushing the same way: the
 * variants every goal compares. `other` is absent from the result when its rows are skipped.
 */
export function threeWays(
  ctx: Context,
  what: string,
  o: {
    streams: { shell: string; action: string; other: string }
    tags: string[]
    size?: number
    layers?: number
    source?: string
  }
): Record<'shell' | 'action' | 'other', Variant | undefined> {
  const { streams, ...push } = o
  const pair = shellAndAction(ctx, what, { ...push, streams })
  if (!('dir' in ctx.other)) return { ...pair, other: undefined }
  return {
    ...pair,
    other: otherActionVariant(ctx, ctx.other.dir, what, {
      stream: streams.other,
      ...push,
      size: push.size ?? PUSH_SIZE
    })
  }
}

/**
 * A goal judged as the median of round-by-round ratios `a / b` under one condition, with the two times beside
 * it; a skipped variant makes a skipped goal, with the reason.
 */
export function ratioGoal<K extends string>(
  samples: Samples<K>,
  name: string,
  k: LatencyKey,
  a: [string, K],
  b: [string, K],
  limit: number,
  skipped?: string
): Goal {
  const rule = `<= ${limit.toFixed(2).replace(/0$/, '')}x`
  if (skipped || !samples[k][b[1]]?.length)
    return { name, rule, figure: skipped ?? 'not measured', met: false, skipped: skipped ?? 'not measured' }
  const q = quotient(samples[k][a[1]], samples[k][b[1]])
  return {
    name,
    rule,
    figure: `${ratioRange(q)} (${versus([a[0], samples[k][a[1]]], [b[0], samples[k][b[1]]])})`,
    met: q.median <= limit
  }
}

/** A condition a scenario judges the action under, with the limit of its goal over the shell steps. */
export interface Judged {
  key: LatencyKey
  /** `on loopback`, `at +100 ms`: how the goal's name says it. */
  phrase: string
  /** `loopback`, `+100 ms`: how a row's verdict says it. */
  label: string
  shellLimit: number
}

export const ON_LOOPBACK = { key: 'loopback', phrase: 'on loopback', label: 'loopback' } as const
export const AT_100_MS = { key: 'delayed', phrase: 'at +100 ms', label: '+100 ms' } as const

/** The goals of a push scenario: the action over the shell steps, then over push-to-registry, per condition. */
export interface VersusGoals {
  shell: Goal[]
  other: Goal[]
}

export function versusGoals<K extends 'action' | 'shell' | 'other'>(
  samples: Samples<K>,
  subject: string,
  conditions: Judged[],
  otherLimit: number,
  skipped: string | undefined
): VersusGoals {
  const action: [string, K] = ['action', 'action' as K]
  return {
    shell: conditions.map(c =>
      ratioGoal(
        samples,
        `${subject} ${c.phrase}: action / shell`,
        c.key,
        action,
        ['shell', 'shell' as K],
        c.shellLimit
      )
    ),
    other: conditions.map(c =>
      ratioGoal(
        samples,
        `${subject} ${c.phrase}: action / ${OTHER_ACTION}`,
        c.key,
        action,
        ['other', 'other' as K],
        otherLimit,
        skipped
      )
    )
  }
}

/** A goal's verdict as a row shows it: MET or MISSED with its rule, or SKIPPED with the reason. */
export const judged = (goal: Goal): string =>
  goal.skipped ? `SKIPPED (${goal.rule})` : verdict(goal.met, goal.rule)

const verdicts = (goals: Goal[], conditions: Judged[]): string =>
  goals.map((g, i) => `${conditions[i].label} ${judged(g)}`).join(', ')

/**
 * The rows every push scenario opens with: the shell steps' and the action's times, the ratio with its goals'
 * verdicts, the action's main and post, and push-to-registry's time and ratio when its checkout was given.
 */
export function versusRows<K extends 'action' | 'shell' | 'other'>(
  samples: Samples<K>,
  labels: { shell: string; action: string },
  goals: VersusGoals,
  conditions: Judged[],
  skipped: string | undefined
): Row[] {
  const [action, shell, other] = ['action', 'shell', 'other'] as K[]
  return [
    timeRow(samples, labels.shell, shell),
    timeRow(samples, labels.action, action, shell),
    { ...ratioRow(samples, 'action / shell steps', action, shell), goal: verdicts(goals.shell, conditions) },
    ...mainPostRows(samples, action),
    ...(skipped
      ? []
      : [
          timeRow(samples, `${OTHER_ACTION} (podman): main`, other, shell),
          {
            ...ratioRow(samples, `action / ${OTHER_ACTION}`, action, other),
            goal: verdicts(goals.other, conditions)
          }
        ])
  ]
}

// ---- figures ----

export const times = (s: Sample[], pick: (x: Sample) => number | undefined = x => x.ms): Spread =>
  spread(s.map(x => pick(x) ?? NaN))

/** `a` over `b`, round by round: the two ran back to back. */
export const difference = (a: Sample[], b: Sample[]): Spread =>
  spread(
    paired(
      a.map(x => x.ms),
      b.map(x => x.ms),
      (x, y) => x - y
    )
  )
export const quotient = (a: Sample[], b: Sample[]): Spread =>
  spread(
    paired(
      a.map(x => x.ms),
      b.map(x => x.ms),
      (x, y) => x / y
    )
  )

/** A row with a cell for each condition that has samples. */
export function row<K extends string>(
  samples: Samples<K>,
  label: string,
  cell: (s: Record<K, Sample[]>, k: LatencyKey) => Cell
): Row {
  const r: Row = { label }
  for (const lat of LATENCIES) {
    const s = samples[lat.key]
    if (Object.values<Sample[]>(s).some(v => v.length)) r[lat.key] = cell(s, lat.key)
  }
  return r
}

/** The time of a variant, with its ratio to the baseline (median of per-round ratios). */
export const timeRow = <K extends string>(samples: Samples<K>, label: string, v: K, base?: K): Row =>
  row(samples, label, s => ({
    text: msRange(times(s[v])),
    ratio: base === undefined ? undefined : ratioRange(quotient(s[v], s[base]))
  }))

export const overheadRow = <K extends string>(samples: Samples<K>, label: string, v: K, base: K): Row =>
  row(samples, label, s => ({ text: signedMsRange(difference(s[v], s[base])) }))

export const ratioRow = <K extends string>(samples: Samples<K>, label: string, v: K, base: K): Row =>
  row(samples, label, s => ({ text: ratioRange(quotient(s[v], s[base])) }))

/** The action's time split into its two processes. */
export const mainPostRows = <K extends string>(samples: Samples<K>, v: K): Row[] => [
  row(samples, '  of which main', s => ({ text: msRange(times(s[v], x => x.mainMs)) })),
  row(samples, '  of which post', s => ({ text: msRange(times(s[v], x => x.postMs)) }))
]

/** The two times a goal's figure compares: `action 1480 ms [1420, 1530], shell ...`. */
export const versus = (a: [string, Sample[]], b: [string, Sample[]]): string =>
  `${a[0]} ${msRange(times(a[1]))}, ${b[0]} ${msRange(times(b[1]))}`

/** The emulator's counts: API + registry requests, and the new connections (the handshakes paid). */
export const requestsRow = <K extends string>(samples: Samples<K>, label: string, v: K): Row =>
  row(samples, label, s => {
    const m = (f: (x: GatewayStats) => number) => median(s[v].map(x => f(x.stats)))
    return {
      text:
        `${m(x => x.apiRequests)} + ${m(x => x.registryRequests)} req, ` +
        `${m(x => x.apiConnections)} + ${m(x => x.registryConnections)} conn`
    }
  })

/** The action's own `<step>: N ms` lines (medians), and what they leave: node start-up, exit, post. */
export function stepRows<K extends string>(samples: Samples<K>, v: K): Row[] {
  const all = LATENCIES.flatMap(l => samples[l.key][v].map(x => x.steps ?? {}))
  const rest = 'the rest of main: node start-up, loading, exit'
  return [...stepNames(all), rest].map(name =>
    row(samples, name, s => {
      const values = s[v].map(x => {
        const steps = x.steps ?? {}
        if (name !== rest) return steps[name] ?? 0
        // What ran alongside overlaps the rest: only the steps in sequence are taken off.
        const inSequence = Object.entries(steps).filter(([n]) => !n.endsWith(ALONGSIDE))
        return (x.mainMs ?? NaN) - inSequence.reduce((a, [, v]) => a + v, 0)
      })
      return { text: ms(median(values)) }
    })
  )
}
