// The latency model: a delay per request, and per NEW connection one for the TCP handshake and, on
// HTTPS listeners, one more for the TLS handshake. A kept-alive connection pays the set-up once.
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import { Agent } from 'node:https'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import type { Emulator } from '../../../emulator/types.js'
import { registry, startWithBuilder, token } from './helpers.js'

const TCP = 800
const TLS = 400

let emu: Emulator

beforeAll(async () => {
  emu = await startWithBuilder({ latency: { tcpMs: TCP, tlsMs: TLS } })
}, 60_000)

afterAll(async () => {
  await emu?.stop()
})

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now()
  const value = await f()
  return [performance.now() - start, value]
}

/** A GET on the API's plain HTTP listener, through `agent`. */
function apiGet(agent: HttpAgent, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${emu.info.apiHttpUrl}${path}`, { agent }, res => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('connection set-up delays', () => {
  test('the registry (HTTPS): a new connection pays TCP and TLS once; the next request on it does not', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      emu.resetStats()
      const auth = { bearer: token(emu, 'builder') }
      const [first, a] = await timed(() => registry(emu, 'GET', '/v2/', auth, { agent }))
      const [second, b] = await timed(() => registry(emu, 'GET', '/v2/', auth, { agent }))
      expect([a.status, b.status]).toEqual([200, 200])
      expect(first).toBeGreaterThanOrEqual(TCP + TLS - 5)
      expect(second).toBeLessThan(TCP)
      expect(emu.stats().registryConnections).toBe(1)
      // Without keep-alive every request is a new connection and pays again.
      const [fresh] = await timed(() => registry(emu, 'GET', '/v2/', auth, { agent: false }))
      expect(fresh).toBeGreaterThanOrEqual(TCP + TLS - 5)
      expect(emu.stats().registryConnections).toBe(2)
    } finally {
      agent.destroy()
    }
  })

  test('the API over plain HTTP pays the TCP delay alone, once per connection; the per-request delay adds to each', async () => {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 })
    try {
      emu.resetStats()
      const [first, status] = await timed(() => apiGet(agent, '/version'))
      expect(status).toBe(200)
      expect(first).toBeGreaterThanOrEqual(TCP - 5)
      expect(first).toBeLessThan(TCP + TLS)
      const [second] = await timed(() => apiGet(agent, '/version'))
      expect(second).toBeLessThan(TCP)
      expect(emu.stats().apiConnections).toBe(1)

      emu.setLatency(250)
      const [slowed] = await timed(() => apiGet(agent, '/version'))
      expect(slowed).toBeGreaterThanOrEqual(245)
      expect(slowed).toBeLessThan(TCP)
      expect(emu.stats().apiConnections).toBe(1)
      emu.setLatency(0)
    } finally {
      agent.destroy()
    }
  })

  test('the control endpoint changes the set-up delays; zero removes them', async () => {
    const set = (body: unknown): Promise<Response> =>
      fetch(`${emu.info.apiHttpUrl}/_emulator/latency`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
      })
    expect((await set({ tcpMs: 0, tlsMs: 0 })).status).toBe(204)
    const [quick] = await timed(() => registry(emu, 'GET', '/v2/', undefined, { agent: false }))
    expect(quick).toBeLessThan(TCP)
    expect((await set({ tlsMs: -1 })).status).toBe(400)
    expect((await set({ tcpMs: TCP })).status).toBe(204)
    const [slow] = await timed(() => registry(emu, 'GET', '/v2/', undefined, { agent: false }))
    expect(slow).toBeGreaterThanOrEqual(TCP - 5)
  })
})
