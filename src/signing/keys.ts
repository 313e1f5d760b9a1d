// The private keys `sign: key` takes: the encrypted PEM `cosign generate-key-pair` writes (what
// push-to-registry v3 takes), and a plain PEM private key (PKCS#8, SEC 1 "EC PRIVATE KEY", PKCS#1 RSA, or an
// encrypted PKCS#8). The key is decrypted in memory only: it is never written anywhere.
//
// cosign's format: a PEM block "ENCRYPTED SIGSTORE PRIVATE KEY" (older: "ENCRYPTED COSIGN PRIVATE KEY") whose
// bytes are a JSON document of go-securesystemslib's `encrypted` package: the passphrase through scrypt (salt
// and N, r, p in `kdf`) gives a 32-byte key for NaCl's secretbox (XSalsa20-Poly1305, nonce in `cipher`) that
// opens `ciphertext` to the PKCS#8 DER of the private key. node:crypto has scrypt but not XSalsa20, hence
// tweetnacl, which this module alone loads (it is part of the lazily loaded signing chunk).
import { createPrivateKey, createPublicKey, type KeyObject, scryptSync } from 'node:crypto'

import nacl from 'tweetnacl'

import { UserError } from '../util/errors.js'

export interface SigningKey {
  privateKey: KeyObject
  /** The public key as PEM (SPKI): what a verifier is given (`cosign.pub`, a policy's keyPath). */
  publicKeyPem: string
  /** Which form the key came in, for the log. */
  format: 'cosign' | 'pem'
}

const COSIGN_TYPES = ['ENCRYPTED SIGSTORE PRIVATE KEY', 'ENCRYPTED COSIGN PRIVATE KEY']

/**
 * The scrypt cost parameters go-securesystemslib writes (legacy, standard, OWASP). Others are refused as it
 * refuses them: a key file could otherwise name a cost that takes the runner's memory or hours.
 */
const SCRYPT_PARAMS = [
  { N: 32768, r: 8, p: 1 },
  { N: 65536, r: 8, p: 1 },
  { N: 131072, r: 8, p: 1 }
]

interface EncryptedKey {
  kdf?: { name?: string; params?: { N?: number; r?: number; p?: number }; salt?: string }
  cipher?: { name?: string; nonce?: string }
  ciphertext?: string
}

/** The PEM blocks in a text, as type and DER bytes. */
function pemBlocks(text: string): { type: string; der: Buffer; pem: string }[] {
  const blocks: { type: string; der: Buffer; pem: string }[] = []
  const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g
  for (const m of text.matchAll(re)) {
    const body = m[2].replace(/^[A-Za-z-]+:.*$/gm, '')
    blocks.push({ type: m[1], der: Buffer.from(body.replace(/\s+/g, ''), 'base64'), pem: m[0] })
  }
  return blocks
}

/**
 * The signing key from the `sign-key` input's text and the passphrase (empty when there is none). Throws a
 * UserError that names the input for every way it can fail, so that `sign: key` fails before any upload.
 */
export function loadSigningKey(text: string, passphrase: string): SigningKey {
  const blocks = pemBlocks(text.trim())
  const block = blocks.find(b => b.type.includes('PRIVATE KEY'))
  if (!block) {
    throw new UserError(
      "The 'sign-key' input holds no PEM private key. Give it the whole contents of the cosign.key file that `cosign generate-key-pair` wrote (or a PEM private key), from a secret."
    )
  }
  if (COSIGN_TYPES.includes(block.type)) {
    const der = decryptCosignKey(block.der, passphrase)
    return fromPrivateKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), 'cosign')
  }
  let key: KeyObject
  try {
    key = createPrivateKey(
      block.type === 'ENCRYPTED PRIVATE KEY'
        ? { key: block.pem, format: 'pem', passphrase }
        : { key: block.pem, format: 'pem' }
    )
  } catch {
    if (block.type === 'ENCRYPTED PRIVATE KEY') throw wrongPassphrase()
    throw new UserError(
      `The 'sign-key' input's ${block.type} block is not a private key this action can read. Give it an ECDSA or RSA private key in PEM (PKCS#8 or EC PRIVATE KEY), or the cosign.key file of \`cosign generate-key-pair\`.`
    )
  }
  return fromPrivateKey(key, 'pem')
}

function wrongPassphrase(): UserError {
  return new UserError(
    "The 'sign-key' did not decrypt with 'sign-key-passphrase'. Give 'sign-key-passphrase' the passphrase the key was made with (for cosign.key: the COSIGN_PASSWORD given to `cosign generate-key-pair`)."
  )
}

function decryptCosignKey(bytes: Buffer, passphrase: string): Buffer {
  let doc: EncryptedKey
  try {
    doc = JSON.parse(bytes.toString('utf8')) as EncryptedKey
  } catch {
    throw new UserError(
      "The 'sign-key' input's cosign key is damaged (its contents are not the JSON cosign writes). Copy the whole cosign.key file into the secret again."
    )
  }
  const params = doc.kdf?.params
  const known = SCRYPT_PARAMS.some(k => k.N === params?.N && k.r === params?.r && k.p === params?.p)
  if (doc.kdf?.name !== 'scrypt' || doc.cipher?.name !== 'nacl/secretbox' || !known || !params) {
    throw new UserError(
      "The 'sign-key' input's cosign key uses an encryption this action does not know (cosign writes scrypt with nacl/secretbox). Make the key again with `cosign generate-key-pair`."
    )
  }
  const salt = Buffer.from(doc.kdf.salt ?? '', 'base64')
  const nonce = Buffer.from(doc.cipher.nonce ?? '', 'base64')
  const box = Buffer.from(doc.ciphertext ?? '', 'base64')
  if (nonce.length !== nacl.secretbox.nonceLength) {
    throw new UserError(
      "The 'sign-key' input's cosign key is damaged (its nonce is not 24 bytes). Copy the whole cosign.key file into the secret again."
    )
  }
  // scrypt needs 128 * N * r bytes: 128 MiB for the OWASP parameters, above node's 32 MiB default.
  const key = scryptSync(Buffer.from(passphrase, 'utf8'), salt, nacl.secretbox.keyLength, {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * 1024 * 1024
  })
  const opened = nacl.secretbox.open(box, nonce, key)
  key.fill(0)
  if (!opened) throw wrongPassphrase()
  return Buffer.from(opened)
}

function fromPrivateKey(privateKey: KeyObject, format: SigningKey['format']): SigningKey {
  const type = privateKey.asymmetricKeyType
  if (type !== 'ec' && type !== 'rsa') {
    throw new UserError(
      `The 'sign-key' is an ${type ?? 'unknown'} key; the signatures containers/image and cosign verify here are ECDSA or RSA. Make an ECDSA P-256 key, e.g. with \`cosign generate-key-pair\`.`
    )
  }
  const publicKeyPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString()
  return { privateKey, publicKeyPem, format }
}
