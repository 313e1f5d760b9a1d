// Docker as users now run it: the containerd image store (the default of fresh installs since Docker 29; here
// Docker 26 with the store turned on, as docker/setup-docker-action's `containerd-snapshotter` does). What only
// this store has: containerd HEADs each manifest before its PUT, so CSC's shell steps into a missing stream stop
// at the registry's 500, while the action, which creates the stream first, pushes; image IDs that are
// manifest or index digests; BuildKit images that are indexes with attestation manifests; whole multi-platform
// indexes kept locally. Runs in the jest project `e2e-containerd` only (jest.config.js).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, test } from '@jest/globals'

import { registry } from './emulator/helpers.js'
import { craftIndex } from './harness/containers.js'
import { buildImage, docker, dockerConfig, dockerLogin } from './harness/docker.js'
import { baseInputs, uniqueImage } from './harness/rahti.js'
import { runMain, runPost } from './harness/runner.js'
import { useRahti } from './harness/suite.js'
import { run } from './harness/tools.js'
import { buildKitImage, dockerStore } from './harness/trixie.js'
import { expectPushed } from './proof/helpers.js'

const p = useRahti()
const work = mkdtempSync(join(tmpdir(), 'rahti-containerd-store-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface ManifestBody {
  manifests?: { digest: string; platform?: { os: string; architecture: string } }[]
}

async function manifestOf(
  repository: string,
  reference: string
): Promise<{ status: number; body: ManifestBody }> {
  const res = await registry(
    p.emu,
    'GET',
    `/v2/${repository}/manifests/${reference}`,
    { basic: p.accounts.admin.token },
    {
      headers: {
        Accept: [
          'application/vnd.oci.image.index.v1+json',
          'application/vnd.docker.distribution.manifest.list.v2+json',
          'application/vnd.oci.image.manifest.v1+json',
          'application/vnd.docker.distribution.manifest.v2+json'
        ].join(', ')
      }
    }
  )
  return { status: res.status, body: JSON.parse(res.status === 200 ? res.text : '{}') as ManifestBody }
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

  test("CSC's shell steps into a missing stream stop at the registry's HEAD 500; the action pushes the same image", async () => {
    const image = uniqueImage('guide')
    const id = await buildImage(`${image}:latest`)
    const target = `${p.emu.info.registry}/demo/${image}:latest`

    // The guide's steps, token on stdin: docker login, docker tag, docker push.
    const cfg = dockerConfig()
    try {
      expect((await dockerLogin(cfg, p.emu.info.registry, p.accounts.builder.token)).status).toBe(0)
      expect((await docker(cfg, ['tag', `${image}:latest`, target])).status).toBe(0)
      const pushed = await docker(cfg, ['push', target])
      expect(pushed.status).not.toBe(0)
      const url = `https://${p.emu.info.registry}/v2/demo/${image}/manifests/latest`
      expect(pushed.stderr.trim()).toBe(
        `unexpected status from HEAD request to ${url}: 500 Internal Server Error`
      )
      expect(p.emu.getImageStream('demo', image)).toBeUndefined()
    } finally {
      cfg.cleanup()
    }

    // The action, with the same account and image: the stream first, then the push.
    const main = await runMain({ inputs: baseInputs(p, 'builder', image) })
    expectPushed(p, main, image, ['latest'])
    expect(main.stdout).toMatch(/Engine docker: the Docker engine has/)
    // On this store the image ID is the digest of what was pushed.
    expect(main.outputs.digest).toBe(id)
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
})
