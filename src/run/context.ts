// What every stage of the main step shares: the inputs, one HTTP transport (its connections reused by the API
// and registry clients), the timeline, the saved state, and the one engine chosen for this run.
import type { Engine } from '../engines/engine.js'
import type { Inputs } from '../stages/inputs.js'
import type { HttpTransport } from '../util/http.js'
import type { RetryPolicy } from '../util/retry.js'
import type { StateStore } from './state.js'
import type { Timeline } from './timeline.js'

export interface RunContext {
  inputs: Inputs
  transport: HttpTransport
  timeline: Timeline
  state: StateStore
  engine: Engine
  retry: RetryPolicy
  /** When the step started (ms since the epoch): what happened on the cluster after it is other jobs' work. */
  startedAt: number
}
