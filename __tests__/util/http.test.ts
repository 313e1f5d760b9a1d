// The one HTTP stack (util/http.ts, util/proxy.ts): which proxy a URL goes through (the NO_PROXY matrix, the
// variables' precedence), and the transport on real sockets on loopback: through an http:// and an https:// proxy
// (a small forward proxy in this file, which resolves every name to 127.0.0.1), streamed answers, and a signal
// that ends an exchange at once.
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { type Certificates, makeCertificates } from '../../emulator/index.js'
import { NetworkError } from '../../src/util/errors.js'
import { HttpTransport } from '../../src/util/http.js'
import { proxyFor, proxyPort } from '../../src/util/proxy.js'

const PROXY = 'http://proxy.example:3128'

describe('proxyFor: NO_PROXY', () => {
  test.each([
    // [NO_PROXY, URL, bypassed]
    ['', 'https://api.example.com', false],
    ['*', 'https://api.example.com', true],
    ['example.com', 'https://example.com', true],
    ['example.com', 'https://api.example.com', true], // a name covers its subdomains, as in the toolkit
    ['example.com', 'https://notexample.com', false],
    ['.example.com', 'https://api.example.com', true],
    ['.example.com', 'https://example.com', true], // as curl and Node: the domain itself too
    ['*.example.com', 'https://api.example.com', true],
    ['example.com:8443', 'https://api.example.com:8443', true],
    ['example.com:8443', 'https://api.example.com', false], // 443 by default
    ['example.com:443', 'https://api.example.com', true],
    ['example.com:80', 'http://api.example.com', true],
    ['other.org, EXAMPLE.com ', 'https://Api.Example.COM', true], // spaces and case do not matter
    [',,', 'https://api.example.com', false],
    ['10.0.0.1', 'http://10.0.0.1:8080', true],
    ['10.0.0.1', 'http://10.0.0.10', false],
    ['[::2]', 'http://[::2]/', true],
    ['', 'http://localhost:5000', true], // loopback never goes through a proxy
    ['', 'http://127.0.0.5', true],
    ['', 'https://[::1]:8443', true]
  ])('NO_PROXY=%j, %s: bypassed %s', (noProxy, url, bypassed) => {
    const env = { HTTPS_PROXY: PROXY, HTTP_PROXY: PROXY, NO_PROXY: noProxy }
    expect(proxyFor(new URL(url), env) === undefined).toBe(bypassed)
  })
})

describe('proxyFor: the variables', () => {
  const url = new URL('https://api.example.com')

  test('the scheme picks the variable', () => {
    expect(proxyFor(url, { HTTP_PROXY: PROXY })).toBeUndefined()
    expect(proxyFor(new URL('http://api.example.com'), { HTTP_PROXY: PROXY })?.href).toBe(`${PROXY}/`)
  })

  test('lower case first, but an empty one does not hide a set upper-case one (as the toolkit)', () => {
    const other = 'http://other.example:8080'
    expect(proxyFor(url, { https_proxy: other, HTTPS_PROXY: PROXY })?.href).toBe(`${other}/`)
    expect(proxyFor(url, { https_proxy: '', HTTPS_PROXY: PROXY })?.href).toBe(`${PROXY}/`)
    expect(proxyFor(url, { HTTPS_PROXY: PROXY, no_proxy: '', NO_PROXY: 'example.com' })).toBeUndefined()
  })

  test('a proxy without a scheme is http://; an https:// proxy listens on 443 unless it says otherwise', () => {
    expect(proxyFor(url, { HTTPS_PROXY: 'proxy.example:3128' })?.href).toBe(`${PROXY}/`)
    expect(proxyPort(new URL('https://proxy.example'))).toBe(443)
    expect(proxyPort(new URL('http://proxy.example'))).toBe(80)
    expect(proxyPort(new URL('https://proxy.example:8443'))).toBe(8443)
  })

  test('a scheme other than http and https is not a proxy this transport speaks', () => {
    expect(proxyFor(url, { HTTPS_PROXY: 'socks5://proxy.example:1080' })).toBeUndefined()
  })
})

/** A forward proxy on loopback that sends every name to 127.0.0.1, counting what it forwarded. */
class ForwardProxy {
  readonly seen: string[] = []
  readonly server: http.Server

  constructor(tlsCert?: Certificates) {
    this.server = tlsCert ? https.createServer({ cert: tlsCert.cert, key: tlsCert.key }) : http.createServer()
    this.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const target = new URL(req.url ?? '/')
      this.seen.push(`${req.method} ${target.href}`)
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: target.port,
          path: target.pathname,
          method: req.method,
          headers: req.headers
        },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      req.pipe(upstream)
    })
    this.server.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
      this.seen.push(`CONNECT ${req.url}`)
      const port = Number(/:(\d+)$/.exec(req.url ?? '')?.[1])
      const upstream = net.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n')
        upstream.pipe(client).pipe(upstream)
      })
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
    })
  }

  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1')
    await once(this.server, 'listening')
    return (this.server.address() as net.AddressInfo).port
  }
}

let dir: string
let certs: Certificates
let plain: http.Server
let plainPort: number
let secure: https.Server
let securePort: number

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'http-test-'))
  certs = await makeCertificates(dir, ['api.test', 'proxy.test'])
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url === '/echo') {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => res.end(`${req.headers['transfer-encoding']} ${Buffer.concat(chunks).toString()}`))
      return
    }
    if (req.url === '/stall') {
      res.writeHead(200, { 'content-length': 10 })
      res.write('12345') // and nothing more
      return
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello from ${req.headers.host}${req.url}`)
  }
  plain = http.createServer(handler)
  secure = https.createServer({ cert: certs.cert, key: certs.key }, handler)
  plain.listen(0, '127.0.0.1')
  secure.listen(0, '127.0.0.1')
  await Promise.all([once(plain, 'listening'), once(secure, 'listening')])
  plainPort = (plain.address() as net.AddressInfo).port
  securePort = (secure.address() as net.AddressInfo).port
})

afterAll(async () => {
  plain.closeAllConnections()
  secure.closeAllConnections()
  plain.close()
  secure.close()
  await rm(dir, { recursive: true, force: true })
})

describe('HttpTransport through a proxy', () => {
  test.each([
    ['http://', false],
    ['https://', true]
  ])(
    'an %s proxy forwards plain HTTP and tunnels HTTPS, the cluster CA verifying the server',
    async (_, tls) => {
      const proxy = new ForwardProxy(tls ? certs : undefined)
      const port = await proxy.listen()
      // The test CA signed the proxy's certificate (for 127.0.0.1) and the server's: trusted as the cluster's CA.
      const proxyUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`
      const env = { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl }
      const transport = new HttpTransport({ caPem: certs.ca, insecureSkipTlsVerify: false }, env)
      try {
        const viaForward = await transport.request({
          method: 'GET',
          url: new URL(`http://mirror.test:${plainPort}/a`)
        })
        expect(viaForward.body.toString()).toBe(`hello from mirror.test:${plainPort}/a`)
        const viaTunnel = await transport.request({
          method: 'GET',
          url: new URL(`https://api.test:${securePort}/b`)
        })
        expect(viaTunnel.body.toString()).toBe(`hello from api.test:${securePort}/b`)
        expect(proxy.seen).toEqual([
          `GET http://mirror.test:${plainPort}/a`,
          `CONNECT api.test:${securePort}`
        ])
      } finally {
        transport.close()
        proxy.server.closeAllConnections()
        proxy.server.close()
      }
    }
  )

  test('an https:// proxy whose certificate is not trusted is named in the error', async () => {
    const proxy = new ForwardProxy(certs)
    const port = await proxy.listen()
    // No cluster CA: the proxy's certificate (signed by the test CA) is not among the system's roots.
    const transport = new HttpTransport(
      { insecureSkipTlsVerify: true },
      { HTTP_PROXY: `https://127.0.0.1:${port}` }
    )
    try {
      await expect(
        transport.request({ method: 'GET', url: new URL(`http://mirror.test:${plainPort}/`) })
      ).rejects.toThrow(
        /^The proxy https:\/\/127\.0\.0\.1:\d+ could not be used for http:\/\/mirror\.test:\d+: its TLS certificate is not trusted/
      )
      expect(proxy.seen).toEqual([])
    } finally {
      transport.close()
      proxy.server.close()
    }
  })
})

test('a proxy that cannot be reached for plain HTTP is named, and not tried again as a hiccup', async () => {
  const transport = new HttpTransport({ insecureSkipTlsVerify: false }, { HTTP_PROXY: 'http://127.0.0.1:9' })
  try {
    const failure = transport.request({ method: 'GET', url: new URL('http://mirror.test/x') })
    await expect(failure).rejects.toThrow(
      /^The proxy http:\/\/127\.0\.0\.1:9 could not be used for http:\/\/mirror\.test: .*ECONNREFUSED/
    )
    await expect(failure).rejects.toMatchObject({ code: 'EPROXY' })
  } finally {
    transport.close()
  }
})

describe('HttpTransport.request with a streamed body', () => {
  const transport = new HttpTransport({ insecureSkipTlsVerify: false }, {})
  afterAll(() => transport.close())

  test('is sent chunked as it comes, and the answer read whole', async () => {
    const body = new PassThrough()
    const answer = transport.request({
      method: 'PATCH',
      url: new URL(`http://127.0.0.1:${plainPort}/echo`),
      body
    })
    body.write('one ')
    setTimeout(() => body.end('two'), 50)
    expect((await answer).body.toString()).toBe('chunked one two')
  })

  test('a body that stops coming fails as a stalled transfer', async () => {
    const body = new PassThrough()
    body.write('the start only')
    const answer = transport.request({
      method: 'PATCH',
      url: new URL(`http://127.0.0.1:${plainPort}/echo`),
      body,
      idleTimeoutMs: 200
    })
    await expect(answer).rejects.toMatchObject({ code: 'ESTALLED' })
    // Its producer is not left waiting on a body nobody reads.
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(body.destroyed).toBe(true)
  })
})

describe('HttpTransport.stream', () => {
  const transport = new HttpTransport({ insecureSkipTlsVerify: false }, {})
  afterAll(() => transport.close())

  test('hands over the head with the body unread', async () => {
    const answer = await transport.stream({
      method: 'GET',
      url: new URL(`http://127.0.0.1:${plainPort}/file`),
      idleTimeoutMs: 5000
    })
    expect(answer.status).toBe(200)
    const chunks: Buffer[] = []
    for await (const chunk of answer.body) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).toString()).toBe(`hello from 127.0.0.1:${plainPort}/file`)
  })

  test('a body that stops flowing fails as a stalled transfer, which may be tried again', async () => {
    const answer = await transport.stream({
      method: 'GET',
      url: new URL(`http://127.0.0.1:${plainPort}/stall`),
      idleTimeoutMs: 200
    })
    const read = (async () => {
      for await (const _ of answer.body) void _
    })()
    await expect(read).rejects.toThrow(NetworkError)
    await expect(read).rejects.toMatchObject({ code: 'ESTALLED' })
  })

  test('an aborted signal ends the body at once, with its reason', async () => {
    const controller = new AbortController()
    const answer = await transport.stream({
      method: 'GET',
      url: new URL(`http://127.0.0.1:${plainPort}/stall`),
      idleTimeoutMs: 60_000,
      signal: controller.signal
    })
    const reason = new Error('cancelled')
    const started = Date.now()
    setTimeout(() => controller.abort(reason), 50)
    const read = (async () => {
      for await (const _ of answer.body) void _
    })()
    await expect(read).rejects.toBe(reason)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  test('an aborted signal sends nothing', async () => {
    const controller = new AbortController()
    const reason = new Error('cancelled before')
    controller.abort(reason)
    await expect(
      transport.request({
        method: 'GET',
        url: new URL(`http://127.0.0.1:${plainPort}/`),
        signal: controller.signal
      })
    ).rejects.toBe(reason)
  })
})
