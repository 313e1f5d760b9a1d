// The image pushed is the one asked for, whatever else runs on the same engine: two jobs pushing different
// sources to the same image and first tag at once never exit 0 with the other's image, and what a run reports
// (its digest, its own tag) is what it pushed. The local names made for pushing are gone afterwards.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, test } from '@jest/globals'

import { pushTiny } from '../emulator/helpers.js'
import { buildImage, startSecondEngine } from '../harness/docker.js'
import { baseInputs, tagsOf, uniqueImage } from '../harness/rahti.js'
import { errorAnnotation, runPost } from '../harness/runner.js'
import { useRahti } from '../harness/suite.js'
import { run } from '../harness/tools.js'
import { dockerStore, startContainerdEngine } from '../harness/trixie.js'
import {
  delayUploads,
  expectCleanFailure,
  imageManifest,
  Ledger,
  localNames,
  type Main,
  runDebug,
  savedState
} from './helpers.js'

const p = useRahti()
const ledger = new Ledger()

/** Failing loudly is allowed in a race; it must say so, and report nothing. */
function expectFailedLoudly(main: Main): void {
  expect(errorAnnotation(main)).toBeDefined()
  expect(main.outputs.digest).toBeUndefined()
}

/** The config digest (Docker's image ID) of the manifest `digest` in demo/`image`, read from the registry. */
async function configOf(image: string, digest: string): Promise<string> {
  return (JSON.parse(await imageManifest(p, image, digest)) as { config: { digest: string } }).config.digest
}

/**
 * The local image ID that the pushed manifest `digest` in demo/`image` stands for. On the classic store an
 * image's ID is its config's digest; on the containerd store it is the digest of the manifest (or index) the
 * store keeps, which a push keeps too.
 */
async function pushedImageId(image: string, digest: string): Promise<string> {
  if (dockerStore() === 'classic') return configOf(image, digest)
  await configOf(image, digest) // the manifest is there
  return digest
}

describe('two jobs on one Docker engine', () => {
  test('eight pairs racing for one image and first tag: no run exits 0 with the other job`s image', async () => {
    const outcomes: string[] = []
    for (let pair = 1; pair <= 8; pair++) {
      const image = uniqueImage('race')
      const ids = {
        a: await buildImage(`${image}:build-a`),
        b: await buildImage(`${image}:build-b`)
      }
      const runs = await Promise.all(
        (['a', 'b'] as const).map(side =>
          runDebug({
            inputs: baseInputs(p, 'builder', image, {
              source: `${image}:build-${side}`,
              tags: `latest sha-${side}`
            })
          }).then(main => ({ side, main }))
        )
      )
      for (const { side, main } of runs) {
        await ledger.settle(`race ${pair}${side}`, main, [p.accounts.builder.token])
        if (main.exitCode !== 0) {
          expectFailedLoudly(main)
          outcomes.push('failed loudly')
          continue
        }
        const digest = main.outputs.digest
        // What this run reports is its own source's image...
        expect({ pair, side, image: await pushedImageId(image, digest) }).toEqual({
          pair,
          side,
          image: ids[side]
        })
        // ...and its own tag, which no one else touches, is at that digest.
        expect(tagsOf(p.emu.getImageStream('demo', image))[`sha-${side}`]).toBe(digest)
        outcomes.push('pushed its own image')
      }
      expect(await localNames(p, image)).toEqual([])
    }
    expect(outcomes).toHaveLength(16)
    expect(outcomes.filter(o => o === 'pushed its own image').length).toBeGreaterThan(0)
  }, 600_000)
})

describe('the local names made for pushing', () => {
  test('are removed when the run ends, and the source stays', async () => {
    const image = uniqueImage('names')
    const id = await buildImage(`${image}:build`)
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, { source: `${image}:build`, tags: 'v1 v2' })
    })
    await ledger.settle('names', main, [p.accounts.builder.token])
    expect(errorAnnotation(main)).toBeUndefined()
    expect(await localNames(p, image)).toEqual([])
    const source = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', `${image}:build`])
    expect(source.stdout.trim()).toBe(id)
  }, 120_000)
})

describe('a Docker context selected in the user`s configuration', () => {
  test('every command talks to the context`s engine: its image is pushed, not a stale one of the same name', async () => {
    // The context's engine has the store this file runs against; DOCKER_HOST, which would win over any context,
    // is cleared for the run on the containerd store, where it points at this file's engine.
    const containerd = dockerStore() === 'containerd'
    const engine = containerd ? await startContainerdEngine([p.emu.info.caFile]) : await startSecondEngine()
    const userConfig = mkdtempSync(path.join(os.tmpdir(), 'rahti-user-docker-'))
    try {
      const asUser = { ...process.env, DOCKER_CONFIG: userConfig }
      expect(
        (
          await run('docker', ['context', 'create', 'rootless', '--docker', `host=${engine.host}`], {
            env: asUser
          })
        ).status
      ).toBe(0)
      expect((await run('docker', ['context', 'use', 'rootless'], { env: asUser })).status).toBe(0)
      const image = uniqueImage('context')
      const stale = await buildImage(`${image}:latest`)
      const wanted = await buildImage(`${image}:latest`, { dockerHost: engine.host })
      expect(wanted).not.toBe(stale)
      const main = await runDebug({
        inputs: baseInputs(p, 'builder', image),
        env: { DOCKER_CONFIG: userConfig, ...(containerd ? { DOCKER_HOST: '' } : {}) }
      })
      await ledger.settle('context', main, [p.accounts.builder.token])
      expect(errorAnnotation(main)).toBeUndefined()
      expect(await pushedImageId(image, main.outputs.digest)).toBe(wanted)
    } finally {
      await engine.stop()
      rmSync(userConfig, { recursive: true, force: true })
    }
  }, 180_000)
})

describe('a remote Docker engine over TCP with TLS (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH)', () => {
  test('the Engine API is reached over TLS with the client certificate: its image is pushed, no docker program runs', async () => {
    const engine = await startSecondEngine({ tls: true })
    try {
      const image = uniqueImage('tls')
      const stale = await buildImage(`${image}:latest`)
      const wanted = await buildImage(`${image}:latest`, { dockerEnv: engine.env })
      expect(wanted).not.toBe(stale)
      const main = await runDebug({ inputs: baseInputs(p, 'builder', image), env: engine.env })
      await ledger.settle('tcp with tls', main, [p.accounts.builder.token])
      expect(errorAnnotation(main)).toBeUndefined()
      expect(await configOf(image, main.outputs.digest)).toBe(wanted)
      expect(readFileSync(main.job.argvLog, 'utf8')).not.toMatch(/^docker /m)
      // The name made for pushing is gone from that engine too.
      const left = await run('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], {
        env: { ...process.env, ...engine.env }
      })
      expect(left.stdout).not.toContain(`${p.emu.info.registry}/demo/${image}:`)
    } finally {
      await engine.stop()
    }
  }, 180_000)
})

describe('another job moving the first tag after the push', () => {
  test('is reported, not adopted: the outputs and the other tags carry what this run pushed', async () => {
    const image = uniqueImage('moved')
    const id = await buildImage(`${image}:build`)
    const repo = `demo/${image}`
    // The read-back of 'latest' waits a moment at the registry: the window in which another job moves it, as
    // soon as this run's push has put 'latest' in place.
    // Every HEAD of the tag waits: on the containerd store Docker's push HEADs the tag before its PUT too (how many
    // times is the engine's business), and the action's read-back of the tag is one of them whatever came before.
    p.emu.injectFault({
      method: 'HEAD',
      path: `/v2/${repo}/manifests/latest$`,
      server: 'registry',
      delayMs: 3000,
      count: 100
    })
    const moveOnceTagged = async (): Promise<string> => {
      while (!tagsOf(p.emu.getImageStream('demo', image)).latest) await new Promise(r => setTimeout(r, 50))
      return pushTiny(p.emu, repo, 'latest', { basic: p.accounts.builder.token })
    }
    let moved: Promise<string> | undefined
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, { source: `${image}:build`, tags: 'latest second' }),
      trigger: {
        when: /::group::Push demo\//,
        then: () => {
          moved = moveOnceTagged()
        }
      }
    })
    await ledger.settle('moved', main, [p.accounts.builder.token])
    const other = await moved!
    expect(errorAnnotation(main)).toBeUndefined()
    const digest = main.outputs.digest
    expect(digest).not.toBe(other)
    expect(await pushedImageId(image, digest)).toBe(id)
    expect(tagsOf(p.emu.getImageStream('demo', image))).toEqual({ latest: other, second: digest })
    expect(main.stdout).toMatch(
      new RegExp(`::warning::${repo}:latest now points at ${other}, not at ${digest}`)
    )
  }, 120_000)
})

describe('the post step without docker', () => {
  test('removes the kubeconfig when docker is missing; the Docker engine`s login was never on disk', async () => {
    const image = uniqueImage('no-docker')
    await buildImage(`${image}:latest`)
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image) })
    expect(errorAnnotation(main)).toBeUndefined()
    const { dockerConfig, kubeconfig } = savedState(main)
    expect(dockerConfig).toBeUndefined()
    expect(kubeconfig && existsSync(kubeconfig)).toBe(true)
    // A PATH with nothing on it: the engine the main step used is gone by the time the post step runs.
    const empty = mkdtempSync(path.join(os.tmpdir(), 'rahti-empty-path-'))
    try {
      const post = await runPost(main, { env: { PATH: empty } })
      expect(post.exitCode).toBe(0)
      expect(existsSync(kubeconfig!)).toBe(false)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  }, 120_000)
})

describe('a cancelled job', () => {
  test('SIGTERM during the push stops it: nothing reaches the stream after the post step', async () => {
    const image = uniqueImage('cancel')
    await buildImage(`${image}:build`, { sizeBytes: 256 * 1024 })
    // The upload waits at the registry long enough for the cancel to land while docker push runs.
    delayUploads(p, image, 4000)
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, { source: `${image}:build` }),
      trigger: { when: /::group::Push demo\//, then: child => child.kill('SIGTERM') }
    })
    await ledger.settle('cancelled', main, [p.accounts.builder.token])
    expect(main.exitCode).not.toBe(0)
    expect(main.stdout).toMatch(/::error::The job was cancelled \(SIGTERM\)/)
    // Well past the injected delay: a push left running would have finished by now.
    await new Promise(resolve => setTimeout(resolve, 8000))
    p.emu.clearFaults()
    expect(tagsOf(p.emu.getImageStream('demo', image))).toEqual({})
  }, 120_000)
})

describe('a stream deleted while the push runs', () => {
  test('is named as the cause, with what to do', async () => {
    const image = uniqueImage('deleted')
    await buildImage(`${image}:build`)
    // system:image-pusher may not create the stream again, so the push cannot complete once it is gone.
    p.emu.apply({ imageStreams: [`demo/${image}`] })
    delayUploads(p, image, 1500)
    const main = await runDebug({
      inputs: baseInputs(p, 'pusher', image, { source: `${image}:build` }),
      trigger: { when: /::group::Push demo\//, then: () => p.emu.deleteImageStream('demo', image) }
    })
    p.emu.clearFaults()
    await ledger.settle('deleted stream', main, [p.accounts.pusher.token])
    expectCleanFailure(
      main,
      /^The ImageStream demo\/deleted-\S+ was deleted while this run pushed to it\. Run the step again/
    )
  }, 120_000)
})

describe('secrets', () => {
  test('no run above (debug on) wrote a token anywhere, and every credential file was 0600 and is gone', () => {
    expect(ledger.entries.length).toBe(22)
    expect(ledger.violations()).toEqual([])
  })
})
