// The oc install through the bundled action: installed from a local mirror and put on PATH for later
// steps on the first job, taken from the tool cache on the second, and logged in through the kubeconfig.
import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

import { afterAll, beforeAll, expect, test } from '@jest/globals'

import { buildImage } from './harness/docker.js'
import { baseInputs } from './harness/rahti.js'
import { errorAnnotation, newJob, runMain, runPost } from './harness/runner.js'
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

test('installs oc for later steps, from the mirror once and then from the tool cache', async () => {
  const inputs = baseInputs(rahti, 'builder', 'with-oc', { 'oc-version': '4.16', 'oc-mirror': mirror.base })
  const job = newJob()
  const first = await runMain({ inputs, job })
  expect(errorAnnotation(first)).toBeUndefined()
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
    await runPost(result)
  } finally {
    mirror.trickle.delete(file)
  }
}, 60_000)
