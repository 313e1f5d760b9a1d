// The main step as its entry runs it, in one chunk: loading the step's pieces as separate dynamic imports made
// ncc write one chunk each, every one with its own copy of the modules they share (four files read, compiled
// and instantiated where one does).
import { main } from '../main.js'
import { listenForCancel } from '../util/exec.js'
import { runStep } from './step.js'
import { Tasks } from './task.js'

export async function mainStep(): Promise<void> {
  listenForCancel()
  const tasks = new Tasks()
  await runStep(() => main(tasks))
  // Background work that did not stop when cancelled must not keep a failed step alive.
  if (tasks.anyRunning) process.exit()
}
