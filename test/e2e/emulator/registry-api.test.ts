// The API the real integrated registry (openshift/image-registry's dockerregistry) calls with its own
// account, asked with kubectl as the registry's client-go would ask it: who the user is, may they, the
// stream, its layers and pull secrets, ImageStreamMappings (and the 404 the registry creates the stream
// on), Images, LimitRanges and the mirror policies. And the newer registry's answers (PR #475).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { startEmulator } from '../../../emulator/index.js'
import type { AccountInfo, Emulator } from '../../../emulator/types.js'
import { requireTool, run, type RunResult } from '../harness/tools.js'
import { api, pushTiny, registry, stream, token, unique } from './helpers.js'

let emu: Emulator
let work: string
let registryAccount: AccountInfo
const IMG = '/apis/image.openshift.io/v1'
const digestOf = (c: string): string => `sha256:${c.repeat(64)}`

beforeAll(async () => {
  requireTool('docker-registry', 'docker-registry')
  requireTool('kubectl', 'kubernetes-client')
  emu = await startEmulator({
    state: {
      projects: ['demo'],
      serviceAccounts: [
        { project: 'demo', name: 'pusher', roles: ['system:image-pusher'] },
        { project: 'demo', name: 'builder', roles: ['system:image-builder'] }
      ]
    }
  })
  registryAccount = emu.info.accounts.find(a => a.name.endsWith(':registry'))!
  work = mkdtempSync(join(tmpdir(), 'rahti-registry-api-'))
}, 60_000)

afterAll(async () => {
  if (work) rmSync(work, { recursive: true, force: true })
  await emu?.stop()
})

/** kubectl against the emulator's HTTPS API with a token, as the registry's kubeconfig has it. */
function kubectl(tokenValue: string, ...args: string[]): Promise<RunResult> {
  return run('kubectl', [
    '--server',
    emu.info.apiUrl,
    '--token',
    tokenValue,
    '--certificate-authority',
    emu.info.caFile,
    ...args
  ])
}

async function rawGet(path: string, as = registryAccount.token): Promise<Record<string, unknown>> {
  const r = await kubectl(as, 'get', '--raw', path)
  expect(r.stderr).toBe('')
  return JSON.parse(r.stdout) as Record<string, unknown>
}

/** What the registry posts after a tagged manifest PUT. */
function mapping(
  name: string,
  tag: string,
  digest: string,
  reference = `internal:5000/demo/${name}@${digest}`
) {
  return {
    kind: 'ImageStreamMapping',
    apiVersion: 'image.openshift.io/v1',
    metadata: { name, namespace: 'demo' },
    image: {
      metadata: {
        name: digest,
        annotations: { 'openshift.io/image.managed': 'true', 'image.openshift.io/manifestBlobStored': 'true' }
      },
      dockerImageReference: reference,
      dockerImageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      dockerImageLayers: [
        { name: digestOf('1'), size: 10, mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip' }
      ]
    },
    tag
  }
}

describe('the registry account', () => {
  test('is listed last in the JSON line, in a namespace of its own, with system:registry', () => {
    expect(emu.info.accounts.at(-1)).toEqual({
      name: 'system:serviceaccount:openshift-image-registry:registry',
      project: 'openshift-image-registry',
      token: expect.any(String),
      roles: ['system:registry']
    })
  })

  test('users/~, the SelfSubjectReview and the SelfSubjectAccessReviews answer it and the pusher (kubectl auth can-i)', async () => {
    expect(await rawGet('/apis/user.openshift.io/v1/users/~')).toMatchObject({
      kind: 'User',
      metadata: { name: registryAccount.name }
    })
    const review = join(work, 'ssr.json')
    writeFileSync(
      review,
      JSON.stringify({ kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1' })
    )
    const ssr = await kubectl(
      registryAccount.token,
      'create',
      '--raw',
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      '-f',
      review
    )
    expect(JSON.parse(ssr.stdout)).toMatchObject({ status: { userInfo: { username: registryAccount.name } } })
    const can = async (as: string, ...q: string[]) => (await kubectl(as, 'auth', 'can-i', ...q)).stdout.trim()
    const pusher = token(emu, 'pusher')
    expect(
      await can(pusher, 'update', 'imagestreams.image.openshift.io', '--subresource=layers', '-n', 'demo')
    ).toBe('yes')
    expect(await can(pusher, 'create', 'imagestreams.image.openshift.io', '-n', 'demo')).toBe('no')
    const reg = registryAccount.token
    expect(await can(reg, 'create', 'imagestreammappings.image.openshift.io', '-n', 'demo')).toBe('yes')
    expect(await can(reg, 'create', 'images.image.openshift.io')).toBe('yes')
    expect(await can(reg, 'create', 'imagestreams.image.openshift.io', '-n', 'demo')).toBe('no')
  }, 60_000)
})

describe('streams, layers and secrets', () => {
  test('a pushed stream, its layers (blobs with sizes, the image) and its (empty) pull secrets', async () => {
    const name = unique('layers')
    const digest = await pushTiny(emu, `demo/${name}`, 'v1', { bearer: token(emu, 'builder') })
    expect(await rawGet(`${IMG}/namespaces/demo/imagestreams/${name}`)).toMatchObject({
      kind: 'ImageStream',
      status: { tags: [{ tag: 'v1', items: [{ image: digest }] }] }
    })
    const layers = await rawGet(`${IMG}/namespaces/demo/imagestreams/${name}/layers`)
    expect(layers.kind).toBe('ImageStreamLayers')
    const images = layers.images as Record<string, { layers: string[]; config: string }>
    expect(Object.keys(images)).toEqual([digest])
    const blobs = layers.blobs as Record<string, { size?: number }>
    expect(blobs[images[digest].layers[0]].size).toBe(512)
    expect(blobs).toHaveProperty(images[digest].config)
    expect(await rawGet(`${IMG}/namespaces/demo/imagestreams/${name}/secrets`)).toEqual({
      kind: 'SecretList',
      apiVersion: 'v1',
      metadata: {},
      items: []
    })
    // Layers need get imagestreams/layers: the pusher has it, a stranger in no project does not.
    const missing = await api(emu, 'GET', `${IMG}/namespaces/demo/imagestreams/nope-${name}/layers`, {
      token: registryAccount.token
    })
    expect(missing.status).toBe(404)
    expect(missing.json()).toMatchObject({
      reason: 'NotFound',
      details: { name: `nope-${name}`, kind: 'imagestreams' }
    })
  }, 60_000)

  test('LimitRanges as the project has them; the mirror policies are empty lists', async () => {
    emu.apply({
      limitRanges: [
        { project: 'demo', name: 'images', limits: [{ type: 'openshift.io/Image', max: { storage: '1Gi' } }] }
      ]
    })
    const ranges = await rawGet('/api/v1/namespaces/demo/limitranges')
    expect(ranges).toMatchObject({
      kind: 'LimitRangeList',
      items: [
        {
          kind: 'LimitRange',
          metadata: { name: 'images', namespace: 'demo' },
          spec: { limits: [{ type: 'openshift.io/Image', max: { storage: '1Gi' } }] }
        }
      ]
    })
    for (const [path, kind] of [
      ['/apis/operator.openshift.io/v1alpha1/imagecontentsourcepolicies', 'ImageContentSourcePolicyList'],
      ['/apis/config.openshift.io/v1/imagedigestmirrorsets', 'ImageDigestMirrorSetList'],
      ['/apis/config.openshift.io/v1/imagetagmirrorsets', 'ImageTagMirrorSetList']
    ]) {
      expect(await rawGet(path)).toMatchObject({ kind, items: [] })
    }
    // Not for everyone: the pusher may not list them.
    const denied = await api(emu, 'GET', '/api/v1/namespaces/demo/limitranges', {
      token: token(emu, 'pusher')
    })
    expect(denied.status).toBe(403)
  }, 60_000)
})

describe('ImageStreamMappings and Images', () => {
  test('a mapping (kubectl create --raw) writes the tag event and the Image, which GET images/{digest} returns whole', async () => {
    const name = unique('mapped')
    emu.apply({ imageStreams: [`demo/${name}`] })
    const digest = digestOf('a')
    const file = join(work, `${name}.json`)
    writeFileSync(file, JSON.stringify(mapping(name, 'v1', digest)))
    const created = await kubectl(
      registryAccount.token,
      'create',
      '--raw',
      `${IMG}/namespaces/demo/imagestreammappings`,
      '-f',
      file
    )
    expect(created.stderr).toBe('')
    expect(JSON.parse(created.stdout)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      code: 201
    })
    expect(stream(emu, 'demo', name)?.status.tags).toEqual([
      {
        tag: 'v1',
        items: [
          {
            created: expect.any(String),
            dockerImageReference: `internal:5000/demo/${name}@${digest}`,
            image: digest,
            generation: 1
          }
        ]
      }
    ])
    const image = await rawGet(`${IMG}/images/${digest}`)
    expect(image).toMatchObject({
      kind: 'Image',
      apiVersion: 'image.openshift.io/v1',
      metadata: {
        name: digest,
        uid: expect.any(String),
        annotations: { 'openshift.io/image.managed': 'true' }
      },
      dockerImageReference: `internal:5000/demo/${name}@${digest}`,
      dockerImageLayers: [{ name: digestOf('1'), size: 10 }]
    })
    // The layers endpoint reads the Image the mapping created.
    const layers = await rawGet(`${IMG}/namespaces/demo/imagestreams/${name}/layers`)
    expect(layers.blobs).toEqual({
      [digestOf('1')]: { size: 10, mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip' }
    })
  }, 60_000)

  test('a missing stream: the 404 names kind imagestreammappings and the stream; a missing namespace names namespaces', async () => {
    const name = unique('nostream')
    const r = await api(emu, 'POST', `${IMG}/namespaces/demo/imagestreammappings`, {
      token: registryAccount.token,
      body: mapping(name, 'v1', digestOf('b'))
    })
    expect(r.status).toBe(404)
    expect(r.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `imagestreammappings.image.openshift.io "${name}" not found`,
      reason: 'NotFound',
      details: { name, group: 'image.openshift.io', kind: 'imagestreammappings' },
      code: 404
    })
    // Nothing was created: no Image before the stream is found.
    expect(
      (await api(emu, 'GET', `${IMG}/images/${digestOf('b')}`, { token: registryAccount.token })).status
    ).toBe(404)

    const ns = await api(emu, 'POST', `${IMG}/namespaces/nowhere/imagestreammappings`, {
      token: registryAccount.token,
      body: { ...mapping(name, 'v1', digestOf('b')), metadata: { name } }
    })
    expect(ns.status).toBe(404)
    expect(ns.json()).toMatchObject({ details: { name: 'nowhere', kind: 'namespaces' } })
  })

  test('conflicts past the apiserver’s ten attempts: a 409 on imagestreammappings, the tag unwritten', async () => {
    const name = unique('conflict')
    emu.apply({ imageStreams: [`demo/${name}`] })
    emu.injectFault({ method: 'POST', path: 'imagestreammappings$', server: 'api', conflicts: 10 })
    const r = await api(emu, 'POST', `${IMG}/namespaces/demo/imagestreammappings`, {
      token: registryAccount.token,
      body: mapping(name, 'v1', digestOf('c'))
    })
    expect(r.status).toBe(409)
    expect(r.json()).toMatchObject({
      reason: 'Conflict',
      message: `Operation cannot be fulfilled on imagestreammappings.image.openshift.io "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      details: { name, group: 'image.openshift.io', kind: 'imagestreammappings' }
    })
    expect(stream(emu, 'demo', name)?.status.tags).toBeUndefined()
  })

  test('an image over the project’s LimitRange: the ImageLimitRange admission’s 403, the tag and the Image unwritten', async () => {
    emu.apply({
      projects: ['capped'],
      limitRanges: [
        { project: 'capped', name: 'cap', limits: [{ type: 'openshift.io/Image', max: { storage: '1Ki' } }] }
      ],
      imageStreams: ['capped/app']
    })
    const body = { ...mapping('app', 'v1', digestOf('9')), metadata: { name: 'app', namespace: 'capped' } }
    body.image.dockerImageLayers[0].size = 4096
    const r = await api(emu, 'POST', `${IMG}/namespaces/capped/imagestreammappings`, {
      token: registryAccount.token,
      body
    })
    expect(r.status).toBe(403)
    expect(r.json()).toMatchObject({
      reason: 'Forbidden',
      message:
        'imagestreammappings.image.openshift.io "app" is forbidden: requested usage of storage exceeds the maximum limit per openshift.io/Image (4Ki > 1Ki)',
      details: { name: 'app', kind: 'imagestreammappings' }
    })
    expect(emu.getImageStream('capped', 'app')).toMatchObject({ status: {} })
    expect(stream(emu, 'capped', 'app')?.status.tags).toBeUndefined()
    expect(
      (await api(emu, 'GET', `${IMG}/images/${digestOf('9')}`, { token: registryAccount.token })).status
    ).toBe(404)
  })

  test('who may map: the registry and edit, not a pusher; an image without a name is invalid', async () => {
    const name = unique('rights')
    emu.apply({ imageStreams: [`demo/${name}`] })
    const asPusher = await api(emu, 'POST', `${IMG}/namespaces/demo/imagestreammappings`, {
      token: token(emu, 'pusher'),
      body: mapping(name, 'v1', digestOf('d'))
    })
    expect(asPusher.status).toBe(403)
    const bad = mapping(name, 'v1', digestOf('d'))
    bad.image.metadata.name = ''
    const invalid = await api(emu, 'POST', `${IMG}/namespaces/demo/imagestreammappings`, {
      token: registryAccount.token,
      body: bad
    })
    expect(invalid.status).toBe(422)
    expect(invalid.json()).toMatchObject({ reason: 'Invalid', details: { kind: 'ImageStreamMapping' } })
  })

  test('POST images (a push by digest) stores the Image once; a second POST is 409 AlreadyExists', async () => {
    const digest = digestOf('e')
    const body = { kind: 'Image', apiVersion: 'image.openshift.io/v1', ...mapping('x', '', digest).image }
    const first = await api(emu, 'POST', `${IMG}/images`, { token: registryAccount.token, body })
    expect(first.status).toBe(201)
    expect(first.json()).toMatchObject({
      metadata: { name: digest },
      dockerImageReference: body.dockerImageReference
    })
    const again = await api(emu, 'POST', `${IMG}/images`, { token: registryAccount.token, body })
    expect(again.status).toBe(409)
    expect(again.json()).toMatchObject({
      reason: 'AlreadyExists',
      message: `images.image.openshift.io "${digest}" already exists`,
      details: { name: digest, kind: 'images' }
    })
    // Images are cluster-scoped and the registry's: a project's pusher may not read them.
    expect((await api(emu, 'GET', `${IMG}/images/${digest}`, { token: token(emu, 'pusher') })).status).toBe(
      403
    )
    const missing = await api(emu, 'GET', `${IMG}/images/${digestOf('0')}`, { token: registryAccount.token })
    expect(missing.json()).toMatchObject({ code: 404, details: { name: digestOf('0'), kind: 'images' } })
  })

  test('the gateway’s own push goes through the same mapping: its Image is readable at images/{digest}', async () => {
    const name = unique('gateway')
    const digest = await pushTiny(emu, `demo/${name}`, 'latest', { bearer: token(emu, 'builder') })
    expect(await rawGet(`${IMG}/images/${digest}`)).toMatchObject({
      metadata: { name: digest },
      dockerImageReference: `image-registry.openshift-image-registry.svc:5000/demo/${name}@${digest}`,
      dockerImageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json'
    })
  }, 60_000)
})

describe('the newer registry (image-registry PR #475)', () => {
  test('off: a manifest HEAD by digest into a missing stream is 500; on: 404 MANIFEST_UNKNOWN; by tag 404 NAME_UNKNOWN either way', async () => {
    const name = unique('newer')
    const byDigest = `/v2/demo/${name}/manifests/${digestOf('f')}`
    const auth = { basic: token(emu, 'builder') }
    expect(emu.info.newerRegistry).toBe(false)
    expect((await registry(emu, 'HEAD', byDigest, auth)).status).toBe(500)
    const byTag = await registry(emu, 'GET', `/v2/demo/${name}/manifests/latest`, auth)
    // As the real 4.13 and 4.16 answer it: a 404 without detail.
    expect(byTag.status).toBe(404)
    expect(byTag.json()).toEqual({
      errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }]
    })

    // Switched through the control API, as a script running `npm run emulator` would.
    const on = await fetch(`${emu.info.apiHttpUrl}/_emulator/registry`, {
      method: 'POST',
      body: JSON.stringify({ newerRegistry: true })
    })
    expect(on.status).toBe(204)
    expect(emu.info.newerRegistry).toBe(true)
    try {
      const head = await registry(emu, 'HEAD', byDigest, auth)
      expect(head.status).toBe(404)
      expect(head.text).toBe('')
      const get = await registry(emu, 'GET', byDigest, auth)
      expect(get.json()).toEqual({
        errors: [
          {
            code: 'MANIFEST_UNKNOWN',
            message: 'manifest unknown',
            detail: { Name: `demo/${name}`, Revision: digestOf('f') }
          }
        ]
      })
      expect((await registry(emu, 'HEAD', `/v2/demo/${name}/manifests/latest`, auth)).status).toBe(404)
      // The PUT creates the stream where the pusher may, and refuses it (403 DENIED) where not.
      const pushed = await pushTiny(emu, `demo/${name}`, 'latest', auth)
      expect(stream(emu, 'demo', name)?.status.tags?.[0].items[0].image).toBe(pushed)
      await expect(
        pushTiny(emu, `demo/${name}-denied`, 'latest', { basic: token(emu, 'pusher') })
      ).rejects.toThrow(/manifest PUT 403: .*DENIED/)
      expect(stream(emu, 'demo', `${name}-denied`)).toBeUndefined()
    } finally {
      emu.setNewerRegistry(false)
    }
    const bad = await fetch(`${emu.info.apiHttpUrl}/_emulator/registry`, { method: 'POST', body: '{}' })
    expect(bad.status).toBe(400)
  }, 60_000)
})

describe('what the real registry answered differently before (emulator/REGISTRY-FIDELITY.md)', () => {
  test('a Docker manifest by tag to a client that does not accept it: 400 MANIFEST_INVALID; by digest, or accepted, 200', async () => {
    const name = unique('accept')
    const auth = { basic: token(emu, 'builder') }
    const digest = await pushTiny(emu, `demo/${name}`, 'v1', auth)
    const plain = await registry(emu, 'GET', `/v2/demo/${name}/manifests/v1`, auth)
    expect(plain.status).toBe(400)
    expect(plain.json()).toEqual({
      errors: [{ code: 'MANIFEST_INVALID', message: 'manifest invalid', detail: {} }]
    })
    const schema2 = 'application/vnd.docker.distribution.manifest.v2+json'
    const accepted = await registry(emu, 'GET', `/v2/demo/${name}/manifests/v1`, auth, {
      headers: { Accept: `application/vnd.oci.image.manifest.v1+json, ${schema2};q=0.9` }
    })
    expect(accepted.status).toBe(200)
    expect(accepted.headers.get('docker-content-digest')).toBe(digest)
    expect((await registry(emu, 'GET', `/v2/demo/${name}/manifests/${digest}`, auth)).status).toBe(200)
  })
})
