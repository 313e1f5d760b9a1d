// The OpenShift API subset: what `oc login`, `oc create`, `oc tag`, `oc policy` and kubectl send,
// with the Status objects the reference describes, RBAC decisions and token expiry.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { startEmulator } from '../../../emulator/index.js'
import type { Emulator } from '../../../emulator/types.js'
import { type ResourceRule, rulesAllow } from '../../../src/openshift/rules.js'
import { requireTool, run } from '../harness/tools.js'
import { api, apiTls, pushTiny, registry, selfReview, stream, tagDigest, token, unique } from './helpers.js'

let emu: Emulator
let work: string
const IS = '/apis/image.openshift.io/v1/namespaces/demo/imagestreams'

function isBody(name: string): Record<string, unknown> {
  return {
    kind: 'ImageStream',
    apiVersion: 'image.openshift.io/v1',
    metadata: { name },
    spec: { lookupPolicy: { local: false } }
  }
}

beforeAll(async () => {
  requireTool('docker-registry', 'docker-registry')
  emu = await startEmulator()
  work = mkdtempSync(join(tmpdir(), 'rahti-api-'))
}, 60_000)

afterAll(async () => {
  if (work) rmSync(work, { recursive: true, force: true })
  await emu?.stop()
})

describe('kubectl', () => {
  test('get --raw with --token and --certificate-authority, and get imagestreams with a kubeconfig', async () => {
    requireTool('kubectl', 'kubernetes-client')
    const admin = token(emu, 'admin')
    const name = unique('kube')
    expect((await api(emu, 'POST', IS, { token: admin, body: isBody(name) })).status).toBe(201)
    await pushTiny(emu, `demo/${name}`, 'latest', { bearer: admin })

    const raw = await run('kubectl', [
      '--server',
      emu.info.apiUrl,
      '--token',
      admin,
      '--certificate-authority',
      emu.info.caFile,
      'get',
      '--raw',
      '/apis/image.openshift.io/v1/namespaces/demo/imagestreams'
    ])
    expect(raw.stderr).toBe('')
    const list = JSON.parse(raw.stdout) as { kind: string; items: { metadata: { name: string } }[] }
    expect(list.kind).toBe('ImageStreamList')
    expect(list.items.map(i => i.metadata.name)).toContain(name)

    const kubeconfig = join(work, 'kubeconfig')
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: rahti',
        '  cluster:',
        `    server: ${emu.info.apiUrl}`,
        `    certificate-authority: ${emu.info.caFile}`,
        'users:',
        '- name: admin',
        '  user:',
        `    token: ${admin}`,
        'contexts:',
        '- name: rahti',
        '  context: {cluster: rahti, user: admin, namespace: demo}',
        'current-context: rahti',
        ''
      ].join('\n'),
      { mode: 0o600 }
    )
    const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: work }
    const table = await run('kubectl', ['get', 'imagestreams.image.openshift.io', '-n', 'demo'], { env })
    expect(table.stderr).toBe('')
    expect(table.stdout).toMatch(/^NAME\s+IMAGE REPOSITORY\s+TAGS\s+UPDATED/)
    expect(table.stdout).toMatch(
      new RegExp(`${name}\\s+${emu.info.registry}/demo/${name}\\s+latest\\s+\\d+s ago`)
    )
    const short = await run('kubectl', ['get', 'is', '-o', 'name'], { env })
    expect(short.stdout).toContain(`imagestream.image.openshift.io/${name}`)
    // Without the right to list, kubectl shows the Forbidden message.
    const denied = await run('kubectl', ['--token', token(emu, 'pusher'), 'get', 'is', '-n', 'demo'], { env })
    expect(denied.status).not.toBe(0)
    expect(denied.stderr).toContain(
      'imagestreams.image.openshift.io is forbidden: User "system:serviceaccount:demo:pusher" cannot list resource "imagestreams" in API group "image.openshift.io" in the namespace "demo"'
    )
  }, 60_000)
})

describe('what oc login sends', () => {
  test('HEAD /, selfsubjectreview, projects, the projectrequests review, motd', async () => {
    const head = await fetch(emu.info.apiHttpUrl + '/', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).not.toMatch(/html/)

    const alice = token(emu, 'alice')
    expect(alice).toMatch(/^sha256~[A-Za-z0-9_-]{43}$/)
    const ssr = await apiTls(emu, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', alice, {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: {},
      status: { userInfo: {} }
    })
    expect(ssr.status).toBe(201)
    expect((ssr.json().status as { userInfo: unknown }).userInfo).toMatchObject({
      username: 'alice',
      groups: expect.arrayContaining(['system:authenticated', 'system:authenticated:oauth'])
    })
    const me = await api(emu, 'GET', '/apis/user.openshift.io/v1/users/~', { token: token(emu, 'pusher') })
    expect(me.json()).toMatchObject({
      kind: 'User',
      metadata: { name: 'system:serviceaccount:demo:pusher' },
      // Sorted, as the apiserver builds the virtual User (SelfSubjectReview keeps the authenticator's order).
      groups: ['system:authenticated', 'system:serviceaccounts', 'system:serviceaccounts:demo']
    })

    const projects = await api(emu, 'GET', '/apis/project.openshift.io/v1/projects', { token: alice })
    expect((projects.json().items as { metadata: { name: string } }[]).map(p => p.metadata.name)).toEqual([
      'demo'
    ])
    // The pusher sees no project, so oc asks whether it may list and create project requests.
    const none = await api(emu, 'GET', '/apis/project.openshift.io/v1/projects', {
      token: token(emu, 'pusher')
    })
    expect(none.json().items).toEqual([])
    const review = (verb: string) =>
      api(emu, 'POST', '/apis/authorization.openshift.io/v1/subjectaccessreviews', {
        token: token(emu, 'pusher'),
        body: {
          kind: 'SubjectAccessReview',
          apiVersion: 'authorization.openshift.io/v1',
          namespace: '',
          verb,
          resourceAPIGroup: '',
          resource: 'projectrequests',
          user: '',
          groups: []
        }
      })
    const list = await review('list')
    expect(list.status).toBe(201)
    expect(list.json()).toMatchObject({ kind: 'SubjectAccessReviewResponse', allowed: true })
    expect((await review('create')).json()).toMatchObject({ allowed: false })
    const motd = await api(emu, 'GET', '/api/v1/namespaces/openshift/configmaps/motd', { token: alice })
    expect(motd.status).toBe(404)

    const hidden = await api(emu, 'GET', '/apis/project.openshift.io/v1/projects/other', { token: alice })
    expect(hidden.status).toBe(403)
  })

  test('discovery lists the image resources with their short names and subresources', async () => {
    const t = token(emu, 'pusher')
    const groups = await api(emu, 'GET', '/apis', { token: t })
    const names = (groups.json().groups as { name: string }[]).map(g => g.name)
    for (const g of [
      'image.openshift.io',
      'rbac.authorization.k8s.io',
      'authorization.k8s.io',
      'authentication.k8s.io',
      'project.openshift.io',
      'user.openshift.io',
      'authorization.openshift.io'
    ]) {
      expect(names).toContain(g)
      expect((await api(emu, 'GET', `/apis/${g}/v1`, { token: t })).status).toBe(200)
    }
    const image = await api(emu, 'GET', '/apis/image.openshift.io/v1', { token: t })
    const resources = image.json().resources as { name: string; shortNames?: string[] }[]
    expect(resources.find(r => r.name === 'imagestreams')?.shortNames).toEqual(['is'])
    expect(resources.find(r => r.name === 'imagestreamtags')?.shortNames).toEqual(['istag'])
    for (const r of [
      'imagestreamimages',
      'imagestreammappings',
      'images',
      'imagestreams/layers',
      'imagestreams/secrets',
      'imagestreams/status'
    ]) {
      expect(resources.map(x => x.name)).toContain(r)
    }
    expect((await api(emu, 'GET', '/api', { token: t })).json()).toMatchObject({
      kind: 'APIVersions',
      versions: ['v1']
    })
    expect((await api(emu, 'GET', '/version')).json()).toMatchObject({ major: '1' })
    // Without credentials the caller is system:anonymous, whom discovery is not open to; a bad token is a 401.
    const anonymous = await api(emu, 'GET', '/apis')
    expect(anonymous.status).toBe(403)
    expect(anonymous.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'forbidden: User "system:anonymous" cannot get path "/apis"',
      reason: 'Forbidden',
      details: {},
      code: 403
    })
    const badToken = await api(emu, 'GET', '/apis', { token: 'sha256~not-a-token' })
    expect(badToken.status).toBe(401)
    expect(badToken.json()).toMatchObject({
      kind: 'Status',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401
    })
  })
})

describe('imagestreams', () => {
  test('create fills the status; 409 again; 404 and 403 as Status objects; delete', async () => {
    const admin = token(emu, 'admin')
    const name = unique('app')
    const created = await api(emu, 'POST', IS, { token: admin, body: isBody(name) })
    expect(created.status).toBe(201)
    expect(created.json()).toMatchObject({
      kind: 'ImageStream',
      metadata: { name, namespace: 'demo', generation: 1 },
      spec: { lookupPolicy: { local: false } },
      status: {
        dockerImageRepository: `image-registry.openshift-image-registry.svc:5000/demo/${name}`,
        publicDockerImageRepository: `${emu.info.registry}/demo/${name}`
      }
    })
    expect((created.json().status as Record<string, unknown>).tags).toBeUndefined()
    const again = await api(emu, 'POST', IS, { token: admin, body: isBody(name) })
    expect(again.status).toBe(409)
    expect(again.json()).toMatchObject({ reason: 'AlreadyExists', code: 409 })

    const missing = await api(emu, 'GET', `${IS}/nope`, { token: admin })
    expect(missing.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'imagestreams.image.openshift.io "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'image.openshift.io', kind: 'imagestreams' },
      code: 404
    })
    const forbidden = await api(emu, 'GET', `${IS}/${name}`, { token: token(emu, 'pusher') })
    expect(forbidden.status).toBe(403)
    expect(forbidden.json().message).toBe(
      `imagestreams.image.openshift.io "${name}" is forbidden: User "system:serviceaccount:demo:pusher" cannot get resource "imagestreams" in API group "image.openshift.io" in the namespace "demo"`
    )
    // system:image-builder may create a stream through the API too; system:image-pusher may not.
    expect(
      (await api(emu, 'POST', IS, { token: token(emu, 'builder'), body: isBody(`${name}-b`) })).status
    ).toBe(201)
    expect(
      (await api(emu, 'POST', IS, { token: token(emu, 'pusher'), body: isBody(`${name}-p`) })).status
    ).toBe(403)

    expect((await api(emu, 'DELETE', `${IS}/${name}`, { token: admin })).status).toBe(200)
    expect(emu.getImageStream('demo', name)).toBeUndefined()
  })

  test('oc tag from an ImageStreamImage adds the tag at that digest, and the registry serves it', async () => {
    const admin = token(emu, 'admin')
    const src = unique('src')
    const dst = unique('dst')
    const digest = await pushTiny(emu, `demo/${src}`, 'v1', { bearer: admin })
    const body = {
      metadata: { name: `${dst}:prod`, namespace: 'demo' },
      tag: {
        name: 'prod',
        from: { kind: 'ImageStreamImage', name: `${src}@${digest}`, namespace: 'demo' },
        referencePolicy: { type: 'Source' }
      }
    }
    const put = await api(
      emu,
      'PUT',
      `/apis/image.openshift.io/v1/namespaces/demo/imagestreamtags/${dst}:prod`,
      { token: admin, body }
    )
    expect(put.status).toBe(201)
    expect(tagDigest(emu, 'demo', dst, 'prod')).toBe(digest)
    expect(stream(emu, 'demo', dst)!.status.tags![0].items[0].dockerImageReference).toBe(
      `image-registry.openshift-image-registry.svc:5000/demo/${src}@${digest}`
    )
    // Tagging the same stream under a second name (oc tag src@D src:stable).
    const same = await api(emu, 'POST', '/apis/image.openshift.io/v1/namespaces/demo/imagestreamtags', {
      token: admin,
      body: {
        ...body,
        metadata: { name: `${src}:stable`, namespace: 'demo' },
        tag: { ...body.tag, name: 'stable' }
      }
    })
    expect(same.status).toBe(201)
    expect(tagDigest(emu, 'demo', src, 'stable')).toBe(digest)
    const istag = await api(
      emu,
      'GET',
      `/apis/image.openshift.io/v1/namespaces/demo/imagestreamtags/${src}:stable`,
      { token: admin }
    )
    expect(istag.json()).toMatchObject({ kind: 'ImageStreamTag', image: { metadata: { name: digest } } })

    const isimage = await api(
      emu,
      'GET',
      `/apis/image.openshift.io/v1/namespaces/demo/imagestreamimages/${dst}@${digest}`,
      { token: admin }
    )
    expect(isimage.json()).toMatchObject({ kind: 'ImageStreamImage', image: { metadata: { name: digest } } })
    // The destination's manifest and blobs come from where they were pushed.
    const manifest = await registry(
      emu,
      'GET',
      `/v2/demo/${dst}/manifests/prod`,
      { bearer: admin },
      {
        headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' }
      }
    )
    expect(manifest.status).toBe(200)
    expect(manifest.headers.get('docker-content-digest')).toBe(digest)
    const layer = (JSON.parse(manifest.text) as { layers: { digest: string }[] }).layers[0].digest
    expect((await registry(emu, 'HEAD', `/v2/demo/${dst}/blobs/${layer}`, { bearer: admin })).status).toBe(
      200
    )
    // The builder may push but not tag (no imagestreamtags rights).
    const builder = await api(
      emu,
      'PUT',
      `/apis/image.openshift.io/v1/namespaces/demo/imagestreamtags/${dst}:x`,
      { token: token(emu, 'builder'), body }
    )
    expect(builder.status).toBe(403)
  })

  test('a manifest PUT by digest records the image and leaves the stream untouched', async () => {
    const builder = token(emu, 'builder')
    const name = unique('bydigest')
    const digest = await pushTiny(emu, `demo/${name}`, 'v1', { bearer: builder })
    const before = JSON.stringify(emu.getImageStream('demo', name))
    const other = await pushTiny(emu, `demo/${name}`, `sha256:${'a'.repeat(64)}`, { bearer: builder }).catch(
      e => String(e)
    )
    // The registry refuses a digest that does not match the body; a correct one is accepted.
    expect(String(other)).toMatch(/manifest PUT 400/)
    const again = await registry(
      emu,
      'GET',
      `/v2/demo/${name}/manifests/${digest}`,
      { bearer: builder },
      {
        headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' }
      }
    )
    expect(again.status).toBe(200)
    const byDigest = await registry(
      emu,
      'PUT',
      `/v2/demo/${name}/manifests/${digest}`,
      { bearer: builder },
      {
        headers: { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json' },
        body: again.text
      }
    )
    expect(byDigest.status).toBe(201)
    expect(byDigest.headers.get('location')).toBe(`/v2/demo/${name}/manifests/${digest}`)
    expect(JSON.stringify(emu.getImageStream('demo', name))).toBe(before)
  })
})

describe('roles and rolebindings', () => {
  test('oc create role with a resource name, oc policy add-role-to-user (create then update), escalation refused', async () => {
    const admin = token(emu, 'admin')
    const base = '/apis/rbac.authorization.k8s.io/v1/namespaces/demo'
    const role = {
      kind: 'Role',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'one-puller' },
      rules: [
        {
          verbs: ['get'],
          apiGroups: ['image.openshift.io'],
          resources: ['imagestreams/layers'],
          resourceNames: ['x']
        }
      ]
    }
    expect((await api(emu, 'POST', `${base}/roles`, { token: admin, body: role })).status).toBe(201)
    expect((await api(emu, 'POST', `${base}/roles`, { token: admin, body: role })).status).toBe(409)
    expect((await api(emu, 'GET', `${base}/roles/one-puller`, { token: admin })).json()).toMatchObject({
      rules: role.rules
    })

    // oc policy add-role-to-user system:image-puller -z puller: a new binding named after the role ...
    const binding = {
      kind: 'RoleBinding',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'system:image-puller', namespace: 'demo' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:image-puller' },
      subjects: [{ kind: 'ServiceAccount', name: 'puller', namespace: 'other' }]
    }
    expect((await api(emu, 'POST', `${base}/rolebindings`, { token: admin, body: binding })).status).toBe(201)
    const puller = token(emu, 'puller')
    await pushTiny(emu, 'demo/shared', 'v1', { bearer: admin })
    const accept = { headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' } }
    expect(
      (await registry(emu, 'HEAD', '/v2/demo/shared/manifests/v1', { basic: puller }, accept)).status
    ).toBe(200)
    // ... and a second subject by updating it.
    const got = (await api(emu, 'GET', `${base}/rolebindings/system:image-puller`, { token: admin })).json()
    const updated = {
      ...got,
      subjects: [
        ...(got.subjects as unknown[]),
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:authenticated' }
      ]
    }
    expect(
      (await api(emu, 'PUT', `${base}/rolebindings/system:image-puller`, { token: admin, body: updated }))
        .status
    ).toBe(200)
    expect(
      (await registry(emu, 'HEAD', '/v2/demo/shared/manifests/v1', { bearer: token(emu, 'alice') }, accept))
        .status
    ).toBe(200)

    // Nobody grants what they do not hold; the pusher may not touch RBAC at all.
    const tooMuch = {
      ...role,
      metadata: { name: 'too-much' },
      rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]
    }
    const escalate = await api(emu, 'POST', `${base}/roles`, { token: admin, body: tooMuch })
    expect(escalate.status).toBe(403)
    expect(escalate.json().message).toMatch(/attempting to grant RBAC permissions not currently held/)
    const byPusher = await api(emu, 'POST', `${base}/rolebindings`, {
      token: token(emu, 'pusher'),
      body: { ...binding, metadata: { name: 'mine' } }
    })
    expect(byPusher.status).toBe(403)
    expect(byPusher.json().message).toBe(
      'rolebindings.rbac.authorization.k8s.io is forbidden: User "system:serviceaccount:demo:pusher" cannot create resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "demo"'
    )
    expect((await api(emu, 'DELETE', `${base}/roles/one-puller`, { token: admin })).status).toBe(200)
  })

  test('SelfSubjectAccessReview follows the bindings', async () => {
    const review = (t: string, verb: string, resource: string, subresource?: string) =>
      selfReview(emu, t, {
        namespace: 'demo',
        verb,
        group: 'image.openshift.io',
        resource,
        subresource,
        name: 'app'
      })
    expect(await review(token(emu, 'builder'), 'create', 'imagestreams')).toBe(true)
    expect(await review(token(emu, 'pusher'), 'create', 'imagestreams')).toBe(false)
    expect(await review(token(emu, 'pusher'), 'update', 'imagestreams', 'layers')).toBe(true)
    expect(await review(token(emu, 'puller'), 'update', 'imagestreams', 'layers')).toBe(false)
  })

  test('SelfSubjectRulesReview lists what SelfSubjectAccessReview allows, and kubectl auth can-i --list reads it', async () => {
    const questions = [
      { verb: 'create', group: 'image.openshift.io', resource: 'imagestreams' },
      { verb: 'get', group: 'image.openshift.io', resource: 'imagestreams', name: 'app' },
      {
        verb: 'update',
        group: 'image.openshift.io',
        resource: 'imagestreams',
        subresource: 'layers',
        name: 'app'
      },
      {
        verb: 'get',
        group: 'image.openshift.io',
        resource: 'imagestreams',
        subresource: 'layers',
        name: 'app'
      },
      { verb: 'delete', group: 'image.openshift.io', resource: 'imagestreamtags', name: 'app:v1' },
      { verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token', name: 'ci' },
      { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
      { verb: 'patch', group: 'apps', resource: 'deployments', name: 'web' }
    ]
    for (const account of ['admin', 'builder', 'pusher', 'puller', 'ci']) {
      const r = await api(emu, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
        token: token(emu, account),
        body: {
          kind: 'SelfSubjectRulesReview',
          apiVersion: 'authorization.k8s.io/v1',
          spec: { namespace: 'demo' }
        }
      })
      expect(r.status).toBe(201)
      const status = r.json().status as { resourceRules: ResourceRule[]; incomplete: boolean }
      expect(status.incomplete).toBe(false)
      for (const q of questions) {
        const asked = await selfReview(emu, token(emu, account), { namespace: 'demo', ...q })
        expect({
          account,
          ...q,
          allowed: rulesAllow(status.resourceRules, { namespace: 'demo', ...q })
        }).toEqual({
          account,
          ...q,
          allowed: asked
        })
      }
    }
    const missing = await api(emu, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      token: token(emu, 'builder'),
      body: { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', spec: {} }
    })
    expect(missing.status).toBe(400)

    requireTool('kubectl', 'kubernetes-client')
    const list = await run('kubectl', [
      '--server',
      emu.info.apiUrl,
      '--token',
      token(emu, 'pusher'),
      '--certificate-authority',
      emu.info.caFile,
      'auth',
      'can-i',
      '--list',
      '-n',
      'demo'
    ])
    expect(list.stderr).toBe('')
    expect(list.stdout).toMatch(
      /^imagestreams\.image\.openshift\.io\/layers\s+\[\]\s+\[\]\s+\[get update\]$/m
    )
  })
})

describe('tokens', () => {
  test('a TokenRequest token works until expireToken; the pusher may not request one', async () => {
    const ci = token(emu, 'ci')
    const path = '/api/v1/namespaces/demo/serviceaccounts/ci/token'
    const body = {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      spec: { expirationSeconds: 600 }
    }
    const r = await apiTls(emu, 'POST', path, ci, body)
    expect(r.status).toBe(201)
    const status = r.json().status as { token: string; expirationTimestamp: string }
    expect(status.token.split('.')).toHaveLength(3)
    const claims = JSON.parse(Buffer.from(status.token.split('.')[1], 'base64url').toString()) as Record<
      string,
      unknown
    >
    expect(claims).toMatchObject({
      sub: 'system:serviceaccount:demo:ci',
      'kubernetes.io/serviceaccount/namespace': 'demo'
    })
    expect(Math.abs((claims.exp as number) * 1000 - Date.parse(status.expirationTimestamp))).toBeLessThan(
      2000
    )
    const short = status.token
    const ssr = await api(emu, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      token: short,
      body: {}
    })
    expect(ssr.status).toBe(201)
    expect((await registry(emu, 'GET', '/v2/', { basic: short })).status).toBe(200)

    emu.expireToken(short)
    expect(
      (
        await api(emu, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
          token: short,
          body: {}
        })
      ).status
    ).toBe(401)
    const denied = await registry(emu, 'GET', '/v2/demo/app/tags/list', { basic: short })
    expect(denied.status).toBe(401)
    expect(denied.headers.get('www-authenticate')).toBe('Basic realm=openshift,error="access denied"')
    // The long-lived token is untouched.
    expect(
      (await api(emu, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { token: ci, body: {} }))
        .status
    ).toBe(201)

    const pusher = await api(emu, 'POST', '/api/v1/namespaces/demo/serviceaccounts/pusher/token', {
      token: token(emu, 'pusher'),
      body
    })
    expect(pusher.status).toBe(403)
    expect(pusher.json().message).toBe(
      'serviceaccounts "pusher" is forbidden: User "system:serviceaccount:demo:pusher" cannot create resource "serviceaccounts/token" in API group "" in the namespace "demo"'
    )
    const tooShort = await api(emu, 'POST', path, { token: ci, body: { spec: { expirationSeconds: 60 } } })
    expect(tooShort.status).toBe(422)
  })

  test('an expired token is refused by the API (401 Status), the registry and the token endpoint', async () => {
    const [old] = emu.apply({
      serviceAccounts: [
        { project: 'demo', name: 'old', roles: ['system:image-builder'], tokenExpiresIn: -60 }
      ]
    })
    const r = await api(emu, 'GET', IS, { token: old.token })
    expect(r.status).toBe(401)
    expect(r.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 })
    const v2 = await registry(emu, 'GET', '/v2/', { basic: old.token })
    expect(v2.status).toBe(401)
    expect(v2.headers.get('www-authenticate')).toBe('Basic realm=openshift,error="access denied"')
    expect(v2.json()).toEqual({
      errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: null }]
    })
    const login = await registry(emu, 'GET', '/openshift/token', { basic: old.token })
    expect(login.status).toBe(401)
    expect(login.text).toBe('')
  })
})
