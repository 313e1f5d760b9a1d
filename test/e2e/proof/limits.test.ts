// The project's limits as the real cluster enforces them: an ImageStream count quota (the API's 403 on
// create) and an image size limit (the registry's 403 DENIED on the upload). The action names the limit and
// what to do, instead of passing on a raw API error or blaming the account's rights.
import { describe, expect, test } from '@jest/globals'

import type { AccountInfo } from '../../../emulator/types.js'
import { buildImage } from '../harness/docker.js'
import { baseInputs, type Rahti, uniqueImage } from '../harness/rahti.js'
import { useRahti } from '../harness/suite.js'
import { expectCleanFailure, expectPushed, Ledger, runDebug } from './helpers.js'

const p = useRahti()
const ledger = new Ledger()

/** A project of its own with a builder, so that its limits touch no other test. */
function project(name: string, spec: Parameters<Rahti['emu']['apply']>[0]): AccountInfo {
  const [builder] = p.emu.apply({
    projects: [name],
    serviceAccounts: [{ project: name, name: 'builder', roles: ['system:image-builder'] }],
    ...spec
  })
  return builder
}

describe('an ImageStream count quota', () => {
  test('the stream beyond it is refused with the quota named, before any upload', async () => {
    const builder = project('counted', { quotas: [{ project: 'counted', imageStreams: 1 }] })
    p.accounts.counted = builder
    const first = uniqueImage('quota')
    await buildImage(`${first}:latest`)
    const ok = await runDebug({ inputs: baseInputs(p, 'counted', first) })
    await ledger.settle('quota first', ok, [builder.token])
    expectPushed(p, ok, first, ['latest'], 'counted')

    const second = uniqueImage('quota')
    await buildImage(`${second}:latest`)
    p.emu.resetStats()
    const refused = await runDebug({ inputs: baseInputs(p, 'counted', second) })
    await ledger.settle('quota second', refused, [builder.token])
    expectCleanFailure(
      refused,
      /^The ImageStream counted\/quota-\S+ cannot be created: the project's quota allows no more ImageStreams \(exceeded quota: .*limited: openshift\.io\/imagestreams=1\)\. Delete one/
    )
    expect(p.emu.stats().blobBytesReceived).toBe(0)
  }, 180_000)
})

describe('an image size limit', () => {
  test('an image over it is refused with the limit named, not the rights', async () => {
    const builder = project('small', {
      imageStreams: [],
      limitRanges: [{ project: 'small', limits: [{ type: 'openshift.io/Image', max: { storage: '64Ki' } }] }]
    })
    p.accounts.small = builder
    const image = uniqueImage('big')
    await buildImage(`${image}:latest`, { sizeBytes: 512 * 1024 })
    const main = await runDebug({ inputs: baseInputs(p, 'small', image) })
    await ledger.settle('size limit', main, [builder.token])
    expectCleanFailure(
      main,
      /^The registry refused the push of \S+ \(.*denied.*\) although the account may push there: the image most likely exceeds the project's image size limit or quota\./
    )
  }, 180_000)
})

describe('secrets', () => {
  test('no run above (debug on) wrote a token anywhere, and every credential file was 0600 and is gone', () => {
    expect(ledger.entries).toHaveLength(3)
    expect(ledger.violations()).toEqual([])
  })
})
