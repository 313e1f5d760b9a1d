// withRetry and the retry classifier: which failures are retried, how long it waits, what it gives up with.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { withRetry, classifyHttpFailure } = await import('../../src/util/retry.js')
const { NetworkError, HttpStatusError } = await import('../../src/util/errors.js')
const isTransientNetworkError = (err: unknown) => classifyHttpFailure(err).retry

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

  test('with jitter, each wait is a random part of its growing span, so failures met at once spread out', async () => {
    const waits: number[] = []
    let calls = 0
    await withRetry(
      'x',
      async () => {
        if (++calls < 6) throw new Error('conflict')
      },
      () => ({ retry: true }),
      { attempts: 6, baseDelayMs: 100, maxDelayMs: 1000, jitter: true },
      async ms => {
        waits.push(ms)
      }
    )
    const spans = [100, 200, 400, 800, 1000]
    expect(waits).toHaveLength(5)
    waits.forEach((wait, i) => {
      expect(wait).toBeGreaterThanOrEqual(0)
      expect(wait).toBeLessThanOrEqual(spans[i])
    })
  })

  test.each([
    { name: 'gives up after the last attempt with the last error', retry: true, last: 'fail 4' },
    { name: 'does not retry what cannot pass', retry: false, last: 'fail 1' }
  ])('$name', async ({ retry, last }) => {
    let calls = 0
    await expect(
      withRetry(
        'x',
        async () => Promise.reject(new Error(`fail ${++calls}`)),
        () => ({ retry }),
        policy,
        async () => {}
      )
    ).rejects.toThrow(last)
  })

  test('keeps the type of the last error, with a message that says the tries ran out', async () => {
    const last = new HttpStatusError('GET /x answered HTTP 503', 503, 'GET /x')
    const failure = await withRetry(
      'GET /x',
      async () => Promise.reject(last),
      classifyHttpFailure,
      policy,
      async () => {}
    ).catch((err: unknown) => err)
    expect(failure).toBeInstanceOf(HttpStatusError)
    expect((failure as InstanceType<typeof HttpStatusError>).status).toBe(503)
    expect((failure as Error).message).toMatch(
      /GET \/x failed 4 times, the last with: GET \/x answered HTTP 503\. .*run the job again later/
    )
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

describe('isTransientNetworkError', () => {
  const url = new URL('https://x')
  test.each([
    ['ECONNRESET', true],
    ['ETIMEDOUT', true],
    ['EPIPE', true],
    ['EAI_AGAIN', true],
    ['ETRUNCATED', true], // a download cut short
    ['ESTALLED', true], // a body that stopped flowing
    ['ECONNREFUSED', false], // nothing listens: another try finds the same
    ['ENOTFOUND', false],
    ['EPROXY', false], // the proxy refused or is unreachable: a setting, not a hiccup
    ['DEPTH_ZERO_SELF_SIGNED_CERT', false]
  ])('%s -> %s', (code, transient) =>
    expect(isTransientNetworkError(new NetworkError('x', code, url))).toBe(transient)
  )
  test('other errors are not transient', () =>
    expect(isTransientNetworkError(new Error('ECONNRESET'))).toBe(false))
})

describe('classifyHttpFailure: statuses', () => {
  test.each([
    [408, true],
    [429, true],
    [502, true],
    [503, true],
    [504, true],
    [500, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false]
  ])('HTTP %s -> %s', (status, transient) =>
    expect(classifyHttpFailure(new HttpStatusError('x', status, 'GET /')).retry).toBe(transient)
  )

  test("the server's Retry-After comes with the decision", () =>
    expect(classifyHttpFailure(new HttpStatusError('x', 503, 'GET /', undefined, 1500))).toEqual({
      retry: true,
      afterMs: 1500
    }))
})
