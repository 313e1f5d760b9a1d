// Image objects (image.openshift.io/v1, cluster-scoped), as the registry writes them through
// `POST images` and ImageStreamMappings and as the API serves them: kept whole as written, with the
// few facts the emulator needs beside (where the manifest lives, its blobs and children) derived once.
// Also the ImageStreamLayers view of a stream, which the real registry asks for on every blob check.
import { type ImageRecord, type ImageStreamRecord, now, streamDigests } from './imagestreams.js'
import { type BlobDescriptor, type ParsedManifest, parseManifest } from './registry/manifest.js'
import type { State } from './state.js'

export const IMAGE_API_VERSION = 'image.openshift.io/v1'

/** The annotations the registry puts on every Image it pushes. */
export const MANAGED_ANNOTATIONS = {
  'image.openshift.io/dockerLayersOrder': 'ascending',
  'image.openshift.io/manifestBlobStored': 'true',
  'openshift.io/image.managed': 'true'
}

export type ImageObject = Record<string, unknown> & {
  metadata?: { name?: string; annotations?: Record<string, string> } & Record<string, unknown>
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

/** `host/ns/name@sha256:D` (or `ns/name@...`, or with a tag) -> `ns/name`; '' when it is not such a reference. */
export function repositoryOf(reference: string): string {
  const parts = reference.split('@')[0].split('/')
  // A host is the first of three components, or one with a dot or a port, or localhost.
  if (parts.length > 2 || (parts.length === 2 && /[.:]|^localhost$/.test(parts[0]))) parts.shift()
  if (parts.length !== 2) return ''
  parts[1] = parts[1].split(':')[0]
  return parts.join('/')
}

/**
 * The Image the registry creates for a manifest it stored (manifestService.Put): named by digest,
 * managed, referenced at `reference`, its layers and (for an index) its manifests described.
 */
export function imageForManifest(digest: string, reference: string, manifest: ParsedManifest): ImageObject {
  const config = manifest.config
  const layers = config ? manifest.descriptors.slice(1) : manifest.descriptors
  const image: ImageObject = {
    kind: 'Image',
    apiVersion: IMAGE_API_VERSION,
    metadata: { name: digest, annotations: { ...MANAGED_ANNOTATIONS } },
    dockerImageReference: reference,
    dockerImageMetadata: {
      kind: 'DockerImage',
      apiVersion: '1.0',
      ...(config ? { Id: config.digest } : {}),
      // The config and each distinct layer, as the apiserver sums them.
      Size:
        (config?.size ?? 0) +
        [...new Map(layers.map(l => [l.digest, l.size])).values()].reduce((a, b) => a + b, 0)
    },
    dockerImageMetadataVersion: '1.0',
    dockerImageManifestMediaType: manifest.mediaType,
    dockerImageLayers: layers.map(l => ({ name: l.digest, size: l.size, mediaType: l.mediaType }))
  }
  if (manifest.childDescriptors.length > 0) {
    image.dockerImageManifests = manifest.childDescriptors.map(c => ({
      digest: c.digest,
      mediaType: c.mediaType,
      manifestSize: c.size,
      architecture: c.platform?.architecture ?? '',
      os: c.platform?.os ?? '',
      ...(c.platform?.variant ? { variant: c.platform.variant } : {})
    }))
  }
  return image
}

/**
 * An image's size as the apiserver computes it for the LimitRange admission: the config and each distinct
 * layer (an index: 0). From the metadata when the writer gave it, else from the layers.
 */
export function imageSize(object: ImageObject): number {
  const metadata = (object.dockerImageMetadata ?? {}) as Record<string, unknown>
  if (typeof metadata.Size === 'number') return metadata.Size
  const layers = Array.isArray(object.dockerImageLayers)
    ? (object.dockerImageLayers as Record<string, unknown>[])
    : []
  const seen = new Map(layers.map(l => [str(l.name), typeof l.size === 'number' ? l.size : 0]))
  const manifestText = str(object.dockerImageManifest)
  const config = manifestText ? (parseManifest(Buffer.from(manifestText), '').config?.size ?? 0) : 0
  return config + [...seen.values()].reduce((a, b) => a + b, 0)
}

/** What the emulator needs of an Image written by anyone: derived from the object itself. */
function recordOf(digest: string, object: ImageObject, created: string): ImageRecord {
  const manifestText = str(object.dockerImageManifest)
  const parsed = manifestText ? parseManifest(Buffer.from(manifestText), '') : undefined
  const listed = Array.isArray(object.dockerImageLayers)
    ? (object.dockerImageLayers as Record<string, unknown>[]).map(l => ({
        digest: str(l.name),
        size: typeof l.size === 'number' ? l.size : 0,
        mediaType: str(l.mediaType)
      }))
    : []
  const metadata = (object.dockerImageMetadata ?? {}) as Record<string, unknown>
  const configId = str(metadata.Id) || str(metadata.id)
  const config = parsed?.descriptors[0]?.digest === configId || !configId ? undefined : configId
  const blobs = parsed?.blobs.length
    ? parsed.blobs
    : [...(config ? [config] : []), ...listed.map(l => l.digest)]
  const children = Array.isArray(object.dockerImageManifests)
    ? (object.dockerImageManifests as Record<string, unknown>[]).map(m => str(m.digest)).filter(Boolean)
    : (parsed?.children ?? [])
  return {
    digest,
    mediaType: str(object.dockerImageManifestMediaType) || (parsed?.mediaType ?? ''),
    repo: repositoryOf(str(object.dockerImageReference)),
    blobs,
    children,
    created,
    object
  }
}

export type CreateImageResult = { created: ImageRecord } | { exists: ImageRecord } | { invalid: string }

/**
 * Stores an Image unless one of that name exists (images are immutable: the first write stays).
 * The object is kept whole, with the metadata the API server gives every object.
 */
export function createImage(state: State, object: ImageObject): CreateImageResult {
  const name = str(object.metadata?.name)
  if (!name) return { invalid: 'metadata.name' }
  const existing = state.images.get(name)
  if (existing) return { exists: existing }
  const meta = state.meta(name)
  const stored: ImageObject = {
    kind: 'Image',
    apiVersion: IMAGE_API_VERSION,
    ...structuredClone(object),
    metadata: {
      ...structuredClone(object.metadata ?? {}),
      name,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      creationTimestamp: meta.creationTimestamp
    }
  }
  stored.kind = 'Image'
  stored.apiVersion = IMAGE_API_VERSION
  delete (stored.metadata as Record<string, unknown>).namespace
  const record = recordOf(name, stored, now())
  state.images.set(name, record)
  return { created: record }
}

/** The Image as `GET images/{digest}` answers: a copy of what was written. */
export function renderImage(record: ImageRecord): Record<string, unknown> {
  return structuredClone(record.object)
}

function configMediaType(record: ImageRecord): string {
  return record.mediaType.startsWith('application/vnd.oci.')
    ? 'application/vnd.oci.image.config.v1+json'
    : 'application/vnd.docker.container.image.v1+json'
}

function layersOf(record: ImageRecord): BlobDescriptor[] {
  const listed = Array.isArray(record.object.dockerImageLayers)
    ? (record.object.dockerImageLayers as Record<string, unknown>[])
    : []
  return listed.map(l => ({
    digest: str(l.name),
    size: typeof l.size === 'number' ? l.size : 0,
    mediaType: str(l.mediaType)
  }))
}

/**
 * ImageStreamLayers: every image the stream reaches (tagged, and an index's children), with its
 * layers, config and manifests, and every blob among them with its size, as the registry reads them
 * to decide which blobs a repository may serve.
 */
export function renderImageStreamLayers(state: State, stream: ImageStreamRecord): Record<string, unknown> {
  const blobs: Record<string, { size: number; mediaType: string }> = {}
  const images: Record<string, Record<string, unknown>> = {}
  for (const digest of [...streamDigests(stream, state.images)].sort()) {
    const record = state.images.get(digest)
    if (!record) {
      images[digest] = { layers: null, config: null, imageMissing: true }
      continue
    }
    const layers = layersOf(record)
    for (const l of layers) blobs[l.digest] = { size: l.size, mediaType: l.mediaType }
    const layerNames = new Set(layers.map(l => l.digest))
    const config = record.blobs.find(b => !layerNames.has(b))
    // The config's size is not in the Image; the API leaves it out, as the real one does.
    if (config)
      blobs[config] ??= { mediaType: configMediaType(record) } as { size: number; mediaType: string }
    const entry: Record<string, unknown> = { layers: layers.map(l => l.digest), config: config ?? null }
    if (record.children.length > 0) entry.manifests = [...record.children]
    images[digest] = entry
  }
  return {
    kind: 'ImageStreamLayers',
    apiVersion: IMAGE_API_VERSION,
    metadata: structuredClone(stream.metadata),
    blobs,
    images
  }
}
