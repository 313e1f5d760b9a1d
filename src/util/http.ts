// A small HTTP client on node:http(s), shared by the OpenShift API client and the registry client.
// Node's own modules, because the cluster's CA must be added to (not replace) the system roots, and
// because a keep-alive agent per server keeps each extra API call to one round trip.
import http from 'node:http'
import https from 'node:https'
import tls from 'node:tls'
import type { Trust } from '../inputs.js'

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
  timeoutMs?: number
}

/** A transport failure (no HTTP answer): the code says which, for retry decisions and messages. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly url: URL
  ) {
    super(message)
    this.name = 'NetworkError'
  }
}

export class HttpClient {
  // Enough sockets that the retag of many tags goes out in one wave rather than several.
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 })
  private readonly httpsAgent: https.Agent

  constructor(trust: Trust) {
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      maxSockets: 32,
      // One secure context for every connection: given a `ca` list instead, Node parses the system's roots
      // again for each new connection, about 25 ms each.
      secureContext: trust.caPem
        ? tls.createSecureContext({ ca: [...tls.rootCertificates, trust.caPem] })
        : undefined,
      rejectUnauthorized: !trust.insecureSkipTlsVerify
    })
  }

  request(req: HttpRequest): Promise<HttpResponse> {
    const isHttps = req.url.protocol === 'https:'
    const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body
    const headers: Record<string, string> = { 'User-Agent': 'rahti-push', ...req.headers }
    if (body) headers['Content-Length'] = String(body.length)
    return new Promise((resolve, reject) => {
      const request = (isHttps ? https : http).request(
        req.url,
        { method: req.method, headers, agent: isHttps ? this.httpsAgent : this.httpAgent },
        response => {
          const chunks: Buffer[] = []
          response.on('data', (c: Buffer) => chunks.push(c))
          response.on('error', err => reject(toNetworkError(err, req.url)))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks)
            })
          )
        }
      )
      request.setTimeout(req.timeoutMs ?? 30_000, () => {
        request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }))
      })
      request.on('error', err => reject(toNetworkError(err, req.url)))
      request.end(body)
    })
  }

  close(): void {
    this.httpAgent.destroy()
    this.httpsAgent.destroy()
  }
}

function toNetworkError(err: Error & { code?: string }, url: URL): NetworkError {
  const code = err.code ?? 'EUNKNOWN'
  const where = `${url.protocol}//${url.host}`
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new NetworkError(`The host of ${where} could not be resolved (${code}).`, code, url)
  }
  if (code === 'ECONNREFUSED') return new NetworkError(`${where} refused the connection.`, code, url)
  if (/CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|HOSTNAME/i.test(code)) {
    return new NetworkError(
      `The TLS certificate of ${where} is not trusted (${code}). Give the cluster's CA in 'certificate-authority', or set 'insecure-skip-tls-verify: true' for a test cluster.`,
      code,
      url
    )
  }
  return new NetworkError(`The connection to ${where} failed: ${err.message} (${code}).`, code, url)
}

/** Transport failures worth another try: the server may answer the next time. */
export function isTransientNetworkError(err: unknown): boolean {
  return (
    err instanceof NetworkError &&
    ['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN', 'UND_ERR_SOCKET'].includes(err.code)
  )
}

export const TRANSIENT_STATUSES = new Set([429, 502, 503, 504])

/** Retry-After in milliseconds, from seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: http.IncomingHttpHeaders): number | undefined {
  const value = headers['retry-after']
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}
