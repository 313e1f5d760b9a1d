// The schemes the registry client tries: HTTPS, then plain HTTP only for a loopback registry.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { registrySchemes } = await import('../../src/registry/client.js')

describe('registry URLs', () => {
  test.each([
    ['127.0.0.1:5000', 'https,http'],
    ['localhost:5000', 'https,http'],
    ['image-registry.apps.2.rahti.csc.fi', 'https']
  ])('%s -> %s', (host, schemes) => expect(registrySchemes(host).join(',')).toBe(schemes))
})
