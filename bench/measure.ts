// Small statistics and timing helpers. Medians, because one slow round (the shared Docker engine busy with
// something else) should not move a figure; and beside each median the smallest and largest round, so that
// a reader sees how far the rounds spread.

export function median(values: number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** A figure of several rounds: its median and its range. */
export interface Spread {
  median: number
  min: number
  max: number
  n: number
}

export function spread(values: number[]): Spread {
  const finite = values.filter(Number.isFinite)
  return {
    median: median(finite),
    min: finite.length ? Math.min(...finite) : NaN,
    max: finite.length ? Math.max(...finite) : NaN,
    n: finite.length
  }
}

/** Per-round pairs of two variants that ran back to back, under the same load of the shared machine. */
export function paired(a: number[], b: number[], f: (x: number, y: number) => number): number[] {
  return a.map((x, i) => f(x, b[i]))
}

/** Milliseconds from a high-resolution clock, so sub-millisecond steps do not round away. */
export function now(): number {
  return performance.now()
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = now()
  const value = await fn()
  return { ms: now() - started, value }
}

/**
 * Runs every variant once per round, rotating the order each round, so that whatever drifts during a run
 * (page cache, the engine's own housekeeping, other work on the machine) does not always favour the variant
 * that goes first.
 */
export async function interleave<K extends string>(
  rounds: number,
  variants: Record<K, (round: number) => Promise<void>>
): Promise<void> {
  const names = Object.keys(variants) as K[]
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]
      await variants[name](round)
    }
  }
}

/** The mark of a step that ran beside the others (`Install oc: N ms, alongside the push`). */
export const ALONGSIDE = ' (alongside the push)'

/**
 * The action logs `<step>: N ms` after each step, and `<step>: N ms, alongside the push` after one that ran
 * beside the others (named here with ALONGSIDE). Step names that carry the registry, repository or tags
 * are cut to their verb, so that rounds and scenarios can be compared.
 */
export function stepTimings(stdout: string): Record<string, number> {
  const steps: Record<string, number> = {}
  for (const m of stdout.matchAll(/^(.+): (\d+) ms(, alongside .+)?$/gm)) {
    const name = m[1].replace(/^(Log in|Push|Tag) .*$/, '$1') + (m[3] ? ALONGSIDE : '')
    steps[name] = (steps[name] ?? 0) + Number(m[2])
  }
  return steps
}

/** The step names of several runs, in the order they first appeared. */
export function stepNames(runs: Record<string, number>[]): string[] {
  const names: string[] = []
  for (const run of runs) for (const name of Object.keys(run)) if (!names.includes(name)) names.push(name)
  return names
}
