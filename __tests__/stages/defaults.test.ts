// Every default in the code equals action.yml's: for each input action.yml gives a default, the inputs read with
// it left empty (the code's default) equal the inputs read with action.yml's default written out. So a default
// changed in one place and not the other fails here, naming the input.
import { readFileSync } from 'node:fs'

import { describe, expect, jest, test } from '@jest/globals'
import { parse } from 'yaml'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { getInputs } = await import('../../src/stages/inputs.js')

const manifest = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string | number | boolean }>
}
const defaults = Object.entries(manifest.inputs)
  .filter(([, spec]) => spec.default !== undefined)
  .map(([name, spec]) => [name, String(spec.default)] as const)

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'
const PUSH = { name: 'push', actor: 'someone', payload: {} }
/** What an input's default only shows beside: `keep` counts only when something is pruned. */
const CONTEXT: Record<string, Record<string, string>> = { keep: { prune: 'sha-*' } }

/** The inputs as plain data: a URL compares by its href (toEqual sees no fields on a URL object). */
function read(values: Record<string, string>): unknown {
  return JSON.parse(JSON.stringify(getInputs(name => values[name] ?? '', PUSH)))
}

describe("the code's defaults are action.yml's", () => {
  test('action.yml gives defaults to check', () => expect(defaults.length).toBeGreaterThan(5))

  test.each(defaults)('%s: empty reads as %j', (name, value) => {
    const given = { token: TOKEN, image: 'app', ...CONTEXT[name] }
    expect(read({ ...given, [name]: '' })).toEqual(read({ ...given, [name]: value }))
  })

  test('all of them at once', () => {
    const given = { token: TOKEN, image: 'app', prune: 'sha-*' }
    expect(read(given)).toEqual(read({ ...given, ...Object.fromEntries(defaults) }))
  })

  test('a default that differs is caught (the check can fail)', () => {
    const given = { token: TOKEN, image: 'app' }
    expect(read({ ...given, retries: '' })).not.toEqual(read({ ...given, retries: '5' }))
    expect(read({ ...given, server: '' })).not.toEqual(
      read({ ...given, server: 'https://api.example.org:6443' })
    )
  })
})
