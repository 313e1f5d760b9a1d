// What the access feature (issue 11) needs from the emulator, driven by kubectl where it can:
// Roles and RoleBindings with labels, selectors, patches and conflicts; bindings to users, groups
// and service accounts that decide SelfSubjectAccessReview and registry pulls at once, anonymous
// pulls with no credentials at all (skopeo); ImageStreamTag deletion; the lookup policy; and the
// push times of tags.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { startEmulator } from '../../../emulator/index.js'
import type { Emulator } from '../../../emulator/types.js'
import { requireTool, run } from '../harness/tools.js'
import { api, kubectl, pushTiny, registry, selfReview, stream, token, unique } from './helpers.js'

/** What a pulling client accepts (without it, the registry would try to rewrite a tag's manifest to schema 1). */
const SCHEMA2 = 'application/vnd.docker.distribution.manifest.v2+json'
let emu: Emulator
const RBAC = '/apis/rbac.authorization.k8s.io/v1/namespaces/demo'

/** An account's token by its short name: admin, editor, pusher (of demo), neighbour (other), stranger (third). */
function tok(name: string): string {
  return emu.info.accounts.find(a => a.name.split(':').pop() === name)!.token
}

beforeAll(async () => {
  requireTool('docker-registry', 'docker-registry')
  requireTool('kubectl', 'kubernetes-client')
  requireTool('skopeo', 'skopeo')
  emu = await startEmulator({
    state: {
      projects: ['demo', 'other', 'third'],
      serviceAccounts: [
        { project: 'demo', name: 'admin', roles: ['admin'] },
        { project: 'demo', name: 'editor', roles: ['edit'] },
        { project: 'demo', name: 'pusher', roles: ['system:image-pusher'] },
        { project: 'other', name: 'neighbour' },
        { project: 'third', name: 'stranger' }
      ],
      users: [{ name: 'bob' }]
    }
  })
}, 60_000)

afterAll(async () => {
  await emu?.stop()
})

function role(name: string, image: string, labels?: Record<string, string>) {
  return {
    kind: 'Role',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name, ...(labels ? { labels } : {}) },
    rules: [
      {
        verbs: ['get'],
        apiGroups: ['image.openshift.io'],
        resources: ['imagestreams/layers'],
        resourceNames: [image]
      }
    ]
  }
}

function binding(name: string, roleName: string, subjects: Record<string, string>[]) {
  return {
    kind: 'RoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
    subjects
  }
}

const group = (name: string) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })
const user = (name: string) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })

describe('Roles and RoleBindings', () => {
  test('kubectl create, label, get -l, patch (strategic, merge, json) and delete them as admin', async () => {
    const name = unique('pull')
    const created = await kubectl(emu, tok('admin'), [
      'create',
      'role',
      name,
      '--verb=get',
      '--resource=imagestreams.image.openshift.io/layers',
      `--resource-name=${name}`
    ])
    expect(created.stderr).toBe('')
    expect(created.stdout).toBe(`role.rbac.authorization.k8s.io/${name} created\n`)
    const bound = await kubectl(emu, tok('admin'), [
      'create',
      'rolebinding',
      name,
      `--role=${name}`,
      '--user=system:anonymous',
      '--group=system:unauthenticated'
    ])
    expect(bound.stderr).toBe('')
    expect(bound.stdout).toBe(`rolebinding.rbac.authorization.k8s.io/${name} created\n`)

    for (const kind of ['role', 'rolebinding']) {
      const labelled = await kubectl(emu, tok('admin'), [
        'label',
        kind,
        name,
        'app.kubernetes.io/managed-by=rahti-push',
        `image=${name}`
      ])
      expect(labelled.stderr).toBe('')
      expect(labelled.stdout).toBe(`${kind}.rbac.authorization.k8s.io/${name} labeled\n`)
    }
    const selected = await kubectl(emu, tok('admin'), [
      'get',
      'roles,rolebindings',
      '-l',
      `image=${name}`,
      '-o',
      'name'
    ])
    expect(selected.stdout.trim().split('\n').sort()).toEqual([
      `role.rbac.authorization.k8s.io/${name}`,
      `rolebinding.rbac.authorization.k8s.io/${name}`
    ])
    const listed = async (selector: string) =>
      (
        (
          await api(emu, 'GET', `${RBAC}/rolebindings?labelSelector=${encodeURIComponent(selector)}`, {
            token: tok('admin')
          })
        ).json().items as { metadata: { name: string } }[]
      ).map(i => i.metadata.name)
    expect(await listed(`app.kubernetes.io/managed-by in (rahti-push,other),image=${name}`)).toEqual([name])
    expect(await listed(`image,image!=${name}`)).not.toContain(name)
    expect(await listed('!image')).toContain('system:image-pullers')
    const bad = await api(emu, 'GET', `${RBAC}/roles?labelSelector=${encodeURIComponent('a in b')}`, {
      token: tok('admin')
    })
    expect(bad.status).toBe(400)

    // JSON patch: one more subject; merge patch: a second image in the Role; strategic: a label removed.
    const sa = { kind: 'ServiceAccount', name: 'neighbour', namespace: 'other' }
    const jsonPatched = await kubectl(emu, tok('admin'), [
      'patch',
      'rolebinding',
      name,
      '--type=json',
      '-p',
      JSON.stringify([{ op: 'add', path: '/subjects/-', value: sa }])
    ])
    expect(jsonPatched.stderr).toBe('')
    const rules = [
      {
        verbs: ['get'],
        apiGroups: ['image.openshift.io'],
        resources: ['imagestreams/layers'],
        resourceNames: [name, 'another']
      }
    ]
    expect(
      (
        await kubectl(emu, tok('admin'), [
          'patch',
          'role',
          name,
          '--type=merge',
          '-p',
          JSON.stringify({ rules })
        ])
      ).stderr
    ).toBe('')
    expect(
      (
        await kubectl(emu, tok('admin'), [
          'patch',
          'role',
          name,
          '-p',
          '{"metadata":{"labels":{"image":null}}}'
        ])
      ).stderr
    ).toBe('')
    const gotRole = (await api(emu, 'GET', `${RBAC}/roles/${name}`, { token: tok('admin') })).json()
    expect(gotRole.rules).toEqual(rules)
    expect(gotRole.metadata).toMatchObject({ labels: { 'app.kubernetes.io/managed-by': 'rahti-push' } })
    expect((gotRole.metadata as { labels: object }).labels).not.toHaveProperty('image')
    const gotBinding = (await api(emu, 'GET', `${RBAC}/rolebindings/${name}`, { token: tok('admin') })).json()
    expect(gotBinding.subjects).toEqual([user('system:anonymous'), group('system:unauthenticated'), sa])

    // A stale resourceVersion is a Conflict; a missing object a NotFound; the roleRef stays.
    const stale = { ...gotBinding, metadata: { ...(gotBinding.metadata as object), resourceVersion: '1' } }
    const conflict = await api(emu, 'PUT', `${RBAC}/rolebindings/${name}`, {
      token: tok('admin'),
      body: stale
    })
    expect(conflict.status).toBe(409)
    expect(conflict.json()).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Conflict',
      message: `Operation cannot be fulfilled on rolebindings.rbac.authorization.k8s.io "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      details: { name, group: 'rbac.authorization.k8s.io', kind: 'rolebindings' },
      code: 409
    })
    const current = await api(emu, 'PUT', `${RBAC}/rolebindings/${name}`, {
      token: tok('admin'),
      body: gotBinding
    })
    expect(current.status).toBe(200)
    expect((current.json().metadata as { resourceVersion: string }).resourceVersion).not.toBe(
      (gotBinding.metadata as { resourceVersion: string }).resourceVersion
    )
    const missing = await api(emu, 'PATCH', `${RBAC}/roles/${name}-missing`, {
      token: tok('admin'),
      body: { metadata: { labels: { a: 'b' } } },
      headers: { 'Content-Type': 'application/merge-patch+json' }
    })
    expect(missing.status).toBe(404)
    expect(missing.json()).toMatchObject({
      reason: 'NotFound',
      message: `roles.rbac.authorization.k8s.io "${name}-missing" not found`
    })
    const applied = await api(emu, 'PATCH', `${RBAC}/roles/${name}`, {
      token: tok('admin'),
      body: {},
      headers: { 'Content-Type': 'application/apply-patch+yaml' }
    })
    expect(applied.status).toBe(415)
    const moved = await kubectl(emu, tok('admin'), [
      'patch',
      'rolebinding',
      name,
      '--type=merge',
      '-p',
      '{"roleRef":{"kind":"ClusterRole","name":"view"}}'
    ])
    expect(moved.status).not.toBe(0)
    expect(moved.stderr).toContain('cannot change roleRef')

    for (const kind of ['rolebinding', 'role']) {
      const deleted = await kubectl(emu, tok('admin'), ['delete', kind, name])
      expect(deleted.stdout).toBe(`${kind}.rbac.authorization.k8s.io "${name}" deleted\n`)
    }
    const gone = await kubectl(emu, tok('admin'), ['get', 'role', name])
    expect(gone.stderr).toContain(
      `Error from server (NotFound): roles.rbac.authorization.k8s.io "${name}" not found`
    )
  }, 60_000)

  test('edit may not create, change or delete them; admin may; the pusher may not even list them', async () => {
    const name = unique('by-edit')
    const denied = await api(emu, 'POST', `${RBAC}/roles`, { token: tok('editor'), body: role(name, 'x') })
    expect(denied.status).toBe(403)
    expect(denied.json().message).toBe(
      'roles.rbac.authorization.k8s.io is forbidden: User "system:serviceaccount:demo:editor" cannot create resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "demo"'
    )
    expect(
      (await api(emu, 'POST', `${RBAC}/roles`, { token: tok('admin'), body: role(name, 'x') })).status
    ).toBe(201)
    const patch = {
      token: tok('editor'),
      body: { metadata: { labels: { a: 'b' } } },
      headers: { 'Content-Type': 'application/merge-patch+json' }
    }
    const patched = await api(emu, 'PATCH', `${RBAC}/roles/${name}`, patch)
    expect(patched.status).toBe(403)
    expect(patched.json().message).toContain('cannot patch resource "roles"')
    const del = await kubectl(emu, tok('editor'), ['delete', 'role', name])
    expect(del.stderr).toContain('cannot delete resource "roles"')
    expect(
      (await kubectl(emu, tok('editor'), ['create', 'rolebinding', name, `--role=${name}`, '--user=bob']))
        .stderr
    ).toContain('cannot create resource "rolebindings"')
    const list = await kubectl(emu, tok('pusher'), ['get', 'rolebindings'])
    expect(list.stderr).toContain('cannot list resource "rolebindings"')
    expect((await api(emu, 'DELETE', `${RBAC}/roles/${name}`, { token: tok('admin') })).status).toBe(200)
  }, 60_000)
})

describe('bindings decide at once', () => {
  /** skopeo with no credentials at all: the anonymous token exchange, as any puller on the internet. */
  const anonymousPull = async (repo: string) =>
    (
      await run('skopeo', [
        'inspect',
        '--tls-verify=false',
        '--no-creds',
        `docker://${emu.info.registry}/${repo}`
      ])
    ).status === 0
  const mayPull = async (bearer: string, repo: string) =>
    (await registry(emu, 'HEAD', `/v2/${repo}/manifests/v1`, { bearer }, { headers: { Accept: SCHEMA2 } }))
      .status === 200
  const review = (bearer: string, image: string) =>
    selfReview(emu, bearer, {
      namespace: 'demo',
      verb: 'get',
      group: 'image.openshift.io',
      resource: 'imagestreams',
      subresource: 'layers',
      name: image
    })

  test("the guide's use cases: anonymous, unauthenticated, authenticated, another project's service accounts", async () => {
    const image = unique('shared')
    await pushTiny(emu, `demo/${image}`, 'v1', { bearer: tok('admin') })
    await pushTiny(emu, `demo/${image}-private`, 'v1', { bearer: tok('admin') })
    const bob = token(emu, 'bob')
    const roleName = `${image}-puller`
    expect(
      (await api(emu, 'POST', `${RBAC}/roles`, { token: tok('admin'), body: role(roleName, image) })).status
    ).toBe(201)
    const bind = async (subjects: Record<string, string>[]) => {
      const b = binding(roleName, roleName, subjects)
      expect((await api(emu, 'POST', `${RBAC}/rolebindings`, { token: tok('admin'), body: b })).status).toBe(
        201
      )
    }
    const unbind = async () =>
      expect(
        (await api(emu, 'DELETE', `${RBAC}/rolebindings/${roleName}`, { token: tok('admin') })).status
      ).toBe(200)

    expect(await anonymousPull(`demo/${image}:v1`)).toBe(false)
    expect(await mayPull(bob, `demo/${image}`)).toBe(false)
    expect(await review(bob, image)).toBe(false)

    // Use case 3 by user: system:anonymous, only this image.
    await bind([user('system:anonymous')])
    expect(await anonymousPull(`demo/${image}:v1`)).toBe(true)
    expect(await anonymousPull(`demo/${image}-private:v1`)).toBe(false)
    // A logged-in user is not anonymous.
    expect(await mayPull(bob, `demo/${image}`)).toBe(false)
    await unbind()
    expect(await anonymousPull(`demo/${image}:v1`)).toBe(false)

    // ... and by group: system:unauthenticated.
    await bind([group('system:unauthenticated')])
    expect(await anonymousPull(`demo/${image}:v1`)).toBe(true)
    await unbind()

    // Use case 2, narrowed: every authenticated user, and nobody anonymous.
    await bind([group('system:authenticated')])
    expect(await review(bob, image)).toBe(true)
    expect(await mayPull(bob, `demo/${image}`)).toBe(true)
    expect(await mayPull(tok('stranger'), `demo/${image}`)).toBe(true)
    expect(await anonymousPull(`demo/${image}:v1`)).toBe(false)
    expect(await review(bob, `${image}-private`)).toBe(false)
    await unbind()
    expect(await review(bob, image)).toBe(false)
    expect(await mayPull(bob, `demo/${image}`)).toBe(false)

    // Use case 4, narrowed: the service accounts of one other project.
    await bind([group('system:serviceaccounts:other')])
    expect(await review(tok('neighbour'), image)).toBe(true)
    expect(await mayPull(tok('neighbour'), `demo/${image}`)).toBe(true)
    expect(await mayPull(tok('stranger'), `demo/${image}`)).toBe(false)
    expect(await mayPull(bob, `demo/${image}`)).toBe(false)
    // A project leaving the list loses access on the next request.
    const b = (await api(emu, 'GET', `${RBAC}/rolebindings/${roleName}`, { token: tok('admin') })).json()
    const moved = { ...b, subjects: [group('system:serviceaccounts:third')] }
    expect(
      (await api(emu, 'PUT', `${RBAC}/rolebindings/${roleName}`, { token: tok('admin'), body: moved })).status
    ).toBe(200)
    expect(await mayPull(tok('neighbour'), `demo/${image}`)).toBe(false)
    expect(await mayPull(tok('stranger'), `demo/${image}`)).toBe(true)
    // Deleting the Role takes the grant with it even while the binding stays.
    expect((await api(emu, 'DELETE', `${RBAC}/roles/${roleName}`, { token: tok('admin') })).status).toBe(200)
    expect(await mayPull(tok('stranger'), `demo/${image}`)).toBe(false)
  }, 120_000)
})

describe('ImageStreams for the access feature', () => {
  test('deleting an ImageStreamTag needs edit; then the registry no longer serves the tag and the status no longer lists it', async () => {
    const name = unique('prune')
    await pushTiny(emu, `demo/${name}`, 'sha-1', { bearer: tok('admin') })
    await pushTiny(emu, `demo/${name}`, 'sha-2', { bearer: tok('admin') })
    const byPusher = await kubectl(emu, tok('pusher'), ['delete', 'imagestreamtag', `${name}:sha-1`])
    expect(byPusher.stderr).toContain(
      `imagestreamtags.image.openshift.io "${name}:sha-1" is forbidden: User "system:serviceaccount:demo:pusher" cannot delete resource "imagestreamtags"`
    )
    const deleted = await kubectl(emu, tok('editor'), ['delete', 'imagestreamtag', `${name}:sha-1`])
    expect(deleted.stderr).toBe('')
    expect(deleted.stdout).toBe(`imagestreamtag.image.openshift.io "${name}:sha-1" deleted\n`)

    const manifest = await registry(emu, 'GET', `/v2/demo/${name}/manifests/sha-1`, { bearer: tok('admin') })
    expect(manifest.status).toBe(404)
    expect(manifest.json()).toMatchObject({ errors: [{ code: 'MANIFEST_UNKNOWN' }] })
    expect(
      (await registry(emu, 'GET', `/v2/demo/${name}/tags/list`, { bearer: tok('admin') })).json().tags
    ).toEqual(['sha-2'])
    expect(stream(emu, 'demo', name)?.status.tags?.map(t => t.tag)).toEqual(['sha-2'])
    const again = await kubectl(emu, tok('editor'), ['delete', 'imagestreamtag', `${name}:sha-1`])
    expect(again.stderr).toContain(
      `Error from server (NotFound): imagestreamtags.image.openshift.io "${name}:sha-1" not found`
    )
  }, 60_000)

  test('spec.lookupPolicy.local is set by PATCH and PUT with edit, not by the pusher; a stale update conflicts', async () => {
    const name = unique('lookup')
    await pushTiny(emu, `demo/${name}`, 'v1', { bearer: tok('admin') })
    const local = () =>
      (emu.getImageStream('demo', name) as { spec: { lookupPolicy: { local: boolean } } }).spec.lookupPolicy
        .local
    const patch = JSON.stringify({ spec: { lookupPolicy: { local: true } } })
    // kubectl would stop at its GET; the PATCH itself is refused too.
    const byPusher = await api(
      emu,
      'PATCH',
      `/apis/image.openshift.io/v1/namespaces/demo/imagestreams/${name}`,
      {
        token: tok('pusher'),
        body: JSON.parse(patch),
        headers: { 'Content-Type': 'application/merge-patch+json' }
      }
    )
    expect(byPusher.json().message).toContain('cannot patch resource "imagestreams"')
    expect(local()).toBe(false)
    const patched = await kubectl(emu, tok('editor'), [
      'patch',
      'imagestream',
      name,
      '--type=merge',
      '-p',
      patch
    ])
    expect(patched.stderr).toBe('')
    expect(patched.stdout).toBe(`imagestream.image.openshift.io/${name} patched\n`)
    expect(local()).toBe(true)

    const IS = `/apis/image.openshift.io/v1/namespaces/demo/imagestreams/${name}`
    const current = (await api(emu, 'GET', IS, { token: tok('editor') })).json() as {
      metadata: object
      spec: object
    }
    const off = { ...current, spec: { ...current.spec, lookupPolicy: { local: false } } }
    const put = await api(emu, 'PUT', IS, { token: tok('editor'), body: off })
    expect(put.status).toBe(200)
    expect(put.json()).toMatchObject({
      spec: { lookupPolicy: { local: false } },
      status: { tags: [{ tag: 'v1' }] }
    })
    expect(local()).toBe(false)
    const stale = await api(emu, 'PUT', IS, {
      token: tok('editor'),
      body: { ...off, spec: { lookupPolicy: { local: true } } }
    })
    expect(stale.status).toBe(409)
    expect(stale.json().reason).toBe('Conflict')
    const jsonPatch = await kubectl(emu, tok('editor'), [
      'patch',
      'is',
      name,
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/lookupPolicy/local","value":true}]'
    ])
    expect(jsonPatch.stderr).toBe('')
    expect(local()).toBe(true)
    expect(
      (
        await api(emu, 'PUT', `${IS}-missing`, {
          token: tok('editor'),
          body: { ...off, metadata: { name: `${name}-missing` } }
        })
      ).status
    ).toBe(404)
  }, 60_000)

  test('tag history items carry when each tag was pushed', async () => {
    const name = unique('times')
    const before = Date.now() - 1000
    await pushTiny(emu, `demo/${name}`, 'old', { bearer: tok('admin') })
    await new Promise(r => setTimeout(r, 1100))
    await pushTiny(emu, `demo/${name}`, 'new', { bearer: tok('admin') })
    const tags = (
      emu.getImageStream('demo', name) as {
        status: { tags: { tag: string; items: { created: string }[] }[] }
      }
    ).status.tags
    const created = Object.fromEntries(tags.map(t => [t.tag, t.items[0].created]))
    for (const t of Object.values(created)) {
      expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(Date.parse(t)).toBeGreaterThanOrEqual(before)
      expect(Date.parse(t)).toBeLessThanOrEqual(Date.now())
    }
    expect(Date.parse(created.new)).toBeGreaterThan(Date.parse(created.old))
    // kubectl reads them too.
    const istags = await kubectl(emu, tok('editor'), ['get', 'istag', '-o', 'json'])
    const items = (
      JSON.parse(istags.stdout) as { items: { metadata: { name: string; creationTimestamp: string } }[] }
    ).items
    expect(items.find(i => i.metadata.name === `${name}:new`)?.metadata.creationTimestamp).toBe(created.new)
  }, 60_000)
})

describe('asking about others and as nobody', () => {
  const layers = (name: string) => ({
    namespace: 'demo',
    verb: 'get',
    group: 'image.openshift.io',
    resource: 'imagestreams',
    subresource: 'layers',
    name
  })
  /** LocalSubjectAccessReview in demo by `bearer` about `user` in `groups`. */
  const localReview = (bearer: string, user: string, groups: string[], name: string) =>
    api(emu, 'POST', '/apis/authorization.k8s.io/v1/namespaces/demo/localsubjectaccessreviews', {
      token: bearer,
      body: {
        kind: 'LocalSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: { namespace: 'demo' },
        spec: { user, groups, resourceAttributes: layers(name) }
      }
    })

  test('without credentials the API sees system:anonymous: SelfSubjectAccessReview follows its bindings, the rest is 403', async () => {
    const image = unique('anon')
    const roleName = `${image}-puller`
    expect(
      (await api(emu, 'POST', `${RBAC}/roles`, { token: tok('admin'), body: role(roleName, image) })).status
    ).toBe(201)
    expect(await selfReview(emu, undefined, layers(image))).toBe(false)
    const b = binding(roleName, roleName, [group('system:unauthenticated')])
    expect((await api(emu, 'POST', `${RBAC}/rolebindings`, { token: tok('admin'), body: b })).status).toBe(
      201
    )
    expect(await selfReview(emu, undefined, layers(image))).toBe(true)
    expect(await selfReview(emu, undefined, layers(`${image}-other`))).toBe(false)

    const list = await api(emu, 'GET', '/apis/image.openshift.io/v1/namespaces/demo/imagestreams')
    expect(list.status).toBe(403)
    expect(list.json().message).toBe(
      'imagestreams.image.openshift.io is forbidden: User "system:anonymous" cannot list resource "imagestreams" in API group "image.openshift.io" in the namespace "demo"'
    )
    const me = await api(emu, 'GET', '/apis/user.openshift.io/v1/users/~')
    expect(me.status).toBe(403)
    expect(me.json().message).toContain('User "system:anonymous" cannot get resource "users"')
    const ssr = await api(emu, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      body: { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1' }
    })
    expect(ssr.status).toBe(403)
    expect((await api(emu, 'GET', '/apis/project.openshift.io/v1/projects')).status).toBe(403)
    expect(
      (await api(emu, 'DELETE', `${RBAC}/rolebindings/${roleName}`, { token: tok('admin') })).status
    ).toBe(200)
    expect(await selfReview(emu, undefined, layers(image))).toBe(false)
  }, 60_000)

  test('LocalSubjectAccessReview: admin asks what others may do in the project; edit may not ask', async () => {
    const image = unique('local')
    const roleName = `${image}-puller`
    expect(
      (await api(emu, 'POST', `${RBAC}/roles`, { token: tok('admin'), body: role(roleName, image) })).status
    ).toBe(201)
    const b = binding(roleName, roleName, [group('system:serviceaccounts:other')])
    expect((await api(emu, 'POST', `${RBAC}/rolebindings`, { token: tok('admin'), body: b })).status).toBe(
      201
    )
    const allowed = async (user: string, groups: string[]) => {
      const r = await localReview(tok('admin'), user, groups, image)
      expect(r.status).toBe(201)
      expect(r.json()).toMatchObject({ kind: 'LocalSubjectAccessReview', metadata: { namespace: 'demo' } })
      return (r.json().status as { allowed: boolean }).allowed
    }
    const otherSa = ['system:serviceaccounts', 'system:serviceaccounts:other', 'system:authenticated']
    expect(await allowed('system:serviceaccount:other:neighbour', otherSa)).toBe(true)
    expect(await allowed('system:serviceaccount:third:stranger', ['system:serviceaccounts:third'])).toBe(
      false
    )
    expect(await allowed('system:anonymous', ['system:unauthenticated'])).toBe(false)

    const byEditor = await localReview(tok('editor'), 'system:anonymous', [], image)
    expect(byEditor.status).toBe(403)
    expect(byEditor.json().message).toContain('cannot create resource "localsubjectaccessreviews"')
    const elsewhere = await api(
      emu,
      'POST',
      '/apis/authorization.k8s.io/v1/namespaces/demo/localsubjectaccessreviews',
      {
        token: tok('admin'),
        body: { spec: { user: 'bob', resourceAttributes: { ...layers(image), namespace: 'other' } } }
      }
    )
    expect(elsewhere.status).toBe(422)
    expect(elsewhere.json().message).toContain('spec.resourceAttributes.namespace')
  }, 60_000)
})
