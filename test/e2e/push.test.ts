// The action's main job, end to end: the bundled dist/ run as the runner runs it, against the emulator
// and the real Docker engine.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'

import { describe, expect, test } from '@jest/globals'

import { buildImage } from './harness/docker.js'
import { baseInputs, tagsOf, uniqueImage, uniqueName } from './harness/rahti.js'
import {
  errorAnnotation,
  everythingWritten,
  filesUnder,
  newJob,
  runMain,
  runPost,
  type StepResult
} from './harness/runner.js'
import { useRahti } from './harness/suite.js'
import { requireTool } from './harness/tools.js'
import { pusherIntoMissingStream } from './proof/helpers.js'

const rahti = useRahti()

function expectNoSecrets(
  job: Parameters<typeof everythingWritten>[0],
  steps: StepResult[],
  secrets: string[]
): void {
  const written = everythingWritten(job, ...steps)
  for (const secret of secrets) expect(written.includes(secret)).toBe(false)
  for (const file of filesUnder(job.runnerTemp)) {
    for (const secret of secrets) {
      // A kubeconfig may hold the token, as a file only its owner can read.
      if (file.text.includes(secret)) expect(file.mode).toBe(0o600)
    }
  }
}

describe('push', () => {
  test('stream missing + system:image-builder: created, pushed, reported, logged out', async () => {
    const image = uniqueImage('built')
    await buildImage(`${image}:latest`)
    const main = await runMain({ inputs: baseInputs(rahti, 'builder', image), debug: true })
    expect(errorAnnotation(main)).toBeUndefined()
    expect(main.exitCode).toBe(0)

    const stream = rahti.emu.getImageStream('demo', image)
    const digest = main.outputs.digest
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(tagsOf(stream)).toEqual({ latest: digest })
    expect(main.outputs).toMatchObject({
      image: `${rahti.emu.info.registry}/demo/${image}:latest`,
      images: `${rahti.emu.info.registry}/demo/${image}:latest`,
      'image-by-digest': `${rahti.emu.info.registry}/demo/${image}@${digest}`,
      'internal-image': `image-registry.openshift-image-registry.svc:5000/demo/${image}@${digest}`,
      imagestream: `demo/${image}`
    })
    expect(main.summary).toContain(`docker pull ${rahti.emu.info.registry}/demo/${image}:latest`)
    expect(main.summary).toContain('system:serviceaccount:demo:builder')
    expect(main.summary).toContain('created by this run')
    expect(main.stdout).toMatch(/::group::Identify the token, preflight and token exchange/)

    // The Docker engine was asked through its API, the login in the push request's header: no docker program
    // ran, and no login was written anywhere for the post step to remove.
    expect(JSON.parse(main.state['rahti-push']).engine.configDir).toBeUndefined()
    const post = await runPost(main, { debug: true })
    expect(post.exitCode).toBe(0)
    expect(readFileSync(main.job.argvLog, 'utf8')).not.toMatch(/^docker /m)
    expectNoSecrets(main.job, [main, post], [rahti.accounts.builder.token])
  }, 180_000)

  test('stream missing + only system:image-pusher: the grant is named and nothing is uploaded', async () => {
    const { main, error } = await pusherIntoMissingStream(rahti, 'denied')
    expect(error).toContain('system:serviceaccount:demo:pusher')
    expect(main.stdout + main.stderr).not.toMatch(/\n\s+at /) // no stack trace
    const post = await runPost(main)
    expect(post.exitCode).toBe(0)
  }, 120_000)

  test('stream present + system:image-pusher: pushed', async () => {
    const image = uniqueImage('present')
    rahti.emu.apply({ imageStreams: [`demo/${image}`] })
    await buildImage(`${image}:v1`)
    const main = await runMain({ inputs: baseInputs(rahti, 'pusher', image, { tags: 'v1' }) })
    expect(errorAnnotation(main)).toBeUndefined()
    expect(tagsOf(rahti.emu.getImageStream('demo', image))).toEqual({ v1: main.outputs.digest })
    // The given token was kept, with one notice line naming the grant that would enable the exchange.
    expect(main.stdout).toMatch(/::notice::Using the given long-lived token.*serviceaccounts\/token/)
    await runPost(main)
  }, 120_000)

  test('three tags: one upload, one digest, all three in the stream', async () => {
    const image = uniqueImage('tags')
    await buildImage(`${image}:build`, { sizeBytes: 2_000_000 })
    rahti.emu.resetStats()
    const tags = ['1.2.3', '1.2', 'latest']
    const main = await runMain({
      inputs: baseInputs(rahti, 'builder', image, {
        source: `${image}:build`,
        tags: `${rahti.emu.info.registry}/demo/${image}:1.2.3\n1.2, latest`
      })
    })
    expect(errorAnnotation(main)).toBeUndefined()
    const digest = main.outputs.digest
    expect(tagsOf(rahti.emu.getImageStream('demo', image))).toEqual(
      Object.fromEntries(tags.map(t => [t, digest]))
    )
    expect(main.outputs.images.split('\n')).toEqual(
      tags.map(t => `${rahti.emu.info.registry}/demo/${image}:${t}`)
    )
    // One push through the engine's API (no docker program), whose closing progress line says what it sent (the
    // containerd store counts its blobs otherwise than the classic one: the bytes below are the measure).
    expect(readFileSync(main.job.argvLog, 'utf8')).not.toMatch(/^docker /m)
    expect(
      main.stdout.match(
        /^Pushed \d+ layers? in \d+\.\d s: \d+ sent \([\d.]+ [kM]B\), \d+ already in the registry$/gm
      )
    ).toHaveLength(1)
    // The 2 MB layer went up once, not three times.
    const bytes = rahti.emu.stats().blobBytesReceived
    expect(bytes).toBeGreaterThan(2_000_000)
    expect(bytes).toBeLessThan(3_000_000)
    await runPost(main)
  }, 180_000)

  test("tags as docker/metadata-action prints them with 'images: <image>' (image:tag) are taken as their tags", async () => {
    const image = uniqueImage('short')
    await buildImage(`${image}:build`)
    const main = await runMain({
      inputs: baseInputs(rahti, 'builder', image, {
        source: `${image}:build`,
        tags: `${image}:main\n${image}:sha-1234567`
      })
    })
    expect(errorAnnotation(main)).toBeUndefined()
    expect(Object.keys(tagsOf(rahti.emu.getImageStream('demo', image))).sort()).toEqual([
      'main',
      'sha-1234567'
    ])
    await runPost(main)
  }, 120_000)

  test('logout: false logs in to the default Docker config and keeps the login for later steps', async () => {
    const image = uniqueImage('keep')
    await buildImage(`${image}:latest`)
    const job = newJob()
    const env = { HOME: job.dir } // the runner user's home, where Docker keeps its default config
    const main = await runMain({ inputs: baseInputs(rahti, 'builder', image, { logout: 'false' }), env, job })
    expect(errorAnnotation(main)).toBeUndefined()
    const config = `${job.dir}/.docker/config.json`
    expect(readFileSync(config, 'utf8')).toContain(rahti.emu.info.registry)
    const post = await runPost(main, { env })
    expect(post.exitCode).toBe(0)
    expect(readFileSync(config, 'utf8')).toContain(rahti.emu.info.registry)
    expect(readFileSync(job.argvLog, 'utf8')).not.toMatch(/docker logout/)
  }, 120_000)

  test('logout: false with a credentials helper the runner lacks (credsStore: desktop): the helper is named', async () => {
    const image = uniqueImage('helper')
    await buildImage(`${image}:latest`)
    const job = newJob()
    mkdirSync(`${job.dir}/.docker`, { recursive: true })
    writeFileSync(`${job.dir}/.docker/config.json`, JSON.stringify({ credsStore: 'desktop' }))
    const env = { HOME: job.dir }
    const main = await runMain({ inputs: baseInputs(rahti, 'builder', image, { logout: 'false' }), env, job })
    expect(main.exitCode).toBe(1)
    expect(errorAnnotation(main)).toMatch(
      /^docker login to \S+ failed: the Docker configuration names the credentials helper docker-credential-desktop .*which is not installed on this runner\. Remove it from the configuration, install the helper, or leave 'logout' at true/
    )
    await runPost(main, { env })
  }, 120_000)

  test('a job summary the runner cannot take is a warning, not a failed step after a successful push', async () => {
    const image = uniqueImage('nosummary')
    await buildImage(`${image}:latest`)
    const main = await runMain({
      inputs: baseInputs(rahti, 'builder', image),
      env: { GITHUB_STEP_SUMMARY: '/nonexistent/rahti-push/summary.md' }
    })
    expect(main.exitCode).toBe(0)
    expect(errorAnnotation(main)).toBeUndefined()
    expect(main.stdout).toMatch(
      /::warning::The job summary could not be written \(.*\); the push itself succeeded\./
    )
    expect(main.outputs.digest).toMatch(/^sha256:/)
    await runPost(main)
  }, 120_000)

  test('create-imagestream: false and a missing stream: the error says how to create it', async () => {
    const image = uniqueImage('nocreate')
    await buildImage(`${image}:latest`)
    const main = await runMain({
      inputs: baseInputs(rahti, 'builder', image, { 'create-imagestream': 'false' })
    })
    expect(main.exitCode).toBe(1)
    expect(errorAnnotation(main)).toContain(`oc create imagestream ${image} -n demo`)
    expect(rahti.emu.getImageStream('demo', image)).toBeUndefined()
  }, 60_000)
})

describe('tokens', () => {
  test('an invalid token is refused clearly, before anything else', async () => {
    const main = await runMain({
      inputs: baseInputs(rahti, 'builder', 'anything', { token: 'eyJhbGciOiJub25lIn0.e30.bm90LWEtdG9rZW4' })
    })
    expect(main.exitCode).toBe(1)
    expect(errorAnnotation(main)).toMatch(/refused the token \(401 Unauthorized\).*oc create token/)
  }, 60_000)

  test('an expired token is refused clearly', async () => {
    const [expired] = rahti.emu.apply({
      serviceAccounts: [
        { project: 'demo', name: uniqueName('old'), roles: ['system:image-builder'], tokenExpiresIn: -60 }
      ]
    })
    const main = await runMain({
      inputs: { ...baseInputs(rahti, 'builder', 'anything'), token: expired.token }
    })
    expect(main.exitCode).toBe(1)
    expect(errorAnnotation(main)).toMatch(/invalid, expired/)
    expectNoSecrets(main.job, [main], [expired.token])
  }, 60_000)

  test('the exchange is used where the account may request tokens, and the short token never leaks', async () => {
    const image = uniqueImage('exchanged')
    await buildImage(`${image}:latest`)
    const main = await runMain({
      inputs: baseInputs(rahti, 'ci', image, { 'token-duration': '15m' }),
      debug: true
    })
    expect(errorAnnotation(main)).toBeUndefined()
    expect(main.stdout).toMatch(/Exchanged the token for one that expires at/)
    expect(main.summary).toContain('with a short-lived token')
    // The kubeconfig left for later steps holds the short-lived token, not the long-lived one.
    const kubeconfig = main.exported.KUBECONFIG
    const text = readFileSync(kubeconfig, 'utf8')
    expect(statSync(kubeconfig).mode & 0o777).toBe(0o600)
    expect(text).not.toContain(rahti.accounts.ci.token)
    const short = /token: (\S+)/.exec(text)?.[1] ?? ''
    expect(short.length).toBeGreaterThan(20)
    const post = await runPost(main, { debug: true })
    expect(existsSync(kubeconfig)).toBe(false)
    expectNoSecrets(main.job, [main, post], [rahti.accounts.ci.token, short])
  }, 120_000)

  test('a personal token gets a warning that it expires, and needs the project', async () => {
    const image = uniqueImage('personal')
    await buildImage(`${image}:latest`)
    const noProject = await runMain({ inputs: baseInputs(rahti, 'alice', image) })
    expect(errorAnnotation(noProject)).toMatch(/not to a service account.*'project'/)
    const main = await runMain({ inputs: baseInputs(rahti, 'alice', image, { project: 'demo' }) })
    expect(errorAnnotation(main)).toBeUndefined()
    expect(main.stdout).toMatch(/::warning::The token is a personal one of alice: it expires within a day/)
    await runPost(main)
  }, 120_000)
})

describe('faults', () => {
  test('a 503 burst on the API and on the manifest PUT is survived', async () => {
    const image = uniqueImage('flaky')
    await buildImage(`${image}:latest`)
    rahti.emu.injectFault({
      method: 'POST',
      path: 'selfsubjectrulesreviews',
      server: 'api',
      status: 503,
      count: 2
    })
    rahti.emu.injectFault({
      method: 'PUT',
      path: '/manifests/v2$',
      server: 'registry',
      status: 503,
      retryAfter: 1,
      count: 1
    })
    const main = await runMain({ inputs: baseInputs(rahti, 'builder', image, { tags: 'latest v2' }) })
    expect(errorAnnotation(main)).toBeUndefined()
    expect(main.stdout).toMatch(/selfsubjectrulesreviews failed .*try 3 of 4/)
    expect(main.stdout).toMatch(/manifests\/v2 failed .*try 2 of 4/)
    const digest = main.outputs.digest
    expect(tagsOf(rahti.emu.getImageStream('demo', image))).toEqual({ latest: digest, v2: digest })
    rahti.emu.clearFaults()
    await runPost(main)
  }, 180_000)
})

describe('kubeconfig for later steps', () => {
  test('kubectl with the exported KUBECONFIG lists the project imagestreams; the post step removes it', async () => {
    requireTool('kubectl', 'kubernetes-client')
    const image = uniqueImage('kube')
    await buildImage(`${image}:latest`)
    const main = await runMain({ inputs: baseInputs(rahti, 'admin', image) })
    expect(errorAnnotation(main)).toBeUndefined()
    // Asynchronously: the emulator serves from this very process.
    const { stdout: listed } = await promisify(execFile)(
      'kubectl',
      ['get', 'imagestreams.image.openshift.io', '-o', 'name'],
      { env: { ...process.env, KUBECONFIG: main.exported.KUBECONFIG, HOME: main.job.dir }, encoding: 'utf8' }
    )
    expect(listed).toContain(`imagestream.image.openshift.io/${image}`)
    await runPost(main)
    expect(existsSync(main.exported.KUBECONFIG)).toBe(false)
  }, 120_000)
})
