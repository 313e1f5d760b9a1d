// What the post step needs from the main step, saved through the runner (GITHUB_STATE). Never a secret.
import type { EngineSession } from '../engines/engine.js'
import * as core from '../util/actions.js'

export interface SavedState {
  /** Set as soon as the main step starts: a second call of the entry point with it is the post step. */
  mainStarted: true
  /** Where the engine keeps this job's credentials, for the same kind of engine to remove. */
  engine?: EngineSession
  /** The job's own kubeconfig, deleted by the post step. */
  kubeconfig?: string
}

const KEY = 'rahti-push'

/** The saved state, updated by merging: each update saves the whole at once, so a failure leaves what was known. */
export class StateStore {
  private state: SavedState = { mainStarted: true }

  /** Saves the first state: from here on the post step runs its clean-up whatever happens. */
  static begin(): StateStore {
    const store = new StateStore()
    store.update({})
    return store
  }

  update(patch: Partial<Omit<SavedState, 'mainStarted'>>): void {
    this.state = { ...this.state, ...patch }
    core.saveState(KEY, JSON.stringify(this.state))
  }
}

export function loadState(): SavedState | undefined {
  const raw = core.getState(KEY)
  if (!raw) return undefined
  return JSON.parse(raw) as SavedState
}
