// Eight runs of the action at once, as a matrix would start them: one image, one stream that does not exist
// yet, eight tags. Every run succeeds, the stream exists once, and every tag is in it.
import { basename } from 'node:path'

import { describe, expect, test } from '@jest/globals'

import { buildImage } from '../harness/docker.js'
import { baseInputs, tagsOf, uniqueImage } from '../harness/rahti.js'
import { errorAnnotation } from '../harness/runner.js'
import { useRahti } from '../harness/suite.js'
import { expectPushed, expectReportedTagsInStream, Ledger, runDebug } from './helpers.js'

const p = useRahti()
const ledger = new Ledger()

describe('a matrix of eight', () => {
  test('eight concurrent runs, one missing stream, eight tags: all succeed, one stream, every tag', async () => {
    const image = uniqueImage('matrix')
    await buildImage(`${image}:build`)
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
    const tags = Array.from({ length: 8 }, (_, i) => `leg-${i + 1}`)

    const mains = await Promise.all(
      tags.map(tag =>
        runDebug({ inputs: baseInputs(p, 'builder', image, { source: `${image}:build`, tags: tag }) })
      )
    )
    await Promise.all(
      mains.map((main, i) => ledger.settle(`matrix leg ${i + 1}`, main, [p.accounts.builder.token]))
    )

    // Whatever happens, no run claims a tag the stream does not hold, and the stream exists once.
    for (const main of mains) expectReportedTagsInStream(p, main, 'demo', image)
    const list = await fetch(
      `${p.emu.info.apiHttpUrl}/apis/image.openshift.io/v1/namespaces/demo/imagestreams`,
      {
        headers: { Authorization: `Bearer ${p.accounts.admin.token}`, Accept: 'application/json' }
      }
    )
    expect(list.status).toBe(200)
    const names = ((await list.json()) as { items: { metadata: { name: string } }[] }).items.map(
      s => s.metadata.name
    )
    expect(names.filter(n => n === image)).toHaveLength(1)
    expect(mains.filter(m => m.summary.includes('created by this run')).length).toBeLessThanOrEqual(1)

    // And every run succeeds.
    expect(mains.map(m => errorAnnotation(m) ?? 'ok')).toEqual(tags.map(() => 'ok'))
    for (const [i, main] of mains.entries()) expectPushed(p, main, image, [tags[i]])
    // One image, so one digest, under all eight tags.
    const digest = mains[0].outputs.digest
    expect(new Set(mains.map(m => m.outputs.digest))).toEqual(new Set([digest]))
    expect(tagsOf(p.emu.getImageStream('demo', image))).toEqual(
      Object.fromEntries(tags.map(t => [t, digest]))
    )
    // Exactly one run created the stream; the others found it, or lost the race (409) and went on.
    expect(mains.filter(m => m.summary.includes('created by this run'))).toHaveLength(1)
  }, 180_000)
})

describe('secrets', () => {
  test('no run above (debug on) wrote a token anywhere, and every credential file was 0600 and is gone', () => {
    expect(ledger.entries).toHaveLength(8)
    expect(ledger.violations()).toEqual([])
    // Not a vacuous search: each successful run held the token in exactly one file before the post step, the
    // kubeconfig, 0600; the Docker engine's login was never on disk (it travels in the push request's header).
    const succeeded = ledger.entries.filter(e => e.main.exitCode === 0)
    expect(succeeded.length).toBeGreaterThan(0)
    for (const e of succeeded) {
      expect(e.heldBeforePost.map(f => [basename(f.path), f.mode])).toEqual([['config', 0o600]])
    }
  })
})
