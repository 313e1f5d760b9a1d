// ImageStreams and ImageStreamTags: what `oc create imagestream`, `oc get is` and `oc tag` use.
import {
  addTagItem,
  type ImageStreamRecord,
  now,
  renderImageStream,
  type SpecTag,
  streamDigests,
  type TagItem
} from '../imagestreams.js'
import { authorize } from '../rbac.js'
import { type Ctx, setMetadata } from './context.js'
import {
  alreadyExists,
  badRequest,
  conflict,
  failure,
  forbidden,
  invalid,
  nameProblem,
  notFound,
  success
} from './status.js'
import { age, type Column } from './table.js'

const GROUP = 'image.openshift.io'
const API_VERSION = 'image.openshift.io/v1'

interface StatusTagJson {
  tag: string
  items?: TagItem[]
}

function newestUpdate(o: Record<string, unknown>): string | undefined {
  const tags = ((o.status as Record<string, unknown>)?.tags ?? []) as StatusTagJson[]
  return (
    tags
      .map(t => t.items?.[0]?.created ?? '')
      .sort()
      .pop() || undefined
  )
}

const STREAM_COLUMNS: Column[] = [
  { name: 'Name', format: 'name', cell: o => (o.metadata as { name: string }).name },
  {
    name: 'Image Repository',
    cell: o => {
      const s = o.status as Record<string, string>
      return s.publicDockerImageRepository || s.dockerImageRepository
    }
  },
  {
    name: 'Tags',
    cell: o => {
      const tags = (((o.status as Record<string, unknown>).tags ?? []) as StatusTagJson[])
        .slice()
        .sort((a, b) => (b.items?.[0]?.created ?? '').localeCompare(a.items?.[0]?.created ?? ''))
        .map(t => t.tag)
      return tags.length > 3 ? `${tags.slice(0, 3).join(',')} + ${tags.length - 3} more...` : tags.join(',')
    }
  },
  {
    name: 'Updated',
    cell: o => {
      const t = newestUpdate(o)
      return t ? `${age(t)} ago` : ''
    }
  }
]

/** Answers 403 as the quota admission plugin does when one more ImageStream would exceed a quota. */
export function refuseOverQuota(ctx: Ctx, ns: string, name: string): boolean {
  const why = ctx.state.imageStreamQuotaRefusal(ns)
  if (!why) return false
  ctx.fail(
    failure(403, 'Forbidden', `imagestreams.${GROUP} "${name}" is forbidden: ${why}`, {
      name,
      group: GROUP,
      kind: 'imagestreams'
    })
  )
  return true
}

function stream(ctx: Ctx, s: ImageStreamRecord): Record<string, unknown> {
  return renderImageStream(s, ctx.hosts)
}

export function listAllImageStreams(ctx: Ctx): void {
  if (!ctx.allow({ verb: 'list', group: GROUP, resource: 'imagestreams' })) return
  const items = [...ctx.state.projects.values()].flatMap(p =>
    [...p.imageStreams.values()].map(s => stream(ctx, s))
  )
  ctx.sendList('ImageStreamList', API_VERSION, items, STREAM_COLUMNS)
}

export function listImageStreams(ctx: Ctx): void {
  const ns = ctx.params.ns
  if (!ctx.allow({ verb: 'list', group: GROUP, resource: 'imagestreams', namespace: ns })) return
  const selected = ctx.selected([...(ctx.state.projects.get(ns)?.imageStreams.values() ?? [])])
  if (!selected) return
  const items = selected
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .map(s => stream(ctx, s))
  ctx.sendList('ImageStreamList', API_VERSION, items, STREAM_COLUMNS)
}

export function getImageStream(ctx: Ctx): void {
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'get', group: GROUP, resource: 'imagestreams', name, namespace: ns })) return
  const s = ctx.state.imageStream(ns, name)
  if (!s) return ctx.fail(notFound('imagestreams', GROUP, name))
  ctx.sendObject(200, stream(ctx, s), STREAM_COLUMNS)
}

export async function createImageStream(ctx: Ctx): Promise<void> {
  const ns = ctx.params.ns
  if (!ctx.allow({ verb: 'create', group: GROUP, resource: 'imagestreams', namespace: ns })) return
  const body = await ctx.body()
  if (!body) return
  const meta = (body.metadata ?? {}) as Record<string, unknown>
  const name = typeof meta.name === 'string' ? meta.name : ''
  if (typeof meta.namespace === 'string' && meta.namespace && meta.namespace !== ns) {
    return ctx.fail(
      badRequest('the namespace of the provided object does not match the namespace sent on the request')
    )
  }
  const problem = nameProblem(name)
  if (problem) return ctx.fail(invalid('ImageStream', GROUP, name, 'metadata.name', name, problem))
  if (!ctx.state.projects.has(ns)) return ctx.fail(notFound('namespaces', '', ns))
  if (ctx.state.imageStream(ns, name)) return ctx.fail(alreadyExists('imagestreams', GROUP, name))
  if (refuseOverQuota(ctx, ns, name)) return
  const s = ctx.state.createImageStream(ns, name)
  const spec = (body.spec ?? {}) as Record<string, unknown>
  s.lookupLocal = !!(spec.lookupPolicy as { local?: boolean } | undefined)?.local
  setMetadata(s.metadata, meta)
  for (const t of Array.isArray(spec.tags) ? (spec.tags as Record<string, unknown>[]) : []) {
    if (typeof t.name === 'string') setSpecTag(ctx, s, t.name, t, false)
  }
  ctx.send(201, stream(ctx, s))
}

/**
 * PUT and PATCH of an ImageStream change what the access feature needs: `spec.lookupPolicy.local`,
 * labels and annotations. Spec tags change through imagestreamtags; an update's `spec.tags` are
 * ignored here (not modelled), and like the real one an update never creates a stream.
 */
export async function updateImageStream(ctx: Ctx): Promise<void> {
  const { ns, name } = ctx.params
  const patching = ctx.req.method === 'PATCH'
  const verb = patching ? 'patch' : 'update'
  if (!ctx.allow({ verb, group: GROUP, resource: 'imagestreams', name, namespace: ns })) return
  const s = ctx.state.imageStream(ns, name)
  if (!s) {
    ctx.req.resume()
    return ctx.fail(notFound('imagestreams', GROUP, name))
  }
  const body = patching ? await ctx.patched(stream(ctx, s)) : await ctx.body()
  if (!body) return
  const meta = (body.metadata ?? {}) as Record<string, unknown>
  if (meta.name !== name)
    return ctx.fail(badRequest('the name of the object does not match the name on the URL'))
  if (meta.resourceVersion && meta.resourceVersion !== s.metadata.resourceVersion)
    return ctx.fail(conflict('imagestreams', GROUP, name))
  const spec = (body.spec ?? {}) as Record<string, unknown>
  s.lookupLocal = !!(spec.lookupPolicy as { local?: boolean } | undefined)?.local
  setMetadata(s.metadata, meta)
  ctx.state.touch(s)
  ctx.send(200, stream(ctx, s))
}

export function deleteImageStream(ctx: Ctx): void {
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'delete', group: GROUP, resource: 'imagestreams', name, namespace: ns })) return
  const s = ctx.state.imageStream(ns, name)
  if (!s) return ctx.fail(notFound('imagestreams', GROUP, name))
  ctx.state.deleteImageStream(ns, name)
  ctx.send(200, success('imagestreams', GROUP, name, s.metadata.uid))
}

// --- ImageStreamTags

function splitTagName(name: string): [string, string] | undefined {
  const parts = name.split(':')
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : undefined
}

function renderTag(ctx: Ctx, s: ImageStreamRecord, tag: string): Record<string, unknown> | undefined {
  const spec = s.specTags.find(t => t.name === tag)
  const item = s.statusTags.get(tag)?.items[0]
  if (!spec && !item) return undefined
  const image = item ? ctx.state.images.get(item.image) : undefined
  const out: Record<string, unknown> = {
    kind: 'ImageStreamTag',
    apiVersion: API_VERSION,
    metadata: {
      name: `${s.metadata.name}:${tag}`,
      namespace: s.metadata.namespace,
      uid: s.metadata.uid,
      resourceVersion: s.metadata.resourceVersion,
      creationTimestamp: item?.created ?? s.metadata.creationTimestamp
    },
    tag: spec ?? null,
    generation: item?.generation ?? s.metadata.generation,
    lookupPolicy: { local: s.lookupLocal },
    image: item
      ? {
          metadata: { name: item.image, creationTimestamp: image?.created ?? item.created },
          dockerImageReference: item.dockerImageReference,
          dockerImageMetadata: { kind: 'DockerImage', apiVersion: '1.0' },
          dockerImageManifestMediaType: image?.mediaType ?? '',
          dockerImageLayers: (image?.blobs ?? []).slice(1).map(name => ({ name, size: 0, mediaType: '' }))
        }
      : { metadata: {}, dockerImageMetadata: null }
  }
  const conditions = s.statusTags.get(tag)?.conditions
  if (conditions) out.conditions = conditions
  return out
}

const TAG_COLUMNS: Column[] = [
  { name: 'Name', format: 'name', cell: o => (o.metadata as { name: string }).name },
  {
    name: 'Image Reference',
    cell: o => ((o.image as Record<string, unknown>)?.dockerImageReference as string) ?? ''
  },
  {
    name: 'Updated',
    cell: o => `${age((o.metadata as { creationTimestamp: string }).creationTimestamp)} ago`
  }
]

export function listImageStreamTags(ctx: Ctx): void {
  const ns = ctx.params.ns
  if (!ctx.allow({ verb: 'list', group: GROUP, resource: 'imagestreamtags', namespace: ns })) return
  const items: Record<string, unknown>[] = []
  for (const s of ctx.state.projects.get(ns)?.imageStreams.values() ?? []) {
    for (const tag of [...s.statusTags.keys()].sort()) {
      const t = renderTag(ctx, s, tag)
      if (t && s.statusTags.get(tag)?.items.length) items.push(t)
    }
  }
  ctx.sendList('ImageStreamTagList', API_VERSION, items, TAG_COLUMNS)
}

export function getImageStreamTag(ctx: Ctx): void {
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'get', group: GROUP, resource: 'imagestreamtags', name, namespace: ns })) return
  const parts = splitTagName(name)
  if (!parts) return ctx.fail(badRequest(`"${name}" is an invalid name: must be of the form <stream>:<tag>`))
  const s = ctx.state.imageStream(ns, parts[0])
  if (!s) return ctx.fail(notFound('imagestreams', GROUP, parts[0]))
  const t = renderTag(ctx, s, parts[1])
  if (!t) return ctx.fail(notFound('imagestreamtags', GROUP, name))
  ctx.sendObject(200, t, TAG_COLUMNS)
}

/** PUT (update, creating when absent, as `oc tag` expects) and POST (create) of an ImageStreamTag. */
export async function putImageStreamTag(ctx: Ctx): Promise<void> {
  const ns = ctx.params.ns
  const creating = ctx.req.method === 'POST'
  let name = ctx.params.name ?? ''
  if (
    !creating &&
    !ctx.allow({ verb: 'update', group: GROUP, resource: 'imagestreamtags', name, namespace: ns })
  )
    return
  if (creating && !ctx.allow({ verb: 'create', group: GROUP, resource: 'imagestreamtags', namespace: ns }))
    return
  const body = await ctx.body()
  if (!body) return
  const meta = (body.metadata ?? {}) as Record<string, unknown>
  if (creating) name = typeof meta.name === 'string' ? meta.name : ''
  else if (typeof meta.name === 'string' && meta.name !== name) {
    return ctx.fail(badRequest('the name of the object does not match the name on the URL'))
  }
  const parts = splitTagName(name)
  if (!parts)
    return ctx.fail(
      invalid('ImageStreamTag', GROUP, name, 'metadata.name', name, 'must be of the form <stream>:<tag>')
    )
  const tag = body.tag as Record<string, unknown> | null | undefined
  if (!tag) return ctx.fail(invalid('ImageStreamTag', GROUP, name, 'tag', 'null', 'tag is required'))
  if (!ctx.state.projects.has(ns)) return ctx.fail(notFound('namespaces', '', ns))
  const existing = ctx.state.imageStream(ns, parts[0])
  const had =
    !!existing?.specTags.some(t => t.name === parts[1]) || !!existing?.statusTags.get(parts[1])?.items.length
  if (creating && had) return ctx.fail(alreadyExists('imagestreamtags', GROUP, name))
  const from = tag.from as { kind?: string; name?: string; namespace?: string } | undefined
  const srcNs = from?.namespace || ns
  if (from?.kind && srcNs !== ns) {
    // Tagging across projects needs read access to the source's layers.
    const srcName = (from.name ?? '').split(/[@:]/)[0]
    const attrs = {
      verb: 'get',
      group: GROUP,
      resource: 'imagestreams',
      subresource: 'layers',
      name: srcName,
      namespace: srcNs
    }
    if (!authorize(ctx.state, ctx.identity, attrs)) return ctx.fail(forbidden(ctx.identity.username, attrs))
  }
  if (!existing && refuseOverQuota(ctx, ns, parts[0])) return
  const s = existing ?? ctx.state.createImageStream(ns, parts[0])
  setSpecTag(ctx, s, parts[1], tag)
  ctx.send(had ? 200 : 201, renderTag(ctx, s, parts[1]))
}

export function deleteImageStreamTag(ctx: Ctx): void {
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'delete', group: GROUP, resource: 'imagestreamtags', name, namespace: ns })) return
  const parts = splitTagName(name)
  if (!parts) return ctx.fail(badRequest(`"${name}" is an invalid name: must be of the form <stream>:<tag>`))
  const s = ctx.state.imageStream(ns, parts[0])
  if (!s) return ctx.fail(notFound('imagestreams', GROUP, parts[0]))
  const had = s.specTags.some(t => t.name === parts[1]) || s.statusTags.has(parts[1])
  if (!had) return ctx.fail(notFound('imagestreamtags', GROUP, name))
  s.specTags = s.specTags.filter(t => t.name !== parts[1])
  s.statusTags.delete(parts[1])
  s.metadata.generation++
  ctx.state.touch(s)
  ctx.send(200, success('imagestreamtags', GROUP, name))
}

/** Sets a spec tag and, when its source resolves to an image, records it in status (newest first). */
function setSpecTag(
  ctx: Ctx,
  s: ImageStreamRecord,
  tag: string,
  body: Record<string, unknown>,
  bump = true
): void {
  const from = body.from as SpecTag['from'] | undefined
  // A spec change is a new generation, except in the stream's own creation.
  if (bump) s.metadata.generation++
  const generation = s.metadata.generation
  const spec: SpecTag = {
    name: tag,
    annotations: (body.annotations as Record<string, string> | undefined) ?? null,
    generation,
    importPolicy: { importMode: 'Legacy' },
    referencePolicy: { type: (body.referencePolicy as { type?: string } | undefined)?.type ?? 'Source' }
  }
  if (from)
    spec.from = { kind: from.kind, name: from.name, ...(from.namespace ? { namespace: from.namespace } : {}) }
  s.specTags = [...s.specTags.filter(t => t.name !== tag), spec].sort((a, b) => a.name.localeCompare(b.name))
  const resolved = from ? resolveSource(ctx, s.metadata.namespace, from) : undefined
  if (resolved) {
    addTagItem(s, tag, {
      created: now(),
      dockerImageReference: resolved.ref,
      image: resolved.image,
      generation
    })
  } else if (from) {
    const current = s.statusTags.get(tag) ?? { tag, items: [] }
    current.conditions = [
      {
        type: 'ImportSuccess',
        status: 'False',
        lastTransitionTime: now(),
        reason: 'NotFound',
        message: `${from.kind} ${from.name} not found`,
        generation
      }
    ]
    s.statusTags.set(tag, current)
  }
  ctx.state.touch(s)
}

function resolveSource(
  ctx: Ctx,
  ns: string,
  from: NonNullable<SpecTag['from']>
): { ref: string; image: string } | undefined {
  const srcNs = from.namespace || ns
  const name = from.name ?? ''
  if (from.kind === 'ImageStreamImage') {
    const [stream, digest] = name.split('@')
    const src = ctx.state.imageStream(srcNs, stream)
    if (!src || !digest || !streamDigests(src, ctx.state.images).has(digest)) return undefined
    const item = [...src.statusTags.values()].flatMap(t => t.items).find(i => i.image === digest)
    return {
      ref: item?.dockerImageReference ?? `${ctx.hosts.internal}/${srcNs}/${stream}@${digest}`,
      image: digest
    }
  }
  if (from.kind === 'ImageStreamTag') {
    const [stream, tag = 'latest'] = name.split(':')
    const item = ctx.state.imageStream(srcNs, stream)?.statusTags.get(tag)?.items[0]
    return item ? { ref: item.dockerImageReference, image: item.image } : undefined
  }
  if (from.kind === 'DockerImage') {
    const at = name.indexOf('@')
    return at > 0 ? { ref: name, image: name.slice(at + 1) } : undefined
  }
  return undefined
}

/** ImageStreamImage `stream@sha256:D`: an image of the stream, by digest. */
export function getImageStreamImage(ctx: Ctx): void {
  const { ns, name } = ctx.params
  if (!ctx.allow({ verb: 'get', group: GROUP, resource: 'imagestreamimages', name, namespace: ns })) return
  const [streamName, digest] = name.split('@')
  if (!streamName || !digest) {
    return ctx.fail(badRequest(`"${name}" is an invalid name: must be of the form <stream>@<digest>`))
  }
  const s = ctx.state.imageStream(ns, streamName)
  if (!s) return ctx.fail(notFound('imagestreams', GROUP, streamName))
  if (!streamDigests(s, ctx.state.images).has(digest))
    return ctx.fail(notFound('imagestreamimages', GROUP, name))
  const image = ctx.state.images.get(digest)
  const item = [...s.statusTags.values()].flatMap(t => t.items).find(i => i.image === digest)
  ctx.sendObject(200, {
    kind: 'ImageStreamImage',
    apiVersion: API_VERSION,
    metadata: { name, namespace: ns, uid: s.metadata.uid, creationTimestamp: image?.created ?? null },
    image: {
      metadata: { name: digest, creationTimestamp: image?.created ?? null },
      dockerImageReference:
        item?.dockerImageReference ??
        `${ctx.hosts.internal}/${image?.repo ?? `${ns}/${streamName}`}@${digest}`,
      dockerImageManifestMediaType: image?.mediaType ?? ''
    }
  })
}
