// The jest side of rahti.ts: one emulator per test file, and everything the file made removed afterwards.
import { afterAll, afterEach, beforeAll } from '@jest/globals'

import type { StartOptions } from '../../../emulator/types.js'
import { newStore, type SourceRegistry, startSourceRegistry, type Store } from './containers.js'
import { type Rahti, removeLocalImages, startRahti } from './rahti.js'
import { removeJobs } from './runner.js'
import { type ContainerdEngine, dockerStore, startContainerdEngine } from './trixie.js'

/**
 * One emulator for the calling test file: started in beforeAll (after the tool checks), and in afterAll
 * stopped, with the file's job directories and local images removed. Its fields are set once beforeAll ran.
 * In the jest project `e2e-containerd` the file's Docker engine is one of its own with the containerd image
 * store, trusting this emulator's CA: DOCKER_HOST points at it for everything the file runs (the harness's
 * docker commands and the action's), and it is removed whole in afterAll.
 */
export function useRahti(options: StartOptions = {}): Rahti {
  const rahti = {} as Rahti
  let engine: ContainerdEngine | undefined
  beforeAll(async () => {
    Object.assign(rahti, await startRahti(options))
    if (dockerStore() === 'containerd') {
      engine = await startContainerdEngine([rahti.emu.info.caFile])
      process.env.DOCKER_HOST = engine.host
    }
  }, 900_000)
  // Removing the file's images asks the one Docker engine every engineer's tests share: more than jest's 5 s
  // when it is busy.
  afterAll(async () => {
    removeJobs()
    if (!engine) await removeLocalImages()
    await rahti.emu?.stop()
    await engine?.stop()
  }, 120_000)
  return rahti
}

/** For files that inject faults or latency: each test starts from a well-behaved emulator again. */
export function clearFaultsAfterEach(rahti: Rahti): void {
  afterEach(() => {
    rahti.emu?.clearFaults()
    rahti.emu?.setLatency(0)
  })
}

export interface Sources {
  store: Store
  hub: SourceRegistry
}

/**
 * A containers storage of the calling test file's own and a source registry: made in beforeAll (the tool checks
 * first), and in afterAll the registry stopped and the storage removed. Its fields are set once beforeAll ran.
 */
export function useSources(): Sources {
  const sources = {} as Sources
  beforeAll(async () => {
    sources.store = newStore()
    sources.hub = await startSourceRegistry()
  }, 120_000)
  afterAll(async () => {
    await sources.hub?.stop()
    sources.store?.remove()
  })
  return sources
}
