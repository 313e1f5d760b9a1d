// The schemes the registry client tries: HTTPS, then plain HTTP only for a loopback registry.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { parseBearerChallenge, RegistryClient, registrySchemes } = await import('../../src/registry/client.js')

describe('registry URLs', () => {
  test.each([
    ['127.0.0.1:5000', 'https,http'],
    ['localhost:5000', 'https,http'],
    ['image-registry.apps.2.rahti.csc.fi', 'https']
  ])('%s -> %s', (host, schemes) => expect(registrySchemes(host).join(',')).toBe(schemes))
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
