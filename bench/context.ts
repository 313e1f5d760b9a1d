// What every scenario gets: the emulator, the accounts, the image factory, the round counts, and helpers
// for the two network conditions and for counting requests at the emulator (rows.ts puts them in the table).
import type { AccountInfo, GatewayStats } from '../emulator/types.js'
import type { EmulatorChild } from './emulator.js'
import type { ImageFactory } from './images.js'
import type { Goal, Section } from './table.js'

export interface Rounds {
  oneTag: number
  tenTags: number
  repush: number
  /** Image size in MB -> rounds on loopback and with the delay. Sizes absent here are skipped. */
  sizes: Record<number, { loopback: number; delayed: number }>
  startup: number
  oc: number
}

export const FULL: Rounds = {
  oneTag: 7,
  tenTags: 5,
  repush: 3,
  sizes: {
    10: { loopback: 5, delayed: 3 },
    100: { loopback: 3, delayed: 2 },
    500: { loopback: 2, delayed: 1 }
  },
  startup: 9,
  oc: 3
}

export const QUICK: Rounds = {
  oneTag: 3,
  tenTags: 3,
  repush: 2,
  sizes: { 10: { loopback: 2, delayed: 2 }, 100: { loopback: 2, delayed: 1 } },
  startup: 5,
  oc: 2
}

export interface Context {
  emu: EmulatorChild
  builder: AccountInfo
  ci: AccountInfo
  images: ImageFactory
  rounds: Rounds
  /** A directory of this run, removed at the end. */
  tmp: string
  progress: (msg: string) => void
}

export interface ScenarioResult {
  sections: Section[]
  goals: Goal[]
}

/** A runner next to the cluster, and one an ocean away from Finland: round trips are what an extra call costs. */
export const LATENCIES = [
  { key: 'loopback', ms: 0, label: 'loopback' },
  { key: 'delayed', ms: 100, label: '+100 ms' }
] as const

export type LatencyKey = (typeof LATENCIES)[number]['key']

export type PerLatency<T> = Record<LatencyKey, T>

export function perLatency<T>(make: () => T): PerLatency<T> {
  return { loopback: make(), delayed: make() }
}

/** The emulator's counters for exactly one timed run (reset before it, read after it). */
export async function counted(
  ctx: Context,
  fn: () => Promise<number>
): Promise<{ ms: number; stats: GatewayStats }> {
  await ctx.emu.resetStats()
  const ms = await fn()
  return { ms, stats: await ctx.emu.stats() }
}

/** Builds a fresh image, hands it to `fn`, and removes it afterwards. */
export async function withFreshImage<T>(
  ctx: Context,
  sizeBytes: number,
  fn: (ref: string) => Promise<T>
): Promise<T> {
  const ref = await ctx.images.fresh(sizeBytes)
  try {
    return await fn(ref)
  } finally {
    await ctx.images.remove(ref)
  }
}
