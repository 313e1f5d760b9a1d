// The API the integrated registry itself calls with its own account (openshift/image-registry's
// `dockerregistry`): ImageStreamMappings, Images, a stream's layers and pull secrets, LimitRanges, and the
// mirror policies of pull-through (always empty here). Answers as openshift-apiserver writes them.
import { createImage, type ImageObject, imageSize, renderImage, renderImageStreamLayers } from '../images.js'
import { applyImageStreamMapping } from '../mapping.js'
import { imageLimitRefusal } from '../registry/limits.js'
import type { Ctx } from './context.js'
import { alreadyExists, badRequest, conflict, failure, notFound } from './status.js'

const GROUP = 'image.openshift.io'
const TAG = /^[\w][\w.-]{0,127}$/

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

function required(kind: string, name: string, field: string): ReturnType<typeof failure> {
  return failure(422, 'Invalid', `${kind}.${GROUP} "${name}" is invalid: ${field}: Required value`, {
    name,
    group: GROUP,
    kind,
    causes: [{ reason: 'FieldValueRequired', message: 'Required value', field }]
  })
}

/**
 * POST imagestreammappings: the tag event the registry writes after each tagged manifest PUT. A missing
 * stream is the 404 the registry looks for before it creates the stream as the user: the apiserver reads
 * the stream under the request's own resource, so the details name `imagestreammappings` and the stream.
 * A conflict the ten attempts could not get past is the 409 of the same resource.
 */
export async function createImageStreamMapping(ctx: Ctx): Promise<void> {
  const ns = ctx.params.ns
  if (!ctx.allow({ verb: 'create', group: GROUP, resource: 'imagestreammappings', namespace: ns })) return
  const body = await ctx.body()
  if (!body) return
  const meta = (body.metadata ?? {}) as Record<string, unknown>
  if (str(meta.namespace) && meta.namespace !== ns) {
    return ctx.fail(
      badRequest('the namespace of the provided object does not match the namespace sent on the request')
    )
  }
  const name = str(meta.name)
  const image = (body.image ?? {}) as ImageObject
  if (!str(image.metadata?.name)) return ctx.fail(required('ImageStreamMapping', name, 'image.metadata.name'))
  const tag = str(body.tag)
  if (tag && !TAG.test(tag)) {
    const cause = `Invalid value: ${JSON.stringify(tag)}: must match "${TAG.source}"`
    return ctx.fail(
      failure(422, 'Invalid', `ImageStreamMapping.${GROUP} "${name}" is invalid: tag: ${cause}`, {
        name,
        group: GROUP,
        kind: 'ImageStreamMapping',
        causes: [{ reason: 'FieldValueInvalid', message: cause, field: 'tag' }]
      })
    )
  }
  const outcome = await applyImageStreamMapping(
    ctx.state,
    { namespace: ns, stream: name, tag, image },
    ctx.mapping
  )
  switch (outcome) {
    case 'written':
    case 'unchanged':
      return ctx.send(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 })
    case 'namespace-missing':
      return ctx.fail(notFound('namespaces', '', ns))
    case 'stream-gone':
      return ctx.fail(notFound('imagestreammappings', GROUP, name))
    case 'limit-exceeded': {
      const why = imageLimitRefusal(ctx.state, ns, imageSize(image)) ?? ''
      return ctx.fail(
        failure(403, 'Forbidden', `imagestreammappings.${GROUP} "${name}" is forbidden: ${why}`, {
          name,
          group: GROUP,
          kind: 'imagestreammappings'
        })
      )
    }
    case 'invalid-image':
      return ctx.fail(required('ImageStreamMapping', name, 'image.metadata.name'))
    case 'conflict':
    case 'tag-changed':
      return ctx.fail(conflict('imagestreammappings', GROUP, name))
  }
}

/** POST images (cluster-scoped): what the registry writes for a manifest pushed by digest. */
export async function createImageObject(ctx: Ctx): Promise<void> {
  if (!ctx.allow({ verb: 'create', group: GROUP, resource: 'images' })) return
  const body = await ctx.body()
  if (!body) return
  const result = createImage(ctx.state, body as ImageObject)
  if ('invalid' in result) return ctx.fail(required('Image', '', 'metadata.name'))
  if ('exists' in result) return ctx.fail(alreadyExists('images', GROUP, result.exists.digest))
  ctx.send(201, renderImage(result.created))
}

export function getImageObject(ctx: Ctx): void {
  const name = ctx.params.name
  if (!ctx.allow({ verb: 'get', group: GROUP, resource: 'images', name })) return
  const record = ctx.state.images.get(name)
  if (!record) return ctx.fail(notFound('images', GROUP, name))
  ctx.sendObject(200, renderImage(record))
}

/** GET imagestreams/{name}/layers: the images the stream reaches and their blobs. */
export function getImageStreamLayers(ctx: Ctx): void {
  const { ns, name } = ctx.params
  const attrs = {
    verb: 'get',
    group: GROUP,
    resource: 'imagestreams',
    subresource: 'layers',
    name,
    namespace: ns
  }
  if (!ctx.allow(attrs)) return
  const stream = ctx.state.imageStream(ns, name)
  if (!stream) return ctx.fail(notFound('imagestreams', GROUP, name))
  ctx.send(200, renderImageStreamLayers(ctx.state, stream))
}

/**
 * GET imagestreams/{name}/secrets: the project's pull secrets, for pull-through. The apiserver ignores
 * the name (the stream need not exist); the emulator keeps no secrets, so the list is empty.
 */
export function getImageStreamSecrets(ctx: Ctx): void {
  const { ns, name } = ctx.params
  const attrs = {
    verb: 'get',
    group: GROUP,
    resource: 'imagestreams',
    subresource: 'secrets',
    name,
    namespace: ns
  }
  if (!ctx.allow(attrs)) return
  ctx.send(200, { kind: 'SecretList', apiVersion: 'v1', metadata: {}, items: [] })
}

/** GET limitranges: the project's LimitRanges (StateSpec.limitRanges), which the registry enforces on blobs. */
export function listLimitRanges(ctx: Ctx): void {
  const ns = ctx.params.ns
  if (!ctx.allow({ verb: 'list', group: '', resource: 'limitranges', namespace: ns })) return
  const items = [...(ctx.state.limitRanges.get(ns) ?? new Map()).entries()].map(([name, limits]) => ({
    kind: 'LimitRange',
    apiVersion: 'v1',
    metadata: { name, namespace: ns },
    spec: { limits: structuredClone(limits) }
  }))
  ctx.sendList('LimitRangeList', 'v1', items)
}

/** The cluster's mirror policies, which pull-through reads (4.13: ICSP; 4.16 also IDMS and ITMS): none. */
export function emptyClusterList(group: string, version: string, resource: string, kind: string) {
  return (ctx: Ctx): void => {
    if (!ctx.allow({ verb: 'list', group, resource })) return
    ctx.sendList(kind, `${group}/${version}`, [])
  }
}
