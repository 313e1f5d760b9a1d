// The installer writes and reads the runner's tool cache itself (src/oc/tool-cache.ts) rather than through
// @actions/tool-cache: these check, against tool-cache itself, that each finds what the other wrote, for the
// shapes of version the installer resolves to.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import * as tc from '@actions/tool-cache'
import { afterAll, beforeEach, expect, test } from '@jest/globals'

import { findInToolCache, moveIntoToolCache, toolCacheDir } from '../../src/oc/tool-cache.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'tool-cache-'))
const saved = process.env.RUNNER_TOOL_CACHE
let cache: string
let n = 0
beforeEach(() => {
  cache = path.join(root, `cache-${++n}`)
  process.env.RUNNER_TOOL_CACHE = cache
})
afterAll(() => {
  if (saved === undefined) delete process.env.RUNNER_TOOL_CACHE
  else process.env.RUNNER_TOOL_CACHE = saved
  rmSync(root, { recursive: true, force: true })
})

function file(content: string): string {
  const f = path.join(root, `file-${++n}`)
  writeFileSync(f, content, { mode: 0o755 })
  return f
}

const VERSIONS = ['4.16.3', '4.17.0-rc.3', '4.18.0-ec.2']

test.each(VERSIONS)('%s: what the installer caches, tool-cache finds', async version => {
  const dir = await moveIntoToolCache(file('oc'), 'oc', 'oc', version, 'x64')
  expect(dir).toBe(toolCacheDir('oc', version, 'x64'))
  expect(tc.find('oc', version, 'x64')).toBe(dir)
  expect(readdirSync(dir)).toEqual(['oc'])
})

test.each(VERSIONS)('%s: what tool-cache caches, the installer finds', async version => {
  const dir = await tc.cacheFile(file('oc'), 'oc', 'oc', version, 'arm64')
  expect(findInToolCache('oc', version, 'arm64')).toBe(dir)
})

test('an entry without its .complete marker is found by neither', async () => {
  const dir = await moveIntoToolCache(file('oc'), 'oc', 'oc', '4.16.3', 'x64')
  rmSync(`${dir}.complete`)
  expect(findInToolCache('oc', '4.16.3', 'x64')).toBeUndefined()
  expect(tc.find('oc', '4.16.3', 'x64')).toBe('')
})

test('caching again replaces the entry: a damaged one leaves nothing behind', async () => {
  const first = await moveIntoToolCache(file('broken'), 'oc', 'oc', '4.16.3', 'x64')
  writeFileSync(path.join(first, 'stray'), '')
  const source = file('fixed')
  const dir = await moveIntoToolCache(source, 'oc', 'oc', '4.16.3', 'x64')
  expect(readdirSync(dir)).toEqual(['oc'])
  expect(existsSync(source)).toBe(false) // moved, not copied
})

test('without RUNNER_TOOL_CACHE the installer says where it can run', () => {
  delete process.env.RUNNER_TOOL_CACHE
  expect(() => findInToolCache('oc', '4.16.3', 'x64')).toThrow(
    'RUNNER_TOOL_CACHE is not set; oc can only be installed on a GitHub Actions runner.'
  )
})
