// The post step: undo the registry login and remove every credential file the main step left, also when the
// main step failed half-way, and also when the engine is missing or fails: one failure must not keep the
// other clean-ups from running.
import { restoreEngine } from './engines/factory.js'
import { removeKubeconfig } from './openshift/kubeconfig.js'
import type { SavedState } from './run/state.js'
import * as core from './util/actions.js'
import { messageOf } from './util/errors.js'

export async function post(state: SavedState): Promise<void> {
  const failures: string[] = []
  if (state.engine) {
    const engine = restoreEngine(state.engine)
    try {
      // Names left by a main step that was stopped mid-push (cancelled, timed out); never throws.
      await engine.removeLocalNames()
      await engine.logout()
      if (state.engine.configDir)
        core.info(`Removed the credentials for ${state.engine.registryHost ?? 'the registry'}`)
    } catch (err) {
      failures.push(`${engine.name}: ${messageOf(err)}`)
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
