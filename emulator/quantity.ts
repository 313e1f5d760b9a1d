// Kubernetes quantities (`512Mi`, `1G`, `1500`), read and printed: the model checks them when a LimitRange is stored,
// and the image size limit (registry/limits.ts) compares and words sizes with them.

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

/** A byte count as a Kubernetes binary quantity prints it: `4Ki`, `3Mi`, or plain bytes when not a multiple. */
export function formatBinaryQuantity(bytes: number): string {
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = SUFFIXES[suffix]
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`
  }
  return String(bytes)
}
