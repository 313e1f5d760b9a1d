// Entry point of the post step (action.yml runs.post): a bundle of its own, so that it loads only the clean-up,
// not the push. It does nothing when the main step never started (it failed before saving its state).
import module from 'node:module'

async function entry(): Promise<void> {
  ;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()
  const [{ runStep }, { post }, { loadState }] = await Promise.all([
    import('./run/step.js'),
    import('./post.js'),
    import('./run/state.js')
  ])
  const state = loadState()
  if (state?.mainStarted) await runStep(() => post(state))
}

void entry()
