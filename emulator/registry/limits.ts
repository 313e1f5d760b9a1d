// The image size limit: a LimitRange item of type `openshift.io/Image` with `max.storage`. The apiserver's
// admission (image.openshift.io/ImageLimitRange) checks it on each ImageStreamMapping, against the whole
// image's size, and refuses with 403 Forbidden; the registry turns that into 403 DENIED on the manifest PUT.
// (The registry's own check at blob commit never fires in 4.13 to 4.16: distribution commits with size 0.)
import { formatBinaryQuantity, parseQuantity } from '../quantity.js'
import type { State } from '../state.js'

export const IMAGE_LIMIT_TYPE = 'openshift.io/Image'

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
