// The post step: undo the registry login and remove every credential file the main step left,
// also when the main step failed half-way.
import * as core from '@actions/core'
import { rm } from 'node:fs/promises'
import { DockerEngine } from './engines/docker.js'
import { removeKubeconfig } from './oc/kubeconfig.js'
import type { SavedState } from './state.js'

export async function post(state: SavedState): Promise<void> {
  if (state.registry && state.logout) {
    await new DockerEngine(state.dockerConfig).logout(state.registry)
    core.info(`Logged out of ${state.registry}`)
  }
  if (state.dockerConfig) await rm(state.dockerConfig, { recursive: true, force: true })
  if (state.kubeconfig) {
    await removeKubeconfig(state.kubeconfig)
    core.info('Removed the kubeconfig')
  }
}
