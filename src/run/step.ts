// How both entry points end: expected failures (UserError and its kinds) print their message only; anything
// else is a bug, whose stack goes to the debug log.
import * as core from '../util/actions.js'
import { messageOf, UserError } from '../util/errors.js'
import { wasCancelled } from '../util/exec.js'

export async function runStep(step: () => Promise<void>): Promise<void> {
  try {
    await step()
  } catch (err) {
    // A cancel has failed the step with its own reason; what its stopped programs said adds nothing.
    if (wasCancelled()) return
    if (!(err instanceof UserError)) core.debug(err instanceof Error && err.stack ? err.stack : String(err))
    core.setFailed(messageOf(err))
  }
}
