// The oc install's own process (see oc/aside.ts, which starts it): takes its job from the IPC channel, installs
// with the installer as it runs anywhere (oc/install.ts; it does not touch PATH: the parent does, once it has the
// outcome), writes its log lines to stdout for the parent to put in its log, and sends the outcome back. SIGTERM
// (the parent's stop), SIGINT (a cancelled job's, to the whole process group) and the parent's going (the channel
// closed) abort the install, which removes its download directory on the way out.
import os from 'node:os'

import * as core from '../util/actions.js'
import { messageOf, UserError } from '../util/errors.js'
import type { OcJob, OcOutcome } from './aside.js'
import { installOc } from './install.js'

/** How long a child whose parent went may take to clean up before it leaves anyway. */
const ORPHAN_GRACE_MS = 5000

/** Runs the one job the parent sends; `priorityProblem` says why the priority could not be lowered, if so. */
export async function installAside(priorityProblem?: string): Promise<void> {
  const send = process.send?.bind(process)
  if (!send) {
    process.stderr.write('This is the oc install of rahti-push, which the action starts itself.\n')
    process.exitCode = 1
    return
  }
  const stopped = new AbortController()
  const stop = (why: string) => {
    if (!stopped.signal.aborted) stopped.abort(new UserError(`The oc install was stopped (${why}).`))
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  process.once('disconnect', () => {
    stop('the step ended')
    setTimeout(() => process.exit(1), ORPHAN_GRACE_MS).unref()
  })

  const job = await new Promise<OcJob | undefined>(resolve => {
    process.once('message', (message: OcJob) => resolve(message))
    stopped.signal.addEventListener('abort', () => resolve(undefined))
  })
  if (!job) return process.exit(1)
  core.debug(
    priorityProblem
      ? `oc installs in process ${process.pid}; its priority could not be lowered (${priorityProblem})`
      : `oc installs in process ${process.pid} at priority ${os.getPriority()}`
  )

  let outcome: OcOutcome
  try {
    outcome = { installed: await installOc(job.request, job.mirror, undefined, stopped.signal) }
  } catch (err) {
    outcome = {
      failed: {
        message: messageOf(err),
        userError: err instanceof UserError,
        stack: err instanceof Error ? err.stack : undefined
      }
    }
  }
  // Exits once the outcome is written to the channel: nothing the install used (a kept-alive connection) holds it.
  if (!process.connected) return process.exit(0)
  send(outcome, undefined, {}, () => process.exit(0))
}
