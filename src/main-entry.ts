// Entry point of the main step (action.yml runs.main). Node's compile cache is turned on before the step's code
// is loaded, so that a runner that keeps its cache (a self-hosted one) compiles the bundle once; the post step is
// a bundle of its own (post-entry.ts) and nothing of it is here.
import module from 'node:module'

async function entry(): Promise<void> {
  ;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()
  const [{ runStep }, { Tasks }, { main }, { listenForCancel }] = await Promise.all([
    import('./run/step.js'),
    import('./run/task.js'),
    import('./main.js'),
    import('./util/exec.js')
  ])
  listenForCancel()
  const tasks = new Tasks()
  await runStep(() => main(tasks))
  // Background work that did not stop when cancelled must not keep a failed step alive.
  if (tasks.anyRunning) process.exit()
}

void entry()
