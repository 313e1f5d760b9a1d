// Test keys in the format `cosign generate-key-pair` writes, made without cosign (which is not a Debian
// package): written from the format itself (sigstore/cosign pkg/cosign/keys.go: the PKCS #8 DER of the key
// sealed by go-securesystemslib's `encrypted` package: scrypt over the passphrase with a 32-byte salt gives a
// 32-byte key for NaCl secretbox with a 24-byte nonce; the JSON of kdf, cipher and ciphertext, with Go's
// standard base64 for the bytes, is the body of an "ENCRYPTED SIGSTORE PRIVATE KEY" PEM block).
import { generateKeyPairSync, type KeyObject, randomBytes, scryptSync } from 'node:crypto'

import nacl from 'tweetnacl'

export interface TestKeyPair {
  privateKey: KeyObject
  publicKeyPem: string
}

export function newEcKeyPair(): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  return { privateKey, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() }
}

/** The cosign.key text of a private key under a passphrase (N = 2^15, cosign's own parameters). */
export function cosignKey(
  privateKey: KeyObject,
  passphrase: string,
  params = { N: 32768, r: 8, p: 1 },
  pemType = 'ENCRYPTED SIGSTORE PRIVATE KEY'
): string {
  const der = privateKey.export({ format: 'der', type: 'pkcs8' })
  const salt = randomBytes(32)
  const nonce = randomBytes(24)
  const key = scryptSync(Buffer.from(passphrase), salt, 32, { ...params, maxmem: 256 * 1024 * 1024 })
  const ciphertext = Buffer.from(nacl.secretbox(der, nonce, key))
  const json = JSON.stringify({
    kdf: { name: 'scrypt', params, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: ciphertext.toString('base64')
  })
  const body = Buffer.from(json)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
  return `-----BEGIN ${pemType}-----\n${body.trim()}\n-----END ${pemType}-----\n`
}
