// The registry host an ImageStream's repository names.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { hostOf } = await import('../../src/openshift/imagestream.js')

describe('registry URLs', () => {
  test.each([
    ['image-registry.apps.2.rahti.csc.fi/demo/app', 'image-registry.apps.2.rahti.csc.fi'],
    ['127.0.0.1:5000/demo/app', '127.0.0.1:5000'],
    [undefined, undefined],
    ['', undefined]
  ])('hostOf(%j) = %j', (repo, host) => expect(hostOf(repo)).toBe(host))
})
