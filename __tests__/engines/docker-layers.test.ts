// Docker's layers moved by the action, against a registry of fakes: the plan from what the tags hold, the export
// read in both of `docker save`'s layouts (a recorded legacy one, a written OCI one), only the layers the registry
// lacks uploaded, a legacy layer found known only at its end abandoned, and the config checked to be the image.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Readable } from 'node:stream'
import { gunzipSync, gzipSync } from 'node:zlib'

import { describe, expect, test } from '@jest/globals'

import {
  type Blob,
  chainIds,
  type LayerRegistry,
  legacyLayerPosition,
  MANIFEST_TYPE,
  moveImage,
  type MoveRequest,
  planPush
} from '../../src/engines/docker-layers.js'
import { PushProgress } from '../../src/engines/push-progress.js'
import type { Manifest } from '../../src/image/oci.js'
import { UserError } from '../../src/util/errors.js'
import { readTar } from '../../src/util/tar.js'
import { makeTar } from '../fixtures/tar.js'

const sha256 = (bytes: Buffer | string): string =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`
const GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip'

/** The recorded export (docker 20.10, legacy layout) and what the engine said of its image. */
const LEGACY = readFileSync(new URL('../fixtures/recorded/docker/save-legacy.tar', import.meta.url))
const LEGACY_ID = 'sha256:9201fd2cee45258dc1494b3040934f072a7c01423744dbd1512156fd77e0b5cb'
const LEGACY_DIFF_IDS = [
  'sha256:d7a946276ae2751b2b222e4db7ee015638b57a1de833d98d079c0471f6ef508e',
  'sha256:48a698b45027f8652be581a90cd3a4439b5d7d668fc71be91080a2178b34c7da'
]

/** A registry in memory: manifests by tag, blobs by digest, and what each call did. */
class FakeRegistry implements LayerRegistry {
  readonly manifests = new Map<string, Manifest>()
  readonly blobs = new Map<string, Buffer>()
  readonly uploads = new Map<string, Buffer[]>()
  readonly calls: string[] = []
  /** Bytes received by PATCH and PUT, as the emulator counts them. */
  received = 0
  private next = 0

  async findManifest(_repository: string, reference: string): Promise<Manifest | undefined> {
    this.calls.push(`GET manifest ${reference}`)
    return this.manifests.get(reference)
  }

  async getBlob(_repository: string, digest: string): Promise<Buffer> {
    this.calls.push(`GET blob ${digest}`)
    const blob = this.blobs.get(digest)
    if (!blob) throw new Error(`no blob ${digest}`)
    return blob
  }

  async hasBlob(_repository: string, digest: string): Promise<boolean> {
    this.calls.push(`HEAD ${digest}`)
    return this.blobs.has(digest)
  }

  async openUpload(): Promise<string> {
    const location = `/upload/${++this.next}`
    this.uploads.set(location, [])
    this.calls.push(`POST ${location}`)
    return location
  }

  async streamUpload(location: string, body: Readable): Promise<string> {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      this.uploads.get(location)!.push(chunk)
      this.received += chunk.length
    }
    this.calls.push(`PATCH ${location}`)
    return location
  }

  async finishUpload(location: string, digest: string, bytes = Buffer.alloc(0)): Promise<void> {
    this.received += bytes.length
    const all = Buffer.concat([...this.uploads.get(location)!, bytes])
    if (sha256(all) !== digest) throw new Error(`digest mismatch for ${location}`)
    this.blobs.set(digest, all)
    this.calls.push(`PUT ${location} ${digest}`)
  }

  async cancelUpload(location: string): Promise<void> {
    this.calls.push(`DELETE ${location}`)
  }

  async putManifest(_repository: string, tag: string, manifest: Manifest): Promise<string> {
    this.calls.push(`PUT manifest ${tag}`)
    this.manifests.set(tag, manifest)
    return manifest.digest
  }
}

/** A layer tar: one file of the given bytes. */
function layerTar(name: string, bytes: Buffer): Buffer {
  return tar([[name, bytes]])
}

function tar(members: [string, Buffer][]): Buffer {
  return makeTar(members.map(([name, data]) => ({ name, data })))
}

/** An image in the OCI layout Docker 25 and later export: layers by diffID, the config by the image ID. */
function ociImage(layers: Buffer[]) {
  const diffIds = layers.map(l => sha256(l))
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } })
  )
  const id = sha256(config)
  const members: [string, Buffer][] = [
    ...layers.map((l, i) => [`blobs/sha256/${diffIds[i].slice(7)}`, l] as [string, Buffer]),
    [`blobs/sha256/${id.slice(7)}`, config]
  ]
  members.sort((a, b) => a[0].localeCompare(b[0]))
  members.push(['index.json', Buffer.from('{}')], ['manifest.json', Buffer.from('[]')])
  return { id, diffIds, config, archive: tar(members) }
}

/** Puts an image under a tag as `docker push` would have: gzip blobs, config, manifest. */
function pushed(registry: FakeRegistry, tag: string, layers: Buffer[], gzip: (l: Buffer) => Buffer): string {
  const blobs = layers.map(l => gzip(l))
  const config = Buffer.from(
    JSON.stringify({ rootfs: { type: 'layers', diff_ids: layers.map(l => sha256(l)) } })
  )
  registry.blobs.set(sha256(config), config)
  for (const b of blobs) registry.blobs.set(sha256(b), b)
  const body = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: { digest: sha256(config), size: config.length },
      layers: blobs.map(b => ({ mediaType: GZIP, digest: sha256(b), size: b.length }))
    })
  )
  registry.manifests.set(tag, { digest: sha256(body), mediaType: MANIFEST_TYPE, body })
  return sha256(config)
}

async function* pieces(bytes: Buffer, size = 4096): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size)
}

function request(
  registry: FakeRegistry,
  over: Partial<MoveRequest> & Pick<MoveRequest, 'source'>,
  archive?: Buffer
) {
  const exports: number[] = []
  const lines: string[] = []
  const req: MoveRequest = {
    registry,
    repository: 'demo/app',
    tag: 'latest',
    tags: ['latest'],
    exportImage: async () => {
      exports.push(1)
      if (!archive) throw new Error('nothing to export')
      return pieces(archive)
    },
    progress: new PushProgress(line => lines.push(line)),
    signal: new AbortController().signal,
    uploaded: new Map<string, Blob>(),
    ...over
  }
  return { req, exports, lines }
}

/** The layers of a manifest the mover PUT, unpacked: each blob's gunzipped bytes' digest. */
function layersOf(registry: FakeRegistry, tag: string): string[] {
  const doc = JSON.parse(registry.manifests.get(tag)!.body.toString()) as { layers: { digest: string }[] }
  return doc.layers.map(l => sha256(gunzipSync(registry.blobs.get(l.digest)!)))
}

describe('the plan', () => {
  test("diffIDs pair index by index with the manifest's layers; only gzip layers are taken", async () => {
    const registry = new FakeRegistry()
    const layers = [Buffer.from('one'), Buffer.from('two')]
    pushed(registry, 'v1', layers, l => Buffer.concat([Buffer.from('gz:'), l]))
    const plan = await planPush(registry, 'demo/app', ['latest', 'v1'], 'sha256:other')
    expect(plan).toEqual({
      known: new Map(
        layers.map(l => [
          sha256(l),
          { digest: sha256(Buffer.concat([Buffer.from('gz:'), l])), size: l.length + 3, mediaType: GZIP }
        ])
      )
    })
  })

  test('a tag whose config is the image ID: the registry holds the source', async () => {
    const registry = new FakeRegistry()
    const id = pushed(registry, 'v1', [Buffer.from('one')], l => l)
    const plan = await planPush(registry, 'demo/app', ['latest', 'v1'], id)
    expect(plan).toEqual({ held: registry.manifests.get('v1'), tag: 'v1' })
    // The config of the image that is the source need not be read.
    expect(registry.calls.filter(c => c.startsWith('GET blob'))).toEqual([])
  })

  test('a prefetch that failed as a whole: every tag is read by the plan itself', async () => {
    const registry = new FakeRegistry()
    const id = pushed(registry, 'v1', [Buffer.from('one')], l => l)
    const plan = await planPush(registry, 'demo/app', ['latest', 'v1'], id, Promise.reject(new Error('lost')))
    expect(plan).toEqual({ held: registry.manifests.get('v1'), tag: 'v1' })
    expect(registry.calls.filter(c => c.startsWith('GET manifest')).sort()).toEqual([
      'GET manifest latest',
      'GET manifest v1'
    ])
  })
})

describe('legacy layer directories', () => {
  test("each directory's json names its position in the image (the recorded export)", async () => {
    const chain = chainIds(LEGACY_DIFF_IDS)
    const found: Record<string, number | undefined> = {}
    for await (const entry of readTar(pieces(LEGACY))) {
      const dir = /^([a-f0-9]{64})\/json$/.exec(entry.name)
      if (!dir) continue
      const chunks: Buffer[] = []
      for await (const c of entry.body) chunks.push(c)
      found[dir[1]] = legacyLayerPosition(Buffer.concat(chunks).toString(), dir[1], chain)
    }
    expect(Object.values(found).sort()).toEqual([0, 1])
    // Another image's chain gives no position.
    expect(legacyLayerPosition('{"id":"x","os":"linux"}', 'a'.repeat(64), chain)).toBeUndefined()
  })
})

/** A one-layer image, and a manifest of it as a tag that holds it would answer. */
function heldImage() {
  const image = ociImage([layerTar('f', Buffer.from('x'))])
  const body = Buffer.from(JSON.stringify({ config: { digest: image.id }, layers: [] }))
  return { image, held: { digest: sha256(body), mediaType: MANIFEST_TYPE, body } }
}

describe('moveImage', () => {
  test('the recorded legacy export: both layers and the config uploaded, a schema 2 manifest of the image', async () => {
    const registry = new FakeRegistry()
    const { req, lines } = request(registry, { source: { id: LEGACY_ID, diffIds: LEGACY_DIFF_IDS } }, LEGACY)
    const moved = await moveImage(req)
    expect(moved.exported).toBe(true)
    const manifest = registry.manifests.get('latest')!
    expect(moved.digest).toBe(manifest.digest)
    const doc = JSON.parse(manifest.body.toString()) as {
      mediaType: string
      config: { digest: string; mediaType: string }
    }
    expect(doc.mediaType).toBe(MANIFEST_TYPE)
    expect(doc.config).toMatchObject({
      digest: LEGACY_ID,
      mediaType: 'application/vnd.docker.container.image.v1+json'
    })
    expect(registry.blobs.has(LEGACY_ID)).toBe(true)
    expect(layersOf(registry, 'latest')).toEqual(LEGACY_DIFF_IDS)
    expect(lines.at(-1)).toMatch(
      /^Pushed 2 layers in \d+\.\d s: 2 sent \(\d+\.\d kB\), 0 already in the registry$/
    )
  })

  test('the legacy export with a base layer the tag has: identified by its json, skipped unread', async () => {
    const registry = new FakeRegistry()
    // What a first push of the base left: the layer's gzip, named by the tag's image.
    const base = await firstLayerOf(LEGACY)
    pushed(registry, 'base', [base], l => gzipSync(l))
    const { req } = request(
      registry,
      { source: { id: LEGACY_ID, diffIds: LEGACY_DIFF_IDS }, tags: ['latest', 'base'] },
      LEGACY
    )
    const before = registry.received
    await moveImage(req)
    expect(layersOf(registry, 'latest')).toEqual(LEGACY_DIFF_IDS)
    // One layer's upload and the config: two sessions, none abandoned.
    expect(registry.calls.filter(c => c.startsWith('POST'))).toHaveLength(2)
    expect(registry.calls.filter(c => c.startsWith('DELETE'))).toEqual([])
    expect(registry.received - before).toBeLessThan(LEGACY.length / 2)
  })

  test('a legacy layer not identified by its json but known after all: its upload is abandoned', async () => {
    const registry = new FakeRegistry()
    const base = await firstLayerOf(LEGACY)
    pushed(registry, 'base', [base], l => gzipSync(l))
    // The jsons spoiled: no directory can be identified, so each layer is found by its bytes.
    const members: [string, Buffer][] = []
    for await (const entry of readTar(pieces(LEGACY))) {
      if (entry.type !== 'file') continue
      const chunks: Buffer[] = []
      for await (const c of entry.body) chunks.push(c)
      const body = Buffer.concat(chunks)
      members.push([
        entry.name,
        entry.name.endsWith('/json') ? Buffer.from(body.toString().replace('"created"', '"Created"')) : body
      ])
    }
    const spoiled = tar(members)
    const { req } = request(
      registry,
      { source: { id: LEGACY_ID, diffIds: LEGACY_DIFF_IDS }, tags: ['latest', 'base'] },
      spoiled
    )
    await moveImage(req)
    expect(layersOf(registry, 'latest')).toEqual(LEGACY_DIFF_IDS)
    expect(registry.calls.filter(c => c.startsWith('DELETE'))).toHaveLength(1)
  })

  test('the OCI layout: only the layer the registry lacks goes up, and the export is left once all is in hand', async () => {
    const registry = new FakeRegistry()
    const layers = [Buffer.alloc(300_000, 1), Buffer.alloc(200_000, 2)].map((b, i) => layerTar(`f${i}`, b))
    const image = ociImage(layers)
    pushed(registry, 'v1', [layers[0]], l => gzipSync(l))
    const { req } = request(
      registry,
      { source: { id: image.id, diffIds: image.diffIds }, tags: ['latest', 'v1'] },
      image.archive
    )
    await moveImage(req)
    expect(layersOf(registry, 'latest')).toEqual(image.diffIds)
    // The config and the second layer: two upload sessions.
    expect(registry.calls.filter(c => c.startsWith('POST'))).toHaveLength(2)
  })

  test('held by another tag: no export, no upload, that manifest put under the first tag', async () => {
    const registry = new FakeRegistry()
    // v1 holds the image itself.
    const { image, held } = heldImage()
    const body = held.body
    registry.manifests.set('v1', held)
    const { req, exports } = request(registry, {
      source: { id: image.id, diffIds: image.diffIds },
      tags: ['latest', 'v1']
    })
    const moved = await moveImage(req)
    // The manifest comes back for the push stage; the first tag was not seen holding it (it was put), so no tagSeen.
    expect(moved).toEqual({ digest: sha256(body), exported: false, manifest: registry.manifests.get('v1') })
    expect(exports).toEqual([])
    expect(registry.received).toBe(0)
    expect(registry.manifests.get('latest')).toBe(registry.manifests.get('v1'))
  })

  test('held by the first tag itself: nothing put, and the read of the tag handed back as what it holds', async () => {
    const registry = new FakeRegistry()
    const { image, held } = heldImage()
    registry.manifests.set('latest', held)
    const { req, exports } = request(registry, { source: { id: image.id, diffIds: image.diffIds } })
    const moved = await moveImage(req)
    expect(moved).toEqual({ digest: held.digest, exported: false, manifest: held, tagSeen: held.digest })
    expect(exports).toEqual([])
    expect(registry.calls).toEqual(['GET manifest latest'])
  })

  test("the preflight's read of the tags is used in place of the plan's own; a tag it lacks is read", async () => {
    const registry = new FakeRegistry()
    const { image, held } = heldImage()
    registry.manifests.set('v1', held)
    // The preflight saw latest missing and could not read v1 (left out): v1 is read now, latest is not.
    const { req } = request(registry, {
      source: { id: image.id, diffIds: image.diffIds },
      tags: ['latest', 'v1'],
      tagManifests: Promise.resolve(new Map([['latest', undefined]]))
    })
    const moved = await moveImage(req)
    expect(moved.tagSeen).toBeUndefined()
    expect(registry.calls).toEqual(['GET manifest v1', 'PUT manifest latest'])
  })

  test('a manifest put after an upload comes back as put', async () => {
    const registry = new FakeRegistry()
    const image = ociImage([layerTar('f', Buffer.alloc(1000, 3))])
    const { req } = request(registry, { source: { id: image.id, diffIds: image.diffIds } }, image.archive)
    const moved = await moveImage(req)
    expect(moved.manifest).toBe(registry.manifests.get('latest'))
    expect(moved.digest).toBe(moved.manifest.digest)
    expect(moved.tagSeen).toBeUndefined()
  })

  test('layers uploaded on an earlier try are found by HEAD: with the config there too, nothing is exported', async () => {
    const registry = new FakeRegistry()
    const layers = [layerTar('f', Buffer.alloc(1000, 7))]
    const image = ociImage(layers)
    const first = request(registry, { source: { id: image.id, diffIds: image.diffIds } }, image.archive)
    await moveImage(first.req)
    registry.manifests.clear()
    const again = request(registry, {
      source: { id: image.id, diffIds: image.diffIds },
      uploaded: first.req.uploaded
    })
    const moved = await moveImage(again.req)
    expect(moved.exported).toBe(false)
    expect(again.exports).toEqual([])
  })

  test("an export whose config is not the image's: the action's own error, nothing put", async () => {
    const registry = new FakeRegistry()
    const image = ociImage([layerTar('f', Buffer.from('x'))])
    const wrongId = `sha256:${'e'.repeat(64)}`
    const archive = tar([
      [`blobs/sha256/${image.diffIds[0].slice(7)}`, layerTar('f', Buffer.from('x'))],
      [`${wrongId.slice(7)}.json`, image.config]
    ])
    const { req } = request(registry, { source: { id: wrongId, diffIds: image.diffIds } }, archive)
    const failure = moveImage(req)
    await expect(failure).rejects.toThrow(UserError)
    await expect(failure).rejects.toThrow(
      /holds a config whose digest is sha256:[a-f0-9]{64}: it is not the image asked for/
    )
    expect(registry.manifests.size).toBe(0)
  })
})

async function firstLayerOf(archive: Buffer): Promise<Buffer> {
  const position = new Map<string, number>()
  const chain = chainIds(LEGACY_DIFF_IDS)
  for await (const entry of readTar(pieces(archive))) {
    const chunks: Buffer[] = []
    for await (const c of entry.body) chunks.push(c)
    const json = /^([a-f0-9]{64})\/json$/.exec(entry.name)
    if (json) position.set(json[1], legacyLayerPosition(Buffer.concat(chunks).toString(), json[1], chain)!)
    const layer = /^([a-f0-9]{64})\/layer\.tar$/.exec(entry.name)
    if (layer && position.get(layer[1]) === 0) return Buffer.concat(chunks)
  }
  throw new Error('no first layer')
}
