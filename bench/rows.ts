// The rows every scenario's section is made of: a figure per network condition, the emulator's request counts
// for a variant against a baseline's, and the action's own step timings.
import type { GatewayStats } from '../emulator/types.js'
import type { LatencyKey } from './context.js'
import { median, medianSteps } from './measure.js'
import { type Cell, ms, type Row, type Section } from './table.js'

const requestsText = (s: GatewayStats[]): string => {
  const api = s.map(x => x.apiRequests)
  const reg = s.map(x => x.registryRequests)
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN
  return `${med(api)} + ${med(reg)}`
}

const totalRequests = (s: GatewayStats[]): number => {
  const totals = s.map(x => x.apiRequests + x.registryRequests).sort((a, b) => a - b)
  return totals[Math.floor(totals.length / 2)] ?? NaN
}

/** A table row with one cell per network condition. */
export function latencyRow(label: string, cell: (k: LatencyKey) => Cell): Row {
  return { label, loopback: cell('loopback'), delayed: cell('delayed') }
}

/** A row of a figure per condition (a time unless `format` says otherwise), with its ratio to a baseline's. */
export function ratioRow(
  label: string,
  figure: (k: LatencyKey) => number,
  baseline: (k: LatencyKey) => number,
  format: (v: number) => string = ms
): Row {
  return latencyRow(label, k => ({ text: format(figure(k)), ratio: figure(k) / baseline(k) }))
}

/** A row of the emulator's requests (API + registry) for one variant; ratio: its total to the baseline's. */
export function requestsRow(
  label: string,
  stats: (k: LatencyKey) => GatewayStats[],
  baseline?: (k: LatencyKey) => GatewayStats[]
): Row {
  return latencyRow(label, k => ({
    text: requestsText(stats(k)),
    ratio: baseline ? totalRequests(stats(k)) / totalRequests(baseline(k)) : 1
  }))
}

/** The action's own step timings: a row per step with its median, as a share of the action's median time. */
export function stepSection(
  scenario: string,
  steps: (k: LatencyKey) => Record<string, number>[],
  actionMs: (k: LatencyKey) => number
): Section {
  const names = medianSteps([...steps('loopback'), ...steps('delayed')]).map(([name]) => name)
  return {
    title: `${scenario}: the action's own step timings (medians; ratio = share of the action's wall time)`,
    rows: names.map(name =>
      latencyRow(name, k => {
        const v = median(steps(k).map(x => x[name] ?? 0))
        return { text: ms(v), ratio: v / actionMs(k) }
      })
    )
  }
}
