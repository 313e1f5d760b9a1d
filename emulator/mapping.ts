// An ImageStreamMapping, as the registry creates one for each tag a manifest PUT writes, and as the
// apiserver applies it (one code path for `POST imagestreammappings` and the emulator's own registry
// gateway): find the stream (missing: the caller answers 404), create the Image unless it exists, then
// read the stream, add the tag event, write the stream back if its
// resourceVersion is still the one read. A write that lost the race is a conflict; the apiserver
// re-reads and tries again, 10 attempts in all without delay, and gives up at once when the tag itself
// changed meanwhile. The registry turns any failure into 500 UNKNOWN.
//
// A tag event records the stream's generation as read, and the status update leaves metadata.generation as it
// is (openshift-apiserver's ImageStreamMapping REST: `next.Generation = stream.Generation`, then
// UpdateImageStreamStatus): generations change only with the spec, so two pushes within one second of
// `created` cannot be told apart by the stream, and whoever reads it must allow for that.
//
// Between the read and the write lies `windowMs` (the apiserver's round trip to etcd): mappings to one
// stream that overlap in it really conflict, so many tags pushed at once meet what they meet on Rahti.
import { createImage, type ImageObject, imageSize } from './images.js'
import { addTagItem, type ImageStreamRecord, now, type TagItem } from './imagestreams.js'
import { imageLimitRefusal } from './registry/limits.js'
import type { State } from './state.js'

/** The apiserver's maxRetriesOnConflict: attempts, not retries after the first. */
export const MAPPING_ATTEMPTS = 10

export type MappingOutcome = 'written' | 'unchanged' | 'conflict' | 'tag-changed' | 'stream-gone'

/** What applyImageStreamMapping met: a tag outcome, or why it never reached the stream. */
export type ApplyOutcome = MappingOutcome | 'namespace-missing' | 'invalid-image' | 'limit-exceeded'

export interface ImageStreamMapping {
  namespace: string
  /** The stream's name (the mapping's metadata.name). */
  stream: string
  tag: string
  image: ImageObject
}

export interface MappingOptions {
  windowMs: number
  /** Conflicts to meet first whatever the state (an injected fault), so that tests are deterministic. */
  forcedConflicts: number
  onConflict: () => void
}

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

function newest(stream: ImageStreamRecord, tag: string): TagItem | undefined {
  return stream.statusTags.get(tag)?.items[0]
}

export async function createImageStreamMapping(
  state: State,
  [ns, name]: [string, string],
  tag: string,
  item: Omit<TagItem, 'generation'>,
  o: MappingOptions
): Promise<MappingOutcome> {
  let forced = o.forcedConflicts
  for (let attempt = 0; attempt < MAPPING_ATTEMPTS; attempt++) {
    const read = state.imageStream(ns, name)
    if (!read) return 'stream-gone'
    const readVersion = read.metadata.resourceVersion
    const last = newest(read, tag)
    if (last?.image === item.image && last.dockerImageReference === item.dockerImageReference) {
      return 'unchanged'
    }
    const generation = read.metadata.generation
    await sleep(o.windowMs)
    const current = state.imageStream(ns, name)
    if (!current) return 'stream-gone'
    const conflict = forced > 0 || current !== read || current.metadata.resourceVersion !== readVersion
    if (!conflict) {
      addTagItem(current, tag, { ...item, generation })
      state.touch(current)
      return 'written'
    }
    if (forced > 0) forced--
    o.onConflict()
    // Another writer changed this very tag: the apiserver does not retry over it.
    const now = newest(current, tag)
    if (last && (now?.image !== last.image || now.dockerImageReference !== last.dockerImageReference)) {
      return 'tag-changed'
    }
  }
  return 'conflict'
}

/**
 * The whole mapping as openshift-apiserver's REST Create does it: the namespace and the stream must
 * exist; the Image is created unless one of its name exists; the tag event references the image where
 * the registry said when the image is new, and through this stream when a managed image already
 * existed (it was pushed elsewhere first); then the tag is written with the conflict rules above.
 */
export async function applyImageStreamMapping(
  state: State,
  m: ImageStreamMapping,
  o: MappingOptions
): Promise<ApplyOutcome> {
  if (!state.projects.has(m.namespace)) return 'namespace-missing'
  const stream = state.imageStream(m.namespace, m.stream)
  if (!stream) return 'stream-gone'
  // Admission runs before the REST create: the image size limit of the project's LimitRanges.
  if (imageLimitRefusal(state, m.namespace, imageSize(m.image))) return 'limit-exceeded'
  const result = createImage(state, m.image)
  if ('invalid' in result) return 'invalid-image'
  const record = 'created' in result ? result.created : result.exists
  const managed = record.object.metadata as { annotations?: Record<string, string> } | undefined
  const reference =
    'exists' in result && managed?.annotations?.['openshift.io/image.managed'] === 'true'
      ? `${state.hosts.internal}/${m.namespace}/${m.stream}@${record.digest}`
      : String(m.image.dockerImageReference ?? '')
  return createImageStreamMapping(
    state,
    [m.namespace, m.stream],
    m.tag || 'latest',
    { created: now(), dockerImageReference: reference, image: record.digest },
    o
  )
}
