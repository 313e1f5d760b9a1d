// Where this job may keep files: the runner's temp directory, which the runner empties after the job.
// Outside a runner (a local try), the system's temp directory stands in.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export function runnerTemp(): string {
  return process.env.RUNNER_TEMP || os.tmpdir()
}

/** A new directory of this job's own (mode 0700, a name no other job can have picked). */
export function jobDirectory(prefix: string): Promise<string> {
  // fs.promises on use, not node:fs/promises on import: the post step imports this module (for runnerTemp) and
  // would load fs/promises for nothing, some 2 ms.
  return fs.promises.mkdtemp(path.join(runnerTemp(), prefix))
}
