// The action against a registry that carries openshift/image-registry PR #475 (OCPBUGS-99398): a manifest
// HEAD into a missing stream is a 404 there, and the PUT would create the stream where the pusher may. The
// action does not lean on it: it still checks the rights and creates the stream itself before any upload,
// and a pusher who may not create streams gets the action's own error, never the registry's.
import { describe, expect, test } from '@jest/globals'

import { buildImage } from './harness/docker.js'
import { baseInputs, tagsOf, uniqueImage } from './harness/rahti.js'
import { errorAnnotation, runMain, runPost } from './harness/runner.js'
import { useRahti } from './harness/suite.js'
import { pusherIntoMissingStream } from './proof/helpers.js'

const rahti = useRahti({ newerRegistry: true })

describe('the newer registry (PR #475)', () => {
  test('stream missing + system:image-builder: the action creates the stream itself, then pushes two tags', async () => {
    expect(rahti.emu.info.newerRegistry).toBe(true)
    const image = uniqueImage('newer')
    await buildImage(`${image}:build`)
    const main = await runMain({
      inputs: baseInputs(rahti, 'builder', image, { source: `${image}:build`, tags: 'v1, v2' })
    })
    expect(errorAnnotation(main)).toBeUndefined()
    expect(main.exitCode).toBe(0)
    const digest = main.outputs.digest
    expect(tagsOf(rahti.emu.getImageStream('demo', image))).toEqual({ v1: digest, v2: digest })
    // Its own POST made the stream (a 201, not the 409 it would meet had the registry's PUT made it first).
    expect(main.summary).toContain('created by this run')
    await runPost(main)
  }, 180_000)

  test('stream missing + only system:image-pusher: the action’s clear error, nothing uploaded, no registry error', async () => {
    const { main } = await pusherIntoMissingStream(rahti, 'newer-denied')
    // Never the registry's words: its 403 DENIED, a 404 or a 500 never reached the user.
    expect(main.stdout + main.stderr).not.toMatch(/DENIED|requested access|MANIFEST_UNKNOWN|unknown error/)
    await runPost(main)
  }, 120_000)
})
