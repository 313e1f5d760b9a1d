// The ImageStream model shared by the API and the registry gateway: what a push records, what a
// tag points at, and how a stream is rendered as image.openshift.io/v1 JSON.

export interface ObjectMeta {
  name: string
  namespace?: string
  uid: string
  resourceVersion: string
  creationTimestamp: string
  generation?: number
  labels?: Record<string, string>
  annotations?: Record<string, string>
}

export interface TagItem {
  created: string
  dockerImageReference: string
  image: string
  generation: number
}

export interface TagCondition {
  type: string
  status: string
  lastTransitionTime: string
  reason: string
  message: string
  generation: number
}

export interface StatusTag {
  tag: string
  items: TagItem[]
  conditions?: TagCondition[]
}

export interface SpecTag {
  name: string
  annotations: Record<string, string> | null
  from?: { kind: string; name: string; namespace?: string }
  generation: number | null
  importPolicy: Record<string, unknown>
  referencePolicy: { type: string }
}

export interface ImageStreamRecord {
  metadata: ObjectMeta & { namespace: string; generation: number }
  lookupLocal: boolean
  specTags: SpecTag[]
  statusTags: Map<string, StatusTag>
}

/** An Image (cluster-scoped in OpenShift): a manifest the registry stored, and where it was pushed. */
export interface ImageRecord {
  digest: string
  mediaType: string
  /** `project/name` the manifest was pushed to: where the registry can serve it and its blobs from. */
  repo: string
  blobs: string[]
  /** Manifests an index lists. */
  children: string[]
  created: string
  /** The Image object as written (by the registry's POST or mapping, or the gateway's push), kept whole. */
  object: Record<string, unknown>
}

export interface RegistryHosts {
  internal: string
  public: string
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Prepends an item, newest first; the same image again moves to the front instead of repeating. */
export function addTagItem(stream: ImageStreamRecord, tag: string, item: TagItem): void {
  const current = stream.statusTags.get(tag) ?? { tag, items: [] }
  const rest = current.items.filter(i => i.image !== item.image || !item.image)
  stream.statusTags.set(tag, { tag, items: [item, ...rest] })
}

/** Digests an API client or a puller may reach through this stream: every tagged image and an index's children. */
export function streamDigests(stream: ImageStreamRecord, images: Map<string, ImageRecord>): Set<string> {
  const out = new Set<string>()
  for (const t of stream.statusTags.values()) {
    for (const item of t.items) {
      if (!item.image) continue
      out.add(item.image)
      for (const child of images.get(item.image)?.children ?? []) out.add(child)
    }
  }
  return out
}

export function renderImageStream(stream: ImageStreamRecord, hosts: RegistryHosts): Record<string, unknown> {
  const path = `${stream.metadata.namespace}/${stream.metadata.name}`
  const spec: Record<string, unknown> = { lookupPolicy: { local: stream.lookupLocal } }
  if (stream.specTags.length > 0) spec.tags = stream.specTags
  const status: Record<string, unknown> = { dockerImageRepository: `${hosts.internal}/${path}` }
  // Set only when the cluster has an external registry host (the registry's route).
  if (hosts.public) status.publicDockerImageRepository = `${hosts.public}/${path}`
  const tags = [...stream.statusTags.values()].sort((a, b) => a.tag.localeCompare(b.tag))
  if (tags.length > 0) status.tags = tags
  // A deep copy: callers may change what they get without touching the live state.
  return structuredClone({
    kind: 'ImageStream',
    apiVersion: 'image.openshift.io/v1',
    metadata: stream.metadata,
    spec,
    status
  })
}
