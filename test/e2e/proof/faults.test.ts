// Faults injected at the emulator, end to end: the push succeeds where a retry can save it, fails clearly
// where it cannot, and never reports a tag the ImageStream does not hold. Every run is in debug mode and
// goes through the post step; the file's last test searches all they wrote for the tokens.
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, test } from '@jest/globals'

import { buildImage } from '../harness/docker.js'
import { baseInputs, tagsOf, uniqueImage } from '../harness/rahti.js'
import { filesUnder } from '../harness/runner.js'
import { clearFaultsAfterEach, useRahti } from '../harness/suite.js'
import {
  exchangedToken,
  expectCleanFailure,
  expectPushed,
  expectReportedTagsInStream,
  imageWithManifestFault,
  Ledger,
  runDebug,
  savedState,
  secretForms
} from './helpers.js'

const p = useRahti()
clearFaultsAfterEach(p)
const ledger = new Ledger()

const streams = '/apis/image.openshift.io/v1/namespaces/demo/imagestreams'
/** A failure that outlasted the retries is an outage: the user is told to run the job again later. */
const OUTLASTED = /again|later|re-?run/i

describe('faults a retry can cure', () => {
  test('502 and 503 bursts on the API (the token exchange too) are retried and the push succeeds', async () => {
    const image = uniqueImage('api-5xx')
    await buildImage(`${image}:latest`)
    const api = { server: 'api' as const, count: 1 }
    for (const fault of [
      { ...api, method: 'POST', path: 'selfsubjectreviews$', status: 502, count: 2 },
      { ...api, method: 'POST', path: 'selfsubjectrulesreviews$', status: 503 },
      { ...api, method: 'POST', path: '/serviceaccounts/ci/token$', status: 503 },
      { ...api, method: 'GET', path: `${streams}/${image}$`, status: 504 }
    ])
      p.emu.injectFault(fault)
    const main = await runDebug({ inputs: baseInputs(p, 'ci', image) })
    const short = exchangedToken(main)
    await ledger.settle('API 502/503/504 bursts', main, [p.accounts.ci.token, short])
    expectPushed(p, main, image, ['latest'])
    expect(main.stdout).toMatch(/selfsubjectreviews failed .*try 2 of 4/)
    expect(main.stdout).toMatch(/selfsubjectreviews failed .*try 3 of 4/)
    expect(main.stdout).toMatch(/serviceaccounts\/ci\/token failed .*try 2 of 4/)
    // The exchange survived its 503: the short-lived token was used, not the given one.
    expect(main.stdout).toMatch(/Exchanged the token for one that expires at/)
    expect(short).toBeDefined()
    expect(short).not.toBe(p.accounts.ci.token)
    expect(main.summary).toContain('created by this run')
  }, 90_000)

  test('a 429 with Retry-After on the API is waited out, as long as the server asks', async () => {
    const image = uniqueImage('api-429')
    await buildImage(`${image}:latest`)
    p.emu.injectFault({ method: 'POST', path: `${streams}$`, server: 'api', status: 429, retryAfter: 3 })
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image) })
    await ledger.settle('API 429 Retry-After', main, [p.accounts.builder.token])
    expectPushed(p, main, image, ['latest'])
    // The backoff would wait 1 s; the server asked for 3.
    expect(main.stdout).toMatch(
      /POST \/apis\/image\.openshift\.io\/v1\/namespaces\/demo\/imagestreams failed .*try 2 of 4 in 3000 ms/
    )
    expect(main.summary).toContain('created by this run')
  }, 90_000)

  test('a slow API (seconds per answer) only makes the push slower', async () => {
    const image = uniqueImage('api-slow')
    await buildImage(`${image}:latest`)
    p.emu.injectFault({ method: '*', path: '.', server: 'api', delayMs: 2500, count: 4 })
    const started = Date.now()
    const main = await runDebug({ inputs: baseInputs(p, 'ci', image) })
    const took = Date.now() - started
    const short = exchangedToken(main)
    await ledger.settle('slow API', main, [p.accounts.ci.token, short])
    expectPushed(p, main, image, ['latest'])
    expect(took).toBeGreaterThan(2500)
    expect(main.stdout).not.toMatch(/try 2 of 4/)
    expect(short).toBeDefined()
    expect(short).not.toBe(p.accounts.ci.token)
  }, 90_000)

  // Faults on the layer upload, which another try of the push cures: on Docker's classic store the action uploads
  // the layers itself and tries the whole upload again (what is already up is found by HEAD).
  test.each([
    {
      name: 'a 503 on a blob upload: the push is tried again and saved',
      prefix: 'blob-503',
      size: undefined,
      fault: { method: 'POST', path: '/blobs/uploads/$', status: 503 },
      log: /docker push \S+ failed \(.*503.*\); try 2 of 4/
    },
    {
      name: 'a 429 with Retry-After on a blob upload is survived',
      prefix: 'blob-429',
      size: undefined,
      fault: { method: 'PATCH', path: '/blobs/uploads/', status: 429, retryAfter: 1 },
      log: /docker push \S+ failed \(.*429.*\); try 2 of 4/
    },
    {
      // The layer is sent again after the reset.
      name: 'a connection reset mid-upload is survived',
      prefix: 'blob-reset',
      size: 400_000,
      fault: { method: 'PATCH', path: '/blobs/uploads/', reset: true, afterBytes: 100_000 },
      log: /docker push \S+ failed \(.*\); try 2 of 4/
    }
  ])(
    '$name',
    async ({ name, prefix, size, fault, log }) => {
      const image = uniqueImage(prefix)
      await buildImage(`${image}:latest`, { sizeBytes: size })
      p.emu.injectFault({ ...fault, server: 'registry', count: 1 })
      const main = await runDebug({ inputs: baseInputs(p, 'builder', image) })
      await ledger.settle(name, main, [p.accounts.builder.token])
      expectPushed(p, main, image, ['latest'])
      expect(main.stdout).toMatch(log)
    },
    120_000
  )

  test('503 then 429 (Retry-After) on the manifest PUT of the push: the action pushes again', async () => {
    const image = uniqueImage('manifest-push')
    await buildImage(`${image}:latest`)
    const manifest = `/v2/demo/${image}/manifests/latest$`
    p.emu.injectFault({ method: 'PUT', path: manifest, server: 'registry', status: 503 })
    p.emu.injectFault({ method: 'PUT', path: manifest, server: 'registry', status: 429, retryAfter: 2 })
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image) })
    await ledger.settle('manifest PUT 503+429', main, [p.accounts.builder.token])
    expectPushed(p, main, image, ['latest'])
    expect(main.stdout).toMatch(/docker push \S+ failed .*try 2 of 4/)
    expect(main.stdout).toMatch(/docker push \S+ failed .*try 3 of 4/)
  }, 120_000)

  test('a 502 burst on the retag PUT and a 503 on the manifest GET are retried', async () => {
    const image = uniqueImage('retag-5xx')
    await buildImage(`${image}:build`)
    for (const fault of [
      { method: 'PUT', path: '/manifests/v2$', status: 502, count: 2 },
      { method: 'GET', path: '/manifests/sha256:', status: 503, count: 1 }
    ])
      p.emu.injectFault({ ...fault, server: 'registry' })
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, { source: `${image}:build`, tags: 'v1 v2' })
    })
    await ledger.settle('retag 502/503', main, [p.accounts.builder.token])
    expectPushed(p, main, image, ['v1', 'v2'])
    expect(main.stdout).toMatch(/PUT \/v2\/demo\/\S+\/manifests\/v2 failed .*try 3 of 4/)
  }, 90_000)
})

describe('faults that outlast the retries', () => {
  test('the API answering 503 to every try: a clear error, nothing created, nothing uploaded', async () => {
    const image = uniqueImage('api-down')
    await buildImage(`${image}:latest`)
    p.emu.resetStats()
    p.emu.injectFault({ method: 'POST', path: 'selfsubjectreviews$', server: 'api', status: 503, count: 20 })
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image) })
    await ledger.settle('API down', main, [p.accounts.builder.token])
    const error = expectCleanFailure(main, /503/)
    expect(error).toMatch(OUTLASTED)
    expect(main.stdout).toMatch(/try 4 of 4/)
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
    expect(p.emu.stats().blobBytesReceived).toBe(0)
  }, 90_000)

  test('the ImageStream creation answering 503 to every try: the error says what failed, and to retry', async () => {
    const image = uniqueImage('create-down')
    await buildImage(`${image}:latest`)
    p.emu.resetStats()
    p.emu.injectFault({ method: 'POST', path: `${streams}$`, server: 'api', status: 503, count: 20 })
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image) })
    await ledger.settle('stream creation down', main, [p.accounts.builder.token])
    // The user must learn what failed (the ImageStream's creation), the answer (503), and what to do.
    expectCleanFailure(main, /ImageStream/i)
    expect(main.stdout).toMatch(/::error::.*503/)
    expect(main.stdout).toMatch(new RegExp(`::error::.*(${OUTLASTED.source})`, 'i'))
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
    expect(p.emu.stats().blobBytesReceived).toBe(0)
  }, 90_000)

  test('the manifest PUT of the push failing every try: exit 1, no tag reported', async () => {
    const image = await imageWithManifestFault(p, 'push-down', { status: 503, count: 20 })
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image) })
    await ledger.settle('manifest PUT down', main, [p.accounts.builder.token])
    const error = expectCleanFailure(main, /docker push \S+:latest failed.*503/)
    expect(error).toMatch(OUTLASTED)
    expect(main.stdout).toMatch(/try 4 of 4/)
    expect(tagsOf(p.emu.getImageStream('demo', image))).toEqual({})
    expectReportedTagsInStream(p, main, 'demo', image)
  }, 120_000)

  test('the retag PUT failing every try: exit 1, and no output claims the tags', async () => {
    const image = uniqueImage('retag-down')
    await buildImage(`${image}:build`)
    p.emu.injectFault({ method: 'PUT', path: '/manifests/v2$', server: 'registry', status: 503, count: 20 })
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, { source: `${image}:build`, tags: 'v1 v2' })
    })
    await ledger.settle('retag down', main, [p.accounts.builder.token])
    const error = expectCleanFailure(main, /manifests\/v2.*503/)
    expect(error).toMatch(OUTLASTED)
    expect(Object.keys(tagsOf(p.emu.getImageStream('demo', image)))).not.toContain('v2')
    expectReportedTagsInStream(p, main, 'demo', image)
  }, 90_000)
})

describe('the post step after a main step that failed half-way', () => {
  test('a push killed after the login: no login was ever on disk, and the post step has nothing to remove', async () => {
    const image = await imageWithManifestFault(p, 'half-way', { status: 500, count: 20 })
    const main = await runDebug({ inputs: baseInputs(p, 'ci', image) })
    expect(main.exitCode).toBe(1)
    // It got as far as the push with the exchanged token, which went to the Docker engine in the push request's
    // header: no configuration directory, no credential file.
    expect(main.stdout).toMatch(/Exchanged the token/)
    expect(main.stdout).toMatch(/::group::Push demo\//)
    expect(savedState(main).dockerConfig).toBeUndefined()
    const secrets = [p.accounts.ci.token].flatMap(secretForms)
    const held = filesUnder(main.job.runnerTemp).filter(f => secrets.some(s => f.text.includes(s)))
    expect(held.map(f => f.path)).toEqual([])

    const post = await ledger.settle('failed half-way', main, [p.accounts.ci.token])
    expect(post.exitCode).toBe(0)
    expect(readFileSync(main.job.argvLog, 'utf8')).not.toMatch(/^docker /m)
  }, 120_000)
})

describe('secrets', () => {
  test('no run above (debug on) wrote a token anywhere, and every credential file was 0600 and is gone', () => {
    expect(ledger.entries.length).toBeGreaterThanOrEqual(13)
    expect(ledger.violations()).toEqual([])
    // Not a vacuous search: each successful run held the token in exactly one file before the post step, the
    // kubeconfig, 0600; the Docker engine's login was never on disk (it travels in the push request's header).
    const succeeded = ledger.entries.filter(e => e.main.exitCode === 0)
    expect(succeeded.length).toBeGreaterThan(0)
    for (const e of succeeded) {
      expect(e.heldBeforePost.map(f => [path.basename(f.path), f.mode])).toEqual([['config', 0o600]])
    }
  })
})
