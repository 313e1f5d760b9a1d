// docker-registry's filesystem storage writes its link files in place, not atomically: a commit (a finished
// blob upload, a manifest PUT, a mount) racing with another commit or with a read of the same links can leave a
// reader seeing an empty link ("blob unknown", "digest invalid", a 500). The real registry stores in object
// storage, where concurrent jobs are safe, so the emulator serialises commits against each other and against
// reads: many readers at once, one writer alone. Plain upload traffic (POST, PATCH) needs no lock.
import type { ServerResponse } from 'node:http'

export class CommitLock {
  private readers = 0
  private writing = false
  private readonly waiting: { write: boolean; go: () => void }[] = []

  /**
   * Runs `handler` under the lock, held until `res` has closed (the answer finished or the client went
   * away), or until the handler calls `release` because what is left to do touches no storage.
   */
  run(write: boolean, res: ServerResponse, handler: (release: () => void) => unknown): void {
    this.acquire(write, () => {
      let released = false
      const release = () => {
        if (released) return
        released = true
        if (write) this.writing = false
        else this.readers--
        this.next()
      }
      res.once('close', release)
      try {
        const result = handler(release)
        if (result instanceof Promise) result.catch(() => release())
      } catch (err) {
        release()
        throw err
      }
    })
  }

  private acquire(write: boolean, go: () => void): void {
    this.waiting.push({ write, go })
    this.next()
  }

  private next(): void {
    while (this.waiting.length > 0 && !this.writing) {
      const first = this.waiting[0]
      if (first.write) {
        if (this.readers > 0) return
        this.waiting.shift()
        this.writing = true
        first.go()
        return
      }
      this.waiting.shift()
      this.readers++
      first.go()
    }
  }
}
