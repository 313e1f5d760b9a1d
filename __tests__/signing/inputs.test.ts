// The signing inputs: each combination a user can give, and the masking of the key and passphrase.
import { beforeEach, describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { readSignInputs, PUBLIC_GOOD } = await import('../../src/signing/inputs.js')

const KEY =
  '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nYWJjZGVmZ2hpamtsbW5vcA==\ncXJzdHV2d3h5ejAxMjM0\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----'
const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ''

beforeEach(() => {
  jest.clearAllMocks()
})

describe('readSignInputs', () => {
  test.each([
    [{}, undefined],
    [{ sign: 'false' }, undefined],
    [{ sign: 'keyless' }, { mode: 'keyless', fulcioUrl: PUBLIC_GOOD.fulcio, rekorUrl: PUBLIC_GOOD.rekor }],
    [
      {
        sign: 'Keyless',
        'sigstore-fulcio-url': 'https://fulcio.example/',
        'sigstore-rekor-url': 'http://127.0.0.1:3000'
      },
      { mode: 'keyless', fulcioUrl: 'https://fulcio.example', rekorUrl: 'http://127.0.0.1:3000' }
    ],
    [
      { sign: 'key', 'sign-key': KEY, 'sign-key-passphrase': 'pw' },
      { mode: 'key', key: KEY, passphrase: 'pw' }
    ]
  ])('%j -> %j', (inputs, expected) => {
    expect(readSignInputs(reader(inputs))).toEqual(expected)
  })

  test.each([
    [{ sign: 'true' }, "Input 'sign': 'true' does not say how to sign."],
    [{ sign: 'yes' }, "Input 'sign': 'yes' is not one of false, keyless, key."],
    [{ sign: 'key' }, "Input 'sign-key': empty while 'sign' is key."],
    [{ 'sign-key': KEY }, "Input 'sign-key' is set but 'sign' is false"],
    [{ sign: 'keyless', 'sign-key': KEY }, "Input 'sign-key' is set but 'sign' is keyless"],
    [{ sign: 'keyless', 'sigstore-fulcio-url': 'http://fulcio.example' }, 'is not https'],
    [{ sign: 'keyless', 'sigstore-rekor-url': 'rekor' }, "Input 'sigstore-rekor-url': 'rekor' is not a URL."],
    [{ sign: 'keyless', 'sigstore-rekor-url': 'https://r.example/?x=1' }, 'without a query']
  ])('%j fails: %s', (inputs, message) => {
    expect(() => readSignInputs(reader(inputs))).toThrow(message)
  })

  test('the key, line by line, and the passphrase are masked before any check, even a failing one', () => {
    expect(() =>
      readSignInputs(reader({ sign: 'false', 'sign-key': KEY, 'sign-key-passphrase': 'pw' }))
    ).toThrow()
    expect(core.setSecret.mock.calls.map(c => c[0])).toEqual([
      'YWJjZGVmZ2hpamtsbW5vcA==',
      'cXJzdHV2d3h5ejAxMjM0',
      'pw'
    ])
  })
})
