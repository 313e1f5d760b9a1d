// Who a token belongs to, from the API's self-review.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { toIdentity } = await import('../../src/openshift/identity.js')

describe('toIdentity', () => {
  test.each([
    [
      { username: 'system:serviceaccount:demo:pusher', groups: ['system:serviceaccounts'] },
      'eyJ',
      {
        username: 'system:serviceaccount:demo:pusher',
        serviceAccount: { namespace: 'demo', name: 'pusher' },
        personal: false
      }
    ],
    [{ username: 'alice' }, 'sha256~abc', { username: 'alice', serviceAccount: undefined, personal: true }],
    [{ username: 'system:serviceaccount:broken' }, 'x', { serviceAccount: undefined, personal: false }]
  ])('%j', (info, token, expected) => expect(toIdentity(info, token)).toMatchObject(expected))
})
