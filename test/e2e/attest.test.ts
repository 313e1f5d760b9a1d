// Attestations by others: whether what actions/attest-build-provenance pushes with `push-to-registry: true`
// lands in an ImageStream. It pushes through @sigstore/oci (the library @actions/attest calls): the Sigstore
// bundle as a blob, an OCI artifact manifest (empty config, the bundle as its layer, `subject` the image) put
// by digest, and, on a registry without the referrers API (OpenShift's), the referrers tag fallback: an OCI
// index under the tag `sha256-<image hex>` listing the artifact. Here the real library pushes to the emulator,
// right after this action pushed the image, composed with its `digest` output as the README shows.
import { createHash } from 'node:crypto'

import { describe, expect, test } from '@jest/globals'
import { attachArtifactToImage } from '@sigstore/oci'

import { RegistryClient } from '../../src/registry/client.js'
import { HttpTransport } from '../../src/util/http.js'
import { buildImage } from './harness/docker.js'
import { baseInputs, tagsOf, uniqueImage } from './harness/rahti.js'
import { errorAnnotation, runMain } from './harness/runner.js'
import { useRahti } from './harness/suite.js'

// @sigstore/oci speaks plain HTTP to a registry on 127.0.0.1, as Docker does to an insecure loopback registry.
const p = useRahti({ registryTls: false })

const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'

describe('actions/attest-build-provenance with push-to-registry', () => {
  test('the bundle lands in the ImageStream under the referrers tag sha256-<hex>, readable by its digest', async () => {
    const image = uniqueImage('attest')
    await buildImage(`${image}:v1`)
    const main = await runMain({ inputs: baseInputs(p, 'builder', image, { tags: 'v1' }) })
    expect(errorAnnotation(main)).toBeUndefined()
    const digest = main.outputs.digest

    // What @actions/attest gives attachArtifactToImage: the subject by name and this action's digest output.
    const bundle = Buffer.from(
      JSON.stringify({
        mediaType: BUNDLE_TYPE,
        dsseEnvelope: { payloadType: 'application/vnd.in-toto+json' }
      })
    )
    const artifact = await attachArtifactToImage({
      imageName: `${p.emu.info.registry}/demo/${image}`,
      imageDigest: digest,
      artifact: bundle,
      mediaType: BUNDLE_TYPE,
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1'
      },
      credentials: { username: 'unused', password: p.accounts.builder.token }
    })

    // The referrers index is a tag of the stream; the artifact is an image of the stream through it.
    const referrersTag = digest.replace(':', '-')
    const tags = tagsOf(p.emu.getImageStream('demo', image))
    expect(Object.keys(tags).sort()).toEqual([referrersTag, 'v1'].sort())
    const client = new RegistryClient(
      p.emu.info.registry,
      p.accounts.builder.token,
      new HttpTransport({ insecureSkipTlsVerify: false })
    )
    const index = await client.getManifest(`demo/${image}`, referrersTag)
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    const listed = JSON.parse(index.body.toString()) as {
      manifests: { digest: string; artifactType: string }[]
    }
    expect(listed.manifests).toEqual([
      expect.objectContaining({ digest: artifact.digest, artifactType: BUNDLE_TYPE })
    ])
    const manifest = await client.getManifest(`demo/${image}`, artifact.digest)
    const parsed = JSON.parse(manifest.body.toString()) as {
      subject: { digest: string }
      layers: { digest: string; mediaType: string }[]
    }
    expect(parsed.subject.digest).toBe(digest)
    expect(parsed.layers[0].mediaType).toBe(BUNDLE_TYPE)
    const blob = await client.getBlob(`demo/${image}`, parsed.layers[0].digest)
    expect(createHash('sha256').update(blob).digest('hex')).toBe(
      createHash('sha256').update(bundle).digest('hex')
    )
  }, 180_000)
})
