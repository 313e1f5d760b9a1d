// The signer against the tests' stand-in Sigstore (@sigstore/mock's Fulcio and Rekor on loopback, a runner
// OIDC endpoint) with an in-memory registry; each signature is checked by @sigstore/verify or node:crypto,
// not by the signing code, and each check fails for a changed payload or identity.
import { createHash, verify } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'

import type { Manifest } from '../../src/image/oci.js'
import type { RegistryClient } from '../../src/registry/client.js'
import { HttpTransport } from '../../src/util/http.js'
import { cosignKey, newEcKeyPair } from '../../test/e2e/harness/cosign-key.js'
import { type Sigstore, startSigstore, verifyKeyless } from '../../test/e2e/harness/sigstore.js'
import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { prepareSigner } = await import('../../src/signing/sign.js')
const { appendSignature, parseAttachment, signatureTag } = await import('../../src/signing/attachment.js')

const DIGEST = `sha256:${'cd'.repeat(32)}`
const REF = 'registry.example/project/app'

/** A registry of one repository, in memory: blobs and tags. */
function memoryRegistry(children: string[] = []) {
  const blobs = new Map<string, Buffer>()
  const tags = new Map<string, Manifest>()
  const top: Manifest = children.length
    ? {
        digest: DIGEST,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        body: Buffer.from(JSON.stringify({ manifests: children.map(digest => ({ digest })) }))
      }
    : { digest: DIGEST, mediaType: 'application/vnd.oci.image.manifest.v1+json', body: Buffer.from('{}') }
  const registry = {
    getManifest: () => Promise.resolve(top),
    findManifest: (_repo: string, tag: string) => Promise.resolve(tags.get(tag)),
    pushBlob: (_repo: string, digest: string, bytes: Buffer) => {
      expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(digest)
      blobs.set(digest, bytes)
      return Promise.resolve()
    },
    putManifest: (_repo: string, tag: string, m: Manifest) => {
      tags.set(tag, m)
      return Promise.resolve('')
    }
  } as unknown as RegistryClient
  const layers = () =>
    parseAttachment(tags.get(signatureTag(DIGEST))?.body ?? Buffer.from('{}')).layers.map(l => ({
      payload: blobs.get(l.digest) ?? Buffer.alloc(0),
      annotations: l.annotations ?? {}
    }))
  return { registry, layers, tags }
}

const target = (registry: RegistryClient) => ({
  registry,
  repository: 'project/app',
  dockerReference: REF,
  digest: DIGEST
})

describe('keyless', () => {
  let sigstore: Sigstore
  const http = new HttpTransport({ insecureSkipTlsVerify: false }, {})
  beforeAll(async () => {
    sigstore = await startSigstore()
  })
  afterAll(async () => sigstore.stop())

  test('a certificate for the workflow, a Rekor entry, and a signature @sigstore/verify accepts', async () => {
    const { registry, layers } = memoryRegistry()
    const signer = await prepareSigner(
      { mode: 'keyless', fulcioUrl: sigstore.fulcioUrl, rekorUrl: sigstore.rekorUrl },
      sigstore.oidcEnv,
      http
    )
    const result = await signer.sign(target(registry))
    expect(result).toMatchObject({
      signature: `${REF}:${signatureTag(DIGEST)}`,
      identity: sigstore.certificateIdentity,
      issuer: 'https://token.actions.githubusercontent.com',
      signatures: 1
    })
    expect(result.rekor?.url).toMatch(/\/api\/v1\/log\/entries\/[0-9a-f]{64}$/)
    // Both tokens (the preflight's and the signing's) are masked.
    expect(core.setSecret.mock.calls.map(c => c[0])).toEqual([
      sigstore.oidcEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
      ...sigstore.issuedTokens
    ])

    const [layer] = layers()
    expect(JSON.parse(layer.payload.toString())).toMatchObject({
      critical: { identity: { 'docker-reference': REF }, image: { 'docker-manifest-digest': DIGEST } }
    })
    verifyKeyless(sigstore, layer)
    expect(() =>
      verifyKeyless(
        sigstore,
        layer,
        'https://github.com/someone/else/.github/workflows/x.yml@refs/heads/main'
      )
    ).toThrow()
    const changed = Buffer.from(layer.payload.toString().replace('cdcd', 'cdce'))
    expect(() => verifyKeyless(sigstore, { ...layer, payload: changed })).toThrow()

    // A second signature of the same digest goes beside the first.
    await signer.sign(target(registry))
    expect(layers()).toHaveLength(2)
    for (const l of layers()) verifyKeyless(sigstore, l)
  })

  test('without id-token: write, one clear error before anything is asked of Fulcio', async () => {
    const before = sigstore.requests.length
    await expect(
      prepareSigner({ mode: 'keyless', fulcioUrl: sigstore.fulcioUrl, rekorUrl: sigstore.rekorUrl }, {}, http)
    ).rejects.toThrow('Add `permissions: id-token: write` to the job')
    expect(sigstore.requests.length).toBe(before)
  })
})

describe('with a key', () => {
  test('a cosign key signs the payload; its public key verifies it and nothing else', async () => {
    const pair = newEcKeyPair()
    const { registry, layers } = memoryRegistry()
    const signer = await prepareSigner(
      { mode: 'key', key: cosignKey(pair.privateKey, 'pw'), passphrase: 'pw' },
      {},
      new HttpTransport({ insecureSkipTlsVerify: false }, {})
    )
    expect(signer.publicKeyPem).toBe(pair.publicKeyPem)
    const result = await signer.sign(target(registry))
    expect(result.rekor).toBeUndefined()
    const [layer] = layers()
    const signature = Buffer.from(layer.annotations['dev.cosignproject.cosign/signature'], 'base64')
    expect(verify('sha256', layer.payload, pair.publicKeyPem, signature)).toBe(true)
    expect(verify('sha256', Buffer.from(`${layer.payload.toString()} `), pair.publicKeyPem, signature)).toBe(
      false
    )
    expect(verify('sha256', layer.payload, newEcKeyPair().publicKeyPem, signature)).toBe(false)
    expect(Object.keys(layer.annotations)).toEqual(['dev.cosignproject.cosign/signature'])
  })

  test("an index is signed at its digest and at each of its images' digests", async () => {
    const pair = newEcKeyPair()
    const children = [`sha256:${'01'.repeat(32)}`, `sha256:${'02'.repeat(32)}`]
    const { registry, tags } = memoryRegistry(children)
    const signer = await prepareSigner(
      { mode: 'key', key: cosignKey(pair.privateKey, 'pw'), passphrase: 'pw' },
      {},
      new HttpTransport({ insecureSkipTlsVerify: false }, {})
    )
    const result = await signer.sign(target(registry))
    expect(result.instances).toEqual(children)
    expect([...tags.keys()]).toEqual([DIGEST, ...children].map(signatureTag))
  })

  test("another writer's signature that replaced this one: written again beside it", async () => {
    const pair = newEcKeyPair()
    const { registry, layers, tags } = memoryRegistry()
    const signer = await prepareSigner(
      { mode: 'key', key: cosignKey(pair.privateKey, 'pw'), passphrase: 'pw' },
      {},
      new HttpTransport({ insecureSkipTlsVerify: false }, {})
    )
    // Another job's signature lands right after this one's first write, made from the tag as it was before.
    const other = appendSignature(undefined, {
      payload: Buffer.from('other'),
      annotations: { 'dev.cosignproject.cosign/signature': 'b3RoZXI=' }
    })
    const put = registry.putManifest.bind(registry)
    let raced = false
    registry.putManifest = async (repo, tag, m) => {
      const digest = await put(repo, tag, m)
      if (!raced) {
        raced = true
        tags.set(tag, { digest: '', mediaType: m.mediaType, body: other.manifest })
      }
      return digest
    }
    const result = await signer.sign(target(registry))
    expect(result.signatures).toBe(2)
    expect(layers().map(l => l.annotations['dev.cosignproject.cosign/signature'])).toEqual([
      'b3RoZXI=',
      expect.any(String)
    ])
  })

  test('a wrong passphrase fails in the preparation, before any upload', async () => {
    const pair = newEcKeyPair()
    await expect(
      prepareSigner(
        { mode: 'key', key: cosignKey(pair.privateKey, 'pw'), passphrase: 'nope' },
        {},
        new HttpTransport({ insecureSkipTlsVerify: false }, {})
      )
    ).rejects.toThrow("did not decrypt with 'sign-key-passphrase'")
  })
})
