// The mirror's HTTP (src/oc/http.ts) on the one transport, against a server on loopback: relative redirects
// followed, a transient answer tried again, and a cancelled download stopped at once with nothing left behind.
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { downloadFile, getText, openUrl } = await import('../../src/oc/http.js')

const BODY = Buffer.from('a mirror file\n')
let server: http.Server
let base: string
let dir: string
const failOnce = new Set<string>()

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'oc-http-'))
  server = http.createServer((req, res) => {
    const url = req.url ?? '/'
    if (url.startsWith('/generic/')) {
      res.writeHead(302, { location: `/arch/${url.slice('/generic/'.length)}` }).end()
    } else if (failOnce.delete(url)) {
      res.writeHead(503, { 'retry-after': '0' }).end('try later')
    } else if (url === '/arch/stall') {
      res.writeHead(200, { 'content-length': 1000 })
      res.write('x') // and nothing more
    } else if (url.startsWith('/arch/')) {
      res.writeHead(200, { 'content-length': BODY.length }).end(BODY)
    } else {
      res.writeHead(404).end()
    }
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => {
  server.closeAllConnections()
  server.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the mirror over HTTP', () => {
  test('a relative redirect is followed, and the download says where the bytes came from', async () => {
    const dest = path.join(dir, 'file')
    const got = await downloadFile(`${base}/generic/file`, dest)
    expect(got).toEqual({
      sha256: createHash('sha256').update(BODY).digest('hex'),
      bytes: BODY.length,
      url: `${base}/arch/file`
    })

    expect(await getText(`${base}/generic/release.txt`)).toBe(BODY.toString())
  })

  test('a 503 is tried again', async () => {
    failOnce.add('/arch/busy.txt')
    await expect(getText(`${base}/arch/busy.txt`)).resolves.toBe(BODY.toString())
    expect(failOnce.size).toBe(0)
  })

  test('a missing file is an HTTP status the installer can read', async () => {
    await expect(openUrl(`${base}/nowhere`)).rejects.toMatchObject({ status: 404 })
  })

  test("a cancelled download stops at once, with the signal's reason, and leaves no file", async () => {
    const controller = new AbortController()
    const reason = new Error('Install oc was cancelled')
    const dest = path.join(dir, 'stalled')
    const started = Date.now()
    setTimeout(() => controller.abort(reason), 100)
    await expect(downloadFile(`${base}/arch/stall`, dest, controller.signal)).rejects.toBe(reason)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(existsSync(dest)).toBe(false)
  })

  test('a signal aborted before the start sends nothing', async () => {
    const controller = new AbortController()
    controller.abort(new Error('cancelled before'))
    await expect(getText(`${base}/arch/x`, undefined, controller.signal)).rejects.toThrow('cancelled before')
  })
})
