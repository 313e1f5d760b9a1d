// The action against each OpenShift minor it meets: 4.13 has no SelfSubjectReview (the user API answers who the
// token is), 4.14 serves it only as v1beta1, 4.16 as v1. The main paths behave the same on all three; and a
// cluster that reports no public registry host needs the 'registry' input, which the action says.
import { describe, expect, test } from '@jest/globals'

import type { StartOptions } from '../../emulator/types.js'
import { buildImage } from './harness/docker.js'
import { baseInputs, uniqueImage } from './harness/rahti.js'
import { runPost } from './harness/runner.js'
import { useRahti } from './harness/suite.js'
import { exchangedToken, expectCleanFailure, expectPushed, runDebug } from './proof/helpers.js'

const VERSIONS: NonNullable<StartOptions['openshiftVersion']>[] = ['4.13', '4.14', '4.16']

describe.each(VERSIONS)('OpenShift %s', version => {
  const p = useRahti({ openshiftVersion: version })

  test('a builder creates the missing stream and pushes two tags', async () => {
    const image = uniqueImage(`v${version.replace('.', '')}`)
    await buildImage(`${image}:build`)
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, { source: `${image}:build`, tags: 'a b' })
    })
    expectPushed(p, main, image, ['a', 'b'])
    expect(main.stdout).toContain('Token of system:serviceaccount:demo:builder')
    await runPost(main)
  }, 120_000)

  test('a token that may request tokens is exchanged for a short-lived one', async () => {
    const image = uniqueImage(`v${version.replace('.', '')}`)
    await buildImage(`${image}:latest`)
    const main = await runDebug({ inputs: baseInputs(p, 'ci', image) })
    expectPushed(p, main, image, ['latest'])
    const short = exchangedToken(main)
    expect(short).toBeDefined()
    expect(short).not.toBe(p.accounts.ci.token)
    await runPost(main)
  }, 120_000)

  test('a pusher without the stream is told the exact grant, before any upload', async () => {
    const image = uniqueImage(`v${version.replace('.', '')}`)
    await buildImage(`${image}:latest`)
    p.emu.resetStats()
    const main = await runDebug({ inputs: baseInputs(p, 'pusher', image) })
    expectCleanFailure(
      main,
      /may not create it.*oc policy add-role-to-user system:image-builder -z pusher -n demo/
    )
    expect(p.emu.stats().blobBytesReceived).toBe(0)
    await runPost(main)
  }, 120_000)
})

describe('a cluster without a public registry host', () => {
  const p = useRahti({ externalRegistryHost: null })

  test("needs the 'registry' input, and says so; with it, the push works", async () => {
    const image = uniqueImage('noroute')
    await buildImage(`${image}:latest`)
    const without = await runDebug({ inputs: baseInputs(p, 'builder', image) })
    expectCleanFailure(
      without,
      /^Input 'registry': needed for https:\/\/127\.0\.0\.1:\d+, which reports no public registry host/
    )
    await runPost(without)
    const withIt = await runDebug({
      inputs: baseInputs(p, 'builder', image, { registry: p.emu.info.registry })
    })
    expectPushed(p, withIt, image, ['latest'])
    await runPost(withIt)
  }, 120_000)
})
