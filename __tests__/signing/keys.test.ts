// The signing keys: cosign's encrypted format (made by the tests' generator, written from the format), plain
// PEM forms, and one clear error for each way a key can be wrong.
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'

import { describe, expect, test } from '@jest/globals'

import { loadSigningKey } from '../../src/signing/keys.js'
import { UserError } from '../../src/util/errors.js'
import { cosignKey, newEcKeyPair } from '../../test/e2e/harness/cosign-key.js'

function expectSignsLike(loaded: ReturnType<typeof loadSigningKey>, publicKeyPem: string): void {
  const data = Buffer.from('payload')
  const signature = sign('sha256', data, loaded.privateKey)
  expect(verify('sha256', data, publicKeyPem, signature)).toBe(true)
  expect(loaded.publicKeyPem).toBe(publicKeyPem)
}

describe('cosign keys', () => {
  const pair = newEcKeyPair()

  test.each(['ENCRYPTED SIGSTORE PRIVATE KEY', 'ENCRYPTED COSIGN PRIVATE KEY'])(
    '%s opens with its passphrase',
    type => {
      const loaded = loadSigningKey(cosignKey(pair.privateKey, 'hunter2', undefined, type), 'hunter2')
      expect(loaded.format).toBe('cosign')
      expectSignsLike(loaded, pair.publicKeyPem)
    }
  )

  test('an empty passphrase (cosign allows one) opens a key made with none', () => {
    expectSignsLike(loadSigningKey(cosignKey(pair.privateKey, ''), ''), pair.publicKeyPem)
  })

  test('the standard scrypt parameters (N = 2^16) are read too', () => {
    const text = cosignKey(pair.privateKey, 'pw', { N: 65536, r: 8, p: 1 })
    expectSignsLike(loadSigningKey(text, 'pw'), pair.publicKeyPem)
  })

  test('a wrong passphrase is one clear error naming both inputs', () => {
    const text = cosignKey(pair.privateKey, 'right')
    expect(() => loadSigningKey(text, 'wrong')).toThrow(UserError)
    expect(() => loadSigningKey(text, 'wrong')).toThrow(
      "The 'sign-key' did not decrypt with 'sign-key-passphrase'."
    )
  })

  test('scrypt parameters cosign never writes are refused before any work', () => {
    const text = cosignKey(pair.privateKey, 'pw', { N: 1024, r: 8, p: 1 })
    expect(() => loadSigningKey(text, 'pw')).toThrow('uses an encryption this action does not know')
  })

  test('a damaged key says so', () => {
    const body = Buffer.from('not json').toString('base64')
    const text = `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${body}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----`
    expect(() => loadSigningKey(text, 'pw')).toThrow('is damaged')
  })
})

describe('PEM keys', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const ecPub = ec.publicKey.export({ format: 'pem', type: 'spki' }).toString()

  test('PKCS #8', () => {
    const text = ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    expectSignsLike(loadSigningKey(text, ''), ecPub)
  })

  test('SEC 1 (EC PRIVATE KEY), with text around it', () => {
    const text = `key:\n${ec.privateKey.export({ format: 'pem', type: 'sec1' }).toString()}\n`
    expectSignsLike(loadSigningKey(text, ''), ecPub)
  })

  test('encrypted PKCS #8 with its passphrase, and a wrong one', () => {
    const text = ec.privateKey
      .export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw' })
      .toString()
    expectSignsLike(loadSigningKey(text, 'pw'), ecPub)
    expect(() => loadSigningKey(text, 'nope')).toThrow("did not decrypt with 'sign-key-passphrase'")
  })

  test('RSA', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const text = rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString()
    const loaded = loadSigningKey(text, '')
    expect(createPublicKey(loaded.privateKey).asymmetricKeyType).toBe('rsa')
  })

  test('an Ed25519 key is named as the wrong kind', () => {
    const ed = generateKeyPairSync('ed25519')
    const text = ed.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    expect(() => loadSigningKey(text, '')).toThrow('is an ed25519 key')
  })

  test.each([
    ['nothing', ''],
    [
      'a public key',
      generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
        .publicKey.export({ format: 'pem', type: 'spki' })
        .toString()
    ]
  ])('%s is not a private key', (_, text) => {
    expect(() => loadSigningKey(text, '')).toThrow("The 'sign-key' input holds no PEM private key.")
  })
})
