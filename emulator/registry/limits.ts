// The image size limit: a LimitRange item of type `openshift.io/Image` with `max.storage`. The real
// registry checks it when a blob upload is committed (each blob alone, since the layers come before the
// manifest) and refuses a blob over it with 403 DENIED, the answer distribution gives an access denial.
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

/** The smallest `openshift.io/Image` max storage of the project's LimitRanges, in bytes, if any. */
export function maxBlobBytes(state: State, namespace: string): number | undefined {
  let max: number | undefined
  for (const limits of state.limitRanges.get(namespace)?.values() ?? []) {
    for (const l of limits) {
      const storage = l.type === IMAGE_LIMIT_TYPE ? l.max?.storage : undefined
      if (storage !== undefined) max = Math.min(max ?? Infinity, parseQuantity(storage))
    }
  }
  return max
}
