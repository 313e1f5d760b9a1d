// Issue 18, the same-engine race: jobs on one Docker engine pushing to the same image and first tag at once
// share the local name `<registry>/<project>/<image>:<tag>`. One run's clean-up may untag that name in the
// moment between another run's tag and its push. No run may fail for that alone: the name is made again from the
// image ID and pushed again, and the check that the registry holds the source still decides. Rounds of four runs,
// their starts spread over two seconds so that one run's clean-up meets another's push, widen the window that
// pairs started together rarely hit.
import { describe, expect, test } from '@jest/globals'

import { buildImage } from '../harness/docker.js'
import { baseInputs, tagsOf, uniqueImage } from '../harness/rahti.js'
import { errorAnnotation } from '../harness/runner.js'
import { useRahti } from '../harness/suite.js'
import { dockerStore } from '../harness/trixie.js'
import { imageManifest, Ledger, localNames, type Main, runDebug } from './helpers.js'

const p = useRahti()
const ledger = new Ledger()
const ROUNDS = 6
const RUNS = 4

/** The main step of a run started `i` half-seconds and a random part of one after the round began. */
async function staggered(i: number, inputs: Record<string, string>): Promise<Main> {
  await new Promise(resolve => setTimeout(resolve, i * 500 + Math.random() * 500))
  return runDebug({ inputs })
}

/**
 * The local image ID the pushed manifest `digest` in demo/`image` stands for: its config's digest on the classic
 * store, the manifest's own digest on the containerd store (once the registry is seen to hold it).
 */
async function pushedImageId(image: string, digest: string): Promise<string> {
  const manifest = await imageManifest(p, image, digest)
  if (dockerStore() === 'containerd') return digest
  return (JSON.parse(manifest) as { config: { digest: string } }).config.digest
}

/** What went wrong with a run, or '' when it pushed its own image under its own tag. */
async function verdict(image: string, id: string, ownTag: string, main: Main): Promise<string> {
  if (main.exitCode !== 0) return `exit ${main.exitCode}: ${errorAnnotation(main) ?? main.stderr.trim()}`
  const digest = main.outputs.digest
  const pushed = await pushedImageId(image, digest)
  if (pushed !== id) return `reported ${digest}, the image ${pushed}, not its source ${id}`
  const at = tagsOf(p.emu.getImageStream('demo', image))[ownTag]
  return at === digest ? '' : `its own tag ${ownTag} is at ${at}, not at ${digest}`
}

describe('jobs on one Docker engine pushing to the same image and tag at once', () => {
  test(`the same source, ${ROUNDS} rounds of ${RUNS} runs: every run pushes it`, async () => {
    const failures: string[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      const image = uniqueImage('same-src')
      const id = await buildImage(`${image}:build`)
      const runs = await Promise.all(
        Array.from({ length: RUNS }, (_, i) =>
          staggered(i, baseInputs(p, 'builder', image, { source: `${image}:build`, tags: `latest run-${i}` }))
        )
      )
      for (const [i, main] of runs.entries()) {
        await ledger.settle(`same source ${round}.${i}`, main, [p.accounts.builder.token])
        const wrong = await verdict(image, id, `run-${i}`, main)
        if (wrong) failures.push(`round ${round}, run ${i}: ${wrong}`)
      }
      expect(await localNames(p, image)).toEqual([])
    }
    expect(failures).toEqual([])
  }, 900_000)

  test(`different sources, ${ROUNDS} rounds of ${RUNS} runs: every run pushes its own`, async () => {
    const failures: string[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      const image = uniqueImage('other-src')
      const ids: string[] = []
      for (let i = 0; i < RUNS; i++) ids.push(await buildImage(`${image}:build-${i}`))
      const runs = await Promise.all(
        ids.map((_, i) =>
          staggered(
            i,
            baseInputs(p, 'builder', image, { source: `${image}:build-${i}`, tags: `latest run-${i}` })
          )
        )
      )
      for (const [i, main] of runs.entries()) {
        await ledger.settle(`different sources ${round}.${i}`, main, [p.accounts.builder.token])
        const wrong = await verdict(image, ids[i], `run-${i}`, main)
        if (wrong) failures.push(`round ${round}, run ${i}: ${wrong}`)
      }
      expect(await localNames(p, image)).toEqual([])
    }
    expect(failures).toEqual([])
  }, 900_000)

  test('no run above (debug on) wrote a token anywhere, and every credential file was 0600 and is gone', () => {
    expect(ledger.entries.length).toBe(2 * ROUNDS * RUNS)
    expect(ledger.violations()).toEqual([])
  })
})
