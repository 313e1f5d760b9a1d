// The token exchange and the dry run's question in its place: the same checks and notices, and only a real run
// makes a token.
import { beforeEach, describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { exchangeToken } = await import('../../src/openshift/identity.js')
type Api = Parameters<typeof exchangeToken>[0]
type Identity = Parameters<typeof exchangeToken>[1]

const sa: Identity = {
  username: 'system:serviceaccount:demo:ci',
  groups: [],
  serviceAccount: { namespace: 'demo', name: 'ci' },
  personal: false
}
const person: Identity = { username: 'alice', groups: [], personal: true }

/** An API whose access review answers `may`, and whose TokenRequest hands out `short`. */
function api(may: boolean) {
  const post = jest.fn(async () => ({ status: { token: 'short-lived-token', expirationTimestamp: 'soon' } }))
  return { api: { mayI: async () => may, post } as unknown as Api, post }
}

beforeEach(() => {
  jest.clearAllMocks()
})

describe('exchangeToken', () => {
  test('a real run makes the short-lived token', async () => {
    const { api: a, post } = api(true)
    expect(await exchangeToken(a, sa, 'given', 3600)).toMatchObject({
      token: 'short-lived-token',
      exchanged: true,
      allowed: true
    })
    expect(post).toHaveBeenCalledTimes(1)
  })

  test('a dry run asks, learns it is allowed, and makes no token', async () => {
    const { api: a, post } = api(true)
    expect(await exchangeToken(a, sa, 'given', 3600, { dryRun: true })).toEqual({
      token: 'given',
      exchanged: false,
      allowed: true
    })
    expect(post).not.toHaveBeenCalled()
  })

  test.each([true, false])('not allowed: the notice with the grant (dry run %s)', async dryRun => {
    const { api: a, post } = api(false)
    expect(await exchangeToken(a, sa, 'given', 3600, { dryRun })).toEqual({
      token: 'given',
      exchanged: false,
      allowed: false
    })
    expect(core.notice.mock.calls[0]?.[0]).toMatch(/may not request short-lived tokens/)
    expect(post).not.toHaveBeenCalled()
  })

  test.each([true, false])('a personal token: the warning that it expires (dry run %s)', async dryRun => {
    const { api: a } = api(true)
    expect(await exchangeToken(a, person, 'given', 3600, { dryRun })).toMatchObject({
      exchanged: false,
      allowed: false
    })
    expect(core.warning.mock.calls[0]?.[0]).toMatch(/The token is a personal one of alice/)
  })

  test("'token-duration: 0' asks nothing", async () => {
    const { api: a } = api(true)
    expect(await exchangeToken(a, sa, 'given', 0, { dryRun: true })).toMatchObject({
      exchanged: false,
      allowed: false
    })
    expect(core.notice).not.toHaveBeenCalled()
  })
})
