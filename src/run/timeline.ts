// The steps of the main job, each a log group with its time; the report lists them.
import * as core from '../util/actions.js'

export interface StepTiming {
  name: string
  ms: number
}

export class Timeline {
  readonly steps: StepTiming[] = []

  async step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    const started = Date.now()
    const result = await core.group(name, async () => fn())
    const ms = Date.now() - started
    this.steps.push({ name, ms })
    core.info(`${name}: ${ms} ms`)
    return result
  }

  /** A step timed elsewhere (background work, which has no log group of its own: groups cannot overlap). */
  record(timing: StepTiming): void {
    this.steps.push(timing)
  }
}
