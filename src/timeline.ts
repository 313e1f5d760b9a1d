// The steps of the main job, each a log group with its time; the report lists them.
import * as core from './util/actions.js'

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

  /** A step that runs beside the others: no log group of its own (groups cannot overlap), timed all the same. */
  async background<T>(name: string, fn: () => Promise<T>, beside = 'the push'): Promise<T> {
    const started = Date.now()
    try {
      return await fn()
    } finally {
      const ms = Date.now() - started
      this.steps.push({ name: `${name} (alongside)`, ms })
      core.info(`${name}: ${ms} ms, alongside ${beside}`)
    }
  }
}
