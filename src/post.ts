// The post step: undo the registry login and remove every credential file the main step left, also when the
// main step failed half-way, and also when the engine is missing or fails: one failure must not keep the
// other clean-ups from running.
import type { EngineSession } from './engines/engine.js'
import { removeKubeconfig } from './openshift/kubeconfig.js'
import type { SavedState } from './run/state.js'
import * as core from './util/actions.js'
import { messageOf } from './util/errors.js'

/**
 * Whether the saved session names anything for the engine to undo: a configuration directory of the job's own
 * (the credentials, for every engine) or names left on the engine by a stopped push. Docker through its Engine
 * API keeps no credentials on disk, so the common post step has neither, and then the engines' code (some 60 kB,
 * with fs/promises) is not loaded at all. Every engine's logout and removeLocalNames do nothing
 * without these two (`__tests__/post.test.ts` holds each engine to it).
 */
export function engineHasWork(session: EngineSession): boolean {
  return Boolean(session.configDir) || (session.localNames?.length ?? 0) > 0
}

export async function post(state: SavedState): Promise<void> {
  const failures: string[] = []
  if (state.engine && engineHasWork(state.engine)) {
    const session = state.engine
    try {
      const { restoreEngine } = await import('./engines/factory.js')
      const engine = restoreEngine(session)
      // Names left by a main step that was stopped mid-push (cancelled, timed out); never throws.
      await engine.removeLocalNames()
      await engine.logout()
      if (session.configDir)
        core.info(`Removed the credentials for ${session.registryHost ?? 'the registry'}`)
    } catch (err) {
      failures.push(`${session.kind}: ${messageOf(err)}`)
    }
  }
  if (state.kubeconfig) {
    try {
      await removeKubeconfig(state.kubeconfig)
      core.info('Removed the kubeconfig')
    } catch (err) {
      failures.push(`the kubeconfig: ${messageOf(err)}`)
    }
  }
  if (failures.length > 0) core.warning(`The clean-up was incomplete: ${failures.join('; ')}`)
}
