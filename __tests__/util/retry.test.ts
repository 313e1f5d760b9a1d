// withRetry: which failures are retried, how long it waits, and what it gives up with.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { withRetry } = await import('../../src/util/retry.js')

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 }

describe('withRetry', () => {
  test('retries what may pass, with growing waits, and honours a longer Retry-After', async () => {
    const waits: number[] = []
    let calls = 0
    const result = await withRetry(
      'x',
      async () => {
        if (++calls < 4) throw Object.assign(new Error('busy'), { after: calls === 2 ? 700 : undefined })
        return 'ok'
      },
      err => ({ retry: true, afterMs: (err as { after?: number }).after }),
      policy,
      async ms => {
        waits.push(ms)
      }
    )
    expect(result).toBe('ok')
    expect(waits).toEqual([100, 700, 400])
  })

  test('gives up after the last attempt with the last error', async () => {
    let calls = 0
    await expect(
      withRetry(
        'x',
        async () => Promise.reject(new Error(`fail ${++calls}`)),
        () => ({ retry: true }),
        policy,
        async () => {}
      )
    ).rejects.toThrow('fail 4')
  })

  test('does not retry what cannot pass', async () => {
    let calls = 0
    await expect(
      withRetry(
        'x',
        async () => Promise.reject(new Error(`fail ${++calls}`)),
        () => ({ retry: false }),
        policy,
        async () => {}
      )
    ).rejects.toThrow('fail 1')
  })

  test('caps a long Retry-After at the policy maximum', async () => {
    const waits: number[] = []
    let calls = 0
    await withRetry(
      'x',
      async () => {
        if (++calls < 2) throw new Error('x')
      },
      () => ({ retry: true, afterMs: 3_600_000 }),
      policy,
      async ms => {
        waits.push(ms)
      }
    )
    expect(waits).toEqual([1000])
  })
})
