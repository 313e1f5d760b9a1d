// installOc's download path (src/oc/install.ts) against a mirror on loopback serving archives made here: oc is
// unpacked as the archive arrives, and whatever the archive holds, nothing reaches the tool cache (or stays in
// RUNNER_TEMP) unless the SHA-256 of the whole archive matched and oc came out whole.
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { once } from 'node:events'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

import { afterAll, beforeAll, beforeEach, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'
import { makeTar, type TarEntry } from '../fixtures/tar.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { installOc } = await import('../../src/oc/install.js')

const VERSION = '4.16.3'
const FILE = `openshift-client-linux-${VERSION}.tar.gz`
const LINUX_X64 = { os: 'linux' as const, arch: 'x64' }
// An oc that answers `version --client`, and then bytes enough that zlib's MiB chunks wrap around.
const OC = Buffer.concat([
  Buffer.from(`#!/bin/sh\necho "Client Version: ${VERSION}"\nexit 0\n`),
  randomBytes(3 * 1024 * 1024)
])
const KUBECTL = Buffer.from('#!/bin/sh\necho kubectl\n')
const README = '# OpenShift client\n'

/** What the mirror serves for the version directory, set per test. */
let served: { archive: Buffer; sha256?: string; trickle?: boolean; file?: string }
let server: http.Server
let mirror: string
const root = mkdtempSync(path.join(os.tmpdir(), 'oc-install-'))
const saved = { ...process.env }
let job: { toolCache: string; temp: string }
let n = 0

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const tarGz = (entries: TarEntry[]) => gzipSync(makeTar(entries), { level: 1 })

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === `/${VERSION}/sha256sum.txt`) {
      res.end(`${served.sha256 ?? sha256(served.archive)}  ${served.file ?? FILE}\n`)
    } else if (req.url === `/${VERSION}/${served.file ?? FILE}`) {
      res.writeHead(200, { 'content-length': served.archive.length })
      if (!served.trickle) return res.end(served.archive)
      // Half the archive, then a byte now and then: a download under way when it is cancelled.
      res.write(served.archive.subarray(0, served.archive.length >> 1))
      const timer = setInterval(() => res.write('\0'), 100)
      res.on('close', () => clearInterval(timer))
    } else res.writeHead(404).end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => {
  server.closeAllConnections()
  server.close()
  rmSync(root, { recursive: true, force: true })
  process.env = saved
})

beforeEach(() => {
  jest.clearAllMocks()
  const dir = path.join(root, `job-${++n}`)
  job = { toolCache: path.join(dir, 'tool-cache'), temp: path.join(dir, 'temp') }
  for (const d of Object.values(job)) rmSync(d, { recursive: true, force: true })
  process.env = { ...saved, RUNNER_TOOL_CACHE: job.toolCache, RUNNER_TEMP: job.temp }
  delete process.env.ACTIONS_CACHE_URL
  delete process.env.ACTIONS_RESULTS_URL
  mkdirSync(job.temp, { recursive: true })
})

const install = (signal?: AbortSignal) =>
  installOc({ kind: 'exact', version: VERSION }, mirror, LINUX_X64, signal)
/** Nothing in the tool cache and nothing left in RUNNER_TEMP. */
function expectNothingLeft(): void {
  expect(existsSync(job.toolCache) ? readdirSync(job.toolCache) : []).toEqual([])
  expect(readdirSync(job.temp)).toEqual([])
  expect(core.addPath).not.toHaveBeenCalled()
}

test.each<[string, TarEntry[]]>([
  [
    'oc first',
    [
      { name: 'oc', data: OC },
      { name: 'kubectl', data: KUBECTL }
    ]
  ],
  [
    'oc last',
    [
      { name: 'README.md', data: README },
      { name: 'kubectl', data: KUBECTL },
      { name: 'oc', data: OC }
    ]
  ],
  [
    './oc',
    [
      { name: './README.md', data: README },
      { name: './oc', data: OC }
    ]
  ]
])('%s: installed whole, executable, into the tool cache, with nothing left behind', async (_, entries) => {
  served = { archive: tarGz(entries) }
  const oc = await install()
  const dir = path.join(job.toolCache, 'oc', VERSION, 'x64')
  expect(oc).toEqual({
    path: path.join(dir, 'oc'),
    version: VERSION,
    source: 'download',
    downloadedBytes: served.archive.length
  })
  expect(readFileSync(oc.path).equals(OC)).toBe(true)
  expect(statSync(oc.path).mode & 0o777).toBe(0o755)
  expect(readdirSync(dir)).toEqual(['oc'])
  expect(existsSync(`${dir}.complete`)).toBe(true)
  expect(readdirSync(job.temp)).toEqual([])
  // PATH is the caller's (oc/aside.ts), once it has the outcome from the install's own process.
  expect(core.addPath).not.toHaveBeenCalled()
})

test('an archive without oc is refused, naming it', async () => {
  served = { archive: tarGz([{ name: 'README.md', data: README }]) }
  await expect(install()).rejects.toThrow(
    `${FILE} holds no oc; nothing was installed. Set oc-version to another version.`
  )
  expectNothingLeft()
})

test("a truncated archive (its checksum listed as it is) is refused in the action's words", async () => {
  const whole = tarGz([{ name: 'oc', data: OC }])
  served = { archive: whole.subarray(0, whole.length - 4096) }
  await expect(install()).rejects.toThrow(
    `Could not take oc out of ${FILE}: it is not a whole gzip file (unexpected end of file); nothing was installed.`
  )
  expectNothingLeft()
})

test("a tar cut inside oc is refused in the tar reader's words", async () => {
  served = { archive: gzipSync(makeTar([{ name: 'oc', data: OC }]).subarray(0, 100_000)) }
  await expect(install()).rejects.toThrow(
    `Could not take oc out of ${FILE}: the archive ends inside oc; nothing was installed.`
  )
  expectNothingLeft()
})

test('a SHA-256 mismatch leaves nothing in the tool cache, though oc came out of the archive whole', async () => {
  served = { archive: tarGz([{ name: 'oc', data: OC }]), sha256: 'a'.repeat(64) }
  await expect(install()).rejects.toThrow(
    /^The SHA-256 of \S+ is [0-9a-f]{64}, but \S+ lists a{64}; the download was discarded/
  )
  expectNothingLeft()
})

test('a SHA-256 mismatch wins over an archive that is not even gzip', async () => {
  served = { archive: randomBytes(100_000), sha256: 'b'.repeat(64) }
  await expect(install()).rejects.toThrow(/lists b{64}; the download was discarded/)
  expectNothingLeft()
})

test('a cancelled install stops the download within a second and leaves no file', async () => {
  served = { archive: tarGz([{ name: 'oc', data: OC }]), trickle: true }
  const controller = new AbortController()
  const reason = new Error('Install oc was cancelled')
  const started = Date.now()
  setTimeout(() => controller.abort(reason), 300)
  await expect(install(controller.signal)).rejects.toBe(reason)
  expect(Date.now() - started).toBeLessThan(1300)
  expectNothingLeft()
})

test('the zip of a Windows runner is saved whole, unzipped with tool-cache, and oc.exe moved into the tool cache', async () => {
  const src = path.join(root, 'zip-src')
  mkdirSync(src, { recursive: true })
  writeFileSync(path.join(src, 'oc.exe'), OC, { mode: 0o755 })
  writeFileSync(path.join(src, 'README.md'), README)
  const zip = path.join(root, 'client.zip')
  execFileSync('zip', ['-q', '-X', zip, 'oc.exe', 'README.md'], { cwd: src })
  served = { archive: readFileSync(zip), file: `openshift-client-windows-${VERSION}.zip` }
  const oc = await installOc({ kind: 'exact', version: VERSION }, mirror, { os: 'win32', arch: 'x64' })
  const dir = path.join(job.toolCache, 'oc', VERSION, 'x64')
  expect(oc).toMatchObject({ path: path.join(dir, 'oc.exe'), version: VERSION, source: 'download' })
  expect(readFileSync(oc.path).equals(OC)).toBe(true)
  expect(readdirSync(dir)).toEqual(['oc.exe'])
  expect(readdirSync(job.temp)).toEqual([])
})

test('a zip without oc.exe is refused, naming it', async () => {
  const src = path.join(root, 'zip-empty')
  mkdirSync(src, { recursive: true })
  writeFileSync(path.join(src, 'README.md'), README)
  const zip = path.join(root, 'empty.zip')
  execFileSync('zip', ['-q', '-X', zip, 'README.md'], { cwd: src })
  const file = `openshift-client-windows-${VERSION}.zip`
  served = { archive: readFileSync(zip), file }
  await expect(
    installOc({ kind: 'exact', version: VERSION }, mirror, { os: 'win32', arch: 'x64' })
  ).rejects.toThrow(`${file} holds no oc.exe; nothing was installed.`)
  expectNothingLeft()
})
