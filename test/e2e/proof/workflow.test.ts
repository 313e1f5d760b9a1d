// What push and pull-request workflows ask of the step, end to end against the emulator and the real engine:
// `dry-run` checks everything and changes nothing, an empty token is skipped only where GitHub gives no secrets
// (a pull request from a fork or from Dependabot), `retries` sets how often a request and the push are tried, and
// `timeout` stops the whole step and leaves nothing behind. Every run is in debug mode and goes through the post
// step; the file's last test searches all they wrote for the tokens.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, test } from '@jest/globals'

import { buildImage } from '../harness/docker.js'
import { baseInputs, tagsOf, uniqueImage } from '../harness/rahti.js'
import { newJob } from '../harness/runner.js'
import { clearFaultsAfterEach, useRahti } from '../harness/suite.js'
import {
  closedPort,
  errorAnnotations,
  exchangedToken,
  expectCleanFailure,
  expectPushed,
  imageWithManifestFault,
  Ledger,
  localNames,
  type Main,
  runDebug,
  savedState,
  STACK_LINE
} from './helpers.js'

const p = useRahti()
clearFaultsAfterEach(p)
const ledger = new Ledger()

/** The commands the step ran, one line each (the harness's argv log). */
function commandsRun(main: { job: { argvLog: string } }): string[] {
  return readFileSync(main.job.argvLog, 'utf8').split('\n').filter(Boolean)
}

describe('dry-run: true', () => {
  test('checks everything, creates nothing (no stream, no byte, no tag, no token, no login) and says what it would do', async () => {
    const image = uniqueImage('dry')
    await buildImage(`${image}:build`)
    p.emu.resetStats()
    const main = await runDebug({
      inputs: baseInputs(p, 'ci', image, {
        source: `${image}:build`,
        tags: 'v1 latest',
        'dry-run': 'true'
      })
    })
    const post = await ledger.settle('dry run', main, [p.accounts.ci.token])
    expect(main.exitCode).toBe(0)
    expect(main.stdout).not.toMatch(/::error::/)
    // Nothing on the cluster: no stream, no uploaded byte, no tag.
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
    expect(p.emu.stats().blobBytesReceived).toBe(0)
    expect(p.emu.stats().blobsMounted).toBe(0)
    // What a real run would do, in the log and in the job summary.
    const registry = p.emu.info.registry
    expect(main.stdout).toContain(
      `Would exchange the token of system:serviceaccount:demo:ci for one that lives 1h`
    )
    expect(main.stdout).toContain(`Would create the ImageStream demo/${image}`)
    expect(main.stdout).toContain(`Would log in to ${registry}`)
    expect(main.stdout).toMatch(
      new RegExp(
        `Would push ${image}:build \\(sha256:[a-f0-9]{64}\\) as ${registry}/demo/${image} under the tags v1, latest`
      )
    )
    expect(main.stdout).toMatch(
      /::notice::Dry run: every check passed; nothing was created, uploaded or changed/
    )
    expect(main.summary).toContain(`Dry run: demo/${image} would be pushed to Rahti`)
    expect(main.summary).toContain(`Would create the ImageStream demo/${image}`)
    // No short-lived token was made, nothing logged in, no kubeconfig, no name given to the local image.
    expect(main.stdout).not.toMatch(/Exchanged the token/)
    expect(exchangedToken(main)).toBeUndefined()
    expect(commandsRun(main).filter(c => /^docker (login|tag|push) /.test(c))).toEqual([])
    expect(main.exported.KUBECONFIG).toBeUndefined()
    expect(savedState(main)).toEqual({ dockerConfig: undefined, kubeconfig: undefined })
    expect(await localNames(p, image)).toEqual([])
    // Outputs: the references as a real run would set them, and nothing that only a push knows.
    expect(main.outputs.image).toBe(`${registry}/demo/${image}:v1`)
    expect(main.outputs.images.split('\n')).toEqual([
      `${registry}/demo/${image}:v1`,
      `${registry}/demo/${image}:latest`
    ])
    expect(main.outputs.imagestream).toBe(`demo/${image}`)
    for (const name of ['digest', 'image-by-digest', 'internal-image'])
      expect(main.outputs[name]).toBeUndefined()
    expect(post.exitCode).toBe(0)
    expect(post.stdout).not.toMatch(/Logged out|Removed the kubeconfig|::warning::/)
  }, 120_000)

  test('into an existing stream: says so, and still leaves every tag as it was', async () => {
    const image = uniqueImage('dry-existing')
    await buildImage(`${image}:latest`)
    const first = await runDebug({ inputs: baseInputs(p, 'builder', image) })
    await ledger.settle('push before a dry run', first, [p.accounts.builder.token])
    expectPushed(p, first, image, ['latest'])
    const before = tagsOf(p.emu.getImageStream('demo', image))
    await buildImage(`${image}:latest`)
    p.emu.resetStats()
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image, { 'dry-run': 'true' }) })
    await ledger.settle('dry run into an existing stream', main, [p.accounts.builder.token])
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain(`Would push into the existing ImageStream demo/${image}`)
    expect(main.stdout).toContain('Would use the given token of system:serviceaccount:demo:builder')
    expect(tagsOf(p.emu.getImageStream('demo', image))).toEqual(before)
    expect(p.emu.stats().blobBytesReceived).toBe(0)
  }, 120_000)

  test('fails on a missing right as a real run does, and creates nothing', async () => {
    const image = uniqueImage('dry-denied')
    await buildImage(`${image}:latest`)
    const main = await runDebug({ inputs: baseInputs(p, 'pusher', image, { 'dry-run': 'true' }) })
    await ledger.settle('dry run without the right to create', main, [p.accounts.pusher.token])
    expectCleanFailure(main, /does not exist, and system:serviceaccount:demo:pusher may not create it/)
    expect(main.stdout).not.toMatch(/Would /)
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
  }, 120_000)

  test('asks the registry whether it takes the token, as the login would, and fails when it does not', async () => {
    const image = uniqueImage('dry-registry')
    await buildImage(`${image}:latest`)
    p.emu.injectFault({ method: 'GET', path: '^/v2/$', server: 'registry', status: 401 })
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image, { 'dry-run': 'true' }) })
    await ledger.settle('dry run, registry refuses the token', main, [p.accounts.builder.token])
    expectCleanFailure(main, /^The registry \S+ refused the token \(HTTP 401\)/)
    expect(main.stdout).not.toMatch(/Would /)
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
  }, 120_000)

  test('fails on a missing source as a real run does', async () => {
    const image = uniqueImage('dry-nosource')
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image, { 'dry-run': 'true' }) })
    await ledger.settle('dry run without the source', main, [p.accounts.builder.token])
    expectCleanFailure(
      main,
      new RegExp(`Input 'source': the image '${image}:latest' was found nowhere; looked in the Docker engine`)
    )
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
  }, 120_000)
})

describe('oc, installed alongside', () => {
  /** The oc failure, after what did happen (whose outputs stand): exit 1, one error annotation, no stack. */
  function expectOcFailure(main: Main, message: RegExp): void {
    expect(main.exitCode).toBe(1)
    expect(errorAnnotations(main)).toEqual([expect.stringMatching(message)])
    expect(`${main.stdout}${main.stderr}`).not.toMatch(STACK_LINE)
  }

  test('a dry run waits for it, and an oc that could not be installed fails the dry run after its checks', async () => {
    const image = uniqueImage('dry-oc')
    await buildImage(`${image}:latest`)
    const mirror = `http://127.0.0.1:${await closedPort()}/pub/openshift-v4/clients/ocp`
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, {
        'dry-run': 'true',
        'oc-version': '4.16.3',
        'oc-mirror': mirror
      })
    })
    await ledger.settle('dry run, oc mirror unreachable', main, [p.accounts.builder.token])
    expectOcFailure(
      main,
      /^::error::The dry run's checks passed, but oc was not installed: Could not fetch http:\/\/127\.0\.0\.1:/
    )
    expect(main.stdout).toMatch(/::notice::Dry run: every check passed/)
    expect(main.stdout).toMatch(/Install oc: \d+ ms, alongside the push/)
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
    expect(main.outputs['oc-path']).toBeUndefined()
  }, 120_000)

  test('a push it failed beside is reported first: pushed, then the oc failure', async () => {
    const image = uniqueImage('push-oc')
    await buildImage(`${image}:latest`)
    const mirror = `http://127.0.0.1:${await closedPort()}/pub/openshift-v4/clients/ocp`
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, { 'oc-version': '4.16.3', 'oc-mirror': mirror })
    })
    await ledger.settle('push, oc mirror unreachable', main, [p.accounts.builder.token])
    expectOcFailure(
      main,
      /^::error::The image was pushed \(sha256:[a-f0-9]{64}\), but oc was not installed: Could not fetch /
    )
    expect(tagsOf(p.emu.getImageStream('demo', image)).latest).toBe(main.outputs.digest)
  }, 120_000)
})

describe('an empty token', () => {
  /** The runner's event variables for a pull_request whose head is in `head`, as the runner writes them. */
  function pullRequestEvent(head: string, actor: string, name = 'pull_request'): Record<string, string> {
    const job = newJob()
    const file = path.join(job.dir, 'event.json')
    writeFileSync(
      file,
      JSON.stringify({
        action: 'opened',
        number: 7,
        pull_request: {
          number: 7,
          head: { ref: 'patch-1', repo: { full_name: head } },
          base: { ref: 'main', repo: { full_name: 'csc/app' } }
        }
      })
    )
    return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file, GITHUB_ACTOR: actor }
  }

  test.each([
    [
      'from a fork',
      pullRequestEvent('someone/app', 'someone'),
      /the pull request comes from the fork someone\/app/
    ],
    ['from Dependabot', pullRequestEvent('csc/app', 'dependabot[bot]'), /the pull request is Dependabot's/]
  ])(
    'on a pull request %s: a notice, a skipped step, no output, no request, a harmless post step',
    async (_what, env, why) => {
      const image = uniqueImage('skip')
      p.emu.resetStats()
      const main = await runDebug({ inputs: baseInputs(p, 'builder', image, { token: '' }), env })
      const post = await ledger.settle(`empty token ${_what}`, main, [])
      expect(main.exitCode).toBe(0)
      expect(main.stdout).not.toMatch(/::error::/)
      const notice = /::notice::(.*)/.exec(main.stdout)?.[1]
      expect(notice).toMatch(/^Skipped: 'token' is empty because /)
      expect(notice).toMatch(why)
      expect(notice).toMatch(/set 'require-token: true' to fail here instead/)
      expect(main.summary).toContain('Push to Rahti skipped')
      expect(main.outputs).toEqual({})
      expect(p.emu.stats().apiRequests).toBe(0)
      expect(p.emu.stats().registryRequests).toBe(0)
      expect(commandsRun(main)).toEqual([])
      expect(post.exitCode).toBe(0)
      expect(post.stdout.replace(/^::(debug|add-mask)::.*$/gm, '').trim()).toBe('')
      expect(commandsRun(main)).toEqual([])
    },
    60_000
  )

  test.each([
    ['on a push', { GITHUB_EVENT_NAME: 'push', GITHUB_ACTOR: 'someone' }, {}],
    [
      'on pull_request_target from a fork, which is given secrets',
      pullRequestEvent('someone/app', 'someone', 'pull_request_target'),
      {}
    ]
  ])(
    '%s is the error it always was',
    async (what, env, extra) => {
      const image = uniqueImage('no-token')
      const main = await runDebug({
        inputs: baseInputs(p, 'builder', image, { token: '', ...extra }),
        env
      })
      await ledger.settle(`empty token ${what}`, main, [])
      expectCleanFailure(main, /^Input 'token': required\./)
      expect(main.stdout).not.toMatch(/::notice::Skipped/)
    },
    60_000
  )

  test('on a pull request from a fork with require-token: true: an error that says why the token is empty', async () => {
    const image = uniqueImage('require-token')
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, { token: '', 'require-token': 'true' }),
      env: pullRequestEvent('someone/app', 'someone')
    })
    await ledger.settle('empty token, require-token', main, [])
    expectCleanFailure(
      main,
      /^Input 'token': empty while 'require-token' is true: the pull request comes from the fork someone\/app, /
    )
    expect(main.stdout).not.toMatch(/::notice::Skipped/)
  }, 60_000)
})

describe('retries', () => {
  const selfReview = {
    method: 'POST',
    path: 'selfsubjectreviews$',
    server: 'api' as const,
    status: 503,
    count: 1
  }

  test("retries: 1 fails on the API's first 503, where the default tries again", async () => {
    const image = uniqueImage('retries-api')
    await buildImage(`${image}:latest`)
    p.emu.injectFault(selfReview)
    const once = await runDebug({
      inputs: baseInputs(p, 'builder', image, { retries: '1', 'dry-run': 'true' })
    })
    await ledger.settle('retries 1, API 503', once, [p.accounts.builder.token])
    expectCleanFailure(
      once,
      /selfsubjectreviews failed 1 times, the last with: .*503.*run the job again later/
    )
    expect(once.stdout).not.toMatch(/try 2 of/)
    p.emu.injectFault(selfReview)
    const fours = await runDebug({ inputs: baseInputs(p, 'builder', image, { 'dry-run': 'true' }) })
    await ledger.settle('default retries, API 503', fours, [p.accounts.builder.token])
    expect(fours.exitCode).toBe(0)
    expect(fours.stdout).toMatch(/selfsubjectreviews failed .*try 2 of 4/)
  }, 120_000)

  test('retries: 1 fails on the first 503 of the push, where the default pushes again', async () => {
    const image = uniqueImage('retries-push')
    await buildImage(`${image}:latest`)
    const manifest = {
      method: 'PUT',
      path: `/v2/demo/${image}/manifests/latest$`,
      server: 'registry' as const,
      status: 503,
      count: 1
    }
    p.emu.injectFault(manifest)
    const once = await runDebug({ inputs: baseInputs(p, 'builder', image, { retries: '1' }) })
    await ledger.settle('retries 1, push 503', once, [p.accounts.builder.token])
    expectCleanFailure(once, /docker push \S+ failed 1 times, the last with: .*503/)
    expect(tagsOf(p.emu.getImageStream('demo', image)).latest).toBeUndefined()
    p.emu.injectFault(manifest)
    const fours = await runDebug({ inputs: baseInputs(p, 'builder', image) })
    await ledger.settle('default retries, push 503', fours, [p.accounts.builder.token])
    expectPushed(p, fours, image, ['latest'])
    expect(fours.stdout).toMatch(/docker push \S+ failed .*try 2 of 4/)
  }, 180_000)
})

describe('timeout', () => {
  test('a registry that stalls the push past the timeout: the step fails saying so, stops docker, and the post step leaves nothing', async () => {
    const image = await imageWithManifestFault(p, 'timeout', { delayMs: 20_000 })
    const started = Date.now()
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image, { timeout: '8s' }) })
    const took = Date.now() - started
    const dockerConfig = savedState(main).dockerConfig
    const post = await ledger.settle('timeout during the push', main, [p.accounts.builder.token])
    const error = expectCleanFailure(
      main,
      /^The step timed out after 8s \(the 'timeout' input\); stopped 1 running program\(s\)\./
    )
    expect(error).toMatch(/Raise 'timeout'/)
    expect(took).toBeGreaterThanOrEqual(8_000)
    expect(took).toBeLessThan(20_000)
    // Stopped mid-push: the manifest never got its tag, and the post step removed the login.
    expect(tagsOf(p.emu.getImageStream('demo', image)).latest).toBeUndefined()
    expect(post.exitCode).toBe(0)
    // The login travelled in the push request's header: there was none on disk to remove.
    expect(dockerConfig).toBeUndefined()
    expect(main.exported.KUBECONFIG).toBeUndefined()
    expect(await localNames(p, image)).toEqual([])
  }, 120_000)
})

describe('timeout before anything is created', () => {
  test('an API that stalls the preflight past the timeout: the step fails saying so, and nothing is created', async () => {
    const image = uniqueImage('timeout-api')
    await buildImage(`${image}:latest`)
    p.emu.injectFault({
      method: 'POST',
      path: 'selfsubjectrulesreviews$',
      server: 'api',
      delayMs: 15_000,
      count: 4
    })
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image, { timeout: '3s' }) })
    const post = await ledger.settle('timeout during the preflight', main, [p.accounts.builder.token])
    expectCleanFailure(
      main,
      /^The step timed out after 3s \(the 'timeout' input\); stopped 0 running program\(s\)\./
    )
    expect(main.stdout).not.toMatch(/Create the ImageStream|Log in to/)
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
    expect(post.exitCode).toBe(0)
  }, 60_000)
})

describe('secrets', () => {
  test('no run above (debug on) wrote a token anywhere, and every credential file is gone after the post step', () => {
    expect(ledger.entries.length).toBeGreaterThanOrEqual(18)
    expect(ledger.violations()).toEqual([])
  })
})
