// Background work as tasks: started at once, failing only where awaited, cancelled with a signal, and its log
// lines printed together where it is awaited; concurrent failures reported in argument order.
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'

import { firstFailureFirst, Task, Tasks } from '../../src/run/task.js'
import { Timeline } from '../../src/run/timeline.js'
import * as core from '../../src/util/actions.js'
import { captureStdout } from '../fixtures/stdout.js'

let printed: string[]

beforeEach(() => {
  printed = captureStdout()
})

afterEach(() => {
  jest.restoreAllMocks()
})

const tick = (ms = 5) => new Promise(resolve => setTimeout(resolve, ms))

describe('Task', () => {
  test('starts at once and gives its value where awaited', async () => {
    let started = false
    const task = new Task('work', async () => {
      started = true
      return 42
    })
    await tick()
    expect(started).toBe(true)
    expect(await task.result()).toBe(42)
  })

  test('a failure is not unhandled meanwhile, and is thrown only where the task is awaited', async () => {
    const unhandled = jest.fn()
    process.on('unhandledRejection', unhandled)
    try {
      const task = new Task('work', async () => {
        throw new Error('broke')
      })
      await tick(20)
      expect(unhandled).not.toHaveBeenCalled()
      await expect(task.result()).rejects.toThrow('broke')
      expect(await task.settled()).toEqual({ error: new Error('broke') })
    } finally {
      process.off('unhandledRejection', unhandled)
    }
  })

  test('keeps its log lines together and prints them where it is awaited, not while it runs', async () => {
    const task = new Task('oc', async () => {
      core.info('downloading')
      await tick()
      core.warning('slow mirror')
      return 'done'
    })
    core.info('the push, meanwhile')
    await tick(20)
    expect(printed.join('')).toBe('the push, meanwhile\n')
    await task.result()
    const lines = printed.join('').split('\n')
    expect(lines[1]).toBe('downloading')
    expect(lines[2]).toBe('::warning::slow mirror')
    expect(lines[3]).toMatch(/^oc: \d+ ms, alongside the push$/)
  })

  test('its lines are printed once, however often it is awaited', async () => {
    const task = new Task('once', async () => core.info('one line'))
    await task.result()
    await task.result()
    expect(printed.filter(l => l.includes('one line'))).toHaveLength(1)
  })

  test('records its time on the timeline as a step that ran alongside', async () => {
    const timeline = new Timeline()
    await new Task('Install oc', async () => tick(), { timeline, beside: 'the API questions' }).result()
    expect(timeline.steps).toEqual([{ name: 'Install oc (alongside)', ms: expect.any(Number) }])
    expect(printed.join('')).toMatch(/Install oc: \d+ ms, alongside the API questions/)
  })

  test('cancel aborts the signal the work was given; the work ends with the cancellation', async () => {
    let seen: AbortSignal | undefined
    const task = new Task('download', signal => {
      seen = signal
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
    })
    expect(task.isRunning).toBe(true)
    task.cancel()
    expect(seen?.aborted).toBe(true)
    await expect(task.result()).rejects.toThrow('download was cancelled')
    expect(task.isRunning).toBe(false)
  })
})

describe('Tasks', () => {
  test('cancelAll cancels what is still running, prints its lines, and leaves finished ones alone', async () => {
    const tasks = new Tasks()
    const done = tasks.start('done', async () => 1)
    await done.result()
    const running = tasks.start('running', signal => {
      core.info('begun')
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
    })
    await tasks.cancelAll()
    expect(running.isRunning).toBe(false)
    expect(tasks.anyRunning).toBe(false)
    expect(printed.join('')).toContain('begun')
    expect(await done.result()).toBe(1)
  })

  test('work that ignores its signal is waited for no longer than the grace, and counts as still running', async () => {
    const tasks = new Tasks()
    tasks.start('deaf', () => new Promise(resolve => setTimeout(resolve, 2_000).unref()))
    const started = Date.now()
    await tasks.cancelAll(50)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(tasks.anyRunning).toBe(true)
  })
})

describe('firstFailureFirst', () => {
  test('all the answers, in order', async () => {
    expect(await firstFailureFirst(Promise.resolve(1), Promise.resolve('b'))).toEqual([1, 'b'])
  })

  test('the first failure in argument order, not in time', async () => {
    const late = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('who')), 20))
    const early = Promise.reject(new Error('preflight'))
    await expect(firstFailureFirst(late, early)).rejects.toThrow('who')
  })

  test('waits for every answer before it reports a failure', async () => {
    let finished = false
    const slow = tick(20).then(() => {
      finished = true
    })
    await expect(firstFailureFirst(Promise.reject(new Error('no')), slow)).rejects.toThrow('no')
    expect(finished).toBe(true)
  })
})
