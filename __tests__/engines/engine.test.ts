// heldByTag: an unchanged image told from the tag the preflight read, before any engine says how it would push.
import { describe, expect, test } from '@jest/globals'

import { heldByTag, type PushContext } from '../../src/engines/engine.js'
import { type Manifest, sha256Digest } from '../../src/image/oci.js'
import type { RegistryClient } from '../../src/registry/client.js'

function manifestOf(doc: unknown, mediaType: string): Manifest {
  const body = Buffer.from(JSON.stringify(doc))
  return { digest: sha256Digest(body), mediaType, body }
}

const CONFIG = `sha256:${'c'.repeat(64)}`
const IMAGE = manifestOf(
  { schemaVersion: 2, config: { digest: CONFIG }, layers: [{ digest: `sha256:${'1'.repeat(64)}`, size: 3 }] },
  'application/vnd.docker.distribution.manifest.v2+json'
)
const INDEX = manifestOf(
  {
    schemaVersion: 2,
    manifests: [{ digest: IMAGE.digest, platform: { os: 'linux', architecture: 'amd64' } }]
  },
  'application/vnd.oci.image.index.v1+json'
)

function context(read?: Promise<Map<string, Manifest | undefined>>, tag = 'latest'): PushContext {
  return { registry: {} as RegistryClient, repository: 'demo/app', tag, tags: [tag], tagManifests: read }
}

describe('heldByTag', () => {
  test("a tag whose image manifest's config is the image ID holds it: its read is the read-back", async () => {
    const held = await heldByTag(context(Promise.resolve(new Map([['latest', IMAGE]]))), CONFIG)
    expect(held).toEqual({ digest: IMAGE.digest, manifest: IMAGE, tagSeen: IMAGE.digest })
  })

  test('an index is the source when its own digest is the identity (the containerd store names it so)', async () => {
    const held = await heldByTag(context(Promise.resolve(new Map([['latest', INDEX]]))), INDEX.digest)
    expect(held?.digest).toBe(INDEX.digest)
  })

  test('another image, a missing tag, another tag, a failed or absent read: not held, nothing assumed', async () => {
    const other = `sha256:${'d'.repeat(64)}`
    expect(await heldByTag(context(Promise.resolve(new Map([['latest', IMAGE]]))), other)).toBeUndefined()
    expect(
      await heldByTag(context(Promise.resolve(new Map([['latest', undefined]]))), CONFIG)
    ).toBeUndefined()
    expect(await heldByTag(context(Promise.resolve(new Map([['v1', IMAGE]]))), CONFIG)).toBeUndefined()
    expect(await heldByTag(context(Promise.reject(new Error('lost'))), CONFIG)).toBeUndefined()
    expect(await heldByTag(context(undefined), CONFIG)).toBeUndefined()
    // An image manifest's own digest is not its identity: the config's is.
    expect(
      await heldByTag(context(Promise.resolve(new Map([['latest', IMAGE]]))), IMAGE.digest)
    ).toBeUndefined()
  })
})
