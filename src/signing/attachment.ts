// Where a signature goes on a registry without the referrers API (the OpenShift registry has none): the tag
// `sha256-<hex>.sig` beside the image, an OCI image manifest whose layers are simple-signing payloads with the
// signature and its proof in annotations. This is the form cosign writes and containers/image (podman, skopeo,
// CRI-O: `use-sigstore-attachments: true`) reads: each layer of media type
// application/vnd.dev.cosign.simplesigning.v1+json is one signature, its blob the signed payload. A new
// signature of the same digest is appended as a layer beside the others, as both of them do, and an identical
// one is not added twice.

import { sha256Digest } from '../image/oci.js'

export { attachmentSubject, isAttachmentTag, signatureTag } from '../registry/attachments.js'

export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json'

/** The annotations containers/image and cosign read on a signature layer. */
export const ANNOTATION = {
  signature: 'dev.cosignproject.cosign/signature',
  certificate: 'dev.sigstore.cosign/certificate',
  chain: 'dev.sigstore.cosign/chain',
  bundle: 'dev.sigstore.cosign/bundle'
} as const

interface Descriptor {
  mediaType: string
  digest: string
  size: number
  annotations?: Record<string, string>
}

interface OciManifest {
  schemaVersion: 2
  mediaType: string
  config: Descriptor
  layers: Descriptor[]
  annotations?: Record<string, string>
}

export interface Blob {
  digest: string
  bytes: Buffer
}

/** One signature: the payload that was signed and the annotations that carry the signature and its proof. */
export interface SignatureLayer {
  payload: Buffer
  annotations: Record<string, string>
}

/** What to upload for the signature tag: its blobs first, then its manifest. */
export interface Attachment {
  manifest: Buffer
  blobs: Blob[]
  /** False when the same signature was there already: nothing needs uploading. */
  added: boolean
  /** How many signatures the tag holds with this one. */
  signatures: number
}

/**
 * The simple-signing payload of a digest, byte for byte as cosign writes it (with `"optional": null`): the
 * docker-reference is the repository without a tag, which is what `cosign verify` compares and what a
 * `matchRepository` policy accepts.
 */
export function simpleSigningPayload(dockerReference: string, digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': dockerReference },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature'
      },
      optional: null
    }),
    'utf8'
  )
}

/**
 * The signature tag's next contents: the existing manifest (undefined when the tag is new) with the signature
 * appended. The config is made again from the layers (its diff_ids are the layers' digests), so the old config
 * need not be read.
 */
export function appendSignature(existing: Buffer | undefined, signature: SignatureLayer): Attachment {
  const layers: Descriptor[] = existing ? parseAttachment(existing).layers : []
  const payloadDigest = sha256Digest(signature.payload)
  const same = layers.some(
    l =>
      l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE &&
      l.digest === payloadDigest &&
      sameAnnotations(l.annotations ?? {}, signature.annotations)
  )
  if (same && existing) return { manifest: existing, blobs: [], added: false, signatures: layers.length }
  const next: Descriptor[] = [
    ...layers,
    {
      mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
      digest: payloadDigest,
      size: signature.payload.length,
      annotations: signature.annotations
    }
  ]
  const config = Buffer.from(
    JSON.stringify({
      architecture: '',
      os: '',
      config: {},
      rootfs: { type: 'layers', diff_ids: next.map(l => l.digest) }
    }),
    'utf8'
  )
  const manifest: OciManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_CONFIG, digest: sha256Digest(config), size: config.length },
    layers: next
  }
  return {
    manifest: Buffer.from(JSON.stringify(manifest), 'utf8'),
    blobs: [
      { digest: payloadDigest, bytes: signature.payload },
      { digest: manifest.config.digest, bytes: config }
    ],
    added: true,
    signatures: next.length
  }
}

export const ATTACHMENT_MEDIA_TYPE = OCI_MANIFEST

/** The layers of an attachment manifest read back from the registry. */
export function parseAttachment(body: Buffer): OciManifest {
  const parsed = JSON.parse(body.toString('utf8')) as Partial<OciManifest>
  return {
    schemaVersion: 2,
    mediaType: parsed.mediaType ?? OCI_MANIFEST,
    config: parsed.config ?? { mediaType: OCI_CONFIG, digest: '', size: 0 },
    layers: Array.isArray(parsed.layers) ? parsed.layers : []
  }
}

function sameAnnotations(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k])
}
