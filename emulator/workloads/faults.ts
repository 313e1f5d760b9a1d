// Per-image faults of pods, set through the Emulator object or POST /_emulator/image-faults.
import type { ImageFaultSpec } from '../types.js'
import type { Workloads } from './store.js'

const KINDS = ['pull', 'crash', 'exec-format', 'slow']

/** Sets the fault of one image (replacing an earlier one for it); throws on a spec it cannot apply. */
export function setImageFault(store: Workloads, fault: ImageFaultSpec): void {
  if (typeof fault.image !== 'string' || !fault.image) throw new Error('an image fault needs an image')
  if (!KINDS.includes(fault.fault)) throw new Error(`an image fault is one of ${KINDS.join(', ')}`)
  store.faults = [...store.faults.filter(f => f.image !== fault.image), { ...fault }]
}
