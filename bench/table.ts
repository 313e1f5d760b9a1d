// The printed report: one table, each figure on plain loopback and with every request delayed 100 ms, each
// with a ratio beside it, and the goals with MET / MISSED beside the figure they judge.

export interface Cell {
  text: string
  /** The figure as a ratio to its baseline (named in the row's label or the section's notes). */
  ratio?: number
}

export interface Row {
  label: string
  loopback?: Cell
  delayed?: Cell
  /** A goal this row's figure is judged by: `MET (< 300 ms)`. */
  goal?: string
}

export interface Section {
  title: string
  rows: Row[]
  notes?: string[]
}

export interface Goal {
  name: string
  figure: string
  met: boolean
}

export const ms = (v: number): string => (Number.isFinite(v) ? `${Math.round(v)} ms` : 'n/a')
export const signedMs = (v: number): string =>
  Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${Math.round(v)} ms` : 'n/a'
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
export const bytes = (b: number): string => (b < 10_000 ? `${b} B` : mib(b))
export const ratio = (r: number): string => (Number.isFinite(r) ? `${r.toFixed(2)}x` : '')
export const verdict = (met: boolean, rule: string): string => `${met ? 'MET' : 'MISSED'} (${rule})`

const HEADERS = ['Figure', 'loopback', 'ratio', '+100 ms/request', 'ratio', 'Goal']

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
        row.loopback?.ratio === undefined ? '' : ratio(row.loopback.ratio),
        row.delayed?.text ?? '',
        row.delayed?.ratio === undefined ? '' : ratio(row.delayed.ratio),
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
  const width = Math.max(...goals.map(g => g.name.length))
  return [
    'Goals:',
    ...goals.map(g => `  ${g.met ? 'MET   ' : 'MISSED'}  ${g.name.padEnd(width)}  ${g.figure}`)
  ].join('\n')
}
