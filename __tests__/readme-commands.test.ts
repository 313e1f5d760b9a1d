// The README's set-up commands are the ones the action itself prints when a grant is missing, so that a user who
// follows either meets the same names and flags, and a change to one shows up here as a change to the other.
import { describe, expect, jest, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const notice = jest.fn<(message: string) => void>()
jest.unstable_mockModule('@actions/core', () => ({
  info: jest.fn(),
  debug: jest.fn(),
  warning: jest.fn(),
  notice,
  setSecret: jest.fn()
}))
const { ROOT } = await import('../scripts/docs.js')
const { grantCommand } = await import('../src/openshift/access.js')
const { exchangeToken } = await import('../src/openshift/identity.js')
type Api = Parameters<typeof exchangeToken>[0]

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const identity = {
  username: 'system:serviceaccount:my-project:github-pusher',
  groups: [],
  serviceAccount: { namespace: 'my-project', name: 'github-pusher' },
  personal: false
}

describe("the README's set-up commands", () => {
  test('grant the role the action names when the account may not create the ImageStream', () => {
    expect(readme).toContain(grantCommand('system:image-builder', identity, 'my-project'))
  })

  test('grant the token exchange exactly as the action says to', async () => {
    // The access review says no: the action keeps the given token and prints how to allow the exchange.
    const api = { post: async () => ({ status: { allowed: false } }) } as unknown as Api
    const exchange = await exchangeToken(api, identity, 'long-lived-token', 3600)
    expect(exchange.exchanged).toBe(false)
    const commands = [...String(notice.mock.calls[0]?.[0]).matchAll(/`(oc [^`]+)`/g)].map(m => m[1])
    expect(commands).toHaveLength(2)
    for (const command of commands) expect(readme).toContain(command)
  })
})
