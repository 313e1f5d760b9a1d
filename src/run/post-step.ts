// The post step as its entry runs it, in one chunk: loading the step's pieces as separate dynamic imports made
// ncc write one chunk each, every one with its own copy of the modules they share (three files read, compiled
// and instantiated where one does). It does nothing when the main step never started (it failed before saving
// its state).
import { post } from '../post.js'
import { loadState } from './state.js'
import { runStep } from './step.js'

export async function postStep(): Promise<void> {
  const state = loadState()
  if (state?.mainStarted) await runStep(() => post(state))
}
