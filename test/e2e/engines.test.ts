// Every engine behind the same seam, with the real tools: Podman and Buildah push an image from their storage,
// Skopeo copies archives and remote images, `auto` picks by where the source is, and a source found nowhere
// says where it was looked for. The integrity rule holds for each: what reached the registry is the source.
import { join } from 'node:path'

import { describe, expect, test } from '@jest/globals'

import { buildahImage, craftIndex, skopeo, sourceAuthFile } from './harness/containers.js'
import { buildImage } from './harness/docker.js'
import { baseInputs, startRahti, uniqueImage } from './harness/rahti.js'
import { useRahti, useSources } from './harness/suite.js'
import {
  expectCleanFailure,
  expectPushed,
  Ledger,
  type Main,
  manifestAs,
  runDebug,
  runWithStore
} from './proof/helpers.js'

const p = useRahti()
const ledger = new Ledger()
const sources = useSources()

/** Runs the action as `account` with the test's containers storage, then its post step. */
function push(
  scenario: string,
  image: string,
  extra: Record<string, string>,
  account?: string
): Promise<Main> {
  return runWithStore(p, ledger, sources.store, scenario, image, extra, account)
}

/** A manifest of demo/`image` (or another repository) as the registry serves it. */
function manifestOf(repository: string, reference: string): Promise<{ status: number; body: ManifestBody }> {
  return manifestAs<ManifestBody>(p, repository, reference)
}

interface ManifestBody {
  config: { digest: string }
  manifests: { digest: string; platform?: { os: string; architecture: string } }[]
}

/** The engine the run said it chose. */
function engineOf(main: Main): string | undefined {
  return /Engine (\w+): /.exec(main.stdout)?.[1]
}

describe('Podman and Buildah push from their storage', () => {
  for (const engine of ['podman', 'buildah']) {
    test(`${engine}: two tags, the digest of the source image`, async () => {
      const image = uniqueImage(engine)
      const id = await buildahImage(sources.store, `localhost/${image}:build`)
      const main = await push(engine, image, { source: `localhost/${image}:build`, tags: 'v1 v2', engine })
      expectPushed(p, main, image, ['v1', 'v2'])
      expect(engineOf(main)).toBe(engine)
      expect((await manifestOf(`demo/${image}`, main.outputs.digest)).body.config.digest).toBe(id)
    }, 180_000)
  }

  test('a plain-HTTP registry on loopback: podman speaks HTTP to it, as Docker would', async () => {
    const plain = await startRahti({ registryTls: false })
    try {
      const image = uniqueImage('plain-http')
      await buildahImage(sources.store, `localhost/${image}:build`)
      const main = await runDebug({
        inputs: {
          ...baseInputs(plain, 'builder', image),
          source: `localhost/${image}:build`,
          tags: 'v1 v2',
          engine: 'podman'
        },
        env: sources.store.env
      })
      await ledger.settle('plain http', main, [plain.accounts.builder.token])
      expectPushed(plain, main, image, ['v1', 'v2'])
    } finally {
      await plain.emu.stop()
    }
  }, 180_000)

  test('auto: an image only in the Podman storage goes with podman, and the log says why', async () => {
    const image = uniqueImage('auto-podman')
    const id = await buildahImage(sources.store, `${image}:latest`)
    const main = await push('auto podman', image, {})
    expectPushed(p, main, image, ['latest'])
    expect(main.stdout).toMatch(/Engine podman: the Podman\/Buildah storage has/)
    expect((await manifestOf(`demo/${image}`, main.outputs.digest)).body.config.digest).toBe(id)
  }, 180_000)

  test('auto: containers-storage:REF goes with podman', async () => {
    const image = uniqueImage('auto-storage')
    const id = await buildahImage(sources.store, `localhost/${image}:build`)
    const main = await push('auto containers-storage', image, {
      source: `containers-storage:localhost/${image}:build`
    })
    expectPushed(p, main, image, ['latest'])
    expect(main.stdout).toMatch(
      /Engine podman: the source is in the Podman\/Buildah storage \(containers-storage:\)/
    )
    expect((await manifestOf(`demo/${image}`, main.outputs.digest)).body.config.digest).toBe(id)
  }, 180_000)

  test('auto: an image in the Docker engine goes with docker', async () => {
    const image = uniqueImage('auto-docker')
    const id = await buildImage(`${image}:latest`)
    const main = await push('auto docker', image, {})
    expectPushed(p, main, image, ['latest'])
    expect(main.stdout).toMatch(/Engine docker: the Docker engine has/)
    expect((await manifestOf(`demo/${image}`, main.outputs.digest)).body.config.digest).toBe(id)
  }, 180_000)

  test('a source found nowhere says where it was looked for', async () => {
    const image = uniqueImage('missing')
    const main = await push('missing', image, { source: `${image}:nowhere` })
    expectCleanFailure(
      main,
      /Input 'source': the image '.*:nowhere' was found nowhere; looked in the Docker engine, the Podman\/Buildah storage/
    )
  }, 120_000)

  test('a missing archive is named', async () => {
    const image = uniqueImage('no-archive')
    const main = await push('no archive', image, {
      source: `docker-archive:${join(sources.store.dir, 'none.tar')}`
    })
    expectCleanFailure(main, /Input 'source': docker-archive:.*none\.tar cannot be read/)
  }, 120_000)
})

describe('Skopeo copies archives and layouts', () => {
  for (const transport of ['docker-archive', 'oci-archive']) {
    test(`${transport}: auto picks skopeo; two tags, the digest of the archive's image`, async () => {
      const image = uniqueImage(transport)
      const id = await buildahImage(sources.store, `localhost/${image}:build`)
      const file = join(sources.store.dir, `${image}.tar`)
      await skopeo(sources.store, [
        'copy',
        `containers-storage:localhost/${image}:build`,
        `${transport}:${file}`
      ])
      const main = await push(transport, image, { source: `${transport}:${file}`, tags: 'v1 v2' })
      expectPushed(p, main, image, ['v1', 'v2'])
      expect(main.stdout).toMatch(new RegExp(`Engine skopeo: the source is a ${transport}: reference`))
      expect((await manifestOf(`demo/${image}`, main.outputs.digest)).body.config.digest).toBe(id)
    }, 180_000)
  }

  test('oci:DIR:REF holding an index: copied whole with engine skopeo, the index digest kept', async () => {
    const image = uniqueImage('oci-layout')
    const layout = join(sources.store.dir, `${image}-layout`)
    const crafted = craftIndex(layout, 'v1', ['linux/amd64', 'linux/arm64'])
    const main = await push('oci layout', image, {
      source: `oci:${layout}:v1`,
      tags: 'v1 v2',
      engine: 'skopeo'
    })
    expectPushed(p, main, image, ['v1', 'v2'])
    expect(main.stdout).toMatch(/Engine skopeo: as the 'engine' input asks/)
    expect(main.outputs.digest).toBe(crafted.digest)
  }, 180_000)

  test('containers-storage:REF with engine skopeo: two tags, the image`s own config', async () => {
    const image = uniqueImage('storage-skopeo')
    const id = await buildahImage(sources.store, `localhost/${image}:build`)
    const main = await push('containers-storage skopeo', image, {
      source: `containers-storage:localhost/${image}:build`,
      tags: 'v1 v2',
      engine: 'skopeo'
    })
    expectPushed(p, main, image, ['v1', 'v2'])
    expect((await manifestOf(`demo/${image}`, main.outputs.digest)).body.config.digest).toBe(id)
  }, 180_000)

  test('engine docker cannot read an archive: the input error says what to use', async () => {
    const image = uniqueImage('docker-archive-refused')
    const main = await push('docker refuses archive', image, {
      source: 'docker-archive:/tmp/x.tar',
      engine: 'docker'
    })
    expectCleanFailure(main, /^Input 'engine': docker cannot push a docker-archive: reference/)
  }, 60_000)
})

describe('a remote image, copied registry to registry', () => {
  test('from a registry with credentials (standing in for Docker Hub): the digest kept, the password nowhere', async () => {
    const image = uniqueImage('remote')
    await buildahImage(sources.store, `localhost/${image}:build`)
    const auth = sourceAuthFile(sources.store, sources.hub)
    const hubRef = `${sources.hub.host}/library/${image}:1.0`
    await skopeo(sources.store, [
      'copy',
      '--dest-authfile',
      auth,
      '--dest-tls-verify=false',
      `containers-storage:localhost/${image}:build`,
      `docker://${hubRef}`
    ])
    const inspected = JSON.parse(
      await skopeo(sources.store, ['inspect', '--authfile', auth, '--tls-verify=false', `docker://${hubRef}`])
    ) as { Digest: string }
    const main = await push('remote', image, {
      source: hubRef,
      tags: 'v1 v2',
      'source-username': sources.hub.username,
      'source-password': sources.hub.password
    })
    expectPushed(p, main, image, ['v1', 'v2'])
    expect(main.stdout).toMatch(
      /Engine skopeo: no local engine has .*, and it names the registry 127\.0\.0\.1/
    )
    expect(main.outputs.digest).toBe(inspected.Digest)

    // The same image named by digest, with docker://: the same digest again, into another stream.
    const byDigest = uniqueImage('remote-digest')
    const again = await push('remote by digest', byDigest, {
      source: `docker://${sources.hub.host}/library/${image}@${inspected.Digest}`,
      'source-username': sources.hub.username,
      'source-password': sources.hub.password
    })
    expectPushed(p, again, byDigest, ['latest'])
    expect(again.outputs.digest).toBe(inspected.Digest)
    expect(again.stdout).toMatch(/Engine skopeo: the source is on the registry 127\.0\.0\.1/)
  }, 180_000)

  test('without credentials the refusal names the inputs to give', async () => {
    const image = uniqueImage('remote-denied')
    const main = await push('remote denied', image, {
      source: `docker://${sources.hub.host}/library/anything:1`
    })
    expectCleanFailure(
      main,
      /Input 'source': 127\.0\.0\.1:\d+ refused .*'source-username' and 'source-password'/
    )
  }, 120_000)
})

describe('promotion inside Rahti', () => {
  test('an image of another project is copied on the server: zero blob bytes, the digest unchanged', async () => {
    const [other] = p.emu.apply({
      serviceAccounts: [{ project: 'other', name: 'releaser', roles: ['system:image-builder'] }],
      bindings: [
        {
          project: 'other',
          roleRef: { kind: 'ClusterRole', name: 'system:image-puller' },
          subjects: [{ kind: 'ServiceAccount', name: 'builder', namespace: 'demo' }]
        }
      ]
    })
    const image = uniqueImage('promote')
    await buildahImage(sources.store, `localhost/${image}:build`)
    const seeded = await runDebug({
      inputs: {
        ...baseInputs(p, 'builder', image, { source: `localhost/${image}:build`, tags: 'main' }),
        token: other.token,
        project: 'other'
      },
      env: sources.store.env
    })
    await ledger.settle('promotion seed', seeded, [other.token])
    expectPushed(p, seeded, image, ['main'], 'other')

    p.emu.resetStats()
    const main = await push('promotion', image, {
      source: `${p.emu.info.registry}/other/${image}:main`,
      tags: 'v1 latest'
    })
    expectPushed(p, main, image, ['v1', 'latest'])
    expect(main.outputs.digest).toBe(seeded.outputs.digest)
    expect(main.stdout).toMatch(/Copied on the server from other\/promote-/)
    const stats = p.emu.stats()
    expect(stats.blobBytesReceived).toBe(0)
    expect(stats.blobsMounted).toBeGreaterThan(0)
  }, 240_000)

  test('the image built on main, tagged on release in the same stream: no upload, the same digest', async () => {
    const image = uniqueImage('release')
    await buildahImage(sources.store, `localhost/${image}:build`)
    const built = await push('built on main', image, { source: `localhost/${image}:build`, tags: 'sha-abc' })
    expectPushed(p, built, image, ['sha-abc'])
    p.emu.resetStats()
    const main = await push('release', image, {
      source: `${p.emu.info.registry}/demo/${image}:sha-abc`,
      tags: 'v1.0.0 stable'
    })
    expectPushed(p, main, image, ['v1.0.0', 'stable'])
    expect(main.outputs.digest).toBe(built.outputs.digest)
    expect(p.emu.stats().blobBytesReceived).toBe(0)
  }, 240_000)

  test('a project the token may not pull from is named, with the grant', async () => {
    const image = uniqueImage('promote-denied')
    const main = await push(
      'promotion denied',
      image,
      { source: `${p.emu.info.registry}/other/${image}:main` },
      'pusher'
    )
    const error = expectCleanFailure(main, /^Input 'source': /)
    expect(error).toMatch(/may not pull other\/promote-denied-.*`system:image-puller` there/)
  }, 120_000)
})

describe('multi-arch: an index is copied whole', () => {
  /** A crafted index pushed to the stand-in for Docker Hub, as `library/<name>:<tag>`. */
  async function indexOnHub(name: string, platforms: string[], attestation: boolean) {
    const layout = join(sources.store.dir, `${name}-layout`)
    const crafted = craftIndex(layout, 'multi', platforms, attestation)
    await skopeo(sources.store, [
      'copy',
      '--all',
      '--preserve-digests',
      '--dest-authfile',
      sourceAuthFile(sources.store, sources.hub),
      '--dest-tls-verify=false',
      `oci:${layout}:multi`,
      `docker://${sources.hub.host}/library/${name}:multi`
    ])
    return crafted
  }

  const credentials = () => ({
    'source-username': sources.hub.username,
    'source-password': sources.hub.password
  })

  test('two platforms and an attestation: the index digest kept, every manifest pullable', async () => {
    const image = uniqueImage('multi')
    const crafted = await indexOnHub(image, ['linux/amd64', 'linux/arm64'], true)
    const main = await push('multi-arch', image, {
      source: `docker://${sources.hub.host}/library/${image}:multi`,
      tags: 'v1 v2',
      ...credentials()
    })
    expectPushed(p, main, image, ['v1', 'v2'])
    expect(main.outputs.digest).toBe(crafted.digest)
    const index = await manifestOf(`demo/${image}`, 'v1')
    expect(index.body.manifests.map(m => m.digest)).toEqual(Object.values(crafted.manifests))
    for (const [platform, digest] of Object.entries(crafted.manifests)) {
      expect({ platform, status: (await manifestOf(`demo/${image}`, digest)).status }).toEqual({
        platform,
        status: 200
      })
    }
  }, 240_000)

  test('an arm64-only image is refused before any upload, and accepted with platform: any', async () => {
    const image = uniqueImage('arm64')
    const layout = join(sources.store.dir, `${image}.tar`)
    await buildahImage(sources.store, `localhost/${image}:build`, 'arm64')
    await skopeo(sources.store, [
      'copy',
      `containers-storage:localhost/${image}:build`,
      `oci-archive:${layout}`
    ])
    p.emu.resetStats()
    const refused = await push('arm64 refused', image, { source: `oci-archive:${layout}` })
    const error = expectCleanFailure(refused, /is an image for linux\/arm64, with none for linux\/amd64/)
    expect(error).toMatch(/docker buildx build --platform linux\/amd64/)
    expect(p.emu.stats().blobBytesReceived).toBe(0)
    const accepted = await push('arm64 any', image, { source: `oci-archive:${layout}`, platform: 'any' })
    expectPushed(p, accepted, image, ['latest'])
  }, 240_000)

  test('an index without linux/amd64 is refused, naming its platforms', async () => {
    const image = uniqueImage('multi-arm')
    await indexOnHub(image, ['linux/arm64', 'linux/arm/v7'], true)
    const main = await push('index without amd64', image, {
      source: `${sources.hub.host}/library/${image}:multi`,
      ...credentials()
    })
    expectCleanFailure(
      main,
      /is an index of images for linux\/arm64, linux\/arm\/v7, with none for linux\/amd64/
    )
  }, 240_000)
})

describe('secrets', () => {
  test('no token or password in anything the runs wrote; credential files 0600 and gone after the post step', () => {
    expect(ledger.violations()).toEqual([])
    expect(ledger.entries.length).toBeGreaterThan(0)
  })
})
