// tagAndVerify with a fake registry client: every other tag is a PUT of the pushed manifest's bytes, every tag is
// read back, and a tag another job moved or removed afterwards is named in a warning, never adopted.
import { beforeEach, describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { tagAndVerify } = await import('../../src/stages/publish.js')
type RegistryClient = import('../../src/registry/client.js').RegistryClient
type Manifest = import('../../src/image/oci.js').Manifest

const PUSHED = `sha256:${'a'.repeat(64)}`
const OTHER = `sha256:${'b'.repeat(64)}`
const manifest: Manifest = {
  digest: PUSHED,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  body: Buffer.from('{}')
}

/** A registry whose tags point where `tags` says after the PUTs; `stores` is what a PUT answers. */
function fakeRegistry(tags: Record<string, string | undefined>, stores = PUSHED) {
  const puts: string[] = []
  const client = {
    putManifest: jest.fn(async (_repo: string, tag: string, m: Manifest) => {
      expect(m).toBe(manifest) // the same bytes, not a re-serialisation
      puts.push(tag)
      return stores
    }),
    resolveTag: jest.fn(async (_repo: string, tag: string) => tags[tag])
  }
  return { client: client as unknown as RegistryClient, puts, resolveTag: client.resolveTag }
}

beforeEach(() => {
  jest.clearAllMocks()
})

describe('tagAndVerify', () => {
  test('every other tag is put on the pushed manifest; all in place means nothing moved and no warning', async () => {
    const { client, puts } = fakeRegistry({ v1: PUSHED, v2: PUSHED, latest: PUSHED })
    const moved = await tagAndVerify(client, 'demo/app', { digest: PUSHED, manifest }, 'v1', ['v2', 'latest'])
    expect(moved).toEqual([])
    expect(puts.sort()).toEqual(['latest', 'v2'])
    expect(core.warning).not.toHaveBeenCalled()
  })

  test('a tag moved by another job afterwards is reported, with both digests, and not adopted', async () => {
    const { client } = fakeRegistry({ v1: PUSHED, v2: OTHER, latest: PUSHED })
    const moved = await tagAndVerify(client, 'demo/app', { digest: PUSHED, manifest }, 'v1', ['v2', 'latest'])
    expect(moved).toEqual(['v2'])
    expect(core.warning).toHaveBeenCalledTimes(1)
    expect(core.warning).toHaveBeenCalledWith(
      `demo/app:v2 now points at ${OTHER}, not at ${PUSHED} which this run pushed: another job moved it afterwards.`
    )
  })

  test('a tag removed afterwards is reported as gone', async () => {
    const { client } = fakeRegistry({ v1: undefined, v2: PUSHED })
    const moved = await tagAndVerify(client, 'demo/app', { digest: PUSHED, manifest }, 'v1', ['v2'])
    expect(moved).toEqual(['v1'])
    expect(core.warning).toHaveBeenCalledWith(
      `demo/app:v1 is gone from the registry after this run put it at ${PUSHED}: another job removed it.`
    )
  })

  test('the first tag read back alongside the manifest is not asked again', async () => {
    const { client, resolveTag } = fakeRegistry({ v1: PUSHED, v2: PUSHED })
    await tagAndVerify(client, 'demo/app', { digest: PUSHED, manifest, firstTagSeen: OTHER }, 'v1', ['v2'])
    expect(resolveTag.mock.calls.map(c => c[1])).toEqual(['v2'])
    expect(core.warning).toHaveBeenCalledWith(expect.stringMatching(/^demo\/app:v1 now points at sha256:b+/))
  })

  test('a PUT the registry stored under another digest fails the step', async () => {
    const { client } = fakeRegistry({ v1: PUSHED, v2: OTHER }, OTHER)
    await expect(
      tagAndVerify(client, 'demo/app', { digest: PUSHED, manifest }, 'v1', ['v2'])
    ).rejects.toThrow(`The registry stored demo/app:v2 as ${OTHER}, not ${PUSHED}. Run the step again.`)
  })
})
