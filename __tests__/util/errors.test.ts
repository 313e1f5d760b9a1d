// Retry-After, read from a server's answer.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { retryAfterMs } = await import('../../src/util/errors.js')

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
