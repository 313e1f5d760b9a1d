// Small statistics and timing helpers. Medians, because one slow round (the shared Docker engine busy with
// something else) should not move a figure.

export function median(values: number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
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
 * (page cache, the engine's own housekeeping) does not always favour the variant that goes first.
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

/**
 * The action logs `<step>: N ms` after each step. Step names that carry the registry, repository or tags
 * are cut to their verb, so that rounds and scenarios can be compared.
 */
export function stepTimings(stdout: string): Record<string, number> {
  const steps: Record<string, number> = {}
  for (const m of stdout.matchAll(/^(.+): (\d+) ms$/gm)) {
    const name = m[1].replace(/^(Log in|Push|Tag) .*$/, '$1')
    steps[name] = (steps[name] ?? 0) + Number(m[2])
  }
  return steps
}

/** The per-step medians over several runs, in the order the steps first appeared. */
export function medianSteps(runs: Record<string, number>[]): [string, number][] {
  const names: string[] = []
  for (const run of runs) for (const name of Object.keys(run)) if (!names.includes(name)) names.push(name)
  return names.map(name => [name, median(runs.map(r => r[name] ?? 0))])
}

/** A run's step timings plus what they leave out of its wall time: Node's start-up, exit and the rest. */
export function withUnloggedTime(run: { ms: number; steps: Record<string, number> }): Record<string, number> {
  const logged = Object.values(run.steps).reduce((a, b) => a + b, 0)
  return { ...run.steps, 'node start-up, exit and the rest': run.ms - logged }
}
