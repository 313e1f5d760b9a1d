// The image documents this action reads, one shape each: a manifest as the registry serves it, and the parts of an
// image manifest, an index (OCI and Docker's v2 schema 2 alike) and an image config that the push, the promotion
// and the engines look at. Pure: no I/O.
import { createHash } from 'node:crypto'

/** A manifest as served: its digest, its media type and its exact bytes (a PUT of the same bytes keeps the digest). */
export interface Manifest {
  digest: string
  mediaType: string
  body: Buffer
}

/** What an image runs on: in an image config, and in each entry of an index. */
export interface OciPlatform {
  os?: string
  architecture?: string
  variant?: string
}

/** An image manifest (config and layers) or an index (manifests), as parsed from its bytes. */
export interface ManifestDocument {
  manifests?: { digest: string; platform?: OciPlatform }[]
  config?: { digest: string }
  layers?: { digest: string; size: number; mediaType?: string; urls?: string[] }[]
}

/** The digest registries name a blob or a manifest by: `sha256:` and the hex SHA-256 of its exact bytes. */
export function sha256Digest(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

export function parseManifest(body: Buffer): ManifestDocument {
  return JSON.parse(body.toString('utf8')) as ManifestDocument
}

/** An image config: what it runs on, and its layers' diffIDs (uncompressed digests), bottom first. */
export interface ImageConfig extends OciPlatform {
  rootfs?: { diff_ids?: string[] }
}

export function parseImageConfig(body: Buffer): ImageConfig {
  return JSON.parse(body.toString('utf8')) as ImageConfig
}

/** `linux/amd64`, or `linux/arm/v7` with a variant; '' when the OS or the architecture is unknown. */
export function platformOf(os?: string, architecture?: string, variant?: string): string {
  if (!os || !architecture) return ''
  return [os, architecture, variant].filter(Boolean).join('/')
}

/**
 * The platforms an index holds images for, each once; attestation entries (`unknown/unknown`, which BuildKit adds
 * beside each image) and entries without a platform are left out.
 */
export function indexPlatforms(doc: ManifestDocument): string[] {
  const platforms = (doc.manifests ?? [])
    .map(m => platformOf(m.platform?.os, m.platform?.architecture, m.platform?.variant))
    .filter(p => p && p !== 'unknown/unknown')
  return [...new Set(platforms)]
}

/**
 * What a manifest is an image of: its config's digest (Docker's image ID) for an image manifest, or its own
 * digest for an index, which has no single config.
 */
export function imageIdentity(manifest: Manifest): string {
  try {
    return parseManifest(manifest.body).config?.digest ?? manifest.digest
  } catch {
    return manifest.digest
  }
}
