// The Docker engine's layers moved by the action itself (classic image store): what `docker push` does, without
// its costs. The daemon's push gzips each layer on one core and opens a new connection (TCP and TLS) for every
// registry request, and re-checks every layer of an unchanged image; here the image is read from the engine's
// export (`docker save`, by image ID) as it streams, each new layer is gzipped on every core (image/gzip.ts) and
// streamed to the registry on the run's kept-alive connections, and the registry is asked first what it has:
//
// 1. Plan: the manifest each requested tag points at now, and its config. A tag whose config is the source's (the
//    image ID) means the registry holds exactly the source: nothing is exported or uploaded. Otherwise the
//    configs' diffIDs, paired with their manifests' layers, name the compressed blobs the stream already has;
//    each is confirmed by a HEAD in the repository before it is used.
// 2. Export: the tar is read as it arrives, in either layout `docker save` writes (legacy, Docker <= 24:
//    `<v1id>/layer.tar` and `<id>.json`; OCI, Docker >= 25: `blobs/sha256/<hex>`, a layer's name its diffID).
//    A layer the registry has is skipped unread. In the legacy layout a layer's directory is named by its v1 ID,
//    derived from its position in the image: the `json` before each `layer.tar` says which position it is, so a
//    known layer is skipped there too; one not identified is uploaded as it is hashed, and the upload abandoned if
//    it turns out to be known.
// 3. Upload: POST, one streamed PATCH of the gzip as it is made, PUT ?digest=; a few layers in flight at once,
//    each holding a few MiB. Then the config (whose digest must be the image ID) and a Docker schema 2 manifest
//    under the first tag, as `docker push` would write it.
import { once } from 'node:events'
import { PassThrough, type Readable } from 'node:stream'

import { gzipLayer } from '../image/gzip.js'
import {
  type ImageConfig,
  type Manifest,
  type ManifestDocument,
  parseImageConfig,
  parseManifest,
  sha256Digest
} from '../image/oci.js'
import { UserError } from '../util/errors.js'
import { readTar, TarError } from '../util/tar.js'
import type { PushProgress } from './push-progress.js'

export const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json'
const CONFIG_TYPE = 'application/vnd.docker.container.image.v1+json'
const LAYER_TYPE = 'application/vnd.docker.image.rootfs.diff.tar.gzip'
/** The layer types whose blobs are gzip, as Docker's own: a manifest of ours may name them as Docker's. */
const GZIP_LAYER_TYPES = new Set([LAYER_TYPE, 'application/vnd.oci.image.layer.v1.tar+gzip'])

/** Layers uploaded at once: the export is one stream, so more would only wait; each holds a few MiB. */
const LAYERS_IN_FLIGHT = 3
/** What a layer's upload holds between the compressor and the connection. */
const PIPE_BYTES = 1024 * 1024

/** A blob in the registry as a manifest names it. */
export interface Blob {
  digest: string
  size: number
  mediaType: string
}

/** What the mover needs of the registry: RegistryClient's calls, a fake in the unit tests. */
export interface LayerRegistry {
  findManifest(repository: string, reference: string): Promise<Manifest | undefined>
  getBlob(repository: string, digest: string): Promise<Buffer>
  hasBlob(repository: string, digest: string): Promise<boolean>
  openUpload(repository: string): Promise<string>
  streamUpload(location: string, body: Readable, signal?: AbortSignal): Promise<string>
  finishUpload(location: string, digest: string, bytes?: Buffer): Promise<void>
  cancelUpload(location: string): Promise<void>
  putManifest(repository: string, tag: string, manifest: Manifest): Promise<string>
}

/** What the registry has of the source, as the requested tags show it. */
export type PushPlan =
  /** A tag holds the source itself: this manifest is what the push delivers. */
  | { held: Manifest; tag: string }
  /** diffID -> the compressed blob the tags' images carry for it (to be confirmed by a HEAD). */
  | { known: Map<string, Blob> }

/**
 * Reads what each tag points at now, all at once; a tag that cannot be read only teaches nothing. `prefetched`
 * holds the tags' manifests when the preflight read them already (PushContext.tagManifests): a tag it lacks, or a
 * prefetch that failed, is read here.
 */
export async function planPush(
  registry: LayerRegistry,
  repository: string,
  tags: string[],
  imageId: string,
  prefetched?: Promise<Map<string, Manifest | undefined>>
): Promise<PushPlan> {
  const early = await prefetched?.catch(() => undefined)
  const seen = await Promise.all(
    tags.map(async tag => {
      const manifest = early?.has(tag)
        ? early.get(tag)
        : await registry.findManifest(repository, tag).catch(() => undefined)
      if (!manifest) return undefined
      let doc: ManifestDocument
      try {
        doc = parseManifest(manifest.body)
      } catch {
        return undefined
      }
      const config = doc.config?.digest
      // An index has no config: its images are not Docker's single-platform source.
      if (!config || !doc.layers) return undefined
      if (config === imageId) return { tag, manifest, pairs: [] }
      const body = await registry.getBlob(repository, config).catch(() => undefined)
      const diffIds = body ? parseConfig(body)?.rootfs?.diff_ids : undefined
      if (!diffIds || diffIds.length !== doc.layers.length) return { tag, manifest: undefined, pairs: [] }
      const pairs = diffIds.map((diffId, i) => [diffId, doc.layers![i]] as const)
      return { tag, manifest: undefined, pairs }
    })
  )
  // The first tag holding it needs no PUT at all; any other tag's manifest is put under the first.
  const held = seen.find(s => s?.manifest)
  if (held?.manifest) return { held: held.manifest, tag: held.tag }
  const known = new Map<string, Blob>()
  for (const s of seen) {
    for (const [diffId, layer] of s?.pairs ?? []) {
      if (!GZIP_LAYER_TYPES.has(layer.mediaType ?? '') || layer.urls?.length) continue
      known.set(diffId, { digest: layer.digest, size: layer.size, mediaType: LAYER_TYPE })
    }
  }
  return { known }
}

function parseConfig(body: Buffer): ImageConfig | undefined {
  try {
    return parseImageConfig(body)
  } catch {
    return undefined
  }
}

/** The chain IDs of the layers (the identity of the stack up to each): the first is its diffID. */
export function chainIds(diffIds: string[]): string[] {
  const chain: string[] = []
  for (const diffId of diffIds) {
    const below = chain[chain.length - 1]
    chain.push(below ? sha256Digest(`${below} ${diffId}`) : diffId)
  }
  return chain
}

/**
 * The position in the image of a legacy export's layer directory, from its `json`: the directory is named by the
 * layer's v1 ID, which Docker derives (v1.CreateID) from that JSON without its `id` (and, below the top, without
 * the `os` it adds after), with the layer's chain ID as `layer_id` and the parent's v1 ID as `parent`, its keys in
 * order, each value as written. Undefined when no position gives the name: the layer is then found by its bytes.
 */
export function legacyLayerPosition(json: string, v1Id: string, chain: string[]): number | undefined {
  const fields = topLevelFields(json)
  if (!fields) return undefined
  const parent = fields.get('parent')
  const base = new Map(fields)
  base.delete('id')
  base.delete('parent')
  let parentId: string | undefined
  try {
    parentId = parent ? (JSON.parse(parent) as string) : undefined
  } catch {
    return undefined
  }
  for (const withOs of [false, true]) {
    const values = new Map(base)
    if (!withOs) values.delete('os')
    if (parentId) values.set('parent', JSON.stringify(`sha256:${parentId}`))
    for (let i = 0; i < chain.length; i++) {
      values.set('layer_id', JSON.stringify(chain[i]))
      const keys = [...values.keys()].sort()
      const text = `{${keys.map(k => `${JSON.stringify(k)}:${values.get(k)}`).join(',')}}`
      if (sha256Digest(text) === `sha256:${v1Id}`) return i
    }
  }
  return undefined
}

/** A JSON object's top-level keys with their values' exact text, or undefined when it is not one. */
function topLevelFields(text: string): Map<string, string> | undefined {
  const fields = new Map<string, string>()
  let i = text.indexOf('{') + 1
  if (i === 0) return undefined
  const space = () => {
    while (/\s/.test(text[i] ?? '')) i++
  }
  const string = () => {
    const start = i
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++
    i++
    return text.slice(start, i)
  }
  for (;;) {
    space()
    if (text[i] === ',') {
      i++
      space()
    }
    if (text[i] === '}') return fields
    if (text[i] !== '"') return undefined
    const key = JSON.parse(string()) as string
    space()
    if (text[i++] !== ':') return undefined
    space()
    const start = i
    let depth = 0
    for (; i < text.length; i++) {
      const c = text[i]
      if (c === '"') {
        string()
        i--
      } else if (c === '{' || c === '[') depth++
      else if (c === '}' || c === ']') {
        if (depth === 0) break
        depth--
      } else if (c === ',' && depth === 0) break
    }
    if (i >= text.length) return undefined
    fields.set(key, text.slice(start, i).trim())
  }
}

export interface MoveRequest {
  registry: LayerRegistry
  repository: string
  /** The tag the manifest is put under. */
  tag: string
  /** Every tag of the run, the first first: what they point at now is what the registry has. */
  tags: string[]
  /** The image ID (its config's digest) and its layers' diffIDs, bottom first, as the engine reports them. */
  source: { id: string; diffIds: string[] }
  /** The engine's export of the image by ID, as it streams. */
  exportImage(signal: AbortSignal): Promise<AsyncIterable<Buffer>>
  progress: PushProgress
  /** The run's stop (cancel, timeout): everything in flight ends. */
  signal: AbortSignal
  /** Layers this run uploaded on an earlier try (diffID -> blob), confirmed by HEAD before they are used. */
  uploaded: Map<string, Blob>
  /** The tags' manifests as the preflight read them, when it could (see planPush). */
  tagManifests?: Promise<Map<string, Manifest | undefined>>
}

/** What a push did: the manifest's digest, and whether anything was exported. */
export interface Moved {
  digest: string
  exported: boolean
  /** The manifest under `digest`: as read under a tag that held the source, or as put by this push. */
  manifest: Manifest
  /**
   * What `tag` was seen to point at, when nothing was put under it (it held the source already): the plan's read
   * of the tag is then the tag's read-back, and the push stage need not ask again.
   */
  tagSeen?: string
}

/** The upload was given up: the layer turned out to be one the registry has. */
class Abandoned extends Error {}

/** Pushes the source under `tag`; returns the digest of the manifest that the tag now points at. */
export async function moveImage(req: MoveRequest): Promise<Moved> {
  const { registry, repository, source, progress } = req
  const plan = await planPush(registry, repository, req.tags, source.id, req.tagManifests)
  const distinct = [...new Set(source.diffIds)]
  if ('held' in plan) {
    progress.allPresent(distinct.map(short))
    const { held } = plan
    // Nothing is put under a tag that holds the source: the plan's read of it (in the preflight's round, when that
    // read it) is what the tag was seen to hold, and so its read-back.
    if (plan.tag === req.tag)
      return { digest: held.digest, exported: false, manifest: held, tagSeen: held.digest }
    const digest = await registry.putManifest(repository, req.tag, held)
    return { digest, exported: false, manifest: held }
  }
  // Known blobs are used only once the repository is seen to hold them; the config too, which then needs no
  // upload (asked only where some layer may be there: a new image's config is new).
  const candidates = new Map([...plan.known, ...req.uploaded])
  const [configHeld, ...confirmed] = await Promise.all([
    candidates.size > 0 && registry.hasBlob(repository, source.id),
    ...distinct.map(async diffId => {
      const blob = candidates.get(diffId)
      return blob && (await registry.hasBlob(repository, blob.digest)) ? blob : undefined
    })
  ])
  const have = new Map<string, Blob>()
  distinct.forEach((diffId, i) => {
    const blob = confirmed[i]
    if (blob) have.set(diffId, blob)
    progress.count(short(diffId), blob ? { done: true, present: true } : {})
  })
  const exported = !(configHeld && distinct.every(d => have.has(d)))
  // The config is read from the registry when it has it and no layer is missing: nothing is exported at all.
  const config = exported
    ? await exportAndUpload(req, have, distinct, configHeld)
    : await registry.getBlob(repository, source.id)
  const manifest = schema2Manifest(config, source.id, have)
  const digest = await registry.putManifest(repository, req.tag, manifest)
  progress.finish()
  return { digest, exported, manifest }
}

/**
 * Reads the export and uploads every layer `have` lacks; returns the config's bytes (uploaded unless the registry
 * has it). `have` gains each layer uploaded.
 */
async function exportAndUpload(
  req: MoveRequest,
  have: Map<string, Blob>,
  distinct: string[],
  configHeld: boolean
): Promise<Buffer> {
  const { registry, repository, source } = req
  const stop = new AbortController()
  // The upload sessions are opened while the engine prepares its export (Docker <= 24 writes it whole to disk
  // before the first byte): one round trip each, off the path of the bytes. One is left over when a legacy
  // layer turns out to be known; what is left is given up at the end.
  const uploads = distinct.filter(d => !have.has(d)).length + (configHeld ? 0 : 1)
  const sessions = Array.from({ length: uploads }, () => registry.openUpload(repository))
  for (const s of sessions) s.catch(() => undefined)
  const session = () => sessions.shift() ?? registry.openUpload(repository)
  const onStop = () => stop.abort(req.signal.reason)
  req.signal.addEventListener('abort', onStop, { once: true })
  const chain = chainIds(source.diffIds)
  const inFlight = new Set<Promise<void>>()
  /** diffIDs being uploaded, so that a layer met twice (a legacy export's link) goes up once. */
  const started = new Set<string>()
  let failure: unknown
  const fail = (err: unknown) => {
    failure ??= err
    stop.abort(err)
  }
  const track = (work: Promise<void>) => {
    const entry = work.catch(fail).finally(() => inFlight.delete(entry))
    inFlight.add(entry)
    return entry
  }
  const upload = (body: AsyncIterable<Buffer>, name: string, expected: string | undefined) => {
    if (expected) started.add(expected)
    const layer = new LayerUpload(req, stop.signal, have, name, session())
    const { input, consumed } = tracked(body)
    const work = track(
      layer.run(input).then(result => {
        if (!result) return
        have.set(result.diffId, result.blob)
        req.uploaded.set(result.diffId, result.blob)
      })
    )
    // The next member of the tar is read once this one has been read whole; its upload goes on meanwhile.
    return Promise.race([consumed, work])
  }
  const needed = () => distinct.every(d => have.has(d) || started.has(d))
  let config: Buffer | undefined
  /** Legacy layout: a layer directory's diffID, from its `json`. */
  const legacy = new Map<string, string>()
  try {
    const stream = await req.exportImage(stop.signal)
    for await (const entry of readTar(stream)) {
      if (failure) break
      const oci = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(entry.name)
      const dirJson = /^([a-f0-9]{64})\/json$/.exec(entry.name)
      const layerTar = /^([a-f0-9]{64})\/layer\.tar$/.exec(entry.name)
      if ((oci && `sha256:${oci[1]}` === source.id) || entry.name === `${source.id.slice(7)}.json`) {
        config = checkConfig(await readSmall(entry.body, entry.size), source.id)
        // Sent beside the layers still to come.
        if (!configHeld) track(uploadConfig(registry, session(), source.id, config))
      } else if (oci && entry.type === 'file' && distinct.includes(`sha256:${oci[1]}`)) {
        const diffId = `sha256:${oci[1]}`
        if (!have.has(diffId) && !started.has(diffId)) {
          await waitForRoom(inFlight)
          await upload(entry.body, short(diffId), diffId)
        }
      } else if (dirJson && entry.size < 1024 * 1024) {
        const json = (await readSmall(entry.body, entry.size)).toString('utf8')
        const at = legacyLayerPosition(json, dirJson[1], chain)
        if (at !== undefined) legacy.set(dirJson[1], source.diffIds[at])
      } else if (layerTar && entry.type === 'file') {
        const diffId = legacy.get(layerTar[1])
        if (!diffId || (!have.has(diffId) && !started.has(diffId))) {
          await waitForRoom(inFlight)
          await upload(entry.body, short(diffId ?? layerTar[1]), diffId)
        }
      }
      // Everything is in hand or on its way: the rest of the export is not needed.
      if (config && needed()) break
    }
    await Promise.all(inFlight)
  } catch (err) {
    fail(err)
    await Promise.allSettled(inFlight)
  } finally {
    req.signal.removeEventListener('abort', onStop)
    for (const left of sessions.splice(0))
      void left.then(l => registry.cancelUpload(l)).catch(() => undefined)
  }
  if (failure) throw stopped(req) ?? exportFailure(failure, source.id)
  if (!config) {
    throw new UserError(
      `The Docker engine's export of ${source.id} held no image config. Check that the engine is healthy, and run the step again.`
    )
  }
  const missing = (parseConfig(config)?.rootfs?.diff_ids ?? []).filter(d => !have.has(d))
  if (missing.length > 0) {
    throw new UserError(
      `The Docker engine's export of ${source.id} lacked the layer ${missing[0]}${missing.length > 1 ? ` and ${missing.length - 1} more` : ''}. Check the engine's storage (docker image inspect ${source.id}) and run the step again.`
    )
  }
  return config
}

/** The config as exported, once its digest is seen to be the image ID (else the action's own error). */
function checkConfig(config: Buffer, id: string): Buffer {
  const digest = sha256Digest(config)
  if (digest === id) return config
  throw new UserError(
    `The Docker engine's export of ${id} holds a config whose digest is ${digest}: it is not the image asked for. No tag was put on it; check the engine's storage (docker image inspect ${id}) and run the step again.`
  )
}

async function uploadConfig(registry: LayerRegistry, session: Promise<string>, id: string, config: Buffer) {
  await registry.finishUpload(await session, id, config)
}

/** The run's stop as the user should read it, when that is what ended the push. */
function stopped(req: MoveRequest): UserError | undefined {
  return req.signal.aborted
    ? new UserError(`The push to ${req.repository}:${req.tag} was stopped.`)
    : undefined
}

function exportFailure(err: unknown, id: string): unknown {
  if (err instanceof TarError) {
    return new UserError(
      `The Docker engine's export of ${id} could not be read: ${err.message}. Check that the engine is healthy, and run the step again.`
    )
  }
  return err
}

/** Waits while the most layers are in flight. */
async function waitForRoom(inFlight: Set<Promise<void>>): Promise<void> {
  while (inFlight.size >= LAYERS_IN_FLIGHT) await Promise.race(inFlight)
}

/** The body, and a promise that settles once it has been read to its end (or given up). */
function tracked(body: AsyncIterable<Buffer>): { input: AsyncIterable<Buffer>; consumed: Promise<void> } {
  let done!: () => void
  const consumed = new Promise<void>(resolve => (done = resolve))
  async function* input(): AsyncGenerator<Buffer> {
    try {
      yield* body
    } finally {
      done()
    }
  }
  return { input: input(), consumed }
}

async function readSmall(body: AsyncIterable<Buffer>, size: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(chunk)
  return Buffer.concat(chunks, size)
}

/** One layer's upload: the gzip streamed into one PATCH as it is made, then closed with its digest. */
class LayerUpload {
  private readonly pipe = new PassThrough({ highWaterMark: PIPE_BYTES })
  private failure: unknown

  constructor(
    private readonly req: MoveRequest,
    private readonly signal: AbortSignal,
    private readonly have: Map<string, Blob>,
    private readonly name: string,
    /** The upload session's location, opened ahead. */
    private readonly opened: Promise<string>
  ) {
    // Failures are taken from the promises below; the stream's own event must not go unheard.
    this.pipe.on('error', () => undefined)
  }

  /** The layer's diffID and blob, or undefined when it was abandoned as one the registry has. */
  async run(input: AsyncIterable<Buffer>): Promise<{ diffId: string; blob: Blob } | undefined> {
    const { registry, progress } = this.req
    const opened = this.opened
    const patched = opened.then(location => registry.streamUpload(location, this.pipe, this.signal))
    patched.catch((err: unknown) => {
      this.failure ??= err
      this.pipe.destroy(err instanceof Error ? err : new Error(String(err)))
    })
    let sent = 0
    const sink = async (chunk: Buffer): Promise<void> => {
      if (this.failure) throw this.failure
      sent += chunk.length
      progress.count(this.name, { sent })
      if (!this.pipe.write(chunk)) await once(this.pipe, 'drain', { signal: this.signal })
    }
    let gzipped
    try {
      gzipped = await gzipLayer(input, sink, { signal: this.signal })
    } catch (err) {
      this.abandon(opened, patched, err)
      throw this.failure ?? err
    }
    // A legacy layer not identified by its json was counted by its directory's name until now.
    const name = short(gzipped.diffId)
    if (name !== this.name) progress.forget(this.name)
    if (this.have.has(gzipped.diffId)) {
      // Found out only at its end: the registry has it, or this export had it before.
      this.abandon(opened, patched, new Abandoned('known layer'))
      progress.count(name, { done: true, present: true, sent: 0 })
      return undefined
    }
    this.pipe.end()
    const location = await patched
    await registry.finishUpload(location, gzipped.digest)
    progress.count(name, { done: true, sent: gzipped.size, size: gzipped.size })
    return {
      diffId: gzipped.diffId,
      blob: { digest: gzipped.digest, size: gzipped.size, mediaType: LAYER_TYPE }
    }
  }

  /** Ends the PATCH and, best effort, the session. */
  private abandon(opened: Promise<string>, patched: Promise<string>, why: unknown): void {
    this.pipe.destroy(why instanceof Error ? why : new Error(String(why)))
    void patched.catch(() => undefined)
    void opened.then(location => this.req.registry.cancelUpload(location)).catch(() => undefined)
  }
}

/** The manifest `docker push` writes for the image: Docker schema 2, its layers in the config's order. */
export function schema2Manifest(config: Buffer, id: string, have: Map<string, Blob>): Manifest {
  const diffIds = parseConfig(config)?.rootfs?.diff_ids ?? []
  const doc = {
    schemaVersion: 2,
    mediaType: MANIFEST_TYPE,
    config: { mediaType: CONFIG_TYPE, size: config.length, digest: id },
    layers: diffIds.map(diffId => {
      const blob = have.get(diffId)!
      return { mediaType: blob.mediaType, size: blob.size, digest: blob.digest }
    })
  }
  // Indented as Docker's own (distribution's MarshalIndent with three spaces).
  const body = Buffer.from(JSON.stringify(doc, null, 3))
  return { digest: sha256Digest(body), mediaType: MANIFEST_TYPE, body }
}

/** A layer's short name in the log, as Docker's: 12 hex digits. */
function short(diffId: string): string {
  return diffId.replace(/^sha256:/, '').slice(0, 12)
}
