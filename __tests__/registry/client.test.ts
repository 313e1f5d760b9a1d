// The schemes the registry client tries (HTTPS, then plain HTTP only for a loopback registry), and how it reads
// the registry's error answers, recorded from a real registry.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'
import { recordedBytes } from '../fixtures/recorded.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { registrySchemes, RegistryClient } = await import('../../src/registry/client.js')
const { HttpStatusError } = await import('../../src/util/errors.js')
type HttpTransport = import('../../src/util/http.js').HttpTransport

describe('registry URLs', () => {
  test.each([
    ['127.0.0.1:5000', 'https,http'],
    ['localhost:5000', 'https,http'],
    ['image-registry.apps.2.rahti.csc.fi', 'https']
  ])('%s -> %s', (host, schemes) => expect(registrySchemes(host).join(',')).toBe(schemes))
})

/** A transport that answers every request with the one recorded answer, and keeps what was asked. */
function answering(status: number, file?: string) {
  const asked: string[] = []
  const transport = {
    request: async (req: { method: string; url: URL }) => {
      asked.push(`${req.method} ${req.url.pathname}`)
      return { status, headers: {}, body: file ? recordedBytes(file) : Buffer.alloc(0) }
    }
  }
  const client = new RegistryClient('registry.example', 'token', transport as unknown as HttpTransport, {
    attempts: 1,
    baseDelayMs: 0,
    maxDelayMs: 0
  })
  return { client, asked }
}

describe("the registry's error answers (recorded from docker-registry)", () => {
  test('a tag the repository lacks (404 MANIFEST_UNKNOWN) is no manifest, not a failure', async () => {
    const { client } = answering(404, 'registry/manifest-unknown.json')
    await expect(client.findManifest('demo/app', 'v9')).resolves.toBeUndefined()
  })

  test('a repository that does not exist (404 NAME_UNKNOWN) is reported as missing', async () => {
    const { client } = answering(404, 'registry/name-unknown.json')
    await expect(client.repositoryExists('demo/none')).resolves.toBe(false)
  })

  test.each([
    [
      'registry/manifest-blob-unknown.json',
      400,
      'MANIFEST_BLOB_UNKNOWN',
      'PUT /v2/demo/app/manifests/v2 answered HTTP 400: MANIFEST_BLOB_UNKNOWN blob unknown to registry'
    ],
    [
      'registry/blob-unknown.json',
      404,
      'BLOB_UNKNOWN',
      'PUT /v2/demo/app/manifests/v2 answered HTTP 404: BLOB_UNKNOWN blob unknown to registry'
    ]
  ])(
    "%s: the error names the request, the status and the registry's code",
    async (file, status, reason, message) => {
      const { client } = answering(status, file)
      const manifest = {
        digest: 'sha256:x',
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        body: Buffer.from('{}')
      }
      const failure = await client.putManifest('demo/app', 'v2', manifest).catch((err: unknown) => err)
      expect(failure).toBeInstanceOf(HttpStatusError)
      expect(failure).toMatchObject({ status, reason, message })
    }
  )

  test("a body that is not the registry's JSON leaves the status alone", async () => {
    const { client } = answering(500, 'skopeo/inspect-missing.stderr')
    await expect(client.getBlob('demo/app', 'sha256:x')).rejects.toMatchObject({
      status: 500,
      reason: undefined,
      message: 'GET /v2/demo/app/blobs/sha256:x answered HTTP 500'
    })
  })
})
