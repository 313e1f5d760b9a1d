// The grant commands and the denial messages that name them.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { toIdentity } = await import('../../src/openshift/identity.js')
const { grantCommand, createDenied, pushDenied } = await import('../../src/stages/preflight.js')

describe('grant commands', () => {
  const sa = toIdentity({ username: 'system:serviceaccount:demo:pusher' }, 'eyJ')
  test.each([
    ['demo', 'oc policy add-role-to-user system:image-builder -z pusher -n demo'],
    ['prod', 'oc policy add-role-to-user system:image-builder system:serviceaccount:demo:pusher -n prod']
  ])('in %s', (project, command) => expect(grantCommand('system:image-builder', sa, project)).toBe(command))
  test('the create error names the identity, the stream and both fixes', () => {
    const message = createDenied(sa, 'demo', 'app').message
    expect(message).toContain('system:serviceaccount:demo:pusher')
    expect(message).toContain('oc create imagestream app -n demo')
    expect(message).toContain('oc policy add-role-to-user system:image-builder -z pusher -n demo')
  })
  test('the push error names system:image-pusher', () => {
    expect(pushDenied(sa, 'demo', 'app').message).toContain('system:image-pusher -z pusher -n demo')
  })
})
