// What the post step needs from the main step, saved through the runner (GITHUB_STATE). Never a secret.
import * as core from '@actions/core'

export interface SavedState {
  /** Set once main has started, so the entry point knows the second call is the post step. */
  isPost: boolean
  registry?: string
  /** The job's own DOCKER_CONFIG directory, removed by the post step. */
  dockerConfig?: string
  /** Whether the post step logs the engine out (false keeps a login made in the default config). */
  logout: boolean
  kubeconfig?: string
}

const KEY = 'rahti-push'

export function saveState(state: SavedState): void {
  core.saveState(KEY, JSON.stringify(state))
}

export function loadState(): SavedState | undefined {
  const raw = core.getState(KEY)
  if (!raw) return undefined
  return JSON.parse(raw) as SavedState
}
