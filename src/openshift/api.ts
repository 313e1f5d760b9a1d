// A small typed client of the OpenShift REST API. Failures come back as HttpStatusError carrying the
// Status object's reason, so callers decide on facts (NotFound, AlreadyExists), not on text.
import { HttpStatusError, retryAfterMs } from '../util/errors.js'
import type { HttpTransport } from '../util/http.js'
import { classifyHttpFailure, DEFAULT_RETRY, type RetryPolicy, withRetry } from '../util/retry.js'
import { type ResourceAttributes, type ResourceRule, rulesAllow } from './rules.js'

export type { ResourceAttributes }

interface StatusBody {
  kind?: string
  message?: string
  reason?: string
}

interface RulesReview {
  status?: { resourceRules?: ResourceRule[]; incomplete?: boolean }
}

export class OpenShiftApi {
  /** The rules that apply to this identity, per namespace, once asked (undefined: they cannot answer alone). */
  private readonly rules = new Map<string, Promise<ResourceRule[] | undefined>>()

  constructor(
    /** The server's URL, with no path (inputs.ts refuses one). */
    readonly server: URL,
    private readonly token: string,
    private readonly transport: HttpTransport,
    private readonly retry: RetryPolicy = DEFAULT_RETRY
  ) {}

  /** The same server and connections, another identity (after a token exchange). */
  withToken(token: string): OpenShiftApi {
    return new OpenShiftApi(this.server, token, this.transport, this.retry)
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path)
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body)
  }

  /** A JSON merge patch (RFC 7386): the fields given replace those on the server, lists whole. */
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body, 'application/merge-patch+json')
  }

  delete(path: string): Promise<unknown> {
    return this.request('DELETE', path)
  }

  /** A GET whose answer is text, not JSON (a pod's log). */
  text(path: string): Promise<string> {
    return this.request<string>('GET', path, undefined, 'application/json', 'text')
  }

  /**
   * Whether another user (in `groups`) may do something here (LocalSubjectAccessReview, which the project's
   * admin may ask): the cluster's own answer, counting every binding, not only the ones this action made.
   */
  async mayThey(user: string, groups: string[], attributes: ResourceAttributes): Promise<boolean> {
    const review = await this.post<{ status?: { allowed?: boolean } }>(
      `/apis/authorization.k8s.io/v1/namespaces/${attributes.namespace}/localsubjectaccessreviews`,
      {
        kind: 'LocalSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: { namespace: attributes.namespace },
        spec: { user, groups, resourceAttributes: attributes }
      }
    )
    return review.status?.allowed === true
  }

  /**
   * Whether this identity may do something, asked of the API rather than guessed: from the rules one
   * SelfSubjectRulesReview lists for the namespace, which answers every question about it (the preflight asks three
   * at once: one request and one connection where three SelfSubjectAccessReviews took three). Where the cluster
   * says its list is incomplete (an authorizer besides RBAC takes part) or cannot give one, the question goes to a
   * SelfSubjectAccessReview, the authorizer's own answer.
   */
  async mayI(attributes: ResourceAttributes): Promise<boolean> {
    const rules = attributes.namespace ? await this.rulesIn(attributes.namespace) : undefined
    if (rules) return rulesAllow(rules, attributes)
    return this.accessReview(attributes)
  }

  /** The rules of this identity in `namespace`, asked once; undefined where they cannot answer alone. */
  private rulesIn(namespace: string): Promise<ResourceRule[] | undefined> {
    let rules = this.rules.get(namespace)
    if (!rules) {
      rules = this.post<RulesReview>('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
        kind: 'SelfSubjectRulesReview',
        apiVersion: 'authorization.k8s.io/v1',
        spec: { namespace }
      }).then(
        review =>
          review.status && !review.status.incomplete ? (review.status.resourceRules ?? []) : undefined,
        // A cluster that refuses the review, or a failed request: each question asks on its own, and fails there.
        () => undefined
      )
      this.rules.set(namespace, rules)
    }
    return rules
  }

  private async accessReview(attributes: ResourceAttributes): Promise<boolean> {
    const review = await this.post<{ status?: { allowed?: boolean } }>(
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      {
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        spec: { resourceAttributes: attributes }
      }
    )
    return review.status?.allowed === true
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    answer: 'json' | 'text' = 'json'
  ): Promise<T> {
    const url = new URL(path, this.server)
    return withRetry(
      `${method} ${path}`,
      async () => {
        const res = await this.transport.request({
          method,
          url,
          headers: {
            Authorization: `Bearer ${this.token}`,
            Accept: answer === 'json' ? 'application/json' : '*/*',
            ...(body === undefined ? {} : { 'Content-Type': contentType })
          },
          body: body === undefined ? undefined : JSON.stringify(body)
        })
        const text = res.body.toString('utf8')
        if (res.status >= 200 && res.status < 300)
          return answer === 'text' ? (text as T) : parseJson<T>(text, method, url)
        if (res.status === 400 && /HTTP request to an HTTPS server/i.test(text)) {
          // Go's TLS servers (the real API server) answer plain HTTP with this 400.
          throw new HttpStatusError(
            `${url.origin} speaks HTTPS on that port: use https://${url.host}.`,
            400,
            `${method} ${url.pathname}`,
            'SpeaksHttps'
          )
        }
        let status: StatusBody = {}
        try {
          status = JSON.parse(text) as StatusBody
        } catch {
          // Not a Status object (a proxy's HTML page, say): the HTTP status speaks for itself.
        }
        throw new HttpStatusError(
          `${method} ${url.pathname} answered HTTP ${res.status}${status.message ? `: ${status.message}` : ''}`,
          res.status,
          `${method} ${url.pathname}`,
          status.reason,
          retryAfterMs(res.headers)
        )
      },
      classifyHttpFailure,
      this.retry
    )
  }
}

function parseJson<T>(text: string, method: string, url: URL): T {
  if (!text) return {} as T
  try {
    return JSON.parse(text) as T
  } catch {
    // A 200 with a web page: the server is a console or a proxy's sign-in page, not the API.
    throw new HttpStatusError(
      `${method} ${url.pathname} answered with a web page, not the API's JSON: ${url.origin} is not an OpenShift API server (the console's URL, perhaps). Give the API URL, e.g. https://api.2.rahti.csc.fi:6443.`,
      200,
      `${method} ${url.pathname}`,
      'NotAnApi'
    )
  }
}
