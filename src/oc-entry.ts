// Entry point of the oc install's own process (dist/oc/index.js, which oc/aside.ts starts). Its scheduling
// priority is lowered first, before any work on libuv's threadpool: on Linux a priority is a thread's, and the
// pool's threads, made later by this one, inherit it (zlib's inflate and the file writes run there). Then Node's
// compile cache is turned on and the install's code (one chunk, oc/aside-child.ts) is loaded.
import { readdirSync } from 'node:fs'
import module from 'node:module'
import os from 'node:os'

/** The lowest priority there is (nice 19; Windows' idle class). */
const LOWEST = os.constants.priority.PRIORITY_LOW

/** Lowers this process's priority; what went wrong if it could not, which is no reason to fail the install. */
function lowerPriority(): string | undefined {
  try {
    os.setPriority(LOWEST)
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
  // The threads Node made at start (V8's, for its compiler and garbage collector) have a priority each too.
  if (process.platform !== 'linux') return undefined
  try {
    for (const tid of readdirSync('/proc/self/task')) os.setPriority(Number(tid), LOWEST)
  } catch (err) {
    return `its other threads: ${err instanceof Error ? err.message : String(err)}`
  }
  return undefined
}

async function entry(): Promise<void> {
  const problem = lowerPriority()
  ;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()
  const { installAside } = await import('./oc/aside-child.js')
  await installAside(problem)
}

void entry()
