// The image size limit: a LimitRange item of type `openshift.io/Image` with `max.storage`. The apiserver's
// admission (image.openshift.io/ImageLimitRange) checks it on each ImageStreamMapping, against the whole
// image's size, and refuses with 403 Forbidden; the registry turns that into 403 DENIED on the manifest PUT.
// (The registry's own check at blob commit never fires in 4.13 to 4.16: distribution commits with size 0.)
import type { State } from '../state.js'

const SUFFIXES: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60
}

/** A Kubernetes quantity (`512Mi`, `1G`, `1500`) in bytes; throws on anything else. */
export function parseQuantity(text: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)([kMGTPE]i?|Ki)?$/.exec(String(text).trim())
  const factor = m ? SUFFIXES[m[2] ?? ''] : undefined
  if (!m || factor === undefined) {
    throw new Error(`"${text}" is not a storage quantity (a number with an optional suffix such as Mi or G)`)
  }
  return Math.ceil(Number(m[1]) * factor)
}

export const IMAGE_LIMIT_TYPE = 'openshift.io/Image'

/** A byte count as a Kubernetes binary quantity prints it: `4Ki`, `3Mi`, or plain bytes when not a multiple. */
export function formatBinaryQuantity(bytes: number): string {
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = SUFFIXES[suffix]
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`
  }
  return String(bytes)
}

/**
 * Why the project's LimitRanges refuse an image of `size` bytes, worded as the admission plugin words it,
 * or undefined when it fits.
 */
export function imageLimitRefusal(state: State, namespace: string, size: number): string | undefined {
  for (const limits of state.limitRanges.get(namespace)?.values() ?? []) {
    for (const l of limits) {
      const storage = l.type === IMAGE_LIMIT_TYPE ? l.max?.storage : undefined
      if (storage === undefined || size <= parseQuantity(storage)) continue
      return `requested usage of storage exceeds the maximum limit per ${IMAGE_LIMIT_TYPE} (${formatBinaryQuantity(size)} > ${storage})`
    }
  }
  return undefined
}
