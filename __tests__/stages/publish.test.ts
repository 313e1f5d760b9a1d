// pushFirstTag and tagAndVerify with a fake engine and registry client. pushFirstTag: what the engine pushed is
// checked to be the source, from the manifest it had in hand when its bytes are the reported digest's, else read
// by digest; the first tag read back unless the engine saw it holding the source without putting anything.
// tagAndVerify: every other tag is a PUT of the pushed manifest's bytes, every tag is read back, and a tag another
// job moved or removed afterwards is named in a warning, never adopted.
import { createHash } from 'node:crypto'

import { beforeEach, describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { pushFirstTag, tagAndVerify } = await import('../../src/stages/publish.js')
type Engine = import('../../src/engines/engine.js').Engine
type PushContext = import('../../src/engines/engine.js').PushContext
type PushReport = import('../../src/engines/engine.js').PushReport
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

const SOURCE_ID = `sha256:${'c'.repeat(64)}`
const source = { reference: 'app:latest', id: SOURCE_ID, platforms: ['linux/amd64'] }
const target = { registryHost: 'registry.example', repository: 'demo/app' }
const NO_RETRY = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }

/** A schema 2 manifest of the image `config`, with its true digest. */
function imageManifest(config: string): Manifest {
  const body = Buffer.from(JSON.stringify({ schemaVersion: 2, config: { digest: config }, layers: [] }))
  return {
    digest: `sha256:${createHash('sha256').update(body).digest('hex')}`,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    body
  }
}

/** An engine whose tries answer in turn with `answers`, recording the context each was given. */
function fakeEngine(...answers: (string | PushReport | undefined)[]) {
  const contexts: (PushContext | undefined)[] = []
  const push = jest.fn(async (_s: unknown, _t: string, context?: PushContext) => {
    contexts.push(context)
    return answers.shift()
  })
  const engine = { name: 'docker', push, isTransient: () => false } as unknown as Engine
  return { engine, push, contexts }
}

/** A registry holding `manifests` by digest and `tags`; every read recorded. */
function readRegistry(manifests: Manifest[], tags: Record<string, string>) {
  const reads: string[] = []
  const client = {
    getManifest: jest.fn(async (_repo: string, digest: string) => {
      reads.push(`GET ${digest}`)
      const found = manifests.find(m => m.digest === digest)
      if (!found) throw new Error(`no manifest ${digest}`)
      return found
    }),
    resolveTag: jest.fn(async (_repo: string, tag: string) => {
      reads.push(`HEAD ${tag}`)
      return tags[tag]
    })
  }
  return { client: client as unknown as RegistryClient, reads }
}

describe('pushFirstTag', () => {
  test('an engine that reports a digest only: the manifest read by digest and the tag read back', async () => {
    const m = imageManifest(SOURCE_ID)
    const { engine } = fakeEngine(m.digest)
    const { client, reads } = readRegistry([m], { latest: m.digest })
    const pushed = await pushFirstTag(engine, client, source, target, 'latest', NO_RETRY)
    expect(pushed).toEqual({ digest: m.digest, manifest: m, firstTagSeen: m.digest })
    expect(reads.sort()).toEqual([`GET ${m.digest}`, 'HEAD latest'])
  })

  test('the tag held the source already (the engine read it, put nothing): no read at all', async () => {
    const m = imageManifest(SOURCE_ID)
    const { engine } = fakeEngine({ digest: m.digest, manifest: m, tagSeen: m.digest })
    const { client, reads } = readRegistry([m], { latest: m.digest })
    const pushed = await pushFirstTag(engine, client, source, target, 'latest', NO_RETRY)
    expect(pushed).toEqual({ digest: m.digest, manifest: m, firstTagSeen: m.digest })
    expect(reads).toEqual([])
  })

  test('a manifest the engine put: not read again, but the tag is read back', async () => {
    const m = imageManifest(SOURCE_ID)
    const { engine } = fakeEngine({ digest: m.digest, manifest: m })
    const { client, reads } = readRegistry([m], { latest: m.digest })
    const pushed = await pushFirstTag(engine, client, source, target, 'latest', NO_RETRY)
    expect(pushed.manifest).toBe(m)
    expect(reads).toEqual(['HEAD latest'])
  })

  test("a manifest in hand whose bytes are not the reported digest's is read from the registry instead", async () => {
    const m = imageManifest(SOURCE_ID)
    const forged = { ...imageManifest(`sha256:${'d'.repeat(64)}`), digest: m.digest }
    const { engine } = fakeEngine({ digest: m.digest, manifest: forged, tagSeen: m.digest })
    const { client, reads } = readRegistry([m], { latest: m.digest })
    const pushed = await pushFirstTag(engine, client, source, target, 'latest', NO_RETRY)
    expect(pushed.manifest).toBe(m)
    expect(reads).toEqual([`GET ${m.digest}`])
  })

  test('a manifest in hand that is another image: pushed again, and given up after three tries', async () => {
    const other = imageManifest(`sha256:${'d'.repeat(64)}`)
    const report = { digest: other.digest, manifest: other, tagSeen: other.digest }
    const { engine, push } = fakeEngine(report, report, report)
    const { client } = readRegistry([other], { latest: other.digest })
    await expect(pushFirstTag(engine, client, source, target, 'latest', NO_RETRY)).rejects.toThrow(
      /is not the source app:latest .* 3 times/
    )
    expect(push).toHaveBeenCalledTimes(3)
    expect(core.warning).toHaveBeenCalledTimes(2)
  })

  test("the preflight's read of the tags goes to the first try only", async () => {
    const other = imageManifest(`sha256:${'d'.repeat(64)}`)
    const m = imageManifest(SOURCE_ID)
    const { engine, contexts } = fakeEngine(
      { digest: other.digest, manifest: other },
      { digest: m.digest, manifest: m, tagSeen: m.digest }
    )
    const { client } = readRegistry([m, other], { latest: m.digest })
    const prefetched = Promise.resolve(new Map([['latest', other]]))
    await pushFirstTag(engine, client, source, target, 'latest', NO_RETRY, ['v1'], prefetched)
    expect(contexts.map(c => c?.tagManifests)).toEqual([prefetched, undefined])
    expect(contexts[0]?.tags).toEqual(['latest', 'v1'])
  })
})
