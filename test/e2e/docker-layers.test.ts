// Docker's layers moved by the action itself (src/engines/docker-layers.ts), end to end: the bundled dist/ against
// the emulator and the real Docker engine, whose API calls are recorded on a socket of the test's own that
// forwards to the engine. On the classic store the image leaves the engine by its export (GET /images/{id}/get)
// and is uploaded by the action; on the containerd store (jest project e2e-containerd) the daemon still pushes.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { buildImage, docker, dockerConfig, dockerLogin } from './harness/docker.js'
import { baseInputs, tagsOf, uniqueImage } from './harness/rahti.js'
import { errorAnnotation, runMain, runPost } from './harness/runner.js'
import { useRahti } from './harness/suite.js'
import { requireTool, run } from './harness/tools.js'
import { dockerStore } from './harness/trixie.js'
import { delayUploads } from './proof/helpers.js'

const p = useRahti()
const classic = dockerStore() === 'classic'
const onClassic = classic ? describe : describe.skip
const onContainerd = classic ? describe.skip : describe

/** A socket that forwards to the engine and notes each request line (`GET /images/.../get`). */
interface RecordingSocket {
  host: string
  requests: string[]
}

let socket: RecordingSocket
let server: net.Server
let socketDir: string

beforeAll(async () => {
  requireTool('skopeo', 'skopeo')
  const engine = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '')
  socketDir = mkdtempSync(join(tmpdir(), 'rahti-docker-sock-'))
  const path = join(socketDir, 'docker.sock')
  const requests: string[] = []
  server = net.createServer(client => {
    const upstream = net.connect(engine)
    client.on('data', (chunk: Buffer) => {
      for (const m of chunk
        .toString('latin1')
        .matchAll(/^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r$/gm))
        requests.push(`${m[1]} ${decodeURIComponent(m[2])}`)
    })
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>(resolve => server.listen(path, resolve))
  socket = { host: `unix://${path}`, requests }
})

afterAll(async () => {
  await new Promise(resolve => server?.close(resolve))
  rmSync(socketDir, { recursive: true, force: true })
})

/** The engine requests of one run, by kind. */
function engineCalls(from: number): { exports: string[]; pushes: string[]; tags: string[] } {
  const calls = socket.requests.slice(from)
  return {
    exports: calls.filter(c => /^GET \/(v[\d.]+\/)?images\/.*\/get$/.test(c)),
    pushes: calls.filter(c => /^POST \/(v[\d.]+\/)?images\/.*\/push/.test(c)),
    tags: calls.filter(c => /^POST \/(v[\d.]+\/)?images\/.*\/tag/.test(c))
  }
}

/** Runs the main step through the recording socket; the engine calls it made beside its result. */
async function push(inputs: Record<string, string>) {
  const from = socket.requests.length
  const main = await runMain({ inputs, env: { DOCKER_HOST: socket.host } })
  return { main, calls: engineCalls(from) }
}

/** `FROM base` plus one random file, by the classic builder; returns the image ID. */
function buildOn(base: string, ref: string, sizeBytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'rahti-build-on-'))
  try {
    writeFileSync(
      join(dir, 'more.bin'),
      Buffer.from(Array.from({ length: sizeBytes }, () => Math.random() * 256))
    )
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${base}\nCOPY more.bin /more.bin\n`)
    execFileSync('docker', ['build', '-q', '-t', ref, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } })
    return execFileSync('docker', ['image', 'inspect', '-f', '{{.Id}}', ref], { encoding: 'utf8' }).trim()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The manifest skopeo reads from the emulator with the builder's token. */
async function skopeoManifest(
  image: string,
  tag: string
): Promise<{ mediaType: string; config: { digest: string } }> {
  const result = await run('skopeo', [
    'inspect',
    '--raw',
    `--cert-dir=${dirname(p.emu.info.caFile)}`,
    `--creds=unused:${p.accounts.builder.token}`,
    `docker://${p.emu.info.registry}/demo/${image}:${tag}`
  ])
  expect(result.stderr).toBe('')
  return JSON.parse(result.stdout) as { mediaType: string; config: { digest: string } }
}

onClassic("Docker's layers on the classic store, moved by the action", () => {
  test('classic store: exported by ID and uploaded by the action; docker pull and skopeo read back the source', async () => {
    const image = uniqueImage('mover')
    const id = await buildImage(`${image}:build`, { sizeBytes: 3_000_000, layers: 3 })
    p.emu.resetStats()
    const { main, calls } = await push(
      baseInputs(p, 'builder', image, { source: `${image}:build`, tags: 'v1 v2' })
    )
    expect(errorAnnotation(main)).toBeUndefined()
    // The image left the engine by its export, by ID; no name was made and the daemon pushed nothing.
    expect(calls.exports).toEqual([expect.stringContaining(`/images/${id}/get`)])
    expect(calls.pushes).toEqual([])
    expect(calls.tags).toEqual([])
    expect(JSON.parse(main.state['rahti-push']).engine.localNames).toBeUndefined()
    expect(main.stdout).toMatch(
      /^Pushed 3 layers in \d+\.\d s: 3 sent \([\d.]+ MB\), 0 already in the registry$/m
    )
    const digest = main.outputs.digest
    expect(tagsOf(p.emu.getImageStream('demo', image))).toEqual({ v1: digest, v2: digest })
    // Random bytes: the gzip is about their size, each layer sent once.
    const sent = p.emu.stats().blobBytesReceived
    expect(sent).toBeGreaterThan(3_000_000)
    expect(sent).toBeLessThan(3_200_000)

    // skopeo reads Docker's schema 2 manifest whose config is the source's image ID.
    const manifest = await skopeoManifest(image, 'v2')
    expect(manifest.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
    expect(manifest.config.digest).toBe(id)
    // docker pull, with the source gone from the engine, brings back the very image (it checks every layer's
    // diffID against the config as it unpacks).
    const cfg = dockerConfig()
    try {
      expect((await dockerLogin(cfg, p.emu.info.registry, p.accounts.builder.token)).status).toBe(0)
      const ref = `${p.emu.info.registry}/demo/${image}:v1`
      await docker(cfg, ['rmi', `${image}:build`])
      const pulled = await docker(cfg, ['pull', ref])
      expect(pulled.stderr).toBe('')
      expect(pulled.status).toBe(0)
      const back = await docker(cfg, ['image', 'inspect', '-f', '{{.Id}}', ref])
      expect(back.stdout.trim()).toBe(id)
      await docker(cfg, ['rmi', ref])
    } finally {
      cfg.cleanup()
    }
    await runPost(main)
  }, 180_000)

  test('a base layer the stream has: only the new layer is uploaded', async () => {
    const image = uniqueImage('mover-base')
    await buildImage(`${image}:base`, { sizeBytes: 4_000_000 })
    const first = await push(baseInputs(p, 'builder', image, { source: `${image}:base`, tags: 'base' }))
    expect(errorAnnotation(first.main)).toBeUndefined()
    const id = buildOn(`${image}:base`, `${image}:app`, 500_000)
    p.emu.resetStats()
    const { main } = await push(baseInputs(p, 'builder', image, { source: `${image}:app`, tags: 'app base' }))
    expect(errorAnnotation(main)).toBeUndefined()
    expect(main.stdout).toMatch(
      /^Pushed 2 layers in \d+\.\d s: 1 sent \([\d.]+ [kM]B\), 1 already in the registry$/m
    )
    // The 500 kB layer and the config; not the 4 MB base again, not even partly.
    const sent = p.emu.stats().blobBytesReceived
    expect(sent).toBeGreaterThan(500_000)
    expect(sent).toBeLessThan(600_000)
    expect((await skopeoManifest(image, 'app')).config.digest).toBe(id)
    expect(tagsOf(p.emu.getImageStream('demo', image))).toEqual({
      app: main.outputs.digest,
      base: main.outputs.digest
    })
    await runPost(main)
  }, 180_000)

  test('an unchanged re-push uploads nothing and exports nothing', async () => {
    const image = uniqueImage('mover-again')
    await buildImage(`${image}:build`, { sizeBytes: 1_000_000 })
    const inputs = baseInputs(p, 'builder', image, { source: `${image}:build`, tags: 'latest' })
    const first = await push(inputs)
    expect(errorAnnotation(first.main)).toBeUndefined()
    p.emu.resetStats()
    const { main, calls } = await push(inputs)
    expect(errorAnnotation(main)).toBeUndefined()
    expect(main.outputs.digest).toBe(first.main.outputs.digest)
    expect(calls.exports).toEqual([])
    expect(p.emu.stats().blobBytesReceived).toBe(0)
    expect(main.stdout).toMatch(/nothing was exported or uploaded/)
    expect(main.stdout).toMatch(
      /^Pushed 1 layer in \d+\.\d s: 0 sent \(0\.0 MB\), 1 already in the registry$/m
    )
    await runPost(main)
  }, 180_000)

  test('a cancelled push stops the upload: nothing reported, nothing reaches the stream', async () => {
    const image = uniqueImage('mover-cancel')
    await buildImage(`${image}:build`, { sizeBytes: 2_000_000 })
    // The upload waits at the registry long enough for the cancel to land while the layer is on its way.
    delayUploads(p, image, 4000)
    const main = await runMain({
      inputs: baseInputs(p, 'builder', image, { source: `${image}:build` }),
      env: { DOCKER_HOST: socket.host },
      trigger: { when: /::group::Push demo\//, then: child => child.kill('SIGTERM') }
    })
    expect(main.exitCode).not.toBe(0)
    expect(main.stdout).toMatch(/::error::The job was cancelled \(SIGTERM\)/)
    expect(main.outputs.digest).toBeUndefined()
    expect(main.stdout).not.toMatch(/^Pushed \d+ layers? in /m)
    expect(main.stdout).not.toMatch(/^Digest sha256:/m)
    // Well past the injected delay: an upload left running would have finished by now.
    await new Promise(resolve => setTimeout(resolve, 6000))
    p.emu.clearFaults()
    expect(tagsOf(p.emu.getImageStream('demo', image))).toEqual({})
    await runPost(main)
  }, 120_000)
})

onContainerd("Docker's layers on the containerd store", () => {
  test('the daemon pushes, as before', async () => {
    const image = uniqueImage('daemon')
    await buildImage(`${image}:build`, { sizeBytes: 200_000 })
    const { main, calls } = await push(baseInputs(p, 'builder', image, { source: `${image}:build` }))
    expect(errorAnnotation(main)).toBeUndefined()
    expect(calls.exports).toEqual([])
    expect(calls.pushes).toHaveLength(1)
    await runPost(main)
  }, 180_000)
})
