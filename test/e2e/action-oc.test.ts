// The oc install through the bundled action: installed from a local mirror and put on PATH for later
// steps on the first job, taken from the tool cache on the second, and logged in through the kubeconfig.
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'

import { afterAll, beforeAll, expect, test } from '@jest/globals'

import { buildImage } from './harness/docker.js'
import { baseInputs } from './harness/rahti.js'
import { errorAnnotation, type Job, newJob, runMain, runPost } from './harness/runner.js'
import { useRahti } from './harness/suite.js'
import { type FakeMirror, startStable416Mirror } from './oc/fake-mirror.js'

const rahti = useRahti()
let mirror: FakeMirror
let root: string

beforeAll(async () => {
  ;({ mirror, root } = await startStable416Mirror('action-e2e'))
  await buildImage('with-oc:latest')
}, 120_000)

afterAll(async () => {
  await mirror?.stop()
  await rm(root, { recursive: true, force: true })
})

/** The oc install's processes (dist/oc/index.js) of this job, told apart by their RUNNER_TEMP. */
function installProcesses(job: Job): number[] {
  const pids: number[] = []
  for (const pid of readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
      if (!argv.some(a => a.endsWith(path.join('dist', 'oc', 'index.js')))) continue
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')
      if (env.includes(`RUNNER_TEMP=${job.runnerTemp}`)) pids.push(Number(pid))
    } catch {
      // Gone meanwhile.
    }
  }
  return pids
}

/** The nice value of every thread of a process (/proc/<pid>/task/<tid>/stat, field 19). */
function threadNiceness(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map(tid => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
    // The fields after the command's name, which is in parentheses and may hold spaces: state is field 3.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3])
  })
}

/** What a stopped install left in the job's RUNNER_TEMP (its download directory, once it is removed, nothing). */
const downloadLeftovers = (job: Job): string[] =>
  readdirSync(job.runnerTemp).filter(f => f.startsWith('rahti-push-oc-download-'))

async function gone(job: Job, withinMs = 5_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < withinMs; await sleep(50)) {
    if (installProcesses(job).length === 0) return true
  }
  return false
}

test('installs oc for later steps, from the mirror once and then from the tool cache', async () => {
  const inputs = baseInputs(rahti, 'builder', 'with-oc', { 'oc-version': '4.16', 'oc-mirror': mirror.base })
  const job = newJob()
  const first = await runMain({ inputs, job, debug: true })
  expect(errorAnnotation(first)).toBeUndefined()
  // In a process of its own, at the lowest priority (read back there with os.getPriority), its lines in the log.
  expect(first.stdout).toMatch(/^::debug::oc installs in process \d+ at priority 19$/m)
  expect(first.stdout).toMatch(/^oc 4\.16\.3 downloaded \(.+\) and verified in .+/m)
  expect(first.outputs['oc-version']).toBe('4.16.3')
  expect(first.outputs['oc-path']).toMatch(new RegExp(`^${job.toolCache}/oc/4\\.16\\.3/.+/oc$`))
  expect(first.paths).toContain(path.dirname(first.outputs['oc-path']))
  expect(first.summary).toContain('oc: 4.16.3')
  expect(mirror.fileRequests()).toContain('4.16.3/openshift-client-linux-4.16.3.tar.gz')

  // A later step runs the oc the action put on PATH, with the kubeconfig it exported.
  const { stdout } = await promisify(execFile)('oc', ['version', '--client'], {
    env: {
      ...process.env,
      PATH: `${first.paths.join(':')}:${process.env.PATH}`,
      KUBECONFIG: first.exported.KUBECONFIG
    }
  })
  expect(stdout).toContain('Client Version: 4.16.3')
  await runPost(first)

  // The second job on the same runner: same tool cache, no download.
  const downloads = mirror.fileRequests().filter(r => r.endsWith('.tar.gz')).length
  const second = await runMain({ inputs, job: { ...newJob(), toolCache: job.toolCache } })
  expect(errorAnnotation(second)).toBeUndefined()
  expect(second.outputs['oc-path']).toBe(first.outputs['oc-path'])
  expect(mirror.fileRequests().filter(r => r.endsWith('.tar.gz')).length).toBe(downloads)
  await runPost(second)
}, 180_000)

// 'none' is settled before the installer is even loaded (test/e2e/oc/install.test.ts covers the installer).
test('"none" installs nothing and asks the mirror nothing', async () => {
  const before = mirror.requests.length
  const result = await runMain({
    inputs: baseInputs(rahti, 'builder', 'with-oc', { 'oc-version': 'none', 'oc-mirror': mirror.base })
  })
  expect(errorAnnotation(result)).toBeUndefined()
  expect(result.stdout).toContain("Skipped: 'oc-version' is none")
  expect(mirror.requests.length).toBe(before)
  expect(result.outputs['oc-path']).toBeUndefined()
  expect(result.paths).toEqual([])
  await runPost(result)
}, 120_000)

// A failed step cancels the work beside it: a preflight that fails while oc still downloads ends the step at once,
// and nothing announces an oc that a failed run half installed.
test('a failed preflight ends the step at once: the oc download is cancelled, no oc-path, nothing on PATH', async () => {
  const file = '4.16.3/openshift-client-linux-4.16.3.tar.gz'
  mirror.trickle.add(file)
  try {
    // Only system:image-pusher and a stream that does not exist: the preflight refuses before any upload.
    const inputs = baseInputs(rahti, 'pusher', 'never-made', {
      source: 'with-oc:latest',
      'oc-version': '4.16.3',
      'oc-mirror': mirror.base
    })
    const started = Date.now()
    const result = await runMain({ inputs, job: newJob() })
    const took = Date.now() - started
    expect(errorAnnotation(result)).toMatch(/may not create|system:image-builder/)
    expect(mirror.requests.some(r => r.endsWith(file))).toBe(true) // the download had begun
    // The trickle would last minutes; the step ends as soon as the preflight has failed.
    expect(took).toBeLessThan(5_000)
    expect(result.outputs['oc-path']).toBeUndefined()
    expect(result.outputs['oc-version']).toBeUndefined()
    expect(result.paths).toEqual([])
    expect(result.stdout.split('\n').filter(l => l.startsWith('::error::'))).toHaveLength(1)
    // The install's process was stopped and removed its download directory.
    expect(await gone(result.job)).toBe(true)
    expect(downloadLeftovers(result.job)).toEqual([])
    await runPost(result)
  } finally {
    mirror.trickle.delete(file)
  }
}, 60_000)

// A cancelled job (SIGTERM to the step) stops the install's process too, which was running at the lowest priority,
// every thread of it (libuv's threadpool, where zlib inflates and files are written, included).
test('a cancelled job stops the install, which ran at nice 19 in every thread: no process, no download left', async () => {
  const file = '4.16.3/openshift-client-linux-4.16.3.tar.gz'
  mirror.trickle.add(file)
  try {
    const job = newJob()
    let niceness: number[] = []
    let downloading: string[] = []
    const requestsBefore = mirror.requests.length
    const result = await runMain({
      inputs: baseInputs(rahti, 'builder', 'with-oc', { 'oc-version': '4.16.3', 'oc-mirror': mirror.base }),
      job,
      trigger: {
        when: /::group::Push /,
        then: child =>
          void (async () => {
            // Once the download has begun (the archive trickles: it stays begun), the threads are read.
            const asked = () => mirror.requests.slice(requestsBefore).some(r => r.endsWith(file))
            for (let i = 0; i < 100 && !asked(); i++) await sleep(50)
            const [pid] = installProcesses(job)
            if (pid) niceness = threadNiceness(pid)
            downloading = downloadLeftovers(job)
            child.kill('SIGTERM')
          })()
      }
    })
    expect(errorAnnotation(result)).toMatch(/The job was cancelled \(SIGTERM\)/)
    expect(niceness.length).toBeGreaterThan(1)
    expect(niceness.every(n => n === 19)).toBe(true)
    // The download directory was there when the job was cancelled, and is no more.
    expect(downloading).toHaveLength(1)
    expect(await gone(job)).toBe(true)
    expect(downloadLeftovers(job)).toEqual([])
    expect(result.outputs['oc-path']).toBeUndefined()
    expect(result.paths).toEqual([])
    await runPost(result)
  } finally {
    mirror.trickle.delete(file)
  }
}, 60_000)
