// Docker as users now run it: the containerd image store (the default of fresh installs since Docker 29; here
// Docker 26 with the store turned on, as docker/setup-docker-action's `containerd-snapshotter` does). What only
// this store has: `docker build` makes an index with an attestation manifest, and image IDs are manifest or index
// digests; whole multi-platform indexes are kept locally. CSC's shell steps into a missing stream with the
// guide's grant upload the layers and then meet the registry's refusal; the action refuses before any upload. Runs in the jest project `e2e-containerd` only (jest.config.js).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, test } from '@jest/globals'

import { craftIndex } from './harness/containers.js'
import { buildImage, docker, dockerConfig, dockerLogin } from './harness/docker.js'
import { baseInputs, uniqueImage } from './harness/rahti.js'
import { errorAnnotation, runMain, runPost } from './harness/runner.js'
import { useRahti } from './harness/suite.js'
import { run } from './harness/tools.js'
import { buildKitImage, dockerStore, startContainerdEngine } from './harness/trixie.js'
import { expectCleanFailure, expectPushed, manifestAs } from './proof/helpers.js'

const p = useRahti()
const work = mkdtempSync(join(tmpdir(), 'rahti-containerd-store-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface ManifestBody {
  manifests?: { digest: string; platform?: { os: string; architecture: string } }[]
}

function manifestOf(repository: string, reference: string): Promise<{ status: number; body: ManifestBody }> {
  return manifestAs<ManifestBody>(p, repository, reference)
}

/** Every manifest an index names is in the registry under the stream. */
async function expectAllManifests(image: string, index: ManifestBody, digests: string[]): Promise<void> {
  expect((index.manifests ?? []).map(m => m.digest)).toEqual(digests)
  for (const digest of digests) {
    expect({ digest, status: (await manifestOf(`demo/${image}`, digest)).status }).toEqual({
      digest,
      status: 200
    })
  }
}

describe('Docker with the containerd image store', () => {
  test('runs here: the engine of this file has the containerd snapshotter', async () => {
    expect(dockerStore()).toBe('containerd')
    const info = await run('docker', ['info', '--format', '{{.ServerVersion}} {{json .DriverStatus}}'])
    expect(info.stdout).toMatch(/^26\..*io\.containerd\.snapshotter\.v1/)
  })

  test("CSC's shell steps into a missing stream as the guide's pusher: layers up, then the registry's 403; the action refuses first, and pushes as a builder", async () => {
    // What `docker build` makes on this store: an index holding the image and its provenance attestation.
    const image = uniqueImage('guide')
    const id = await buildKitImage(`${image}:latest`, process.env.DOCKER_HOST!)
    const target = `${p.emu.info.registry}/demo/${image}:latest`

    // The guide's steps with the guide's grant (system:image-pusher), token on stdin: docker login, tag, push.
    // Docker 26 HEADs the tag (a 404 into a missing stream, as the registry 4.13 and 4.16 answer), uploads the
    // layers, and only the manifest PUT meets the refusal.
    const cfg = dockerConfig()
    p.emu.resetStats()
    try {
      expect((await dockerLogin(cfg, p.emu.info.registry, p.accounts.pusher.token)).status).toBe(0)
      expect((await docker(cfg, ['tag', `${image}:latest`, target])).status).toBe(0)
      const pushed = await docker(cfg, ['push', target])
      expect(pushed.status).not.toBe(0)
      const url = `https://${p.emu.info.registry}/v2/demo/${image}/manifests/latest`.replace(/[.]/g, '\\.')
      expect(pushed.stderr.trim()).toMatch(
        new RegExp(`unexpected status from PUT request to ${url}: 403 Forbidden$`)
      )
      expect(p.emu.stats().blobBytesReceived).toBeGreaterThan(0)
      expect(p.emu.getImageStream('demo', image)).toBeUndefined()
    } finally {
      cfg.cleanup()
    }

    // The action as the same pusher: the grant named, nothing uploaded.
    p.emu.resetStats()
    const refused = await runMain({ inputs: baseInputs(p, 'pusher', image) })
    expect(refused.exitCode).toBe(1)
    expect(errorAnnotation(refused)).toContain(
      'oc policy add-role-to-user system:image-builder -z pusher -n demo'
    )
    expect(p.emu.stats().blobBytesReceived).toBe(0)
    expect((await runPost(refused)).exitCode).toBe(0)

    // As a builder: the stream first, then the index pushed whole.
    const main = await runMain({ inputs: baseInputs(p, 'builder', image) })
    expectPushed(p, main, image, ['latest'])
    expect(main.stdout).toMatch(/Engine docker: the Docker engine has/)
    // On this store the image ID is the digest of what was pushed: the index.
    expect(main.outputs.digest).toBe(id)
    const index = await manifestOf(`demo/${image}`, 'latest')
    expect((index.body.manifests ?? []).map(m => m.platform?.architecture)).toEqual(['amd64', 'unknown'])
    expect((await runPost(main)).exitCode).toBe(0)
  }, 240_000)

  test('a BuildKit image with an attestation manifest, built locally: pushed whole, the index digest kept', async () => {
    const image = uniqueImage('buildkit')
    const id = await buildKitImage(`${image}:latest`, process.env.DOCKER_HOST!)
    const main = await runMain({ inputs: baseInputs(p, 'builder', image, { tags: 'latest\nv1' }) })
    expectPushed(p, main, image, ['latest', 'v1'])
    expect(main.outputs.digest).toBe(id)
    const index = await manifestOf(`demo/${image}`, 'v1')
    expect(index.status).toBe(200)
    const platforms = (index.body.manifests ?? []).map(m => `${m.platform?.os}/${m.platform?.architecture}`)
    expect(platforms).toEqual(['linux/amd64', 'unknown/unknown'])
    await expectAllManifests(
      image,
      index.body,
      (index.body.manifests ?? []).map(m => m.digest)
    )
    expect((await runPost(main)).exitCode).toBe(0)
  }, 240_000)

  test('a two-platform index loaded into the store: pushed whole by docker, the index digest kept', async () => {
    const image = uniqueImage('multi')
    const layout = join(work, image)
    const crafted = craftIndex(layout, `docker.io/library/${image}:multi`, ['linux/amd64', 'linux/arm64'])
    const archive = `${layout}.tar`
    execFileSync('tar', ['-C', layout, '-cf', archive, '.'])
    const cfg = dockerConfig()
    try {
      const loaded = await docker(cfg, ['load', '-i', archive])
      expect(loaded.stderr).toBe('')
      expect(loaded.status).toBe(0)
    } finally {
      cfg.cleanup()
    }
    const main = await runMain({
      inputs: baseInputs(p, 'builder', image, { source: `${image}:multi`, tags: 'v1', engine: 'docker' })
    })
    expectPushed(p, main, image, ['v1'])
    expect(main.outputs.digest).toBe(crafted.digest)
    const index = await manifestOf(`demo/${image}`, 'v1')
    await expectAllManifests(image, index.body, Object.values(crafted.manifests))
    expect((await runPost(main)).exitCode).toBe(0)
  }, 240_000)

  test("an engine whose system trust lacks the cluster's CA: the action says to put it there and restart Docker", async () => {
    const bare = await startContainerdEngine([])
    try {
      const image = uniqueImage('untrusted')
      await buildImage(`${image}:latest`, { dockerHost: bare.host })
      const main = await runMain({ inputs: baseInputs(p, 'builder', image), env: { DOCKER_HOST: bare.host } })
      const error = expectCleanFailure(main, /^Docker does not trust the TLS certificate of the registry/)
      expect(error).toContain(
        "Add the cluster's CA to the runner's system trust (update-ca-certificates) and restart Docker"
      )
      expect(error).not.toMatch(/x509|oauth/)
      expect((await runPost(main)).exitCode).toBe(0)
    } finally {
      await bare.stop()
    }
  }, 240_000)
})
