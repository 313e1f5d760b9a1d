// Issue 18, hostile use, second round: a dry run holds no credential on disk at any moment; a source registry
// that never answers, refuses or fails ends the step within the API's deadline and in the action's words; every
// broken archive or layout is said in one or two sentences, never in skopeo's log line; archive paths with a
// colon or blanks are pushed as the ordinary paths they are; and the job summary shows outside text as text.
import { randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { pushTiny, putManifest, tinyImage } from '../emulator/helpers.js'
import { buildahImage, skopeo, sourceAuthFile } from '../harness/containers.js'
import { buildImage } from '../harness/docker.js'
import { baseInputs, tagsOf, uniqueImage } from '../harness/rahti.js'
import { filesUnder, newJob } from '../harness/runner.js'
import { useRahti, useSources } from '../harness/suite.js'
import { expectCleanFailure, expectPushed, Ledger, type Main, runDebug, runWithStore } from './helpers.js'

const p = useRahti()
const ledger = new Ledger()
const sources = useSources()

/** Runs the action as `builder` with the test's containers storage, then its post step. */
function push(scenario: string, image: string, extra: Record<string, string>): Promise<Main> {
  return runWithStore(p, ledger, sources.store, scenario, image, extra)
}

/** An image of the test's own on the stand-in for Docker Hub, as `library/<name>:1.0`. */
async function imageOnHub(name: string): Promise<string> {
  await buildahImage(sources.store, `localhost/${name}:build`)
  const ref = `${sources.hub.host}/library/${name}:1.0`
  await skopeo(sources.store, [
    'copy',
    '--dest-authfile',
    sourceAuthFile(sources.store, sources.hub),
    '--dest-tls-verify=false',
    `containers-storage:localhost/${name}:build`,
    `docker://${ref}`
  ])
  return ref
}

/**
 * An archive of a fresh image at `file` (its directories made), written elsewhere and moved there: skopeo's
 * own reference syntax could not name a path with a colon.
 */
async function archive(name: string, file: string, transport = 'docker-archive'): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true })
  await buildahImage(sources.store, `localhost/${name}:build`)
  const plain = path.join(sources.store.dir, `${name}-${transport}.tar`)
  await skopeo(sources.store, ['copy', `containers-storage:localhost/${name}:build`, `${transport}:${plain}`])
  renameSync(plain, file)
}

describe('a dry run holds no credential on disk', () => {
  test('with a remote source and source-username/password: no file under RUNNER_TEMP holds the password, at any moment', async () => {
    const image = uniqueImage('dry-remote')
    const ref = await imageOnHub(image)
    const job = newJob()
    const forms = [
      sources.hub.password,
      Buffer.from(`${sources.hub.username}:${sources.hub.password}`).toString('base64')
    ]
    const held: string[] = []
    // Looked at every 20 ms while the step runs, and once more when it has ended (before the post step).
    const look = () => {
      for (const f of filesUnder(job.runnerTemp)) {
        if (forms.some(s => f.text.includes(s))) held.push(f.path)
      }
    }
    const watcher = setInterval(look, 20)
    let main: Main
    try {
      main = await runDebug({
        inputs: baseInputs(p, 'builder', image, {
          source: ref,
          'source-username': sources.hub.username,
          'source-password': sources.hub.password,
          'dry-run': 'true'
        }),
        env: sources.store.env,
        job
      })
    } finally {
      clearInterval(watcher)
    }
    look()
    await ledger.settle('dry run, remote source', main, [p.accounts.builder.token, sources.hub.password])
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toMatch(/Would push .*127\.0\.0\.1:\d+\/library\/dry-remote-/)
    expect(held).toEqual([])
    // Nothing of the engine's at all: no job directory was made.
    expect(filesUnder(job.runnerTemp).map(f => f.path)).toEqual([])
  }, 180_000)

  test('a real run still copies the remote source with its credentials, the digest kept', async () => {
    const image = uniqueImage('real-remote')
    const ref = await imageOnHub(image)
    const main = await push('real run, remote source', image, {
      source: ref,
      tags: 'v1',
      'source-username': sources.hub.username,
      'source-password': sources.hub.password
    })
    expectPushed(p, main, image, ['v1'])
  }, 180_000)
})

describe("a source registry in trouble: bounded, and in the action's words", () => {
  let silent: Server
  const sockets = new Set<Socket>()
  let failing: HttpServer

  beforeAll(async () => {
    // Accepts the connection and never says a word.
    silent = createServer(socket => {
      sockets.add(socket)
      socket.on('error', () => undefined)
    })
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
    // Answers every request with 500, as a broken registry does.
    failing = createHttpServer((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ errors: [{ code: 'UNKNOWN', message: 'unknown error' }] }))
    })
    await new Promise<void>(resolve => failing.listen(0, '127.0.0.1', resolve))
  })

  afterAll(async () => {
    for (const s of sockets) s.destroy()
    await new Promise(resolve => silent.close(resolve))
    await new Promise(resolve => failing.close(resolve))
  })

  test('a registry that never answers: the step ends within the deadline, naming the registry', async () => {
    const { port } = silent.address() as { port: number }
    const started = Date.now()
    const main = await push('silent source registry', uniqueImage('silent-source'), {
      source: `docker://127.0.0.1:${port}/library/app:1`,
      retries: '1'
    })
    const error = expectCleanFailure(
      main,
      new RegExp(`^Input 'source': the registry 127\\.0\\.0\\.1:${port} `)
    )
    expect(error).toMatch(/did not answer within 20 s/)
    expect(Date.now() - started).toBeLessThan(45_000)
  }, 120_000)

  test('a wrong source password: one sentence that names the inputs', async () => {
    const image = uniqueImage('wrong-password')
    const ref = await imageOnHub(image)
    const main = await push('wrong source password', image, {
      source: ref,
      'source-username': sources.hub.username,
      'source-password': 'not-the-password'
    })
    expectCleanFailure(
      main,
      /^Input 'source': 127\.0\.0\.1:\d+ refused to give library\/wrong-password-.*:1\.0 with the given 'source-username' and 'source-password' \(HTTP 401\)\. Check them, and that the account may pull the image\.$/
    )
  }, 180_000)

  test('a source registry answering 500: the registry named, what it said, what to do', async () => {
    const { port } = failing.address() as { port: number }
    const main = await push('source registry 500', uniqueImage('source-500'), {
      source: `docker://127.0.0.1:${port}/library/app:1`
    })
    expectCleanFailure(
      main,
      new RegExp(
        `^Input 'source': the registry 127\\.0\\.0\\.1:${port} failed to give library/app:1: .*HTTP 500.*Check the registry's status and try again later\\.$`
      )
    )
  }, 120_000)

  test('a host name that does not resolve', async () => {
    const main = await push('source host unresolved', uniqueImage('source-dns'), {
      source: 'docker://no-such-registry.invalid/library/app:1',
      retries: '1'
    })
    expectCleanFailure(
      main,
      /^Input 'source': the registry no-such-registry\.invalid could not be reached: .*could not be resolved.*Check the registry's host name in 'source'/
    )
  }, 120_000)
})

describe('archives and layouts: each mistake in one or two sentences', () => {
  test('a directory given as docker-archive:', async () => {
    const dir = path.join(sources.store.dir, 'not-an-archive')
    mkdirSync(dir, { recursive: true })
    const main = await push('directory as docker-archive', uniqueImage('dir-archive'), {
      source: `docker-archive:${dir}`
    })
    expectCleanFailure(main, /^Input 'source': .*not-an-archive is a directory, not an archive file\. /)
  }, 60_000)

  test('a truncated docker archive', async () => {
    const image = uniqueImage('truncated')
    const file = path.join(sources.store.dir, `${image}.tar`)
    await archive(image, file)
    truncateSync(file, Math.floor(statSync(file).size / 2))
    const main = await push('truncated docker archive', image, { source: `docker-archive:${file}` })
    expectCleanFailure(
      main,
      /^Input 'source': .*\.tar is not a readable docker archive \(.*\): it is damaged, cut short or of another kind\. Make it again with `docker save -o FILE IMAGE`/
    )
  }, 180_000)

  test('random bytes given as oci-archive:', async () => {
    const file = path.join(sources.store.dir, 'random.tar')
    writeFileSync(file, randomBytes(64 * 1024))
    const main = await push('random bytes as oci-archive', uniqueImage('random'), {
      source: `oci-archive:${file}`
    })
    expectCleanFailure(main, /^Input 'source': .*random\.tar is not a readable OCI archive \(.*\)/)
  }, 60_000)

  test('an OCI layout of several images, none named: the names it holds', async () => {
    const image = uniqueImage('layout')
    await buildahImage(sources.store, `localhost/${image}:one`)
    await buildahImage(sources.store, `localhost/${image}:two`)
    const layout = path.join(sources.store.dir, `${image}-layout`)
    for (const name of ['one', 'two']) {
      await skopeo(sources.store, [
        'copy',
        `containers-storage:localhost/${image}:${name}`,
        `oci:${layout}:${name}`
      ])
    }
    const main = await push('layout of two', image, { source: `oci:${layout}` })
    expectCleanFailure(
      main,
      /^Input 'source': .*-layout holds 2 images \(the names one, two\), and oci:.*-layout names none\. Add the name to push, e\.g\. 'oci:.*-layout:one'\.$/
    )
    // Named, it pushes.
    const named = await push('layout, named', image, { source: `oci:${layout}:two` })
    expectPushed(p, named, image, ['latest'])
  }, 240_000)
})

describe('archive paths with a colon or blanks are ordinary paths', () => {
  test.each([
    ['a colon in a directory', 'c:d/img.tar'],
    ['blanks in a directory and a file name', 'd i r/a b.tar']
  ])(
    '%s: docker-archive: and oci-archive: push',
    async (_what, relative) => {
      const image = uniqueImage('odd-path')
      const file = path.join(sources.store.dir, image, relative)
      await archive(image, file)
      const docker = await push(`docker-archive ${relative}`, image, { source: `docker-archive:${file}` })
      expectPushed(p, docker, image, ['latest'])
      const oci = path.join(path.dirname(file), `oci ${path.basename(file)}`)
      await archive(image, oci, 'oci-archive')
      const viaOci = await push(`oci-archive ${relative}`, image, {
        source: `oci-archive:${oci}`,
        tags: 'oci'
      })
      expectPushed(p, viaOci, image, ['oci'])
    },
    240_000
  )
})

describe('pruning by the order the stream records, sparing what others push meanwhile', () => {
  const admin = () => ({ bearer: p.accounts.admin.token })
  const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
  const streamTags = (image: string) => Object.keys(tagsOf(p.emu.getImageStream('demo', image))).sort()
  const created = (image: string, tag: string) =>
    (
      p.emu.getImageStream('demo', image) as {
        status: { tags: { tag: string; items: { created: string }[] }[] }
      }
    ).status.tags.find(t => t.tag === tag)?.items[0]?.created

  // OpenShift records no order finer than a second between tags pushed by others: each tag event carries the
  // stream's generation, which pushes do not change, and a `created` time in seconds. So within one second
  // the stream cannot say which is newer: both stay (the older tag deleted by name, as before, deleted the
  // newer one), the log says why, and a tag of an earlier second is still pruned.
  test('two tags pushed 100 ms apart in one second, keep: 1: neither is deleted by its name, an older one is', async () => {
    const image = uniqueImage('same-second')
    const oldest = await tinyImage(p.emu, `demo/${image}`, admin())
    const older = await tinyImage(p.emu, `demo/${image}`, admin())
    const newer = await tinyImage(p.emu, `demo/${image}`, admin())
    expect((await putManifest(p.emu, `demo/${image}`, 'sha-0', oldest.manifest, admin())).status).toBe(201)
    await sleep(1100)
    // Both in the first part of one second, so that `created` cannot tell them apart; `sha-b` first, so that
    // the names' order is the wrong one.
    while (Date.now() % 1000 > 300) await sleep(20)
    expect((await putManifest(p.emu, `demo/${image}`, 'sha-b', older.manifest, admin())).status).toBe(201)
    await sleep(100)
    expect((await putManifest(p.emu, `demo/${image}`, 'sha-a', newer.manifest, admin())).status).toBe(201)
    expect(created(image, 'sha-a')).toBe(created(image, 'sha-b'))
    await sleep(1100)
    await buildImage(`${image}:latest`)
    const main = await runDebug({ inputs: baseInputs(p, 'admin', image, { prune: 'sha-*', keep: '1' }) })
    await ledger.settle('same second prune', main, [p.accounts.admin.token])
    expectPushed(p, main, image, ['latest'])
    expect(streamTags(image)).toEqual(['latest', 'sha-a', 'sha-b'])
    expect(main.stdout).toContain('Deleted sha-0')
    expect(main.stdout).toMatch(/Spared sha-[ab]: the stream does not tell whether it is older/)
  }, 180_000)

  test("three runs at once, each its own sha- tag, prune sha-*, keep 1, three rounds: no run deletes another's fresh tag", async () => {
    const image = uniqueImage('prune-race')
    await pushTiny(p.emu, `demo/${image}`, 'sha-old', admin())
    for (let round = 1; round <= 3; round++) {
      const tags = [1, 2, 3].map(i => `sha-r${round}-${i}`)
      for (const tag of tags) await buildImage(`${image}:${tag}`)
      await sleep(1100)
      const mains = await Promise.all(
        tags.map(tag =>
          runDebug({
            inputs: baseInputs(p, 'admin', image, {
              source: `${image}:${tag}`,
              tags: tag,
              prune: 'sha-*',
              keep: '1'
            })
          })
        )
      )
      for (const [i, main] of mains.entries()) {
        await ledger.settle(`prune race round ${round} run ${i + 1}`, main, [p.accounts.admin.token])
      }
      // Every run succeeded, and every tag a run reports is in the stream at the end.
      for (const [i, main] of mains.entries()) expectPushed(p, main, image, [tags[i]])
      // What was there before the round began is gone (keep 1: one of this round's is newer).
      expect(streamTags(image).filter(t => !tags.includes(t))).toEqual([])
      // Each run names the others' tags it spared, and why.
      expect(
        mains.some(m => /Spared sha-r\d-\d: it appeared or moved after this run began/.test(m.stdout))
      ).toBe(true)
    }
  }, 600_000)

  test("prune '*', keep 0, beside another job's fresh release: the release stays, and the log says why", async () => {
    const image = uniqueImage('prune-all')
    await pushTiny(p.emu, `demo/${image}`, 'old', admin())
    await buildImage(`${image}:x1`)
    await buildImage(`${image}:rel`)
    await sleep(1100)
    // This run's upload waits 4 s at the registry: the other job's release lands meanwhile.
    p.emu.injectFault({
      method: 'PUT',
      path: `/v2/demo/${image}/manifests/x1$`,
      server: 'registry',
      delayMs: 4000
    })
    const [pruning, releasing] = await Promise.all([
      runDebug({
        inputs: baseInputs(p, 'admin', image, { source: `${image}:x1`, tags: 'x1', prune: '*', keep: '0' })
      }),
      runDebug({ inputs: baseInputs(p, 'admin', image, { source: `${image}:rel`, tags: 'release' }) })
    ])
    await ledger.settle('prune all', pruning, [p.accounts.admin.token])
    await ledger.settle('release beside prune', releasing, [p.accounts.admin.token])
    expectPushed(p, pruning, image, ['x1'])
    expectPushed(p, releasing, image, ['release'])
    expect(streamTags(image)).toEqual(['release', 'x1'])
    expect(pruning.stdout).toContain('Deleted old')
    expect(pruning.stdout).toContain(
      "Spared release: it appeared or moved after this run began (another job's push in flight)"
    )
  }, 300_000)
})

describe('pull-projects: a project that does not exist is not granted in silence', () => {
  test('where the account may read namespaces: a warning names the project that does not exist', async () => {
    const [overseer] = p.emu.apply({
      serviceAccounts: [{ project: 'demo', name: 'overseer', roles: ['admin'] }],
      clusterBindings: [
        {
          roleRef: { kind: 'ClusterRole', name: 'view' },
          subjects: [{ kind: 'ServiceAccount', name: 'overseer', namespace: 'demo' }]
        }
      ]
    })
    const image = uniqueImage('pull-typo')
    await buildImage(`${image}:latest`)
    const main = await runDebug({
      inputs: {
        ...baseInputs(p, 'admin', image, { 'pull-projects': 'no-such-project other' }),
        token: overseer.token
      }
    })
    await ledger.settle('pull-projects typo, namespaces readable', main, [overseer.token])
    expectPushed(p, main, image, ['latest'])
    const warnings = main.stdout.split('\n').filter(l => l.startsWith('::warning::'))
    expect(warnings).toEqual([
      "::warning::Input 'pull-projects': the project no-such-project does not exist, so its service accounts can pull nothing. Check the name (the Rahti project's name, not the CSC project number)."
    ])
    expect(main.summary).toContain('the project no-such-project does not exist')
  }, 180_000)

  test('where it may not: a notice says the names could not be checked', async () => {
    const image = uniqueImage('pull-unseen')
    await buildImage(`${image}:latest`)
    const main = await runDebug({
      inputs: baseInputs(p, 'admin', image, { 'pull-projects': 'no-such-project other' })
    })
    await ledger.settle('pull-projects typo, namespaces unseen', main, [p.accounts.admin.token])
    expectPushed(p, main, image, ['latest'])
    expect(main.stdout).toContain(
      "::notice::Input 'pull-projects': whether no-such-project, other exist cannot be checked, as the account may not see them; a misspelt project name grants nothing, so check the names."
    )
  }, 180_000)
})

describe('the job summary', () => {
  test("a fork's repository name from the event payload arrives as text, not as an element", async () => {
    const job = newJob()
    const file = path.join(job.dir, 'event.json')
    const hostile = 'evil/<img src=x onerror=alert(1)>'
    writeFileSync(
      file,
      JSON.stringify({
        action: 'opened',
        pull_request: { head: { repo: { full_name: hostile } }, base: { repo: { full_name: 'csc/app' } } }
      })
    )
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', uniqueImage('summary'), { token: '' }),
      env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: file, GITHUB_ACTOR: 'someone' },
      job
    })
    await ledger.settle('hostile fork name', main, [])
    expect(main.exitCode).toBe(0)
    expect(main.summary).toContain('evil/&lt;img src=x onerror=alert(1)&gt;')
    expect(main.summary).not.toMatch(/<img/)
  }, 60_000)
})

test('no run of this file left a token or a source password anywhere', () => {
  expect(ledger.violations()).toEqual([])
})
