// Ties the CLI's life to whoever started it. `npm run emulator` puts npm, a shell and tsx between
// the caller and this process, and npm dies on SIGTERM without passing it on: the emulator would
// run on as an orphan. So the launcher chain and the first real caller above it are watched, and
// the emulator stops as soon as any of them is gone.
import { readFileSync } from 'node:fs'

function parent(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1])
    return Number.isFinite(ppid) ? ppid : undefined
  } catch {
    return undefined
  }
}

function isLauncher(pid: number): boolean {
  try {
    // `npm run emulator`, `sh -c tsx emulator/cli.ts`, `node …/.bin/tsx emulator/cli.ts`
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')
    return cmd.includes('emulator/cli.ts') || /\brun\b.*\bemulator\b/.test(cmd)
  } catch {
    return false
  }
}

/** The processes to outlive nothing of: the launchers above this one and the first caller above them. */
export function watchedAncestors(): number[] {
  const out: number[] = []
  let pid = process.ppid
  while (pid > 1 && out.length < 8) {
    out.push(pid)
    if (!isLauncher(pid)) break
    const next = parent(pid)
    if (next === undefined) break
    pid = next
  }
  return out
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Calls `onLost` once, when a watched ancestor exits or this process is re-parented. */
export function watchAncestors(onLost: (why: string) => void, intervalMs = 500): () => void {
  const watched = watchedAncestors()
  const firstParent = process.ppid
  const timer = setInterval(() => {
    const gone = watched.find(pid => !alive(pid))
    if (gone !== undefined || process.ppid !== firstParent) {
      clearInterval(timer)
      onLost(
        gone !== undefined ? `process ${gone} that started the emulator exited` : 'the parent process exited'
      )
    }
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
