// Entry point for both steps: the runner calls this file for main and again for post, and the state the main
// step saved tells them apart. Expected failures (UserError and its kinds) print their message only; anything
// else is a bug, whose stack goes to the debug log.
import { main } from './main.js'
import { post } from './post.js'
import { loadState } from './state.js'
import * as core from './util/actions.js'
import { UserError } from './util/errors.js'
import { listenForCancel, wasCancelled } from './util/exec.js'

async function entry(): Promise<void> {
  const state = loadState()
  try {
    if (state?.mainStarted) await post(state)
    else {
      listenForCancel()
      await main()
    }
  } catch (err) {
    // A cancel has failed the step with its own reason; what its stopped programs said adds nothing.
    if (wasCancelled()) return
    if (!(err instanceof UserError)) core.debug((err as Error).stack ?? String(err))
    core.setFailed((err as Error).message)
  }
}

void entry()
