// Old tags pruned: of the stream's tags matching the pattern, the newest `keep` by when they were last pushed
// stay, and so does every tag this run pushed, whatever its age; the rest are deleted as ImageStreamTags,
// which removes them from the stream and the registry alike. Attachment tags (a digest's signatures and
// attestations, `sha256-<hex>.sig` ...) are never counted as tags; those of a pruned digest go with it unless a
// tag that stays still points at that digest.
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

export interface TagAge {
  tag: string
  /** When the tag was last pushed (its newest history item), as an RFC 3339 time; absent when unknown. */
  created?: string
  /** The digest the tag points at (its newest history item). */
  image?: string
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
 * The tags to delete, oldest first. A tag whose push time the server does not report is left alone: its age
 * unknown, deleting it could delete the newest.
 */
export function selectPrunable(tags: TagAge[], request: PruneRequest, pushedNow: string[]): string[] {
  const match = globToRegExp(request.pattern)
  const time = (t: TagAge): number => Date.parse(t.created ?? '')
  const newestFirst = tags
    .filter(t => !isAttachmentTag(t.tag) && match.test(t.tag) && !Number.isNaN(time(t)))
    .sort((a, b) => time(b) - time(a) || b.tag.localeCompare(a.tag))
  return newestFirst
    .slice(request.keep)
    .filter(t => !pushedNow.includes(t.tag))
    .reverse()
    .map(t => t.tag)
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
  return (stream?.status?.tags ?? []).map(t => ({
    tag: t.tag,
    created: t.items?.[0]?.created,
    image: t.items?.[0]?.image
  }))
}

/** Deletes the selected tags of the stream; returns the ones deleted (a tag already gone counts). */
export async function pruneTags(
  api: OpenShiftApi,
  project: string,
  image: string,
  request: PruneRequest,
  pushedNow: string[]
): Promise<string[]> {
  const stream = await api.get<ImageStream>(
    `/apis/image.openshift.io/v1/namespaces/${project}/imagestreams/${image}`
  )
  const tags = tagAges(stream)
  const selected = selectPrunable(tags, request, pushedNow)
  // The image's tags first, then its attachments: a run stopped between them leaves a signature of an untagged
  // digest (harmless: nothing pulls it by a tag), never an image whose signature is gone.
  const doomed = [...selected, ...orphanedAttachments(tags, selected)]
  for (const tag of doomed) {
    try {
      await api.delete(`/apis/image.openshift.io/v1/namespaces/${project}/imagestreamtags/${image}:${tag}`)
    } catch (err) {
      // Another job pruned it first.
      if (!(err instanceof HttpStatusError && err.status === 404)) throw err
    }
  }
  return doomed
}
