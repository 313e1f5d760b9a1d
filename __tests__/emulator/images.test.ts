// Image objects and the whole ImageStreamMapping, as the registry's API calls meet them: an Image is
// kept whole and never rewritten, a stream's layers list every image it reaches with its blobs, and a
// mapping finds its namespace and stream before it creates the Image and writes the tag.
import { describe, expect, test } from '@jest/globals'

import {
  createImage,
  imageForManifest,
  imageSize,
  renderImage,
  renderImageStreamLayers,
  repositoryOf
} from '../../emulator/images.js'
import { applyImageStreamMapping, type MappingOptions } from '../../emulator/mapping.js'
import { formatBinaryQuantity } from '../../emulator/quantity.js'
import { imageLimitRefusal } from '../../emulator/registry/limits.js'
import { parseManifest } from '../../emulator/registry/manifest.js'
import { State } from '../../emulator/state.js'

const d = (c: string): string => `sha256:${c.repeat(64)}`
const CONFIG = d('c')
const LAYER = d('1')

const schema2 = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 1187, digest: CONFIG },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 116, digest: LAYER }]
  })
)

const index = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: 400,
        digest: d('a'),
        platform: { architecture: 'amd64', os: 'linux' }
      },
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: 401,
        digest: d('b'),
        platform: { architecture: 'arm64', os: 'linux', variant: 'v8' }
      }
    ]
  })
)

const options = (o: Partial<MappingOptions> = {}): MappingOptions => ({
  windowMs: 0,
  forcedConflicts: 0,
  onConflict: () => undefined,
  ...o
})

function state(): State {
  const s = new State({ internal: 'internal:5000', public: '' })
  s.ensureProject('demo')
  return s
}

describe('repositoryOf', () => {
  test.each([
    ['image-registry.openshift-image-registry.svc:5000/demo/app@sha256:x', 'demo/app'],
    ['127.0.0.1:5000/demo/app@sha256:x', 'demo/app'],
    ['demo/app@sha256:x', 'demo/app'],
    ['registry.example/demo/app:v1', 'demo/app'],
    ['localhost/demo/app', 'demo/app'],
    ['app@sha256:x', ''],
    ['', '']
  ])('%s -> %s', (reference, repo) => {
    expect(repositoryOf(reference)).toBe(repo)
  })
})

describe('imageForManifest', () => {
  test('a schema 2 manifest: managed, its layers with sizes, the config as the metadata id', () => {
    const image = imageForManifest(d('f'), `internal:5000/demo/app@${d('f')}`, parseManifest(schema2, ''))
    expect(image).toMatchObject({
      kind: 'Image',
      metadata: {
        name: d('f'),
        annotations: {
          'openshift.io/image.managed': 'true',
          'image.openshift.io/manifestBlobStored': 'true'
        }
      },
      dockerImageReference: `internal:5000/demo/app@${d('f')}`,
      dockerImageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      dockerImageLayers: [
        { name: LAYER, size: 116, mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip' }
      ],
      // The config and the layer, as the apiserver sums an image for its LimitRange admission.
      dockerImageMetadata: { Id: CONFIG, Size: 1187 + 116 }
    })
    expect(image.dockerImageManifests).toBeUndefined()
  })

  test('an index: no layers, its manifests with their platforms', () => {
    const image = imageForManifest(d('9'), `internal:5000/demo/app@${d('9')}`, parseManifest(index, ''))
    expect(image.dockerImageLayers).toEqual([])
    expect(image.dockerImageManifests).toEqual([
      {
        digest: d('a'),
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        manifestSize: 400,
        architecture: 'amd64',
        os: 'linux'
      },
      {
        digest: d('b'),
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        manifestSize: 401,
        architecture: 'arm64',
        os: 'linux',
        variant: 'v8'
      }
    ])
  })
})

describe('createImage', () => {
  test('kept whole with server metadata; a second write of the name changes nothing', () => {
    const s = state()
    const written = {
      metadata: { name: d('f'), annotations: { x: 'y' } },
      dockerImageReference: `r/demo/app@${d('f')}`,
      dockerImageManifest: schema2.toString(),
      dockerImageConfig: '{"architecture":"amd64"}',
      somethingNew: { kept: true }
    }
    const first = createImage(s, written)
    expect('created' in first).toBe(true)
    const rendered = renderImage(s.images.get(d('f'))!)
    expect(rendered).toMatchObject({ ...written, kind: 'Image', apiVersion: 'image.openshift.io/v1' })
    expect(rendered.metadata).toMatchObject({ uid: expect.any(String), resourceVersion: expect.any(String) })
    // Derived from the object: the blobs of its manifest and where it was pushed.
    expect(s.images.get(d('f'))).toMatchObject({ repo: 'demo/app', blobs: [CONFIG, LAYER], children: [] })

    const again = createImage(s, { ...written, dockerImageReference: `r/other/x@${d('f')}` })
    expect('exists' in again).toBe(true)
    expect(renderImage(s.images.get(d('f'))!).dockerImageReference).toBe(`r/demo/app@${d('f')}`)
  })

  test('an Image without a name is invalid', () => {
    expect(createImage(state(), { metadata: {} })).toEqual({ invalid: 'metadata.name' })
  })
})

describe('renderImageStreamLayers', () => {
  test('every image the stream reaches, with layers, config and an index’s manifests', async () => {
    const s = state()
    s.createImageStream('demo', 'app')
    const manifest = imageForManifest(d('f'), `internal:5000/demo/app@${d('f')}`, parseManifest(schema2, ''))
    const list = imageForManifest(d('9'), `internal:5000/demo/app@${d('9')}`, parseManifest(index, ''))
    await applyImageStreamMapping(
      s,
      { namespace: 'demo', stream: 'app', tag: 'one', image: manifest },
      options()
    )
    await applyImageStreamMapping(
      s,
      { namespace: 'demo', stream: 'app', tag: 'multi', image: list },
      options()
    )
    const layers = renderImageStreamLayers(s, s.imageStream('demo', 'app')!)
    expect(layers).toMatchObject({ kind: 'ImageStreamLayers', metadata: { name: 'app', namespace: 'demo' } })
    expect(layers.blobs).toEqual({
      [LAYER]: { size: 116, mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip' },
      [CONFIG]: { mediaType: 'application/vnd.docker.container.image.v1+json' }
    })
    expect(layers.images).toEqual({
      [d('f')]: { layers: [LAYER], config: CONFIG },
      [d('9')]: { layers: [], config: null, manifests: [d('a'), d('b')] },
      // The children were never pushed as Images here: listed, and marked missing.
      [d('a')]: { layers: null, config: null, imageMissing: true },
      [d('b')]: { layers: null, config: null, imageMissing: true }
    })
  })
})

describe('applyImageStreamMapping', () => {
  const image = (digest: string, reference: string) => ({
    metadata: { name: digest, annotations: { 'openshift.io/image.managed': 'true' } },
    dockerImageReference: reference
  })

  test('the namespace and then the stream must exist; nothing is created before', async () => {
    const s = state()
    const m = { namespace: 'nowhere', stream: 'app', tag: 'v1', image: image(d('1'), 'r/nowhere/app') }
    expect(await applyImageStreamMapping(s, m, options())).toBe('namespace-missing')
    expect(await applyImageStreamMapping(s, { ...m, namespace: 'demo' }, options())).toBe('stream-gone')
    expect(s.images.size).toBe(0)
  })

  test('a new Image is referenced where the registry said; one pushed elsewhere first, through this stream', async () => {
    const s = state()
    s.createImageStream('demo', 'app')
    s.createImageStream('demo', 'copy')
    const first = {
      namespace: 'demo',
      stream: 'app',
      tag: 'v1',
      image: image(d('1'), `r:5000/demo/app@${d('1')}`)
    }
    expect(await applyImageStreamMapping(s, first, options())).toBe('written')
    expect(s.imageStream('demo', 'app')!.statusTags.get('v1')!.items[0]).toMatchObject({
      image: d('1'),
      dockerImageReference: `r:5000/demo/app@${d('1')}`,
      generation: 1
    })
    expect(s.images.has(d('1'))).toBe(true)

    const second = { ...first, stream: 'copy', image: image(d('1'), `r:5000/demo/copy@${d('1')}`) }
    expect(await applyImageStreamMapping(s, second, options())).toBe('written')
    expect(s.imageStream('demo', 'copy')!.statusTags.get('v1')!.items[0].dockerImageReference).toBe(
      `internal:5000/demo/copy@${d('1')}`
    )
  })

  test('an empty tag is latest; conflicts past the attempts are a conflict', async () => {
    const s = state()
    s.createImageStream('demo', 'app')
    const m = { namespace: 'demo', stream: 'app', tag: '', image: image(d('2'), `r/demo/app@${d('2')}`) }
    expect(await applyImageStreamMapping(s, m, options({ forcedConflicts: 10 }))).toBe('conflict')
    expect(await applyImageStreamMapping(s, m, options())).toBe('written')
    expect([...s.imageStream('demo', 'app')!.statusTags.keys()]).toEqual(['latest'])
  })
})

describe('the image size limit (ImageLimitRange admission)', () => {
  test.each([
    [1024, '1Ki'],
    [4096, '4Ki'],
    [3 * 2 ** 20, '3Mi'],
    [4200, '4200'],
    [0, '0']
  ])('%d bytes print as %s', (bytes, text) => {
    expect(formatBinaryQuantity(bytes)).toBe(text)
  })

  test('an image is its config and distinct layers; the metadata size wins when given', () => {
    const layers = [
      { name: LAYER, size: 100 },
      { name: LAYER, size: 100 },
      { name: d('2'), size: 50 }
    ]
    expect(imageSize({ dockerImageLayers: layers, dockerImageManifest: schema2.toString() })).toBe(1187 + 150)
    expect(imageSize({ dockerImageLayers: layers, dockerImageMetadata: { Size: 7 } })).toBe(7)
  })

  test('refused over the smallest limit, worded as the admission plugin words it; mapped nowhere', async () => {
    const s = state()
    s.putLimitRange({ project: 'demo', limits: [{ type: 'openshift.io/Image', max: { storage: '1Ki' } }] })
    expect(imageLimitRefusal(s, 'demo', 1024)).toBeUndefined()
    expect(imageLimitRefusal(s, 'demo', 4096)).toBe(
      'requested usage of storage exceeds the maximum limit per openshift.io/Image (4Ki > 1Ki)'
    )
    expect(imageLimitRefusal(s, 'other', 4096)).toBeUndefined()
    s.createImageStream('demo', 'app')
    const image = { metadata: { name: d('5') }, dockerImageLayers: [{ name: LAYER, size: 4096 }] }
    const m = { namespace: 'demo', stream: 'app', tag: 'v1', image }
    expect(await applyImageStreamMapping(s, m, options())).toBe('limit-exceeded')
    expect(s.images.has(d('5'))).toBe(false)
  })
})
