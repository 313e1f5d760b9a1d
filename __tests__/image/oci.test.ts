// The image documents as the tools and the registry serve them (recorded skopeo output, fixtures/recorded/): what an
// index holds images for, what an image manifest is an image of, and an image config's platform.
import { describe, expect, test } from '@jest/globals'

import {
  imageIdentity,
  indexPlatforms,
  parseImageConfig,
  parseManifest,
  platformOf
} from '../../src/image/oci.js'
import { recordedBytes } from '../fixtures/recorded.js'

const DIGEST = `sha256:${'d'.repeat(64)}`
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

describe('platformOf', () => {
  test.each([
    [['linux', 'amd64'], 'linux/amd64'],
    [['linux', 'arm64', 'v8'], 'linux/arm64/v8'],
    [['linux', 'arm', ''], 'linux/arm'],
    [[undefined, 'amd64'], ''],
    [['linux', undefined], '']
  ] as [[string?, string?, string?], string][])('%j -> %j', (args, expected) =>
    expect(platformOf(...args)).toBe(expected)
  )
})

describe('indexPlatforms', () => {
  test('a recorded OCI index (buildah manifest push --all): each platform, variant included', () => {
    expect(indexPlatforms(parseManifest(recordedBytes('skopeo/inspect-raw-index.json')))).toEqual([
      'linux/amd64',
      'linux/arm64/v8'
    ])
  })

  test('attestations (unknown/unknown), entries without a platform and repeats are left out', () => {
    const doc = {
      manifests: [
        { digest: 'a', platform: { os: 'linux', architecture: 'amd64' } },
        { digest: 'b', platform: { os: 'unknown', architecture: 'unknown' } },
        { digest: 'c' },
        { digest: 'd', platform: { os: 'linux', architecture: 'amd64' } }
      ]
    }
    expect(indexPlatforms(doc)).toEqual(['linux/amd64'])
  })

  test('an image manifest is no index: no platforms from it', () => {
    expect(indexPlatforms(parseManifest(recordedBytes('skopeo/inspect-raw-manifest.json')))).toEqual([])
  })
})

describe('imageIdentity', () => {
  test("a recorded image manifest is an image of its config (Docker's image ID)", () => {
    const body = recordedBytes('skopeo/inspect-raw-manifest.json')
    expect(imageIdentity({ digest: DIGEST, mediaType: OCI_MANIFEST, body })).toBe(
      'sha256:f758dafce10d23b04ece2796d68915b3b5500acc1d7b0ca77bbb7fe66765e7b0'
    )
  })

  test('an index, and bytes that are not JSON, are identified by their own digest', () => {
    const index = recordedBytes('skopeo/inspect-raw-index.json')
    expect(imageIdentity({ digest: DIGEST, mediaType: OCI_MANIFEST, body: index })).toBe(DIGEST)
    expect(imageIdentity({ digest: DIGEST, mediaType: OCI_MANIFEST, body: Buffer.from('<html>') })).toBe(
      DIGEST
    )
  })
})

test("parseImageConfig: a recorded image config's platform", () => {
  const config = parseImageConfig(recordedBytes('skopeo/inspect-config-raw.json'))
  expect(platformOf(config.os, config.architecture, config.variant)).toBe('linux/amd64')
})
