// Entry point of the post step (action.yml runs.post): a bundle of its own, so that it loads only the clean-up,
// not the push. Node's compile cache is turned on before the step's code (one chunk, run/post-step.ts) is loaded.
import module from 'node:module'

async function entry(): Promise<void> {
  ;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()
  const { postStep } = await import('./run/post-step.js')
  await postStep()
}

void entry()
