// The Actions cache leg of installOc, with the cache service replaced by a directory (the real one
// exists only on hosted runners): a verified download is saved under its key, a later job with an
// empty tool cache restores it instead of downloading, and a failing service is only a warning.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { jest } from '@jest/globals'

import { FakeMirror, makeClientTarball, sha256 } from './fake-mirror.js'
import { installTools, runnerJobHooks } from './runner-job.js'

const stored = new Map<string, string>() // key -> copy of the saved directory
const service = { failing: false }
const saves: { paths: string[]; key: string }[] = []
jest.unstable_mockModule('@actions/cache', () => ({
  ReserveCacheError: class extends Error {},
  isFeatureAvailable: () => true,
  restoreCache: async (paths: string[], key: string) => {
    if (service.failing) throw new Error('Cache service responded with 503')
    const copy = stored.get(key)
    if (!copy) return undefined
    cpSync(copy, paths[0], { recursive: true })
    return key
  },
  saveCache: async (paths: string[], key: string) => {
    if (service.failing) throw new Error('Cache service responded with 503')
    saves.push({ paths, key })
    const copy = await mkdtemp(path.join(os.tmpdir(), 'fake-actions-cache-'))
    cpSync(paths[0], copy, { recursive: true })
    stored.set(key, copy)
    return 1
  }
}))
const { installOc } = await import('../../../src/oc/install.js')

const LINUX_X64 = { os: 'linux' as const, arch: 'x64' }
let root: string
let mirror: FakeMirror
const log = runnerJobHooks()

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'oc-actions-cache-'))
  const dir = path.join(root, 'mirror', '4.16.3')
  await makeClientTarball(path.join(dir, 'openshift-client-linux-4.16.3.tar.gz'), {
    version: '4.16.3',
    marker: 'linux/x64'
  })
  const file = 'openshift-client-linux-4.16.3.tar.gz'
  await writeFile(path.join(dir, 'sha256sum.txt'), `${sha256(path.join(dir, file))}  ${file}\n`)
  mirror = new FakeMirror(path.join(root, 'mirror'))
  await mirror.start()
})

afterAll(async () => {
  await mirror.stop()
  await rm(root, { recursive: true, force: true })
  for (const copy of stored.values()) await rm(copy, { recursive: true, force: true })
})

/** A fresh job on a fresh hosted runner: empty tool cache and RUNNER_TEMP, only tar/gzip/sh on PATH. */
async function freshJob(): Promise<{ toolCache: string; temp: string }> {
  const dir = await mkdtemp(path.join(root, 'job-'))
  const job = {
    toolCache: path.join(dir, 'tool-cache'),
    temp: path.join(root, 'runner-temp'),
    bin: path.join(dir, 'bin')
  }
  await rm(job.temp, { recursive: true, force: true })
  for (const d of [job.toolCache, job.temp]) await mkdir(d, { recursive: true })
  await installTools(job.bin)
  process.env.PATH = job.bin
  process.env.RUNNER_TOOL_CACHE = job.toolCache
  process.env.RUNNER_TEMP = job.temp // the same path in every job, as on hosted runners
  process.env.ACTIONS_RESULTS_URL = 'http://127.0.0.1:1/' // the runner names a cache service
  delete process.env.GITHUB_PATH
  mirror.requests.length = 0
  return job
}

afterEach(() => {
  service.failing = false
})

test('a download is saved; the next job restores it instead of downloading', async () => {
  await freshJob()
  const first = await installOc({ kind: 'exact', version: '4.16.3' }, mirror.base, LINUX_X64)
  expect(first).toMatchObject({ source: 'download', version: '4.16.3' })
  expect(saves).toEqual([
    {
      paths: [path.join(root, 'runner-temp', 'rahti-push-oc', '4.16.3-linux-x64')],
      key: 'rahti-push-oc-v1-4.16.3-linux-x64'
    }
  ])
  // What is kept is the verified oc alone.
  expect(readdirSync(stored.get('rahti-push-oc-v1-4.16.3-linux-x64')!)).toEqual(['oc'])

  const job = await freshJob()
  const second = await installOc({ kind: 'exact', version: '4.16.3' }, mirror.base, LINUX_X64)
  expect(second).toEqual({
    path: path.join(job.toolCache, 'oc', '4.16.3', 'x64', 'oc'),
    version: '4.16.3',
    source: 'actions-cache',
    downloadedBytes: 0
  })
  expect(mirror.requests).toEqual([])
  expect(readFileSync(second!.path, 'utf8')).toContain('# linux/x64')
  expect(saves).toHaveLength(1)
  expect(existsSync(path.join(job.temp, 'rahti-push-oc', '4.16.3-linux-x64'))).toBe(false)
})

test('a failing cache service is a warning; oc is downloaded anyway', async () => {
  await freshJob()
  service.failing = true
  const oc = await installOc({ kind: 'exact', version: '4.16.3' }, mirror.base, LINUX_X64)
  expect(oc).toMatchObject({ source: 'download', version: '4.16.3' })
  const warnings = log.lines.filter(l => l.startsWith('::warning'))
  expect(warnings).toHaveLength(2)
  expect(warnings[0]).toContain(
    'Could not restore oc from the Actions cache (Cache service responded with 503)'
  )
  expect(warnings[1]).toContain('Could not save oc to the Actions cache (Cache service responded with 503)')
})
