// Signing one pushed digest: the signer made ready before any upload (the key decrypted, or the job's OIDC
// token shown to be there), then after the push the simple-signing payload signed, keyless signatures recorded
// in Rekor, and the signature appended to the digest's `sha256-<hex>.sig` tag. This module is the entry of the
// signing chunk: main loads it with a dynamic import only when `sign` is set, so an unsigned push loads none
// of it (nor tweetnacl).
import { createHash, generateKeyPairSync, type KeyObject, sign as signBytes } from 'node:crypto'

import { parseManifest } from '../image/oci.js'
import type { RegistryClient } from '../registry/client.js'
import { setSecret } from '../util/actions.js'
import { UserError } from '../util/errors.js'
import type { HttpTransport } from '../util/http.js'
import {
  ANNOTATION,
  appendSignature,
  ATTACHMENT_MEDIA_TYPE,
  parseAttachment,
  signatureTag,
  simpleSigningPayload
} from './attachment.js'
import type { SignRequest } from './inputs.js'
import { loadSigningKey } from './keys.js'
import {
  type OidcEnvironment,
  recordInRekor,
  type RekorEntry,
  requestCertificate,
  requestOidcToken
} from './sigstore.js'

/** A signer made ready before the push: everything that can fail for a bad input has failed by now. */
export interface Signer {
  mode: 'keyless' | 'key'
  /** For `key`: the public key that verifies its signatures (for the summary's verify command). */
  publicKeyPem?: string
  /** For `keyless`: the token's issuer, the identity Fulcio will name (known once signed). */
  issuer?: string
  sign(target: SignTarget): Promise<SignResult>
}

export interface SignTarget {
  registry: RegistryClient
  /** The repository on the registry: `<project>/<image>`. */
  repository: string
  /** The repository as a pull names it, `<registry>/<project>/<image>`: the signed docker-reference. */
  dockerReference: string
  digest: string
}

export interface SignResult {
  /** `<registry>/<project>/<image>:sha256-<hex>.sig` */
  signature: string
  /** How many signatures the tag holds now. */
  signatures: number
  /** False when this very signature was there already. */
  added: boolean
  /** Keyless: the certificate's identity (its SAN) and the token's issuer. */
  identity?: string
  issuer?: string
  rekor?: RekorEntry
  /** For an index: the digests of its images, signed too (containers/image verifies the image it pulls). */
  instances: string[]
}

/**
 * Makes the signer ready: `key` decrypts the key now (a wrong passphrase fails here, before any upload);
 * `keyless` asks the runner for the job's OIDC token now (no `id-token: write` fails here), and again when it
 * signs, since the token lives minutes and a push can take longer.
 */
export async function prepareSigner(
  options: SignRequest,
  env: OidcEnvironment,
  http: HttpTransport
): Promise<Signer> {
  if (options.mode === 'key') {
    const key = loadSigningKey(options.key, options.passphrase)
    return {
      mode: 'key',
      publicKeyPem: key.publicKeyPem,
      sign: target => signAll(target, key.privateKey, () => Promise.resolve({}))
    }
  }
  // The runner's request token is a credential too: masked like the tokens it gets.
  if (env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) setSecret(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
  const first = await requestOidcToken(env, http)
  setSecret(first.jwt)
  return {
    mode: 'keyless',
    issuer: first.issuer,
    sign: async target => {
      const token = await requestOidcToken(env, http)
      setSecret(token.jwt)
      // An ephemeral key: it signs this push's payloads, its certificate expires in minutes, it is never kept.
      const ephemeral = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      const publicKeyPem = ephemeral.publicKey.export({ format: 'pem', type: 'spki' }).toString()
      const proof = signBytes('sha256', Buffer.from(token.subject, 'utf8'), ephemeral.privateKey)
      const chain = await requestCertificate(options.fulcioUrl, token, publicKeyPem, proof, http)
      return signAll(target, ephemeral.privateKey, async (payload, signature) => {
        const rekor = await recordInRekor(
          options.rekorUrl,
          {
            payloadSha256Hex: createHash('sha256').update(payload).digest('hex'),
            signature,
            verifierPem: chain.certificates[0]
          },
          http
        )
        return {
          annotations: {
            [ANNOTATION.certificate]: chain.certificates[0],
            [ANNOTATION.chain]: chain.certificates.slice(1).join(''),
            [ANNOTATION.bundle]: rekor.bundle
          },
          result: { identity: chain.identity, issuer: token.issuer, rekor }
        }
      })
    }
  }
}

/** How often the signature tag is written before another writer's changes count as a failure. */
const MAX_WRITES = 3

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json'
])

/**
 * Signs the digest and, for an index, each of its images, as `podman push --sign-by-sigstore` and `cosign sign
 * --recursive` do: containers/image (podman, CRI-O, OpenShift's nodes) pulls one platform's image out of an index
 * and requires a signature of that image's own digest, while cosign verifies the index's.
 */
async function signAll(target: SignTarget, key: KeyObject, prove: Proof): Promise<SignResult> {
  const manifest = await target.registry.getManifest(target.repository, target.digest)
  let instances: string[] = []
  if (INDEX_TYPES.has(manifest.mediaType)) {
    instances = (parseManifest(manifest.body).manifests ?? []).map(m => m.digest).filter(Boolean)
  }
  const top = await attach(target, key, prove)
  for (const digest of instances) await attach({ ...target, digest }, key, prove)
  return { ...top, instances }
}

type Proof = (
  payload: Buffer,
  signature: Buffer
) => Promise<{ annotations?: Record<string, string>; result?: Partial<SignResult> }>

async function attach(
  target: SignTarget,
  key: KeyObject,
  prove: Proof
): Promise<Omit<SignResult, 'instances'>> {
  const payload = simpleSigningPayload(target.dockerReference, target.digest)
  // ECDSA signatures are ASN.1 DER, RSA ones PKCS #1 v1.5, both over SHA-256: what sigstore's verifiers expect.
  const signature = signBytes('sha256', payload, key)
  const { annotations = {}, result = {} } = await prove(payload, signature)
  const tag = signatureTag(target.digest)
  const layer = {
    payload,
    annotations: { [ANNOTATION.signature]: signature.toString('base64'), ...annotations }
  }
  // Another job may append to the same tag between this read and this write (a re-run, a promotion of the same
  // digest): the tag is read back, and written again over the other's when this signature is not in it.
  let added = false
  let signatures = 0
  for (let attempt = 1; ; attempt++) {
    const existing = await target.registry.findManifest(target.repository, tag)
    const next = appendSignature(existing?.body, layer)
    signatures = next.signatures
    if (!next.added) break
    for (const blob of next.blobs) await target.registry.pushBlob(target.repository, blob.digest, blob.bytes)
    await target.registry.putManifest(target.repository, tag, {
      digest: '',
      mediaType: ATTACHMENT_MEDIA_TYPE,
      body: next.manifest
    })
    added = true
    const after = await target.registry.findManifest(target.repository, tag)
    if (after && !appendSignature(after.body, layer).added) {
      signatures = parseAttachment(after.body).layers.length
      break
    }
    if (attempt === MAX_WRITES) {
      throw new UserError(
        `The signature tag ${tag} kept being replaced by other writers (${MAX_WRITES} tries). Run the job again once the other jobs signing this digest are done.`
      )
    }
  }
  return {
    signature: `${target.dockerReference}:${tag}`,
    signatures,
    added,
    ...result
  }
}
