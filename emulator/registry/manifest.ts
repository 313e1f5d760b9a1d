// Just enough of a manifest to record an Image: its media type, the blobs it uses with their sizes
// and media types, and, for an index, the manifests it lists with their platforms.

export interface BlobDescriptor {
  digest: string
  size: number
  mediaType: string
}

export interface ChildDescriptor extends BlobDescriptor {
  platform?: { architecture?: string; os?: string; variant?: string }
}

export interface ParsedManifest {
  mediaType: string
  /** The config's descriptor, for an image manifest (an index has none). */
  config?: BlobDescriptor
  /** The config first (when there is one), then the layers in the manifest's order. */
  blobs: string[]
  /** Each blob of `blobs` as the manifest describes it (size 0 where it does not say). */
  descriptors: BlobDescriptor[]
  /** Manifests an index lists. */
  children: string[]
  childDescriptors: ChildDescriptor[]
}

function descriptor(d: unknown): ChildDescriptor | undefined {
  if (!d || typeof d !== 'object') return undefined
  const o = d as Record<string, unknown>
  if (typeof o.digest !== 'string') return undefined
  const out: ChildDescriptor = {
    digest: o.digest,
    size: typeof o.size === 'number' ? o.size : 0,
    mediaType: typeof o.mediaType === 'string' ? o.mediaType : ''
  }
  if (o.platform && typeof o.platform === 'object') out.platform = o.platform as ChildDescriptor['platform']
  return out
}

function descriptors(list: unknown): ChildDescriptor[] {
  if (!Array.isArray(list)) return []
  return list.map(descriptor).filter((d): d is ChildDescriptor => !!d)
}

export function parseManifest(body: Buffer, contentType: string): ParsedManifest {
  let doc: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'))
    if (parsed && typeof parsed === 'object') doc = parsed as Record<string, unknown>
  } catch {
    // Not JSON: the registry has accepted it anyway, so it is recorded without blobs.
  }
  const mediaType = typeof doc.mediaType === 'string' ? doc.mediaType : contentType.split(';')[0].trim()
  const config = descriptor(doc.config)
  const blobDescriptors: BlobDescriptor[] = [
    ...(config ? [{ digest: config.digest, size: config.size, mediaType: config.mediaType }] : []),
    ...descriptors(doc.layers).map(({ digest, size, mediaType }) => ({ digest, size, mediaType })),
    ...(Array.isArray(doc.fsLayers)
      ? doc.fsLayers
          .map((l: { blobSum?: unknown }) => l?.blobSum)
          .filter((d): d is string => typeof d === 'string' && !!d)
          .map(digest => ({ digest, size: 0, mediaType: '' }))
      : [])
  ]
  const children = descriptors(doc.manifests)
  return {
    mediaType,
    ...(config ? { config: { digest: config.digest, size: config.size, mediaType: config.mediaType } } : {}),
    blobs: blobDescriptors.map(d => d.digest),
    descriptors: blobDescriptors,
    children: children.map(d => d.digest),
    childDescriptors: children
  }
}
