// The signing inputs, read and checked with the others before any network call: `sign` (false, keyless, key),
// `sign-key` and `sign-key-passphrase` (masked at once, line by line, as a PEM key spans lines), and the
// Sigstore instance (`sigstore-fulcio-url`, `sigstore-rekor-url`). Only strings are checked here: the key is
// decrypted by the signing chunk, which the main bundle loads only when `sign` is set.
import { isLoopbackHost } from '../registry/reference.js'
import { setSecret } from '../util/actions.js'
import { UserError } from '../util/errors.js'

export type SignRequest =
  { mode: 'keyless'; fulcioUrl: string; rekorUrl: string } | { mode: 'key'; key: string; passphrase: string }

const MODES = ['false', 'keyless', 'key'] as const

/** The public-good Sigstore instance, the default one. */
export const PUBLIC_GOOD = {
  fulcio: 'https://fulcio.sigstore.dev',
  rekor: 'https://rekor.sigstore.dev'
} as const

/** The signing request, or undefined for `sign: false`. */
export function readSignInputs(read: (name: string) => string): SignRequest | undefined {
  const key = read('sign-key')
  const passphrase = read('sign-key-passphrase')
  // Masked before anything can print them, even an error about them.
  for (const line of key.split(/\r?\n/)) {
    if (line.trim().length >= 8 && !line.startsWith('-----')) setSecret(line.trim())
  }
  if (passphrase) setSecret(passphrase)
  const given = (read('sign') || 'false').toLowerCase()
  if (given === 'true') {
    throw new UserError(
      "Input 'sign': 'true' does not say how to sign. Use 'keyless' (the workflow's identity; needs `permissions: id-token: write`) or 'key' (with 'sign-key')."
    )
  }
  const mode = MODES.find(m => m === given)
  if (!mode) {
    throw new UserError(`Input 'sign': '${given.slice(0, 40)}' is not one of false, keyless, key.`)
  }
  if (mode === 'false') {
    if (key) {
      throw new UserError(
        "Input 'sign-key' is set but 'sign' is false, so nothing would be signed. Set 'sign: key', or remove 'sign-key'."
      )
    }
    return undefined
  }
  if (mode === 'key') {
    if (!key) {
      throw new UserError(
        "Input 'sign-key': empty while 'sign' is key. Give it the cosign.key file's contents (or a PEM private key) from a secret, e.g. `sign-key: ${{ secrets.COSIGN_KEY }}`."
      )
    }
    return { mode, key, passphrase }
  }
  if (key) {
    throw new UserError(
      "Input 'sign-key' is set but 'sign' is keyless, which needs no key. Set 'sign: key' to sign with it, or remove 'sign-key'."
    )
  }
  return {
    mode,
    fulcioUrl: serviceUrl(read('sigstore-fulcio-url'), 'sigstore-fulcio-url', PUBLIC_GOOD.fulcio),
    rekorUrl: serviceUrl(read('sigstore-rekor-url'), 'sigstore-rekor-url', PUBLIC_GOOD.rekor)
  }
}

/** An https URL (plain http only on loopback, for a local instance), without a query or fragment. */
function serviceUrl(value: string, input: string, fallback: string): string {
  if (!value) return fallback
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UserError(
      `Input '${input}': '${value.slice(0, 80)}' is not a URL. Give the service's https URL.`
    )
  }
  const loopback = isLoopbackHost(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UserError(
      `Input '${input}': '${url.origin}' is not https. Sigstore's services must be reached over https (plain http only on loopback).`
    )
  }
  if (url.search || url.hash || url.username) {
    throw new UserError(`Input '${input}': give the service's base URL, without a query, fragment or user.`)
  }
  return url.href.replace(/\/$/, '')
}
