// The README against the code: its set-up commands are the ones the action itself prints when a grant is missing,
// and each message its troubleshooting section explains is one the action (src/) can still print. A change to
// either side shows up here as a change the other needs.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, jest, test } from '@jest/globals'

import * as core from './fixtures/core.js'

jest.unstable_mockModule('../src/util/actions.js', () => core)
const { ROOT } = await import('../scripts/docs.js')
const { grantCommand } = await import('../src/stages/preflight.js')
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
    const api = { mayI: async () => false } as unknown as Api
    const exchange = await exchangeToken(api, identity, 'long-lived-token', 3600)
    expect(exchange.exchanged).toBe(false)
    const commands = [...String(core.notice.mock.calls[0]?.[0]).matchAll(/`(oc [^`]+)`/g)].map(m => m[1])
    expect(commands).toHaveLength(2)
    for (const command of commands) expect(readme).toContain(command)
  })
})

/** Every source file of the action, with string pieces joined where a message is split over `'...' +` lines. */
function sourceText(): string {
  const dir = path.join(ROOT, 'src')
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.ts'))
    .map(f => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n')
    .replace(/(['"`])\s*\+\s*(['"`])/g, '')
}

/** The messages a troubleshooting entry quotes: the code spans before its dash. */
function troubleshootingMessages(markdown: string): string[] {
  const section = markdown.slice(markdown.indexOf('## Troubleshooting'), markdown.indexOf('## Security'))
  return section
    .split('\n')
    .filter(line => line.startsWith('- '))
    .flatMap(line => [...line.split(' — ')[0].matchAll(/`([^`]+)`/g)].map(m => m[1]))
}

/** The longest literal stretch of a quoted message: `...` and `<name>` stand for what differs from run to run. */
function longestLiteral(message: string): string {
  return message
    .split(/\.\.\.|<[a-z ]+>/)
    .map(part => part.replace(/^[\s'",:.]+|[\s'",:.]+$/g, ''))
    .reduce((a, b) => (b.length > a.length ? b : a), '')
}

describe("the README's troubleshooting", () => {
  const messages = troubleshootingMessages(readme)
  const source = sourceText()
  // Docker's own words on Rahti, quoted to say why the action exists; the action never prints them.
  const notOurs = ['unexpected status from HEAD request ... 500']

  test('quotes a message for each kind of failure', () => {
    expect(messages.length).toBeGreaterThanOrEqual(25)
    for (const quoted of notOurs) expect(messages).toContain(quoted)
  })

  test.each(messages.filter(m => !notOurs.includes(m)))('quotes a message src/ prints: %s', message => {
    const literal = longestLiteral(message)
    expect(literal.length).toBeGreaterThanOrEqual(10)
    expect(source).toContain(literal)
  })

  test('the check can fail: a message src/ never prints is not found', () => {
    expect(source).not.toContain(longestLiteral('The registry exploded while ...'))
  })
})
