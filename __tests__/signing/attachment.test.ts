// The `.sig` attachment: the tag and payload as cosign and containers/image write and read them, and a second
// signature appended beside the first.
import { describe, expect, test } from '@jest/globals'

import { sha256Digest } from '../../src/image/oci.js'
import {
  ANNOTATION,
  appendSignature,
  attachmentSubject,
  isAttachmentTag,
  parseAttachment,
  signatureTag,
  SIMPLE_SIGNING_MEDIA_TYPE,
  simpleSigningPayload
} from '../../src/signing/attachment.js'

const DIGEST = `sha256:${'ab'.repeat(32)}`

describe('tags', () => {
  test('the signature tag of a digest', () => {
    expect(signatureTag(DIGEST)).toBe(`sha256-${'ab'.repeat(32)}.sig`)
  })

  test.each([
    [`sha256-${'ab'.repeat(32)}.sig`, true],
    [`sha256-${'ab'.repeat(32)}.att`, true],
    [`sha256-${'ab'.repeat(32)}.sbom`, true],
    [`sha256-${'ab'.repeat(32)}`, true],
    [`sha256-${'ab'.repeat(31)}.sig`, false],
    ['latest', false],
    ['sha256-release', false],
    [`sha256-${'AB'.repeat(32)}.sig`, false]
  ])('%s is an attachment: %s', (tag, yes) => {
    expect(isAttachmentTag(tag)).toBe(yes)
    expect(attachmentSubject(tag)).toBe(yes ? DIGEST.replace(/ab/g, tag.slice(7, 9)) : undefined)
  })
})

describe('payload', () => {
  test("byte for byte cosign's simple signing, optional null", () => {
    expect(simpleSigningPayload('r.example/p/app', DIGEST).toString()).toBe(
      `{"critical":{"identity":{"docker-reference":"r.example/p/app"},"image":{"docker-manifest-digest":"${DIGEST}"},"type":"cosign container image signature"},"optional":null}`
    )
  })
})

describe('appending', () => {
  const one = { payload: Buffer.from('one'), annotations: { [ANNOTATION.signature]: 'c2lnMQ==' } }
  const two = { payload: Buffer.from('one'), annotations: { [ANNOTATION.signature]: 'c2lnMg==' } }

  test('a first signature makes an OCI manifest with one simple-signing layer and its config', () => {
    const a = appendSignature(undefined, one)
    const m = parseAttachment(a.manifest)
    expect(a.added).toBe(true)
    expect(m.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
    expect(m.layers).toEqual([
      {
        mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
        digest: sha256Digest(one.payload),
        size: 3,
        annotations: one.annotations
      }
    ])
    const config = a.blobs.find(b => b.digest === m.config.digest)
    expect(JSON.parse(config?.bytes.toString() ?? '{}')).toMatchObject({
      rootfs: { type: 'layers', diff_ids: [sha256Digest(one.payload)] }
    })
    expect(m.config.mediaType).toBe('application/vnd.oci.image.config.v1+json')
  })

  test('a second signature of the same digest goes beside the first, not in its place', () => {
    const first = appendSignature(undefined, one)
    const second = appendSignature(first.manifest, two)
    const layers = parseAttachment(second.manifest).layers
    expect(second.signatures).toBe(2)
    expect(layers.map(l => l.annotations?.[ANNOTATION.signature])).toEqual(['c2lnMQ==', 'c2lnMg=='])
  })

  test('the very same signature is not added twice', () => {
    const first = appendSignature(undefined, one)
    const again = appendSignature(first.manifest, { ...one, annotations: { ...one.annotations } })
    expect(again.added).toBe(false)
    expect(again.manifest).toBe(first.manifest)
  })
})
