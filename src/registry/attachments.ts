// The tags cosign and containers/image hang on a manifest digest instead of naming an image, on registries
// without the referrers API: `sha256-<hex>.sig` (signatures), `.att` (attestations), `.sbom`, and the bare
// `sha256-<hex>` of the OCI referrers tag fallback (an index of the artifacts whose subject is that digest).
// Pruning must neither count them as image tags nor leave them behind when their digest goes.

const ATTACHMENT_TAG = /^sha256-([0-9a-f]{64})(\.(sig|att|sbom))?$/

/** Whether a tag is an attachment of a digest rather than a name of an image. */
export function isAttachmentTag(tag: string): boolean {
  return ATTACHMENT_TAG.test(tag)
}

/** The digest an attachment tag hangs on, or undefined for an ordinary tag. */
export function attachmentSubject(tag: string): string | undefined {
  const hex = ATTACHMENT_TAG.exec(tag)?.[1]
  return hex ? `sha256:${hex}` : undefined
}

/** The tag that holds the signatures of a manifest digest: `sha256-<hex>.sig`. */
export function signatureTag(digest: string): string {
  return `${digest.replace(':', '-')}.sig`
}
