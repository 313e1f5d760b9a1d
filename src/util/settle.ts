// An answer kept for later, its failure too: for work started ahead of need, or beside other work, whose failure
// must wait its turn (be reported after the push's outcome, or only if the answer is used at all).
export interface Settled<T> {
  value?: T
  error?: Error
}

/** A promise that never rejects: it comes to its value, or to its error. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { value: await promise }
  } catch (err) {
    return { error: err as Error }
  }
}

/** The value, or the failure thrown now that the answer is needed. */
export function unwrap<T>(settled: Settled<T>): T {
  if (settled.error) throw settled.error
  return settled.value as T
}
