// The classic Docker engine against the emulator: login with a token on stdin, push with and
// without the right to create the stream, and anonymous pulls opened by a RoleBinding.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import type { Emulator } from '../../../emulator/types.js'
import {
  buildImage,
  docker,
  type DockerConfig,
  dockerConfig,
  dockerLogin,
  removeImages
} from '../harness/docker.js'
import { api, createStream, registry, startForClients, stream, tagDigest, token, unique } from './helpers.js'

let emu: Emulator
const configs: DockerConfig[] = []
const images: string[] = []

function newConfig(): DockerConfig {
  const c = dockerConfig()
  configs.push(c)
  return c
}

async function built(name: string, tag = 'v1'): Promise<string> {
  const ref = `${emu.info.registry}/demo/${name}:${tag}`
  await buildImage(ref)
  images.push(ref)
  return ref
}

beforeAll(async () => {
  emu = await startForClients()
}, 60_000)

afterAll(async () => {
  await removeImages(...images)
  for (const c of configs) c.cleanup()
  await emu?.stop()
})

describe('docker login and push', () => {
  test('system:image-builder pushes to a missing stream: the stream is created with the tag at the pushed digest', async () => {
    const name = unique('built')
    const ref = await built(name)
    const cfg = newConfig()
    const login = await dockerLogin(cfg, emu.info.registry, token(emu, 'builder'))
    expect(login.stderr + login.stdout).toContain('Login Succeeded')
    const push = await docker(cfg, ['push', ref])
    expect(push.status).toBe(0)
    const digest = /digest: (sha256:[a-f0-9]{64})/.exec(push.stdout)?.[1]
    expect(digest).toBeDefined()
    const s = stream(emu, 'demo', name)!
    expect(s.metadata.generation).toBe(1)
    expect(s.status.tags).toEqual([
      {
        tag: 'v1',
        items: [
          expect.objectContaining({
            image: digest,
            dockerImageReference: `image-registry.openshift-image-registry.svc:5000/demo/${name}@${digest}`,
            generation: 1
          })
        ]
      }
    ])
    expect(s.status.publicDockerImageRepository).toBe(`${emu.info.registry}/demo/${name}`)
    // Pushing the same image again collapses into the one item.
    expect((await docker(cfg, ['push', ref])).status).toBe(0)
    expect(stream(emu, 'demo', name)!.status.tags![0].items).toHaveLength(1)
  }, 120_000)

  test('system:image-pusher cannot create the stream: the manifest PUT is denied (403 DENIED)', async () => {
    const name = unique('denied')
    const ref = await built(name)
    const cfg = newConfig()
    expect((await dockerLogin(cfg, emu.info.registry, token(emu, 'pusher'))).status).toBe(0)
    const push = await docker(cfg, ['push', ref])
    expect(push.status).not.toBe(0)
    // Docker 20.10 shortens the body's message to its code ("denied"); newer clients print it whole.
    expect(push.stderr).toMatch(/denied/)
    expect(stream(emu, 'demo', name)).toBeUndefined()
    // The answer itself, as the reference words it.
    const put = await registry(
      emu,
      'PUT',
      `/v2/demo/${name}/manifests/v1`,
      { basic: token(emu, 'pusher') },
      {
        headers: { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json' },
        body: '{}'
      }
    )
    expect(put.status).toBe(403)
    expect(put.json()).toEqual({
      errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }]
    })
  }, 120_000)

  test('system:image-pusher pushes once the stream exists', async () => {
    const name = unique('present')
    const ref = await built(name)
    await createStream(emu, name)
    const cfg = newConfig()
    expect((await dockerLogin(cfg, emu.info.registry, token(emu, 'pusher'))).status).toBe(0)
    const push = await docker(cfg, ['push', ref])
    expect(push.stderr).toBe('')
    expect(push.status).toBe(0)
    expect(tagDigest(emu, 'demo', name, 'v1')).toMatch(/^sha256:/)
  }, 120_000)

  test('a login with an invalid token fails', async () => {
    const cfg = newConfig()
    const login = await dockerLogin(cfg, emu.info.registry, 'sha256~not-a-token-at-all')
    expect(login.status).not.toBe(0)
    expect(login.stderr).toMatch(/unauthorized|401/i)
  }, 60_000)
})

describe('anonymous pull', () => {
  test("refused until the guide's Role and RoleBinding for system:anonymous allow it", async () => {
    const name = unique('public')
    const ref = await built(name, 'latest')
    const cfg = newConfig()
    expect((await dockerLogin(cfg, emu.info.registry, token(emu, 'builder'))).status).toBe(0)
    expect((await docker(cfg, ['push', ref])).status).toBe(0)
    await removeImages(ref)

    const anon = newConfig()
    const path = `/v2/demo/${name}/manifests/latest`
    const accept = { Accept: 'application/vnd.docker.distribution.manifest.v2+json' }
    // The anonymous token exchange, then a refusal of the pull.
    const exchanged = await registry(emu, 'GET', `/openshift/token?scope=repository:demo/${name}:pull`)
    expect(exchanged.json()).toEqual({ token: 'anonymous', access_token: 'anonymous' })
    const refused = await registry(emu, 'GET', path, { bearer: 'anonymous' }, { headers: accept })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toBe('Basic realm=openshift,error="access denied"')
    const denied = await docker(anon, ['pull', ref])
    expect(denied.status).not.toBe(0)

    // oc create role my-image-puller --verb=get --resource=imagestreams.image.openshift.io/layers --resource-name=NAME
    const admin = token(emu, 'admin')
    const role = await api(emu, 'POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/demo/roles', {
      token: admin,
      body: {
        kind: 'Role',
        apiVersion: 'rbac.authorization.k8s.io/v1',
        metadata: { name: 'my-image-puller' },
        rules: [
          {
            verbs: ['get'],
            apiGroups: ['image.openshift.io'],
            resources: ['imagestreams/layers'],
            resourceNames: [name]
          }
        ]
      }
    })
    expect(role.status).toBe(201)
    // oc create rolebinding my-image-puller --role=my-image-puller --user=system:anonymous
    const binding = await api(
      emu,
      'POST',
      '/apis/rbac.authorization.k8s.io/v1/namespaces/demo/rolebindings',
      {
        token: admin,
        body: {
          kind: 'RoleBinding',
          apiVersion: 'rbac.authorization.k8s.io/v1',
          metadata: { name: 'my-image-puller' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'my-image-puller' },
          subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'system:anonymous' }]
        }
      }
    )
    expect(binding.status).toBe(201)

    expect((await registry(emu, 'GET', path, { bearer: 'anonymous' }, { headers: accept })).status).toBe(200)
    const pulled = await docker(anon, ['pull', ref])
    expect(pulled.stderr).toBe('')
    expect(pulled.status).toBe(0)
    // Only the named stream is public.
    const other = await registry(emu, 'HEAD', `/v2/demo/${name}-other/manifests/latest`, {
      bearer: 'anonymous'
    })
    expect(other.status).toBe(401)
  }, 120_000)
})

describe('cross-repository mounts', () => {
  test('docker mounts a layer it pushed to another stream; a pusher who may not pull that stream uploads it instead', async () => {
    const source = await built(unique('mount-src'))
    const cfg = newConfig()
    expect((await dockerLogin(cfg, emu.info.registry, token(emu, 'builder'))).status).toBe(0)
    expect((await docker(cfg, ['push', source])).status).toBe(0)

    // Docker remembers where the layer went and mounts it from there.
    const copyName = unique('mount-dst')
    const copy = `${emu.info.registry}/demo/${copyName}:v1`
    expect((await docker(cfg, ['tag', source, copy])).status).toBe(0)
    images.push(copy)
    emu.resetStats()
    const pushed = await docker(cfg, ['push', copy])
    expect(pushed.status).toBe(0)
    expect(emu.stats().blobsMounted).toBeGreaterThanOrEqual(1)
    const mountedBytes = emu.stats().blobBytesReceived
    expect(tagDigest(emu, 'demo', copyName, 'v1')).toMatch(/^sha256:/)

    // Someone without pull on the source gets an upload session for the mount and sends the layer.
    const [stranger] = emu.apply({
      projects: ['elsewhere'],
      serviceAccounts: [{ project: 'elsewhere', name: 'stranger', roles: ['system:image-builder'] }]
    })
    const theirs = `${emu.info.registry}/elsewhere/${copyName}:v1`
    expect((await docker(cfg, ['tag', source, theirs])).status).toBe(0)
    images.push(theirs)
    const strangerCfg = newConfig()
    expect((await dockerLogin(strangerCfg, emu.info.registry, stranger.token)).status).toBe(0)
    emu.resetStats()
    const uploaded = await docker(strangerCfg, ['push', theirs])
    expect(uploaded.stderr).toBe('')
    expect(uploaded.status).toBe(0)
    expect(emu.stats().blobsMounted).toBe(0)
    expect(emu.stats().blobBytesReceived).toBeGreaterThan(mountedBytes)
    expect(tagDigest(emu, 'elsewhere', copyName, 'v1')).toBe(tagDigest(emu, 'demo', copyName, 'v1'))
  }, 120_000)
})
