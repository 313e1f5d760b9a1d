// Where the emulator is as strict as the real cluster: a deleted service account's tokens stop
// working, and an ImageStream count quota refuses one stream too many (API and registry alike).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { defaultState, startEmulator } from '../../../emulator/index.js'
import type { Emulator } from '../../../emulator/types.js'
import { requireTool } from '../harness/tools.js'
import { api, kubectl, pushTiny, registry, token, unique } from './helpers.js'

let emu: Emulator
let work: string

beforeAll(async () => {
  requireTool('docker-registry', 'docker-registry')
  requireTool('kubectl', 'kubernetes-client')
  emu = await startEmulator({
    state: { ...defaultState(), quotas: [{ project: 'other', name: 'image-count', imageStreams: 2 }] }
  })
  work = mkdtempSync(join(tmpdir(), 'rahti-strict-'))
}, 60_000)

afterAll(async () => {
  if (work) rmSync(work, { recursive: true, force: true })
  await emu?.stop()
})

describe('a deleted service account', () => {
  test('its tokens get 401 from the API and the registry at once, and stay refused when the name is made again', async () => {
    const name = unique('temp')
    const [account] = emu.apply({
      serviceAccounts: [{ project: 'demo', name, roles: ['system:image-pusher'] }]
    })
    const before = await kubectl(emu, account.token, ['get', '--raw', '/apis/user.openshift.io/v1/users/~'])
    expect(before.status).toBe(0)
    expect((await registry(emu, 'GET', '/v2/', { basic: account.token })).status).toBe(200)

    const deleted = await kubectl(emu, token(emu, 'admin'), ['delete', 'serviceaccount', name])
    expect(deleted.stderr).toBe('')
    expect(deleted.stdout).toContain(`serviceaccount "${name}" deleted`)

    const api401 = await api(emu, 'GET', '/apis/user.openshift.io/v1/users/~', { token: account.token })
    expect(api401.status).toBe(401)
    expect(api401.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 })
    const after = await kubectl(emu, account.token, ['get', '--raw', '/apis/user.openshift.io/v1/users/~'])
    expect(after.status).not.toBe(0)
    expect(after.stderr).toMatch(/Unauthorized/)
    const v2 = await registry(emu, 'GET', '/v2/', { basic: account.token })
    expect(v2.status).toBe(401)
    expect(v2.headers.get('www-authenticate')).toBe('Basic realm=openshift,error="access denied"')

    // A new account of the same name is a new uid: the old token names the old one.
    const remade = await api(emu, 'POST', '/api/v1/namespaces/demo/serviceaccounts', {
      token: token(emu, 'admin'),
      body: { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name } }
    })
    expect(remade.status).toBe(201)
    expect((await registry(emu, 'GET', '/v2/', { basic: account.token })).status).toBe(401)
  }, 60_000)
})

describe('an ImageStream count quota', () => {
  test('is served read-only, counts the streams, and refuses the one too many with the quota Status', async () => {
    // other/puller has no rights there; an admin of `other` makes the streams.
    const [owner] = emu.apply({ serviceAccounts: [{ project: 'other', name: 'owner', roles: ['admin'] }] })
    const quotaOf = async () =>
      JSON.parse(
        (
          await kubectl(emu, owner.token, [
            'get',
            'resourcequota',
            'image-count',
            '-n',
            'other',
            '-o',
            'json'
          ])
        ).stdout
      ) as {
        spec: { hard: Record<string, string> }
        status: { hard: Record<string, string>; used: Record<string, string> }
      }
    expect(await quotaOf()).toMatchObject({
      spec: { hard: { 'openshift.io/imagestreams': '2' } },
      status: { hard: { 'openshift.io/imagestreams': '2' }, used: { 'openshift.io/imagestreams': '0' } }
    })

    const file = (name: string) => {
      const path = join(work, `${name}.json`)
      writeFileSync(
        path,
        JSON.stringify({ kind: 'ImageStream', apiVersion: 'image.openshift.io/v1', metadata: { name } })
      )
      return path
    }
    for (const name of ['one', 'two']) {
      const made = await kubectl(emu, owner.token, [
        'create',
        '--validate=false',
        '-n',
        'other',
        '-f',
        file(name)
      ])
      expect(made.stderr).toBe('')
    }
    expect((await quotaOf()).status.used['openshift.io/imagestreams']).toBe('2')

    const third = await kubectl(emu, owner.token, [
      'create',
      '--validate=false',
      '-n',
      'other',
      '-f',
      file('three')
    ])
    expect(third.status).not.toBe(0)
    const message =
      'imagestreams.image.openshift.io "three" is forbidden: exceeded quota: image-count, requested: openshift.io/imagestreams=1, used: openshift.io/imagestreams=2, limited: openshift.io/imagestreams=2'
    expect(third.stderr).toContain(`Error from server (Forbidden): error when creating`)
    expect(third.stderr).toContain(message)
    const raw = await api(emu, 'POST', '/apis/image.openshift.io/v1/namespaces/other/imagestreams', {
      token: owner.token,
      body: { kind: 'ImageStream', apiVersion: 'image.openshift.io/v1', metadata: { name: 'three' } }
    })
    expect(raw.status).toBe(403)
    expect(raw.json()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403 })
    expect(raw.json()).toHaveProperty('message', message)
    expect(raw.json()).toHaveProperty('details', {
      name: 'three',
      group: 'image.openshift.io',
      kind: 'imagestreams'
    })

    // A tag naming a new stream, and a push that would create one, meet the same quota ...
    const tag = await api(
      emu,
      'PUT',
      '/apis/image.openshift.io/v1/namespaces/other/imagestreamtags/four:v1',
      {
        token: owner.token,
        body: {
          metadata: { name: 'four:v1' },
          tag: { name: 'v1', from: { kind: 'DockerImage', name: 'x@sha256:' + 'a'.repeat(64) } }
        }
      }
    )
    expect(tag.status).toBe(403)
    expect(tag.json().message).toContain('"four" is forbidden: exceeded quota: image-count')
    await expect(pushTiny(emu, 'other/five', 'latest', { bearer: owner.token })).rejects.toThrow(
      /manifest PUT 403.*DENIED/
    )
    // ... while pushing to an existing stream is no new stream.
    await pushTiny(emu, 'other/one', 'latest', { bearer: owner.token })

    // Read-only: the quota belongs to the cluster's administrators.
    const del = await kubectl(emu, owner.token, ['delete', 'resourcequota', 'image-count', '-n', 'other'])
    expect(del.status).not.toBe(0)
  }, 60_000)
})
