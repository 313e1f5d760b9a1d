// A small typed client of the OpenShift REST API. Failures come back as ApiError carrying the
// Status object's reason and code, so callers decide on facts (NotFound, AlreadyExists), not on text.
import { HttpClient, isTransientNetworkError, retryAfterMs, TRANSIENT_STATUSES } from '../util/http.js'
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../util/retry.js'

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly reason: string,
    readonly retryAfterMs?: number
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

interface StatusBody {
  kind?: string
  message?: string
  reason?: string
}

export class OpenShiftApi {
  constructor(
    readonly server: URL,
    private readonly token: string,
    private readonly http: HttpClient,
    private readonly retry: RetryPolicy = DEFAULT_RETRY
  ) {}

  /** The same server and connections, another identity (after a token exchange). */
  withToken(token: string): OpenShiftApi {
    return new OpenShiftApi(this.server, token, this.http, this.retry)
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path)
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body)
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, this.server)
    return withRetry(
      `${method} ${path}`,
      async () => {
        const res = await this.http.request({
          method,
          url,
          headers: {
            Authorization: `Bearer ${this.token}`,
            Accept: 'application/json',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
          },
          body: body === undefined ? undefined : JSON.stringify(body)
        })
        const text = res.body.toString('utf8')
        if (res.status >= 200 && res.status < 300) return (text ? JSON.parse(text) : {}) as T
        let status: StatusBody = {}
        try {
          status = JSON.parse(text) as StatusBody
        } catch {
          // Not a Status object (a proxy's HTML page, say): the HTTP status speaks for itself.
        }
        throw new ApiError(
          `${method} ${url.pathname} answered HTTP ${res.status}${status.message ? `: ${status.message}` : ''}`,
          res.status,
          status.reason || reasonOf(res.status),
          retryAfterMs(res.headers)
        )
      },
      err =>
        err instanceof ApiError
          ? { retry: TRANSIENT_STATUSES.has(err.code), afterMs: err.retryAfterMs }
          : { retry: isTransientNetworkError(err) }
    )
  }
}

function reasonOf(code: number): string {
  const reasons: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    409: 'AlreadyExists',
    429: 'TooManyRequests',
    500: 'InternalError',
    503: 'ServiceUnavailable'
  }
  return reasons[code] ?? 'Unknown'
}
