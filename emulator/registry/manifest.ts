// Just enough of a manifest to record an Image: its media type, the blobs it uses and, for an
// index, the manifests it lists.

export interface ParsedManifest {
  mediaType: string
  blobs: string[]
  children: string[]
}

interface Descriptor {
  digest?: unknown
}

function digests(list: unknown): string[] {
  if (!Array.isArray(list)) return []
  return list.map((d: Descriptor) => d?.digest).filter((d): d is string => typeof d === 'string')
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
  const config = (doc.config as Descriptor | undefined)?.digest
  const blobs = [
    ...(typeof config === 'string' ? [config] : []),
    ...digests(doc.layers),
    ...(Array.isArray(doc.fsLayers)
      ? doc.fsLayers.map((l: { blobSum?: string }) => l?.blobSum).filter((d): d is string => !!d)
      : [])
  ]
  return { mediaType, blobs, children: digests(doc.manifests) }
}
