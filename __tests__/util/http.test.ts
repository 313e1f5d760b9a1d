// The HTTP helpers' retry inputs: Retry-After, and which network errors are transient.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { retryAfterMs, isTransientNetworkError, NetworkError } = await import('../../src/util/http.js')

describe('retryAfterMs', () => {
  test.each([
    [{}, undefined],
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': 'soon' }, undefined]
  ])('%j -> %j', (headers, ms) => expect(retryAfterMs(headers)).toBe(ms))
  test('an HTTP date in the future', () => {
    const ms = retryAfterMs({ 'retry-after': new Date(Date.now() + 5000).toUTCString() })!
    expect(ms).toBeGreaterThan(3000)
    expect(ms).toBeLessThanOrEqual(5000)
  })
})

describe('isTransientNetworkError', () => {
  const url = new URL('https://x')
  test.each([
    ['ECONNRESET', true],
    ['ETIMEDOUT', true],
    ['ECONNREFUSED', false],
    ['ENOTFOUND', false],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', false]
  ])('%s -> %s', (code, transient) =>
    expect(isTransientNetworkError(new NetworkError('x', code, url))).toBe(transient)
  )
  test('other errors are not transient', () =>
    expect(isTransientNetworkError(new Error('ECONNRESET'))).toBe(false))
})
