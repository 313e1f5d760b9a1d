// Fault injection as clients see it, the global latency, the stats, and the control endpoints
// over plain HTTP (what a script driving `npm run emulator` uses).
import { randomBytes } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import type { AccountInfo, Emulator, GatewayStats } from '../../../emulator/types.js'
import { api, registry, registryUrl, startWithBuilder, token, unique, uploadBlob } from './helpers.js'

let emu: Emulator

beforeAll(async () => {
  emu = await startWithBuilder()
}, 60_000)

afterAll(async () => {
  await emu?.stop()
})

/** Starts a blob upload and returns its session path (with the query). */
async function startUpload(repo: string, t: string): Promise<string> {
  const start = await registry(emu, 'POST', `/v2/${repo}/blobs/uploads/`, { bearer: t })
  expect(start.status).toBe(202)
  const url = new URL(start.headers.get('location') ?? '', registryUrl(emu))
  return url.pathname + url.search
}

function control(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${emu.info.apiHttpUrl}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
}

describe('faults', () => {
  test('a 503 with Retry-After on the next blob PATCH, then the upload goes through', async () => {
    const t = token(emu, 'builder')
    const repo = `demo/${unique('faulty')}`
    emu.injectFault({
      method: 'PATCH',
      path: '/blobs/uploads/',
      server: 'registry',
      status: 503,
      retryAfter: 7
    })
    const session = await startUpload(repo, t)
    const data = randomBytes(4096)
    const patch = () =>
      registry(
        emu,
        'PATCH',
        session,
        { bearer: t },
        { body: data, headers: { 'Content-Type': 'application/octet-stream' } }
      )
    const failed = await patch()
    expect(failed.status).toBe(503)
    expect(failed.headers.get('retry-after')).toBe('7')
    // The fault was used up: the same request now reaches the registry.
    const ok = await patch()
    expect(ok.status).toBe(202)
  })

  test('a reset after some body bytes is a socket error for the client', async () => {
    const t = token(emu, 'builder')
    const repo = `demo/${unique('reset')}`
    emu.injectFault({ method: 'PATCH', path: '/blobs/uploads/', reset: true, afterBytes: 1024 })
    const session = await startUpload(repo, t)
    await expect(
      registry(
        emu,
        'PATCH',
        session,
        { bearer: t },
        { body: randomBytes(256 * 1024), headers: { 'Content-Type': 'application/octet-stream' } }
      )
    ).rejects.toThrow(/ECONNRESET|socket hang up|EPIPE/)
    // An API fault: 500 on one path only, counted down.
    emu.injectFault({
      method: 'GET',
      path: '^/apis/project.openshift.io/',
      server: 'api',
      status: 500,
      count: 2
    })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++)
      statuses.push((await api(emu, 'GET', '/apis/project.openshift.io/v1/projects', { token: t })).status)
    expect(statuses).toEqual([500, 500, 200])
  })

  test('a delay fault and the global latency slow requests down; clearFaults removes pending faults', async () => {
    emu.injectFault({ method: 'GET', path: '^/version$', delayMs: 300 })
    let started = Date.now()
    expect((await api(emu, 'GET', '/version')).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    emu.setLatency(200)
    started = Date.now()
    await registry(emu, 'GET', '/v2/')
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    emu.setLatency(0)
    emu.injectFault({ method: '*', path: '.*', status: 500, count: 100 })
    emu.clearFaults()
    expect((await api(emu, 'GET', '/version')).status).toBe(200)
  })

  test('blob upload bytes are counted', async () => {
    emu.resetStats()
    const data = randomBytes(100_000)
    await uploadBlob(emu, `demo/${unique('counted')}`, data, { bearer: token(emu, 'builder') })
    const s = emu.stats()
    expect(s.blobBytesReceived).toBe(100_000)
    expect(s.registryRequests).toBe(2)
    expect(s.peakRss).toBeGreaterThan(0)
  })
})

describe('control endpoints over HTTP', () => {
  test('state, faults, latency, stats and expire', async () => {
    const state = await control('POST', 'state', {
      serviceAccounts: [{ project: 'ctl', name: 'bot', roles: ['system:image-builder'] }],
      users: [{ name: 'bob', roles: { ctl: ['view'] } }],
      imageStreams: ['ctl/seeded']
    })
    expect(state.status).toBe(200)
    const accounts = (await state.json()) as AccountInfo[]
    expect(accounts.map(a => [a.name, a.project, a.roles])).toEqual([
      ['system:serviceaccount:ctl:bot', 'ctl', ['system:image-builder']],
      ['bob', 'ctl', ['view']]
    ])
    const bot = accounts[0].token
    expect(emu.getImageStream('ctl', 'seeded')).toBeDefined()
    // bob (view) reads streams in ctl.
    expect(
      (
        await api(emu, 'GET', '/apis/image.openshift.io/v1/namespaces/ctl/imagestreams/seeded', {
          token: accounts[1].token
        })
      ).status
    ).toBe(200)

    expect(
      (await control('POST', 'faults', { method: 'GET', path: '^/v2/$', status: 429, retryAfter: 2 })).status
    ).toBe(204)
    const limited = await registry(emu, 'GET', '/v2/', { bearer: bot })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('2')
    await control('POST', 'faults', { method: 'GET', path: '^/v2/$', status: 500, count: 5 })
    expect((await control('DELETE', 'faults')).status).toBe(204)
    expect((await registry(emu, 'GET', '/v2/', { bearer: bot })).status).toBe(200)

    expect((await control('POST', 'latency', { ms: 150 })).status).toBe(204)
    const started = Date.now()
    await registry(emu, 'GET', '/v2/', { bearer: bot })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    await control('POST', 'latency', { ms: 0 })

    const stats = (await (await control('GET', 'stats')).json()) as GatewayStats
    expect(stats.registryRequests).toBeGreaterThan(0)
    expect(stats.apiRequests).toBeGreaterThan(0)
    expect((await control('DELETE', 'stats')).status).toBe(204)
    expect(((await (await control('GET', 'stats')).json()) as GatewayStats).registryRequests).toBe(0)

    expect((await control('POST', 'expire', { token: bot })).status).toBe(204)
    expect((await registry(emu, 'GET', '/v2/', { bearer: bot })).status).toBe(401)
    // Control requests need no token and are not counted as API requests.
    expect(emu.stats().apiRequests).toBe(0)
    expect((await control('GET', 'nothing-here')).status).toBe(404)
  })
})

describe('streaming', () => {
  test('a 192 MiB blob upload goes through with bounded memory', async () => {
    const { request } = await import('node:https')
    const { createHash } = await import('node:crypto')
    const t = token(emu, 'builder')
    const session = await startUpload(`demo/${unique('big')}`, t)
    emu.resetStats()
    const before = emu.stats().peakRss
    const chunk = randomBytes(1024 * 1024)
    const total = 192
    const hash = createHash('sha256')
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${registryUrl(emu)}${session}`, {
        method: 'PATCH',
        ca: emu.info.caPem,
        headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/octet-stream' }
      })
      req.on('response', res => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      let sent = 0
      const pump = (): void => {
        while (sent < total) {
          sent++
          hash.update(chunk)
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
        req.end()
      }
      pump()
    })
    expect(status).toBe(202)
    const s = emu.stats()
    expect(s.blobBytesReceived).toBe(total * 1024 * 1024)
    // The client and the gateway share this process; neither holds the blob.
    expect(s.peakRss - before).toBeLessThan(96 * 1024 * 1024)
  }, 60_000)
})
