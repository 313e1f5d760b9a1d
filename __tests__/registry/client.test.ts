// The registry's base URL: plain HTTP for a loopback registry, HTTPS for any other.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { registryBaseUrl } = await import('../../src/registry/client.js')

describe('registry URLs', () => {
  test.each([
    ['127.0.0.1:5000', 'http://127.0.0.1:5000/'],
    ['localhost:5000', 'http://localhost:5000/'],
    ['image-registry.apps.2.rahti.csc.fi', 'https://image-registry.apps.2.rahti.csc.fi/']
  ])('%s -> %s', (host, url) => expect(registryBaseUrl(host).href).toBe(url))
})
