// The printed report: one table, each figure on plain loopback and at a distance, each cell a median with
// the range of the rounds beside it, and the goals with MET / MISSED beside the figure they judge.
import type { Spread } from './measure.js'

export interface Cell {
  text: string
  /** The figure as a ratio to its baseline (named in the row's label or the section's notes). */
  ratio?: string
}

export interface Row {
  label: string
  loopback?: Cell
  delayed?: Cell
  /** The goal this row's figure is judged by, with its verdict: `MET (<= +200 ms on loopback)`. */
  goal?: string
}

export interface Section {
  title: string
  rows: Row[]
  notes?: string[]
}

export interface Goal {
  name: string
  /** The figure judged, median and range: `+150 ms [+120, +190]`. */
  figure: string
  /** What it is judged against: `<= +200 ms`. */
  rule: string
  met: boolean
  /** Why the goal was not measured in this run (its variant's checkout not given, say). */
  skipped?: string
}

const finite = (v: number, f: (x: number) => string): string => (Number.isFinite(v) ? f(v) : 'n/a')
export const ms = (v: number): string => finite(v, x => `${Math.round(x)} ms`)
export const signedMs = (v: number): string => finite(v, x => `${x >= 0 ? '+' : ''}${Math.round(x)} ms`)
export const mib = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`
export const bytes = (b: number): string => (b < 10_000 ? `${b} B` : mib(b))
export const ratio = (r: number): string => finite(r, x => `${x.toFixed(2)}x`)
export const verdict = (met: boolean, rule: string): string => `${met ? 'MET' : 'MISSED'} (${rule})`

/** A median and its range: `1480 ms [1420, 1530]`; the unit is written once, after the median. */
function withRange(s: Spread, f: (v: number) => string): string {
  if (!Number.isFinite(s.median)) return 'n/a'
  const bare = (v: number) => f(v).replace(/ ms$|x$/, '')
  return s.n > 1 ? `${f(s.median)} [${bare(s.min)}, ${bare(s.max)}]` : f(s.median)
}
export const msRange = (s: Spread): string => withRange(s, ms)
export const signedMsRange = (s: Spread): string => withRange(s, signedMs)
export const ratioRange = (s: Spread): string => withRange(s, ratio)

const HEADERS = ['Figure', 'loopback', 'ratio', '+100 ms', 'ratio', 'Goal']

export function renderReport(sections: Section[]): string {
  const lines: string[][] = []
  const titles = new Map<number, string>()
  for (const section of sections) {
    titles.set(lines.length, section.title)
    lines.push([])
    for (const row of section.rows) {
      lines.push([
        `  ${row.label}`,
        row.loopback?.text ?? '',
        row.loopback?.ratio ?? '',
        row.delayed?.text ?? '',
        row.delayed?.ratio ?? '',
        row.goal ?? ''
      ])
    }
  }
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...lines.map(l => (l[i] ?? '').length)))
  const format = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join(' | ')
      .trimEnd()
  const rule = widths.map(w => '-'.repeat(w)).join('-+-')
  const out = [format(HEADERS), rule]
  lines.forEach((line, i) => {
    const title = titles.get(i)
    if (title !== undefined) out.push(title)
    else out.push(format(line))
  })
  const notes = sections.flatMap(s => (s.notes ?? []).map(n => `${s.title.split(' ')[0]} ${n}`))
  if (notes.length) out.push('', 'Notes:', ...notes.map(n => `  ${n}`))
  return out.join('\n')
}

export function renderGoals(goals: Goal[]): string {
  const name = Math.max(...goals.map(g => g.name.length))
  const rule = Math.max(...goals.map(g => g.rule.length))
  return [
    'Goals (judged on the median; [min, max] of the rounds beside it):',
    ...goals.map(
      g =>
        `  ${g.skipped ? 'SKIPPED' : g.met ? 'MET    ' : 'MISSED '}  ${g.name.padEnd(name)}  ${g.rule.padEnd(rule)}  ${g.figure}`
    )
  ].join('\n')
}
