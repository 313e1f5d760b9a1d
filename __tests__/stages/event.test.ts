// The decision on an empty token: skipped only where GitHub gives no secrets (a pull_request from a fork or from
// Dependabot), an error everywhere else, and always an error with `require-token: true`.
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { currentEvent, withoutSecrets } = await import('../../src/stages/event.js')
const { getInputs } = await import('../../src/stages/inputs.js')

/** A pull_request payload whose head lives in `head` (null: a deleted fork) and whose base lives in `base`. */
function pullRequest(head: string | null, base = 'csc/app') {
  return {
    pull_request: {
      head: { repo: head === null ? null : { full_name: head } },
      base: { repo: { full_name: base } }
    }
  }
}

describe('withoutSecrets', () => {
  test.each([
    [
      'a pull request from a fork',
      { name: 'pull_request', actor: 'someone', payload: pullRequest('someone/app') }
    ],
    [
      'a pull request from a deleted fork',
      { name: 'pull_request', actor: 'someone', payload: pullRequest(null) }
    ],
    [
      "Dependabot's pull request",
      { name: 'pull_request', actor: 'dependabot[bot]', payload: pullRequest('csc/app') }
    ]
  ])('%s runs without secrets', (_what, event) => {
    expect(withoutSecrets(event)).toMatch(/GitHub gives .* no (Actions )?secrets/)
  })

  test('names the fork', () => {
    const why = withoutSecrets({ name: 'pull_request', actor: 'x', payload: pullRequest('someone/app') })
    expect(why).toContain('someone/app')
  })

  test.each([
    [
      'a pull request from a branch of the same repository',
      { name: 'pull_request', actor: 'me', payload: pullRequest('csc/app') }
    ],
    // pull_request_target runs in the base repository with its secrets, also for forks.
    [
      'pull_request_target from a fork',
      { name: 'pull_request_target', actor: 'x', payload: pullRequest('x/app') }
    ],
    ['a push', { name: 'push', actor: 'me', payload: {} }],
    ['a push by Dependabot', { name: 'push', actor: 'dependabot[bot]', payload: {} }],
    ['a release', { name: 'release', actor: 'me', payload: {} }],
    [
      'a pull request whose event file could not be read',
      { name: 'pull_request', actor: 'me', payload: undefined }
    ],
    ['no event at all (a local run)', { name: '', actor: '', payload: undefined }]
  ])('%s is given secrets (an empty token is an error)', (_what, event) => {
    expect(withoutSecrets(event)).toBeUndefined()
  })
})

describe('currentEvent', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'event-test-'))

  test('reads the name, the actor and the payload the runner gives', () => {
    const file = path.join(dir, 'event.json')
    writeFileSync(file, JSON.stringify(pullRequest('someone/app')))
    const event = currentEvent({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_ACTOR: 'someone',
      GITHUB_EVENT_PATH: file
    })
    expect(event).toEqual({ name: 'pull_request', actor: 'someone', payload: pullRequest('someone/app') })
  })

  test('an unreadable or broken event file is no payload, so not a fork', () => {
    const broken = path.join(dir, 'broken.json')
    writeFileSync(broken, '{not json')
    for (const file of [broken, path.join(dir, 'missing.json')]) {
      const event = currentEvent({
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_ACTOR: 'a',
        GITHUB_EVENT_PATH: file
      })
      expect(event.payload).toBeUndefined()
      expect(withoutSecrets(event)).toBeUndefined()
    }
  })
})

describe('getInputs with an empty token', () => {
  const read = (values: Record<string, string>) => (name: string) => values[name] ?? ''
  const fork = { name: 'pull_request', actor: 'someone', payload: pullRequest('someone/app') }

  test('on a fork pull request: the step is skipped, with the reason', () => {
    const inputs = getInputs(read({ image: 'app' }), fork)
    expect(inputs.skip).toMatch(/fork someone\/app/)
    expect(inputs.token).toBe('')
  })

  test('on a fork pull request the other inputs are still checked', () => {
    expect(() => getInputs(read({ image: 'My_App' }), fork)).toThrow(/Input 'image'/)
  })

  test("with 'require-token: true' it is an error that says why the token is empty", () => {
    expect(() => getInputs(read({ image: 'app', 'require-token': 'true' }), fork)).toThrow(
      /^Input 'token': empty while 'require-token' is true: the pull request comes from the fork someone\/app, /
    )
  })

  test('on a push it is an error', () => {
    expect(() => getInputs(read({ image: 'app' }), { name: 'push', actor: 'me', payload: {} })).toThrow(
      /Input 'token': required/
    )
  })

  test('a token given on a fork pull request is used: no skip', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'
    expect(getInputs(read({ token, image: 'app' }), fork).skip).toBeUndefined()
  })
})
