// Entry point of the main step (action.yml runs.main). Node's compile cache is turned on before the step's code
// (one chunk, run/main-step.ts) is loaded, so that a runner that keeps its cache (a self-hosted one) compiles the
// bundle once; the post step is a bundle of its own (post-entry.ts) and nothing of it is here.
import module from 'node:module'

async function entry(): Promise<void> {
  ;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()
  const { mainStep } = await import('./run/main-step.js')
  await mainStep()
}

void entry()
