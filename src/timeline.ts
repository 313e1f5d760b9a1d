// The steps of the main job, each a log group with its time; the report lists them.
import * as core from '@actions/core'

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
}
