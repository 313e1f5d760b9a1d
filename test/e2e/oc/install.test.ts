// installOc end to end against a fake mirror on 127.0.0.1: real HTTP (with the mirror's relative
// 302s), real tarballs (made by tar), the real tool cache in a temporary RUNNER_TOOL_CACHE, and an oc
// that really runs. Only the Actions cache is absent, as it is outside a hosted runner. PATH holds sh alone:
// the installer unpacks tarballs in process, and a tar or gzip it spawned would fail the test.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { type OcInstallRequest, parseOcVersion } from '../../../src/oc/inputs.js'
import { installOc } from '../../../src/oc/install.js'
import { FakeMirror, fakeOcScript, makeClientTarball, releaseTxt, sha256 } from './fake-mirror.js'
import { installTools, runnerJobHooks } from './runner-job.js'

const LINUX_X64 = { os: 'linux' as const, arch: 'x64' }
const LINUX_ARM64 = { os: 'linux' as const, arch: 'arm64' }
// Large enough that download, hashing and extraction cost what they cost with the real 50-70 MB archive.
const REALISTIC_PAD = 48 * 1024 * 1024

let root: string
let mirror: FakeMirror
let sizeOf4163 = 0
const timings: string[] = []

async function writeSums(dir: string, files: string[], override: Record<string, string> = {}): Promise<void> {
  const lines = files.map(f => `${override[f] ?? sha256(path.join(dir, f))}  ${f}`)
  await writeFile(path.join(dir, 'sha256sum.txt'), lines.join('\n') + '\n')
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'oc-e2e-'))
  const tree = path.join(root, 'mirror')

  // 4.16.3: x64 (realistic size), arm64, and a rhel9 variant that must not be picked.
  const v4163 = path.join(tree, '4.16.3')
  const x64 = 'openshift-client-linux-4.16.3.tar.gz'
  await makeClientTarball(path.join(v4163, x64), {
    version: '4.16.3',
    marker: 'linux/x64',
    padBytes: REALISTIC_PAD
  })
  await makeClientTarball(path.join(v4163, 'openshift-client-linux-arm64-4.16.3.tar.gz'), {
    version: '4.16.3',
    marker: 'linux/arm64'
  })
  await makeClientTarball(path.join(v4163, 'openshift-client-linux-amd64-rhel9-4.16.3.tar.gz'), {
    version: '4.16.3',
    marker: 'linux/x64 rhel9'
  })
  await writeSums(v4163, [
    x64,
    'openshift-client-linux-arm64-4.16.3.tar.gz',
    'openshift-client-linux-amd64-rhel9-4.16.3.tar.gz'
  ])
  await writeFile(path.join(v4163, 'release.txt'), releaseTxt('4.16.3'))
  sizeOf4163 = statSync(path.join(v4163, x64)).size
  // Channel directories carry generic names, release.txt, and a checksum list keyed by versioned names.
  for (const channel of ['stable', 'stable-4.16']) {
    const dir = path.join(tree, channel)
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, 'release.txt'), releaseTxt('4.16.3'))
    await writeFile(path.join(dir, 'sha256sum.txt'), readFileSync(path.join(v4163, 'sha256sum.txt')))
  }

  // 4.15.9: the archive on the mirror does not match its sha256sum.txt entry.
  const v4159 = path.join(tree, '4.15.9')
  await makeClientTarball(path.join(v4159, 'openshift-client-linux-4.15.9.tar.gz'), {
    version: '4.15.9',
    marker: 'tampered'
  })
  await writeSums(v4159, ['openshift-client-linux-4.15.9.tar.gz'], {
    'openshift-client-linux-4.15.9.tar.gz': 'f'.repeat(64)
  })

  // 4.14.0: x64 only; its fast-4.14 channel has no release.txt, only the checksum list.
  const v4140 = path.join(tree, '4.14.0')
  await makeClientTarball(path.join(v4140, 'openshift-client-linux-4.14.0.tar.gz'), {
    version: '4.14.0',
    marker: 'linux/x64'
  })
  await writeSums(v4140, ['openshift-client-linux-4.14.0.tar.gz'])
  await mkdir(path.join(tree, 'fast-4.14'))
  await writeFile(
    path.join(tree, 'fast-4.14', 'sha256sum.txt'),
    readFileSync(path.join(v4140, 'sha256sum.txt'))
  )

  // 4.13.1: verified, but its oc does not run (as an x86 binary would not on arm64).
  const v4131 = path.join(tree, '4.13.1')
  await makeClientTarball(path.join(v4131, 'openshift-client-linux-4.13.1.tar.gz'), { marker: 'broken' })
  await writeSums(v4131, ['openshift-client-linux-4.13.1.tar.gz'])

  mirror = new FakeMirror(tree)
  await mirror.start()
}, 60_000)

afterAll(async () => {
  await mirror?.stop()
  await rm(root, { recursive: true, force: true })
  console.log(`oc install timings (fake mirror on 127.0.0.1):\n${timings.join('\n')}`)
})

// Per test: its own RUNNER_TOOL_CACHE, RUNNER_TEMP, GITHUB_PATH and a PATH with only sh (for the fake oc).
const log = runnerJobHooks()
let job: { toolCache: string; temp: string; githubPath: string; bin: string }

beforeEach(async () => {
  const dir = await mkdtemp(path.join(root, 'job-'))
  job = {
    toolCache: path.join(dir, 'tool-cache'),
    temp: path.join(dir, 'temp'),
    githubPath: path.join(dir, 'github_path'),
    bin: path.join(dir, 'bin')
  }
  await mkdir(job.toolCache)
  await mkdir(job.temp)
  await installTools(job.bin, ['sh'])
  await writeFile(job.githubPath, '')
  process.env.PATH = job.bin
  process.env.RUNNER_TOOL_CACHE = job.toolCache
  process.env.RUNNER_TEMP = job.temp
  process.env.GITHUB_PATH = job.githubPath
  // No Actions cache service, as on a runner without one.
  delete process.env.ACTIONS_CACHE_URL
  delete process.env.ACTIONS_RESULTS_URL
  mirror.requests.length = 0
})

const warnings = (): string[] => log.lines.filter(l => l.startsWith('::warning') || l.startsWith('::error'))
const addedPaths = (): string[] => readFileSync(job.githubPath, 'utf8').split('\n').filter(Boolean)
const leftovers = (): string[] => readdirSync(job.temp)
/** The mirror's files asked for, sorted: the checksum list and the archive are asked for at once, in either order. */
const fileRequests = (): string[] => [...mirror.fileRequests()].sort()

/** `oc version --client` of the oc in `dir` (installOc leaves PATH to its caller), sh still on PATH. */
function runOc(dir: string): string {
  return execFileSync('oc', ['version', '--client'], {
    encoding: 'utf8',
    env: { PATH: `${dir}${path.delimiter}${process.env.PATH}` }
  })
}

test('first run downloads, verifies and caches oc, leaving PATH alone; the second run downloads nothing', async () => {
  const t0 = Date.now()
  const first = await installOc({ kind: 'exact', version: '4.16.3' }, mirror.base, LINUX_X64)
  const firstMs = Date.now() - t0

  const toolDir = path.join(job.toolCache, 'oc', '4.16.3', 'x64')
  expect(first).toEqual({
    path: path.join(toolDir, 'oc'),
    version: '4.16.3',
    source: 'download',
    downloadedBytes: sizeOf4163
  })
  // The versioned file from the version directory, reached through the mirror's relative 302; the checksum
  // list and the archive are asked for at once, so in either order.
  expect([...mirror.requests].sort()).toEqual([
    'GET /pub/openshift-v4/clients/ocp/4.16.3/openshift-client-linux-4.16.3.tar.gz',
    'GET /pub/openshift-v4/clients/ocp/4.16.3/sha256sum.txt',
    'GET /pub/openshift-v4/x86_64/clients/ocp/4.16.3/openshift-client-linux-4.16.3.tar.gz',
    'GET /pub/openshift-v4/x86_64/clients/ocp/4.16.3/sha256sum.txt'
  ])
  // Only oc was extracted: no kubectl, no README.md.
  expect(readdirSync(toolDir)).toEqual(['oc'])
  expect(existsSync(`${toolDir}.complete`)).toBe(true)
  expect(statSync(first!.path).mode & 0o111).toBe(0o111)
  expect(readFileSync(first!.path).subarray(0, 40).toString()).toContain('# linux/x64\n')
  // Not on PATH yet: the caller (oc/aside.ts, in the step's own process) adds the directory, once it has the
  // outcome of the install, which runs in a process of its own.
  expect(addedPaths()).toEqual([])
  expect(process.env.PATH).toBe(job.bin)
  expect(runOc(toolDir)).toContain('Client Version: 4.16.3')
  // No download directory left in RUNNER_TEMP (and, without a cache service, no staging directory made), and no
  // Actions cache noise.
  expect(leftovers()).toEqual([])
  expect(warnings()).toEqual([])

  // Second run in the same job: a tool-cache hit, not one request to the mirror.
  mirror.requests.length = 0
  const t1 = Date.now()
  const second = await installOc({ kind: 'exact', version: '4.16.3' }, mirror.base, LINUX_X64)
  const secondMs = Date.now() - t1
  expect(second).toEqual({ ...first, source: 'tool-cache', downloadedBytes: 0 })
  expect(mirror.requests).toEqual([])

  timings.push(
    `  first install (download ${(sizeOf4163 / 1024 / 1024).toFixed(1)} MiB, verify, extract, cache): ${firstMs} ms`,
    `  tool-cache hit (find, run oc version --client): ${secondMs} ms`
  )
})

test('a checksum mismatch is refused: nothing is cached, put on PATH or left behind', async () => {
  const pathBefore = process.env.PATH
  await expect(installOc({ kind: 'exact', version: '4.15.9' }, mirror.base, LINUX_X64)).rejects.toThrow(
    new RegExp(
      String.raw`^The SHA-256 of http://127\.0\.0\.1:\d+/pub/openshift-v4/clients/ocp/4\.15\.9/openshift-client-linux-4\.15\.9\.tar\.gz ` +
        String.raw`is [0-9a-f]{64}, but http://\S+/4\.15\.9/sha256sum\.txt lists f{64}; the download was discarded`
    )
  )
  expect(existsSync(path.join(job.toolCache, 'oc'))).toBe(false)
  expect(addedPaths()).toEqual([])
  expect(process.env.PATH).toBe(pathBefore)
  expect(leftovers()).toEqual([])
})

test('an arm64 runner gets the arm64 archive', async () => {
  const oc = await installOc({ kind: 'exact', version: '4.16.3' }, mirror.base, LINUX_ARM64)
  const toolDir = path.join(job.toolCache, 'oc', '4.16.3', 'arm64')
  expect(oc).toMatchObject({ path: path.join(toolDir, 'oc'), version: '4.16.3', source: 'download' })
  expect(fileRequests()).toEqual([
    '4.16.3/openshift-client-linux-arm64-4.16.3.tar.gz',
    '4.16.3/sha256sum.txt'
  ])
  expect(readFileSync(oc!.path, 'utf8')).toContain('# linux/arm64\n')
  expect(readdirSync(toolDir)).toEqual(['oc'])
})

test('a version without an archive for the runner is refused, naming the file and the checksum list', async () => {
  await expect(installOc({ kind: 'exact', version: '4.14.0' }, mirror.base, LINUX_ARM64)).rejects.toThrow(
    /^The mirror has no openshift-client-linux-arm64-4\.14\.0\.tar\.gz: http:\/\/127\.0\.0\.1:\d+\/\S+\/4\.14\.0\/sha256sum\.txt does not list it/
  )
  // The archive, asked for beside the list, is given up on (here the mirror has none: a 404 at most).
  expect(fileRequests().filter(f => f !== '4.14.0/openshift-client-linux-arm64-4.14.0.tar.gz')).toEqual([
    '4.14.0/sha256sum.txt'
  ])
  expect(existsSync(path.join(job.toolCache, 'oc'))).toBe(false)
  expect(leftovers()).toEqual([])
})

test('an unknown version is refused clearly', async () => {
  await expect(installOc({ kind: 'exact', version: '4.99.0' }, mirror.base, LINUX_X64)).rejects.toThrow(
    /^oc 4\.99\.0 is not on the mirror \(http:\/\/127\.0\.0\.1:\d+\/pub\/openshift-v4\/clients\/ocp\/4\.99\.0\/sha256sum\.txt answered HTTP 404\)\. Set oc-version to/
  )
  expect(existsSync(path.join(job.toolCache, 'oc'))).toBe(false)
})

test('an unknown channel is refused clearly', async () => {
  await expect(
    installOc({ kind: 'channel', channel: 'stable-4.99' }, mirror.base, LINUX_X64)
  ).rejects.toThrow(
    /^The oc channel "stable-4\.99" is not on the mirror \(http:\/\/\S+\/stable-4\.99\/release\.txt answered HTTP 404\)/
  )
})

test('an unreachable mirror is reported with the URL and what to check', async () => {
  const closed = new FakeMirror(mirror.root)
  await closed.start()
  await closed.stop()
  await expect(installOc({ kind: 'exact', version: '4.16.3' }, closed.base, LINUX_X64)).rejects.toThrow(
    /^Could not fetch http:\/\/127\.0\.0\.1:\d+\/pub\/openshift-v4\/clients\/ocp\/4\.16\.3\/sha256sum\.txt: .*refused the connection\. Check that the runner can reach the mirror \(input oc-mirror\), or retry the job\.$/
  )
  expect(existsSync(path.join(job.toolCache, 'oc'))).toBe(false)
}, 20_000)

test('an unsupported CPU is refused before any request', async () => {
  await expect(
    installOc({ kind: 'exact', version: '4.16.3' }, mirror.base, { os: 'linux', arch: 'ia32' })
  ).rejects.toThrow(/no oc client for linux on ia32/)
  expect(mirror.requests).toEqual([])
})

test('an oc already on PATH is reused when no version is asked for', async () => {
  const preinstalled = path.join(job.bin, 'oc')
  await writeFile(preinstalled, fakeOcScript({ version: '4.14.1', marker: 'runner image' }), { mode: 0o755 })
  const oc = await installOc({ kind: 'default' }, mirror.base, LINUX_X64)
  expect(oc).toEqual({ path: preinstalled, version: '4.14.1', source: 'path', downloadedBytes: 0 })
  expect(mirror.requests).toEqual([])
  expect(addedPaths()).toEqual([])
})

test('an oc on PATH is not reused when a version is asked for', async () => {
  await writeFile(path.join(job.bin, 'oc'), fakeOcScript({ version: '4.14.1', marker: 'runner image' }), {
    mode: 0o755
  })
  const oc = await installOc({ kind: 'exact', version: '4.16.3' }, mirror.base, LINUX_X64)
  expect(oc).toMatchObject({ version: '4.16.3', source: 'download' })
  expect(runOc(path.dirname(oc.path))).toContain('4.16.3')
})

test('with no version asked for and no oc on PATH, the stable channel is installed', async () => {
  const oc = await installOc({ kind: 'default' }, mirror.base, LINUX_X64)
  expect(oc).toMatchObject({ version: '4.16.3', source: 'download' })
  expect(fileRequests()).toEqual([
    '4.16.3/openshift-client-linux-4.16.3.tar.gz',
    '4.16.3/sha256sum.txt',
    'stable/release.txt'
  ])
})

test.each(['stable-4.16', '4.16'])(
  'oc-version %s resolves to the exact version first, and then hits the tool cache',
  async input => {
    const request = parseOcVersion(input) as OcInstallRequest
    const oc = await installOc(request, mirror.base, LINUX_X64)
    expect(oc).toMatchObject({ version: '4.16.3', source: 'download' })
    expect(fileRequests()).toEqual([
      '4.16.3/openshift-client-linux-4.16.3.tar.gz',
      '4.16.3/sha256sum.txt',
      'stable-4.16/release.txt'
    ])
    mirror.requests.length = 0
    // Channels move, so they are always resolved; the exact version is then found in the tool cache.
    expect(await installOc(request, mirror.base, LINUX_X64)).toMatchObject({
      version: '4.16.3',
      source: 'tool-cache'
    })
    expect(fileRequests()).toEqual(['stable-4.16/release.txt'])
  }
)

test('a channel directory without release.txt is resolved from its sha256sum.txt', async () => {
  const oc = await installOc(parseOcVersion('fast-4.14') as OcInstallRequest, mirror.base, LINUX_X64)
  expect(oc).toMatchObject({ version: '4.14.0', source: 'download' })
  expect(mirror.fileRequests().slice(0, 2)).toEqual(['fast-4.14/release.txt', 'fast-4.14/sha256sum.txt'])
})

test('a verified oc that does not run is not installed', async () => {
  await expect(installOc({ kind: 'exact', version: '4.13.1' }, mirror.base, LINUX_X64)).rejects.toThrow(
    /^The downloaded oc 4\.13\.1 does not run on this linux\/x64 runner \(.*exited with code 126: exec format error\); it was not installed\.$/
  )
  expect(existsSync(path.join(job.toolCache, 'oc'))).toBe(false)
  expect(addedPaths()).toEqual([])
})

test('a mirror hiccup (HTTP 503) is retried', async () => {
  mirror.failOnce.set('4.14.0/openshift-client-linux-4.14.0.tar.gz', 503)
  const oc = await installOc({ kind: 'exact', version: '4.14.0' }, mirror.base, LINUX_X64)
  expect(oc).toMatchObject({ version: '4.14.0', source: 'download' })
  expect(fileRequests()).toEqual([
    '4.14.0/openshift-client-linux-4.14.0.tar.gz',
    '4.14.0/openshift-client-linux-4.14.0.tar.gz',
    '4.14.0/sha256sum.txt'
  ])
  expect(warnings()).toEqual([])
})

test('without the Actions cache service the install carries on silently', async () => {
  expect(process.env.ACTIONS_CACHE_URL ?? process.env.ACTIONS_RESULTS_URL).toBeUndefined()
  const oc = await installOc({ kind: 'exact', version: '4.14.0' }, mirror.base, LINUX_X64)
  expect(oc).toMatchObject({ source: 'download' })
  expect(warnings()).toEqual([])
  expect(log.lines.join('')).toContain('::debug::The Actions cache service is not available; skipping it')
})
