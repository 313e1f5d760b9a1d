// Old tags pruned: of the stream's tags matching the pattern, the newest `keep` stay, and so does every tag this
// run pushed and every tag another job pushed (or moved) after this run began, whatever its age; the rest are
// deleted as ImageStreamTags, which removes them from the stream and the registry alike. Attachment tags (a
// digest's signatures and attestations, `sha256-<hex>.sig` ...) are never counted as tags; those of a pruned digest
// go with it unless a tag that stays still points at that digest.
//
// The order is the stream's own record of it: each tag's newest history item, ordered by the generation of the
// stream its event made (one per push, so pushes within one second are told apart), and by its `created` time
// where a generation does not tell. Where neither tells two tags apart at the line `keep` draws, both stay.
//
// "After this run began" is what the stream did not hold when the run first read it (the preflight's read,
// before the push), and any tag event created in or after the second the run started: another job's push in
// flight, whose own run reports the tag, must find it there. Such a tag is pruned by a later run.
import { attachmentSubject, isAttachmentTag } from '../registry/attachments.js'
import { HttpStatusError } from '../util/errors.js'
import type { OpenShiftApi } from './api.js'
import type { ImageStream } from './imagestream.js'

/** Which old tags to delete: those matching the glob, but for the newest `keep`. */
export interface PruneRequest {
  /** The tag glob as given (`sha-*`). */
  pattern: string
  keep: number
}

/** A tag's newest event, as the stream records it. */
export interface TagAge {
  tag: string
  /** The image it points at. */
  image?: string
  /** When the tag was last pushed, as an RFC 3339 time (whole seconds); absent when unknown. */
  created?: string
  /** The stream's generation that event made; absent when the server does not say. */
  generation?: number
}

/** What the run knew when it began: the stream's tags as the preflight read them, and the step's start. */
export interface PruneBaseline {
  /** The tags the stream held then (empty when it did not exist); undefined when it could not be read. */
  tags?: TagAge[]
  /** When the step started (ms since the epoch, this machine's clock). */
  startedAt: number
}

/** Why a matching tag beyond `keep` was not deleted. */
export type SpareReason = 'this-run' | 'after-start' | 'order-unknown' | 'age-unknown'

export interface PruneSelection {
  /** The tags to delete, oldest first. */
  doomed: string[]
  /** Tags beyond `keep` left in place, with why. */
  spared: { tag: string; why: SpareReason }[]
}

export const SPARE_WORDS: Record<SpareReason, string> = {
  'this-run': 'this run pushed it',
  'after-start': "it appeared or moved after this run began (another job's push in flight)",
  'order-unknown':
    'the stream does not tell whether it is older than the newest kept (same second and generation)',
  'age-unknown': 'the stream does not say when it was pushed'
}

/** `*` any run of characters, `?` one; everything else literal. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${body}$`)
}

/**
 * Newer first: by generation when both have one and they differ, else by `created`; 0 when the stream does not
 * tell (the same second and no differing generation).
 */
export function compareNewestFirst(a: TagAge, b: TagAge): number {
  if (a.generation !== undefined && b.generation !== undefined && a.generation !== b.generation) {
    return b.generation - a.generation
  }
  return Date.parse(b.created ?? '') - Date.parse(a.created ?? '')
}

/** Which matching tags to delete and which to spare beyond `keep`, given what the run knew when it began. */
export function selectPrunable(
  tags: TagAge[],
  request: PruneRequest,
  pushedNow: string[],
  baseline: PruneBaseline = { startedAt: Number.POSITIVE_INFINITY, tags: undefined }
): PruneSelection {
  const match = globToRegExp(request.pattern)
  const matching = tags.filter(t => !isAttachmentTag(t.tag) && match.test(t.tag))
  const known = (t: TagAge) => t.generation !== undefined || !Number.isNaN(Date.parse(t.created ?? ''))
  const spared: PruneSelection['spared'] = matching
    .filter(t => !known(t))
    .map(t => ({ tag: t.tag, why: 'age-unknown' }))
  const newestFirst = matching.filter(known).sort(compareNewestFirst)
  const kept = newestFirst.slice(0, request.keep)
  const lastKept = kept[kept.length - 1]
  const doomed: string[] = []
  for (const t of newestFirst.slice(request.keep)) {
    if (pushedNow.includes(t.tag)) spared.push({ tag: t.tag, why: 'this-run' })
    else if (appearedAfterStart(t, baseline)) spared.push({ tag: t.tag, why: 'after-start' })
    else if (lastKept && compareNewestFirst(lastKept, t) === 0)
      spared.push({ tag: t.tag, why: 'order-unknown' })
    else doomed.push(t.tag)
  }
  return { doomed: doomed.reverse(), spared }
}

/** Whether the tag's newest event is not what the stream held when the run began, or was made since it began. */
function appearedAfterStart(tag: TagAge, baseline: PruneBaseline): boolean {
  // `created` has whole seconds: an event in the second the run started counts as after it.
  const startSecond = Math.floor(baseline.startedAt / 1000) * 1000
  if (Date.parse(tag.created ?? '') >= startSecond) return true
  if (!baseline.tags) return false
  const before = baseline.tags.find(t => t.tag === tag.tag)
  return (
    !before ||
    before.image !== tag.image ||
    before.generation !== tag.generation ||
    before.created !== tag.created
  )
}

/**
 * The attachment tags to delete with the doomed tags: those whose digest only doomed tags point at. A digest
 * that any other image tag still names keeps its signatures.
 */
export function orphanedAttachments(tags: TagAge[], doomed: string[]): string[] {
  const images = tags.filter(t => !isAttachmentTag(t.tag))
  const kept = new Set(images.filter(t => !doomed.includes(t.tag)).map(t => t.image))
  const gone = new Set(images.filter(t => doomed.includes(t.tag)).map(t => t.image))
  return tags
    .filter(t => {
      const subject = attachmentSubject(t.tag)
      return subject !== undefined && gone.has(subject) && !kept.has(subject)
    })
    .map(t => t.tag)
}

export function tagAges(stream: ImageStream | undefined): TagAge[] {
  return (stream?.status?.tags ?? []).map(t => {
    const newest = t.items?.[0]
    return {
      tag: t.tag,
      ...(newest?.image ? { image: newest.image } : {}),
      ...(newest?.created ? { created: newest.created } : {}),
      ...(newest?.generation !== undefined ? { generation: newest.generation } : {})
    }
  })
}

/** Deletes the selected tags of the stream and their orphaned attachments; returns what was deleted and spared. */
export async function pruneTags(
  api: OpenShiftApi,
  project: string,
  image: string,
  request: PruneRequest,
  pushedNow: string[],
  baseline: PruneBaseline
): Promise<PruneSelection> {
  const stream = await api.get<ImageStream>(
    `/apis/image.openshift.io/v1/namespaces/${project}/imagestreams/${image}`
  )
  const tags = tagAges(stream)
  const selection = selectPrunable(tags, request, pushedNow, baseline)
  // The image's tags first, then its attachments: a run stopped between them leaves a signature of an untagged
  // digest (harmless: nothing pulls it by a tag), never an image whose signature is gone.
  const doomed = [...selection.doomed, ...orphanedAttachments(tags, selection.doomed)]
  for (const tag of doomed) {
    try {
      await api.delete(`/apis/image.openshift.io/v1/namespaces/${project}/imagestreamtags/${image}:${tag}`)
    } catch (err) {
      // Another job pruned it first.
      if (!(err instanceof HttpStatusError && err.status === 404)) throw err
    }
  }
  return { ...selection, doomed }
}
