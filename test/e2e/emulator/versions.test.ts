// Cluster settings: the OpenShift minor (which versions of authentication.k8s.io serve
// SelfSubjectReview, what /version reports) and whether the cluster has an external registry host.
// kubectl speaks for the client where it can: `kubectl auth whoami` is SelfSubjectReview's client.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { startEmulator } from '../../../emulator/index.js'
import type { Emulator, StartOptions } from '../../../emulator/types.js'
import { requireTool, run } from '../harness/tools.js'
import { api, stream, token, unique } from './helpers.js'

const started: Emulator[] = []
const SSR = {
  kind: 'SelfSubjectReview',
  apiVersion: 'authentication.k8s.io/v1',
  metadata: {},
  status: { userInfo: {} }
}

async function start(opts: StartOptions): Promise<Emulator> {
  const emu = await startEmulator(opts)
  started.push(emu)
  return emu
}

function kubectl(emu: Emulator, args: string[]) {
  return run('kubectl', [
    '--server',
    emu.info.apiUrl,
    '--certificate-authority',
    emu.info.caFile,
    '--token',
    token(emu, 'pusher'),
    ...args
  ])
}

beforeAll(() => {
  requireTool('docker-registry', 'docker-registry')
  requireTool('kubectl', 'kubernetes-client')
})

afterAll(async () => {
  await Promise.all(started.map(e => e.stop()))
})

/** What discovery lists under authentication.k8s.io: version -> resource names. */
async function authenticationGroup(emu: Emulator): Promise<Record<string, string[]>> {
  const t = token(emu, 'pusher')
  const group = (await api(emu, 'GET', '/apis/authentication.k8s.io', { token: t })).json() as {
    versions: { version: string }[]
    preferredVersion: { version: string }
  }
  expect(group.preferredVersion.version).toBe('v1')
  const out: Record<string, string[]> = {}
  for (const { version } of group.versions) {
    const list = (await api(emu, 'GET', `/apis/authentication.k8s.io/${version}`, { token: t })).json() as {
      resources: { name: string }[]
    }
    out[version] = list.resources.map(r => r.name).sort()
  }
  return out
}

describe('OpenShift versions', () => {
  test('4.13 serves no SelfSubjectReview: 404 in every version, not in discovery; kubectl auth whoami says so', async () => {
    const emu = await start({ openshiftVersion: '4.13' })
    expect(await authenticationGroup(emu)).toEqual({ v1: ['tokenreviews'] })
    const t = token(emu, 'pusher')
    for (const v of ['v1', 'v1beta1']) {
      const r = await api(emu, 'POST', `/apis/authentication.k8s.io/${v}/selfsubjectreviews`, {
        token: t,
        body: { ...SSR, apiVersion: `authentication.k8s.io/${v}` }
      })
      expect(r.status).toBe(404)
      expect(r.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 })
    }
    expect(((await api(emu, 'GET', '/version', { token: t })).json() as { minor: string }).minor).toBe('26')
    const whoami = await kubectl(emu, ['auth', 'whoami'])
    expect(whoami.status).not.toBe(0)
    expect(whoami.stderr).toMatch(/selfsubjectreviews API is not enabled/)
    // users/~ still answers: the fallback `oc login` uses there.
    const me = await kubectl(emu, ['get', '--raw', '/apis/user.openshift.io/v1/users/~'])
    expect(JSON.parse(me.stdout)).toMatchObject({ metadata: { name: 'system:serviceaccount:demo:pusher' } })
  }, 60_000)

  test('4.14 serves SelfSubjectReview in v1beta1 only', async () => {
    const emu = await start({ openshiftVersion: '4.14' })
    expect(await authenticationGroup(emu)).toEqual({
      v1: ['tokenreviews'],
      v1beta1: ['selfsubjectreviews']
    })
    const t = token(emu, 'pusher')
    const v1 = await api(emu, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      token: t,
      body: SSR
    })
    expect(v1.status).toBe(404)
    const beta = await api(emu, 'POST', '/apis/authentication.k8s.io/v1beta1/selfsubjectreviews', {
      token: t,
      body: { ...SSR, apiVersion: 'authentication.k8s.io/v1beta1' }
    })
    expect(beta.status).toBe(201)
    expect(beta.json()).toMatchObject({
      apiVersion: 'authentication.k8s.io/v1beta1',
      status: { userInfo: { username: 'system:serviceaccount:demo:pusher' } }
    })
    const whoami = await kubectl(emu, ['auth', 'whoami', '-o', 'json'])
    expect(whoami.status).toBe(0)
    expect(JSON.parse(whoami.stdout)).toMatchObject({ apiVersion: 'authentication.k8s.io/v1beta1' })
  }, 60_000)

  test('4.15 serves v1 and still v1beta1; the default is 4.16, Kubernetes 1.29', async () => {
    const emu = await start({ openshiftVersion: '4.15' })
    const both = { v1: ['selfsubjectreviews', 'tokenreviews'], v1beta1: ['selfsubjectreviews'] }
    expect(await authenticationGroup(emu)).toEqual(both)
    const whoami = await kubectl(emu, ['auth', 'whoami', '-o', 'json'])
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      apiVersion: 'authentication.k8s.io/v1',
      status: { userInfo: { username: 'system:serviceaccount:demo:pusher' } }
    })
    const t = token(emu, 'pusher')
    expect(((await api(emu, 'GET', '/version', { token: t })).json() as { minor: string }).minor).toBe('28')

    const dflt = await start({})
    expect(await authenticationGroup(dflt)).toEqual(both)
    const version = (await api(dflt, 'GET', '/version')).json() as { minor: string; gitVersion: string }
    expect(version.minor).toBe('29')
    expect(version.gitVersion).toMatch(/^v1\.29\./)
    // The environment picks the version when the caller does not, for a whole test run against one.
    process.env.EMULATOR_OPENSHIFT_VERSION = '4.14'
    try {
      const fromEnv = await start({})
      expect(await authenticationGroup(fromEnv)).toEqual({
        v1: ['tokenreviews'],
        v1beta1: ['selfsubjectreviews']
      })
    } finally {
      delete process.env.EMULATOR_OPENSHIFT_VERSION
    }
    await expect(startEmulator({ openshiftVersion: '4.12' as '4.13' })).rejects.toThrow(
      'OpenShift version "4.12" is not emulated; choose one of 4.13, 4.14, 4.15, 4.16'
    )
  }, 60_000)

  test('users/~ of a service account: groups sorted, identities null; a person has identities', async () => {
    const emu = started[started.length - 1] ?? (await start({}))
    const me = await kubectl(emu, ['get', '--raw', '/apis/user.openshift.io/v1/users/~'])
    const user = JSON.parse(me.stdout) as Record<string, unknown>
    expect(user).toHaveProperty('identities', null)
    expect(user.groups).toEqual([
      'system:authenticated',
      'system:serviceaccounts',
      'system:serviceaccounts:demo'
    ])
    const alice = (
      await api(emu, 'GET', '/apis/user.openshift.io/v1/users/~', { token: token(emu, 'alice') })
    ).json()
    expect(alice.groups).toEqual(['system:authenticated', 'system:authenticated:oauth'])
    expect(alice.identities).toHaveLength(1)
  }, 60_000)
})

describe('external registry host', () => {
  test('by default the gateway is the external host; when none is configured publicDockerImageRepository is absent', async () => {
    const dflt = started.find(e => e) ?? (await start({}))
    const admin = token(dflt, 'admin')
    const IS = '/apis/image.openshift.io/v1/namespaces/demo/imagestreams'
    const name = unique('ext')
    const body = { kind: 'ImageStream', apiVersion: 'image.openshift.io/v1', metadata: { name } }
    expect((await api(dflt, 'POST', IS, { token: admin, body })).status).toBe(201)
    expect(stream(dflt, 'demo', name)?.status.publicDockerImageRepository).toBe(
      `${dflt.info.registry}/demo/${name}`
    )

    const none = await start({ externalRegistryHost: null })
    const created = await api(none, 'POST', IS, { token: token(none, 'admin'), body })
    expect(created.status).toBe(201)
    const status = created.json().status as Record<string, unknown>
    expect(status).not.toHaveProperty('publicDockerImageRepository')
    expect(status.dockerImageRepository).toBe(`image-registry.openshift-image-registry.svc:5000/demo/${name}`)
    // kubectl's table falls back to the internal name, as oc's does.
    const table = await kubectl(none, ['get', 'is', '-n', 'demo', '--token', token(none, 'admin')])
    expect(table.stdout).toMatch(
      new RegExp(`${name}\\s+image-registry\\.openshift-image-registry\\.svc:5000/demo/${name}`)
    )

    const named = await start({ externalRegistryHost: 'registry.example.test' })
    const made = await api(named, 'POST', IS, { token: token(named, 'admin'), body })
    expect((made.json().status as Record<string, unknown>).publicDockerImageRepository).toBe(
      `registry.example.test/demo/${name}`
    )
  }, 60_000)
})
