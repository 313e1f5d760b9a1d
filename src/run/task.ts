// Background work: started at once, beside the stages that do not need it yet. A task fails only where it is
// awaited (its rejection never goes unhandled meanwhile), can be cancelled (its work gets an AbortSignal), and
// keeps its log lines together: they are printed as one block where the task is awaited, not in whatever log
// group is open while it runs. A step that fails cancels every task still running.
import * as core from '../util/actions.js'
import type { Settled } from '../util/settle.js'
import type { Timeline } from './timeline.js'

export class Cancelled extends Error {
  constructor(readonly task: string) {
    super(`${task} was cancelled`)
  }
}

export interface TaskOptions {
  /** Where the task's time is recorded, as a step that ran alongside. */
  timeline?: Timeline
  /** What it ran beside, for the log line of its time. */
  beside?: string
}

export class Task<T> {
  private readonly controller = new AbortController()
  private readonly lines: string[] = []
  private readonly outcome: Promise<Settled<T>>
  private running = true
  private printed = false

  constructor(
    readonly name: string,
    work: (signal: AbortSignal) => Promise<T>,
    { timeline, beside = 'the push' }: TaskOptions = {}
  ) {
    const started = Date.now()
    let promise: Promise<T>
    try {
      promise = core.captureLog(
        line => this.lines.push(line),
        () => work(this.controller.signal)
      )
    } catch (err) {
      promise = Promise.reject(err)
    }
    this.outcome = promise.then(
      value => ({ value }),
      (error: unknown) => ({ error: error instanceof Error ? error : new Error(String(error)) })
    )
    void this.outcome.then(() => {
      this.running = false
      const ms = Date.now() - started
      timeline?.record({ name: `${name} (alongside)`, ms })
      this.lines.push(`${name}: ${ms} ms, alongside ${beside}\n`)
    })
  }

  /** Whether the work is still going (neither done nor failed). */
  get isRunning(): boolean {
    return this.running
  }

  /** The value, or the task's failure thrown here, where it is needed; its log lines are printed first. */
  async result(): Promise<T> {
    const settled = await this.settled()
    if (settled.error) throw settled.error
    return settled.value as T
  }

  /** The value or the failure, without throwing: for a failure that is reported after something else. */
  async settled(): Promise<Settled<T>> {
    const settled = await this.outcome
    this.print()
    return settled
  }

  /** Stops the work: its signal is aborted, and what it logged so far is printed once it has ended. */
  cancel(): void {
    if (!this.running) return
    this.controller.abort(new Cancelled(this.name))
  }

  private print(): void {
    if (this.printed) return
    this.printed = true
    core.printLines(this.lines)
  }
}

/** The tasks of one step, so that a failure can cancel those still running. */
export class Tasks {
  private readonly all: Task<unknown>[] = []

  start<T>(name: string, work: (signal: AbortSignal) => Promise<T>, options?: TaskOptions): Task<T> {
    const task = new Task(name, work, options)
    this.all.push(task)
    return task
  }

  /** Cancels every task still running, and waits (at most `graceMs`) for them to wind down. */
  async cancelAll(graceMs = 500): Promise<void> {
    const running = this.all.filter(t => t.isRunning)
    for (const task of running) task.cancel()
    if (running.length === 0) return
    let timer: NodeJS.Timeout | undefined
    const grace = new Promise<void>(resolve => {
      timer = setTimeout(resolve, graceMs)
      timer.unref()
    })
    await Promise.race([Promise.all(running.map(t => t.settled())), grace])
    clearTimeout(timer)
  }

  /** Whether any task is still running (after `cancelAll`, one that ignored its signal). */
  get anyRunning(): boolean {
    return this.all.some(t => t.isRunning)
  }
}

/**
 * All the answers, or the first failure in argument order (not in time): when the token is bad, "who is this?"
 * explains it best, whatever the other questions ran into meanwhile.
 */
export async function firstFailureFirst<T extends unknown[]>(
  ...promises: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(promises)
  for (const result of settled) if (result.status === 'rejected') throw result.reason
  return settled.map(r => (r as PromiseFulfilledResult<unknown>).value) as T
}
