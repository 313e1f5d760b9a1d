// The one HTTP transport of the action, on node:http(s): the API and registry clients and the oc download. Node's
// own modules, because the cluster's CA must be added to (not replace) the system roots, and because a keep-alive
// agent per server keeps each extra call to one round trip. It honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY as the
// Actions toolkit does (util/proxy.ts decides), since self-hosted runners often sit behind a proxy; an https://
// proxy is spoken to in TLS. Node 24's own proxy support is not used for the connection: NODE_USE_ENV_PROXY only
// covers the global agent (these agents are the transport's own, so it never proxies them twice), an agent's
// `proxyEnv` reads NO_PROXY by other rules than the toolkit's, and neither exists on the Node the unit tests and
// `engines` (>= 20) allow. What Node 24 does serve is its default CA list (NODE_EXTRA_CA_CERTS, --use-system-ca),
// which the cluster's CA is added to.
import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import { type Duplex, PassThrough, Readable } from 'node:stream'
import tls from 'node:tls'

import { NetworkError, UserError } from './errors.js'
import { wasCancelled } from './exec.js'
import { proxyFor, proxyPort } from './proxy.js'

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
  /**
   * A stream is sent as it comes (chunked), for an upload of unknown length: the deadline then counts from its
   * last byte, and while it is sent the connection may not stay silent for longer than `idleTimeoutMs`.
   */
  body?: Buffer | string | Readable
  /** The whole exchange, from the request (or a streamed body's end) to the last byte of the answer. */
  timeoutMs?: number
  /** A streamed body: how long nothing may move on the connection before the upload counts as stalled. */
  idleTimeoutMs?: number
  /** Aborting it ends the exchange at once; the request then fails with the signal's reason. */
  signal?: AbortSignal
}

/** How long one request may take before it counts as unanswered (and may be tried again). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000

/** An answer whose body is still to be read: for downloads, which are streamed to disk rather than held. */
export interface HttpStream {
  status: number
  headers: http.IncomingHttpHeaders
  /** The body; a failure while reading it is a NetworkError (the signal's reason once the request is aborted). */
  body: Readable
}

export interface HttpStreamRequest extends Omit<HttpRequest, 'timeoutMs'> {
  /** Until the answer's head arrives. */
  timeoutMs?: number
  /** How long the body may stop flowing before the transfer counts as stalled. */
  idleTimeoutMs: number
}

interface Settle<T> {
  resolve(value: T): void
  fail(err: unknown): void
}

export class HttpTransport {
  // Enough sockets that the retag of many tags goes out in one wave rather than several.
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 })
  private readonly httpsAgent: https.Agent
  private readonly proxyAgents = new Map<string, http.Agent>()
  private readonly secureContext?: tls.SecureContext

  constructor(
    private readonly trust: TlsTrust,
    private readonly env: NodeJS.ProcessEnv = process.env
  ) {
    // One secure context for every connection: given a `ca` list instead, Node parses the system's roots
    // again for each new connection, about 25 ms each. The cluster's CA is added to Node's default roots
    // (contextTrusting), which (from Node 22.15 and 24) hold NODE_EXTRA_CA_CERTS and, with --use-system-ca, the
    // system's store too: a runner that trusts its company's CA that way still does once a cluster CA is given.
    this.secureContext = trust.caPem ? contextTrusting(trust.caPem) : undefined
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

  /** One exchange, its answer read whole, within a deadline from the request to the last byte. */
  request(req: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = req.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    // A deadline for the whole exchange, not an idle timer: a server that trickles or never answers
    // must not hold the step for minutes.
    return this.exchange<HttpResponse>(req, timeoutMs, (response, _, settle) => {
      const chunks: Buffer[] = []
      response.on('data', (c: Buffer) => chunks.push(c))
      response.on('error', err => settle.fail(this.failure(err, req, timeoutMs)))
      response.on('end', () =>
        settle.resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks)
        })
      )
    })
  }

  /**
   * One exchange whose answer is handed over at its head, the body unread: the deadline covers the wait for the
   * head, and after it the body may not stop flowing for longer than `idleTimeoutMs`.
   */
  stream(req: HttpStreamRequest): Promise<HttpStream> {
    return this.exchange<HttpStream>(
      req,
      req.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      (response, request, settle) => {
        const body = new PassThrough()
        // The body's failures in the transport's own words, as the request's are; the first one stands.
        const cut = (err: Error) => body.destroy(this.failure(err, req, req.idleTimeoutMs))
        request.setTimeout(req.idleTimeoutMs, () => {
          cut(stalled(req.idleTimeoutMs))
          request.destroy()
        })
        response.on('error', cut)
        response.on('close', () => {
          if (!response.complete) cut(connectionCut())
        })
        response.pipe(body)
        settle.resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
      }
    )
  }

  /** Sends the request under a deadline that ends when `onResponse` settles (or fails) the exchange. */
  private exchange<T>(
    req: HttpRequest,
    timeoutMs: number,
    onResponse: (response: http.IncomingMessage, request: http.ClientRequest, settle: Settle<T>) => void
  ): Promise<T> {
    const refused = refusal(req)
    if (refused) return Promise.reject(refused)
    return new Promise<T>((resolve, reject) => {
      let deadline: NodeJS.Timeout | undefined
      let settled = false
      const arm = () => {
        if (!settled) deadline = setTimeout(() => request.destroy(timedOut(timeoutMs)), timeoutMs)
      }
      const streamed = req.body instanceof Readable ? req.body : undefined
      if (streamed) streamed.once('end', arm)
      else arm()
      const settle: Settle<T> = {
        resolve: value => {
          settled = true
          clearTimeout(deadline)
          resolve(value)
        },
        fail: err => {
          settled = true
          clearTimeout(deadline)
          reject(err)
        }
      }
      const request = this.send(req, timeoutMs, settle.fail, response =>
        onResponse(response, request, settle)
      )
      if (streamed) {
        const idleMs = req.idleTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
        request.setTimeout(idleMs, () => request.destroy(stalled(idleMs)))
      }
    })
  }

  /** Starts the request; `fail` gets any failure before the answer's head, in the transport's words. */
  private send(
    req: HttpRequest,
    timeoutMs: number,
    fail: (err: unknown) => void,
    onResponse: (response: http.IncomingMessage) => void
  ): http.ClientRequest {
    const isHttps = req.url.protocol === 'https:'
    const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body
    const headers: Record<string, string> = { 'User-Agent': 'rahti-push', ...req.headers }
    if (Buffer.isBuffer(body)) headers['Content-Length'] = String(body.length)
    const proxy = proxyFor(req.url, this.env)
    const options: https.RequestOptions =
      proxy && !isHttps
        ? {
            // Plain HTTP through a proxy: the absolute URL goes to the proxy (in TLS to an https:// one), which
            // forwards it.
            host: proxy.hostname.replace(/^\[|\]$/g, ''),
            port: proxyPort(proxy),
            path: req.url.href,
            method: req.method,
            headers: { ...headers, Host: req.url.host, ...proxyAuthorization(proxy) },
            agent: this.forwardingAgent(proxy),
            servername: proxyServername(proxy)
          }
        : {
            host: req.url.hostname.replace(/^\[|\]$/g, ''),
            port: req.url.port || (isHttps ? 443 : 80),
            path: `${req.url.pathname}${req.url.search}`,
            method: req.method,
            headers,
            agent: isHttps ? (proxy ? this.tunnelAgent(proxy) : this.httpsAgent) : this.httpAgent
          }
    const viaTls = isHttps || proxy?.protocol === 'https:'
    const request = (viaTls ? https : http).request(options, onResponse)
    // Destroyed without an error, the reason given to the caller directly: a request destroyed with an error before
    // its connection is assigned hands the error to the new socket before anyone listens there, and that unheard
    // 'error' would end the step with Node's stack trace.
    const abort = () => {
      fail(req.signal?.reason)
      request.destroy()
    }
    req.signal?.addEventListener('abort', abort, { once: true })
    request.once('close', () => req.signal?.removeEventListener('abort', abort))
    request.on('error', (err: Error & { code?: string }) => {
      if (req.signal?.aborted) return fail(req.signal.reason)
      // A TLS server drops a plain-HTTP request without a word; find out rather than retry it as a hiccup.
      if (!isHttps && !proxy && err.code === 'ECONNRESET') {
        void speaksTls(req.url).then(tls =>
          fail(tls ? speaksTlsError(req.url) : toNetworkError(err, req.url, timeoutMs))
        )
        return
      }
      // Forwarded plain HTTP: a connection to the proxy that never came up, or its certificate, is the proxy's
      // failure, so it is named (a deadline that passed stays a timeout, which may be tried again).
      const atProxy = !request.socket?.remoteAddress && err.code !== 'ETIMEDOUT'
      if (proxy && !isHttps && (atProxy || isCertificateCode(err.code)))
        return fail(proxyError(err, proxy, req.url))
      fail(toNetworkError(err, req.url, timeoutMs))
    })
    if (body instanceof Readable) {
      // A failed request stops the stream's producer too (it must not wait on a body nobody reads).
      body.once('error', err => request.destroy(err))
      request.once('close', () => {
        if (!body.readableEnded) body.destroy(request.errored ?? connectionCut())
      })
      body.pipe(request)
    } else request.end(body)
    return request
  }

  /** A failure while reading an answer: the signal's reason once aborted, else a NetworkError. */
  private failure(err: Error & { code?: string }, req: HttpRequest, timeoutMs: number): Error {
    return req.signal?.aborted ? (req.signal.reason as Error) : toNetworkError(err, req.url, timeoutMs)
  }

  /** The agent for plain HTTP forwarded by a proxy: keep-alive to the proxy, in TLS to an https:// one. */
  private forwardingAgent(proxy: URL): http.Agent {
    if (proxy.protocol !== 'https:') return this.httpAgent
    return this.proxyAgent(`forward ${proxy.href}`, () => new https.Agent(this.proxyTlsOptions(proxy)))
  }

  /** TLS to an https:// proxy: verified always (a skipped check is for the cluster only), by the same roots. */
  private proxyTlsOptions(proxy: URL): https.AgentOptions {
    return {
      keepAlive: true,
      maxSockets: 32,
      secureContext: this.secureContext,
      // The proxy's own name, not the Host header's (Node's default); '' for an address, which SNI cannot carry.
      servername: proxyServername(proxy)
    }
  }

  private proxyAgent(key: string, make: () => http.Agent): http.Agent {
    let agent = this.proxyAgents.get(key)
    if (!agent) {
      agent = make()
      this.proxyAgents.set(key, agent)
    }
    return agent
  }

  /** An agent whose connections are tunnelled through the proxy with CONNECT, then TLS to the server. */
  private tunnelAgent(proxy: URL): https.Agent {
    return this.proxyAgent(`tunnel ${proxy.href}`, () => {
      const agent = new https.Agent(this.tlsOptions())
      ;(agent as unknown as { createConnection: unknown }).createConnection = (
        options: tls.ConnectionOptions & { host: string; port: number },
        callback: (err: Error | null, socket?: Duplex) => void
      ) => {
        const target = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`
        const connectOptions: https.RequestOptions = {
          host: proxy.hostname.replace(/^\[|\]$/g, ''),
          port: proxyPort(proxy),
          method: 'CONNECT',
          path: target,
          headers: { Host: target, ...proxyAuthorization(proxy) },
          agent: false
        }
        const connect =
          proxy.protocol === 'https:'
            ? https.request({ ...connectOptions, ...this.proxyTlsOptions(proxy), agent: false })
            : http.request(connectOptions)
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
      return agent
    }) as https.Agent
  }

  close(): void {
    this.httpAgent.destroy()
    this.httpsAgent.destroy()
    for (const agent of this.proxyAgents.values()) agent.destroy()
  }
}

/**
 * Node's default roots with the cluster's CA added. On Node 24 the CA goes into a copy of Node's own store, made
 * in C++ from the roots it has already parsed (about 1-2 ms); a `ca` list instead has every root parsed from PEM
 * again, 6-19 ms measured on a 2-core runner (the more with NODE_EXTRA_CA_CERTS), on the way to the first
 * request. The copy holds what the default list does (NODE_EXTRA_CA_CERTS, --use-system-ca's store); Node 20's
 * leaves NODE_EXTRA_CA_CERTS out, so older Nodes are handed the list.
 */
function contextTrusting(caPem: string): tls.SecureContext {
  if (Number(process.versions.node.split('.')[0]) >= 24) {
    const context = tls.createSecureContext()
    // The native context behind the public one: its addCACert adds to a store of this context's own.
    const native = (context as { context?: { addCACert?: (pem: string) => void } }).context
    if (typeof native?.addCACert === 'function') {
      native.addCACert(caPem)
      return context
    }
  }
  return tls.createSecureContext({ ca: [...defaultCertificates(), caPem] })
}

/** Node's default trusted CAs (with NODE_EXTRA_CA_CERTS and the system store where asked for), else its bundle. */
function defaultCertificates(): readonly string[] {
  const withDefaults = tls as { getCACertificates?: (type: 'default') => string[] }
  return withDefaults.getCACertificates?.('default') ?? tls.rootCertificates
}

function timedOut(ms: number): Error {
  return Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' })
}

function stalled(ms: number): Error {
  return Object.assign(new Error(`nothing arrived for ${Math.round(ms / 1000)} s`), { code: 'ESTALLED' })
}

function connectionCut(): Error {
  return Object.assign(new Error('the connection was closed before the end of the answer'), {
    code: 'ECONNRESET'
  })
}

/** Why a request is not sent at all: its signal is aborted, or the run was stopped (cancelled, timed out). */
function refusal(req: HttpRequest): unknown {
  if (req.signal?.aborted) return req.signal.reason
  // No stream may be created after the step failed.
  if (wasCancelled())
    return new UserError(`The run was stopped; ${req.method} ${req.url.pathname} was not sent.`)
  return undefined
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
  if (isCertificateCode(code)) {
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

function proxyServername(proxy: URL): string {
  const host = proxy.hostname.replace(/^\[|\]$/g, '')
  return isIP(host) ? '' : host
}

function isCertificateCode(code: string | undefined): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|HOSTNAME/i.test(code ?? '')
}

/** The proxy failed us, not the server: said so, as the tunnel's failures are (EPROXY). */
function proxyError(err: Error & { code?: string }, proxy: URL, url: URL): NetworkError {
  const code = err.code ?? 'EUNKNOWN'
  const where = `${proxy.protocol}//${proxy.host}`
  const why = isCertificateCode(code)
    ? `its TLS certificate is not trusted (${code}); give Node its CA in NODE_EXTRA_CA_CERTS`
    : `${err.message} (${code})`
  return new NetworkError(`The proxy ${where} could not be used for ${url.origin}: ${why}.`, 'EPROXY', url)
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
