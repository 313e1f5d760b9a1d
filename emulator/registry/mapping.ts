// An ImageStreamMapping, as the registry creates one for each tag a manifest PUT writes, and as the
// apiserver applies it: read the stream, add the tag event, write the stream back if its
// resourceVersion is still the one read. A write that lost the race is a conflict; the apiserver
// re-reads and tries again, 10 attempts in all without delay, and gives up at once when the tag itself
// changed meanwhile. The registry turns any failure into 500 UNKNOWN.
//
// Each tag event is a new generation of the stream, as the apiserver records it: the event's `generation` is
// the stream's generation read plus one, and the stream's metadata.generation becomes that number, so the
// events of one stream are ordered by generation even within one second of `created`.
//
// Between the read and the write lies `windowMs` (the apiserver's round trip to etcd): mappings to one
// stream that overlap in it really conflict, so many tags pushed at once meet what they meet on Rahti.
import { addTagItem, type ImageStreamRecord, type TagItem } from '../imagestreams.js'
import type { State } from '../state.js'

/** The apiserver's maxRetriesOnConflict: attempts, not retries after the first. */
export const MAPPING_ATTEMPTS = 10

export type MappingOutcome = 'written' | 'unchanged' | 'conflict' | 'tag-changed' | 'stream-gone'

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
    const generation = read.metadata.generation + 1
    await sleep(o.windowMs)
    const current = state.imageStream(ns, name)
    if (!current) return 'stream-gone'
    const conflict = forced > 0 || current !== read || current.metadata.resourceVersion !== readVersion
    if (!conflict) {
      addTagItem(current, tag, { ...item, generation })
      current.metadata.generation = generation
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
