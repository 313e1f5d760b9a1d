// The HTTP transport of the API and registry clients, on node:http(s). Node's own modules, because the
// cluster's CA must be added to (not replace) the system roots, and because a keep-alive agent per server
// keeps each extra call to one round trip. It honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY as the Actions
// toolkit does, since self-hosted runners often sit behind a proxy.
import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import type { Duplex } from 'node:stream'
import tls from 'node:tls'

import { NetworkError, UserError } from './errors.js'
import { wasCancelled } from './exec.js'
import { proxyFor } from './proxy.js'

export interface TlsTrust {
  /** Extra CA certificates (PEM) trusted besides the system ones. */
  caPem?: string
  insecureSkipTlsVerify: boolean
}

export interface HttpResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export interface HttpRequest {
  method: string
  url: URL
  headers?: Record<string, string>
  body?: Buffer | string
  /** The whole exchange, from the request to the last byte of the answer. */
  timeoutMs?: number
}

/** How long one request may take before it counts as unanswered (and may be tried again). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000

export class HttpTransport {
  // Enough sockets that the retag of many tags goes out in one wave rather than several.
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 })
  private readonly httpsAgent: https.Agent
  private readonly tunnelAgents = new Map<string, https.Agent>()
  private readonly secureContext?: tls.SecureContext

  constructor(
    private readonly trust: TlsTrust,
    private readonly env: NodeJS.ProcessEnv = process.env
  ) {
    // One secure context for every connection: given a `ca` list instead, Node parses the system's roots
    // again for each new connection, about 25 ms each.
    this.secureContext = trust.caPem
      ? tls.createSecureContext({ ca: [...tls.rootCertificates, trust.caPem] })
      : undefined
    this.httpsAgent = new https.Agent(this.tlsOptions())
  }

  private tlsOptions(): https.AgentOptions {
    return {
      keepAlive: true,
      maxSockets: 32,
      secureContext: this.secureContext,
      rejectUnauthorized: !this.trust.insecureSkipTlsVerify
    }
  }

  request(req: HttpRequest): Promise<HttpResponse> {
    // A stopped run (cancelled, timed out) sends nothing more: no stream may be created after the step failed.
    if (wasCancelled())
      return Promise.reject(
        new UserError(`The run was stopped; ${req.method} ${req.url.pathname} was not sent.`)
      )
    const isHttps = req.url.protocol === 'https:'
    const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body
    const headers: Record<string, string> = { 'User-Agent': 'rahti-push', ...req.headers }
    if (body) headers['Content-Length'] = String(body.length)
    const timeoutMs = req.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    const proxy = proxyFor(req.url, this.env)
    return new Promise((resolve, reject) => {
      const options: http.RequestOptions =
        proxy && !isHttps
          ? {
              // Plain HTTP through a proxy: the absolute URL goes to the proxy, which forwards it.
              host: proxy.hostname,
              port: proxy.port || 80,
              path: req.url.href,
              method: req.method,
              headers: { ...headers, Host: req.url.host, ...proxyAuthorization(proxy) },
              agent: this.httpAgent
            }
          : {
              host: req.url.hostname.replace(/^\[|\]$/g, ''),
              port: req.url.port || (isHttps ? 443 : 80),
              path: `${req.url.pathname}${req.url.search}`,
              method: req.method,
              headers,
              agent: isHttps ? (proxy ? this.tunnelAgent(proxy) : this.httpsAgent) : this.httpAgent
            }
      const request = (isHttps ? https : http).request(options, response => {
        const chunks: Buffer[] = []
        response.on('data', (c: Buffer) => chunks.push(c))
        response.on('error', err => reject(toNetworkError(err, req.url, timeoutMs)))
        response.on('end', () => {
          clearTimeout(deadline)
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks)
          })
        })
      })
      // A deadline for the whole exchange, not an idle timer: a server that trickles or never answers
      // must not hold the step for minutes.
      const deadline = setTimeout(() => {
        request.destroy(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' }))
      }, timeoutMs)
      request.on('error', (err: Error & { code?: string }) => {
        clearTimeout(deadline)
        // A TLS server drops a plain-HTTP request without a word; find out rather than retry it as a hiccup.
        if (!isHttps && !proxy && err.code === 'ECONNRESET') {
          void speaksTls(req.url).then(tls =>
            reject(tls ? speaksTlsError(req.url) : toNetworkError(err, req.url, timeoutMs))
          )
          return
        }
        reject(toNetworkError(err, req.url, timeoutMs))
      })
      request.end(body)
    })
  }

  /** An agent whose connections are tunnelled through the proxy with CONNECT, then TLS to the server. */
  private tunnelAgent(proxy: URL): https.Agent {
    const key = proxy.href
    let agent = this.tunnelAgents.get(key)
    if (!agent) {
      agent = new https.Agent(this.tlsOptions())
      const base = agent
      ;(agent as unknown as { createConnection: unknown }).createConnection = (
        options: tls.ConnectionOptions & { host: string; port: number },
        callback: (err: Error | null, socket?: Duplex) => void
      ) => {
        const connect = http.request({
          host: proxy.hostname,
          port: proxy.port || 80,
          method: 'CONNECT',
          path: `${options.host}:${options.port}`,
          headers: { Host: `${options.host}:${options.port}`, ...proxyAuthorization(proxy) },
          agent: false
        })
        connect.once('connect', (res, socket) => {
          if (res.statusCode !== 200) {
            socket.destroy()
            callback(
              Object.assign(
                new Error(`the proxy ${proxy.host} answered CONNECT with HTTP ${res.statusCode}`),
                {
                  code: 'EPROXY'
                }
              )
            )
            return
          }
          const secure = tls.connect({
            ...options,
            socket,
            // SNI carries names only: an IP address is not sent.
            servername: isIP(options.host) ? undefined : (options.servername ?? options.host),
            secureContext: this.secureContext,
            rejectUnauthorized: !this.trust.insecureSkipTlsVerify
          })
          callback(null, secure)
        })
        connect.once('error', err =>
          callback(
            Object.assign(new Error(`the proxy ${proxy.host} could not be reached (${err.message})`), {
              code: 'EPROXY'
            })
          )
        )
        connect.end()
        return undefined
      }
      this.tunnelAgents.set(key, base)
    }
    return agent
  }

  close(): void {
    this.httpAgent.destroy()
    this.httpsAgent.destroy()
    for (const agent of this.tunnelAgents.values()) agent.destroy()
  }
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {}
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
  return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` }
}

function toNetworkError(err: Error & { code?: string }, url: URL, timeoutMs: number): NetworkError {
  const code = err.code ?? 'EUNKNOWN'
  const where = `${url.protocol}//${url.host}`
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new NetworkError(`The host of ${where} could not be resolved (${code}).`, code, url)
  }
  if (code === 'ECONNREFUSED') return new NetworkError(`${where} refused the connection.`, code, url)
  if (code === 'ETIMEDOUT') {
    return new NetworkError(`${where} did not answer within ${Math.round(timeoutMs / 1000)} s.`, code, url)
  }
  if (
    code === 'HPE_INVALID_CONSTANT' ||
    code === 'HPE_INVALID_STATUS' ||
    code === 'HPE_INVALID_HEADER_TOKEN'
  ) {
    // The bytes that came back are not HTTP: most often http:// given for a port that speaks TLS.
    return new NetworkError(
      `${where} did not answer in HTTP${url.protocol === 'http:' ? ': it probably speaks TLS, so use https://' : ''} (${code}).`,
      code,
      url
    )
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|HOSTNAME/i.test(code)) {
    return new NetworkError(
      `The TLS certificate of ${where} is not trusted (${code}). Give the cluster's CA in 'certificate-authority', or set 'insecure-skip-tls-verify: true' for a test cluster.`,
      code,
      url
    )
  }
  if (code === 'EPROTO' && /wrong version number|packet length too long/i.test(err.message)) {
    return new NetworkError(
      `${where} does not speak TLS on that port: use http:// for it, or the port that serves HTTPS (${code}).`,
      code,
      url
    )
  }
  return new NetworkError(`The connection to ${where} failed: ${err.message} (${code}).`, code, url)
}

/** Whether the server behind an http:// URL completes a TLS handshake (certificate aside). */
function speaksTls(url: URL): Promise<boolean> {
  return new Promise(resolve => {
    const socket = tls.connect({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 80),
      rejectUnauthorized: false,
      servername: isIP(url.hostname) ? undefined : url.hostname
    })
    const done = (answer: boolean) => {
      socket.destroy()
      resolve(answer)
    }
    socket.setTimeout(5000, () => done(false))
    socket.once('secureConnect', () => done(true))
    socket.once('error', () => done(false))
  })
}

function speaksTlsError(url: URL): NetworkError {
  const https = new URL(url.href)
  https.protocol = 'https:'
  return new NetworkError(
    `${url.protocol}//${url.host} speaks TLS on that port: use ${https.origin}.`,
    'EHTTPTOTLS',
    url
  )
}
