import { afterAll, jest } from '@jest/globals'

import * as core from '../fixtures/core.js'

class ReserveCacheError extends Error {}
const cache = {
  isFeatureAvailable: jest.fn<() => boolean>(),
  restoreCache: jest.fn<(paths: string[], key: string) => Promise<string | undefined>>(),
  saveCache: jest.fn<(paths: string[], key: string) => Promise<number>>(),
  ReserveCacheError
}
jest.unstable_mockModule('@actions/cache', () => cache)
jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { actionsCacheKey, restoreFromActionsCache, saveToActionsCache } =
  await import('../../src/oc/actions-cache.js')

beforeEach(() => {
  jest.resetAllMocks()
  // The runner names its cache service here; the module only loads the cache client when it is set.
  process.env.ACTIONS_RESULTS_URL = 'http://127.0.0.1:1/'
})

afterAll(() => {
  delete process.env.ACTIONS_RESULTS_URL
})

test('without the runner naming a cache service, the cache client is not even asked', async () => {
  delete process.env.ACTIONS_RESULTS_URL
  cache.isFeatureAvailable.mockReturnValue(true)
  expect(await restoreFromActionsCache('/tmp/x', 'k')).toBe(false)
  expect(cache.isFeatureAvailable).not.toHaveBeenCalled()
  expect(cache.restoreCache).not.toHaveBeenCalled()
})

test('the key names the version, OS and CPU', () => {
  expect(actionsCacheKey('4.16.3', 'linux', 'arm64')).toBe('rahti-push-oc-v1-4.16.3-linux-arm64')
})

test('without the cache service nothing is tried and nothing is said above debug', async () => {
  cache.isFeatureAvailable.mockReturnValue(false)
  expect(await restoreFromActionsCache('/t/oc', 'k')).toBe(false)
  await saveToActionsCache('/t/oc', 'k')
  expect(cache.restoreCache).not.toHaveBeenCalled()
  expect(cache.saveCache).not.toHaveBeenCalled()
  expect(core.warning).not.toHaveBeenCalled()
  expect(core.info).not.toHaveBeenCalled()
})

test.each([
  ['a hit', async () => 'k', true],
  ['a miss', async () => undefined, false],
  ['a hit on another key', async () => 'k-other', false]
])('restore: %s', async (_name, impl, expected) => {
  cache.isFeatureAvailable.mockReturnValue(true)
  cache.restoreCache.mockImplementation(impl)
  expect(await restoreFromActionsCache('/t/oc', 'k')).toBe(expected)
  expect(cache.restoreCache).toHaveBeenCalledWith(['/t/oc'], 'k')
  expect(core.warning).not.toHaveBeenCalled()
})

test('a failing restore is a warning and a miss', async () => {
  cache.isFeatureAvailable.mockReturnValue(true)
  cache.restoreCache.mockRejectedValue(new Error('service unavailable'))
  expect(await restoreFromActionsCache('/t/oc', 'k')).toBe(false)
  expect(core.warning).toHaveBeenCalledWith(expect.stringContaining('service unavailable'))
})

test('a failing save is a warning', async () => {
  cache.isFeatureAvailable.mockReturnValue(true)
  cache.saveCache.mockRejectedValue(new Error('quota exceeded'))
  await expect(saveToActionsCache('/t/oc', 'k')).resolves.toBeUndefined()
  expect(core.warning).toHaveBeenCalledWith(expect.stringContaining('quota exceeded'))
})

test('a key another job is saving is not even a warning', async () => {
  cache.isFeatureAvailable.mockReturnValue(true)
  cache.saveCache.mockRejectedValue(new ReserveCacheError('already reserved'))
  await saveToActionsCache('/t/oc', 'k')
  expect(core.warning).not.toHaveBeenCalled()
  expect(core.info).toHaveBeenCalled()
})

test('isFeatureAvailable throwing counts as unavailable', async () => {
  cache.isFeatureAvailable.mockImplementation(() => {
    throw new Error('boom')
  })
  expect(await restoreFromActionsCache('/t/oc', 'k')).toBe(false)
})
