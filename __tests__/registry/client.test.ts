// The schemes the registry client tries (HTTPS, then plain HTTP only for a loopback registry), and how it reads
// the registry's error answers, recorded from a real registry.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'
import { recordedBytes } from '../fixtures/recorded.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { parseBearerChallenge, RegistryClient, registrySchemes } = await import('../../src/registry/client.js')
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

describe('a source registry with a token service (Docker Hub, quay.io)', () => {
  test('a Bearer challenge is parsed', () => {
    expect(
      parseBearerChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"'
      )
    ).toEqual({
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/alpine:pull'
    })
    expect(parseBearerChallenge('Basic realm="x"')).toBeUndefined()
  })

  test('the token is fetched with the credentials, masked, and the request asked once more with it', async () => {
    const seen: { url: string; auth?: string }[] = []
    const transport = {
      request: async (req: { url: URL; headers?: Record<string, string> }) => {
        seen.push({ url: req.url.href, auth: req.headers?.Authorization })
        if (req.url.host === 'auth.example') {
          return { status: 200, headers: {}, body: Buffer.from('{"token":"tok-123"}') }
        }
        if (req.headers?.Authorization !== 'Bearer tok-123') {
          return {
            status: 401,
            headers: {
              'www-authenticate':
                'Bearer realm="https://auth.example/token",service="reg",scope="repository:a/b:pull"'
            },
            body: Buffer.alloc(0)
          }
        }
        return { status: 200, headers: {}, body: Buffer.from('{}') }
      }
    }
    const client = RegistryClient.forSource(
      'reg.example',
      { username: 'u', password: 'p' },
      transport as never
    )
    expect(await client.repositoryExists('a/b')).toBe(true)
    const basic = `Basic ${Buffer.from('u:p').toString('base64')}`
    expect(seen).toEqual([
      { url: 'https://reg.example/v2/a/b/tags/list', auth: basic },
      { url: 'https://auth.example/token?service=reg&scope=repository%3Aa%2Fb%3Apull', auth: basic },
      { url: 'https://reg.example/v2/a/b/tags/list', auth: 'Bearer tok-123' }
    ])
    expect(core.setSecret).toHaveBeenCalledWith('tok-123')
  })
})

describe('a client whose requests are tried once (the upload of Docker layers, which the push retries whole)', () => {
  test('a 503 is neither tried again nor worded as outlasted tries; the ordinary client tries it again', async () => {
    const { outlastedRetries } = await import('../../src/util/retry.js')
    const asked: string[] = []
    const transport = {
      request: async (req: { method: string; url: URL }) => {
        asked.push(`${req.method} ${req.url.pathname}`)
        return { status: 503, headers: {}, body: Buffer.alloc(0) }
      }
    }
    const client = new RegistryClient('registry.example', 'token', transport as unknown as HttpTransport, {
      attempts: 2,
      baseDelayMs: 0,
      maxDelayMs: 0
    })
    const once = client.tryingOnce().hasBlob('demo/app', 'sha256:aa')
    await expect(once).rejects.toMatchObject({ status: 503 })
    expect(outlastedRetries(await once.catch((e: unknown) => e))).toBe(false)
    expect(asked).toHaveLength(1)
    await expect(client.hasBlob('demo/app', 'sha256:aa')).rejects.toThrow(/failed 2 times/)
    expect(asked).toHaveLength(3)
  })
})
