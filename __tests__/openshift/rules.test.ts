// Rights read from a SelfSubjectRulesReview: the RBAC authorizer's matching of a request against a rule, and
// OpenShiftApi.mayI asking one review per namespace (a SelfSubjectAccessReview where the list cannot answer alone).
import { describe, expect, test } from '@jest/globals'

import { OpenShiftApi, type ResourceAttributes } from '../../src/openshift/api.js'
import { type ResourceRule, ruleAllows } from '../../src/openshift/rules.js'
import type { HttpRequest, HttpResponse, HttpTransport } from '../../src/util/http.js'

const PUSH: ResourceAttributes = {
  namespace: 'demo',
  verb: 'update',
  group: 'image.openshift.io',
  resource: 'imagestreams',
  subresource: 'layers',
  name: 'app'
}
const CREATE: ResourceAttributes = {
  namespace: 'demo',
  verb: 'create',
  group: 'image.openshift.io',
  resource: 'imagestreams'
}

describe('a rule against a request', () => {
  const rule = (r: Partial<ResourceRule>): ResourceRule => ({
    verbs: ['get', 'update'],
    apiGroups: ['image.openshift.io'],
    resources: ['imagestreams/layers'],
    ...r
  })

  test('verb, group and resource (with its subresource) must each match, or be a star', () => {
    expect(ruleAllows(rule({}), PUSH)).toBe(true)
    expect(ruleAllows(rule({ verbs: ['get'] }), PUSH)).toBe(false)
    expect(ruleAllows(rule({ verbs: ['*'] }), PUSH)).toBe(true)
    expect(ruleAllows(rule({ apiGroups: [''] }), PUSH)).toBe(false)
    expect(ruleAllows(rule({ apiGroups: ['*'] }), PUSH)).toBe(true)
    expect(ruleAllows(rule({ apiGroups: undefined }), PUSH)).toBe(false)
    // The resource alone does not cover its subresource, nor the subresource the resource.
    expect(ruleAllows(rule({ resources: ['imagestreams'] }), PUSH)).toBe(false)
    expect(ruleAllows(rule({ verbs: ['create'] }), CREATE)).toBe(false)
    expect(ruleAllows(rule({ resources: ['*'] }), PUSH)).toBe(true)
    expect(ruleAllows(rule({ resources: ['*/layers'] }), PUSH)).toBe(true)
    expect(ruleAllows(rule({ resources: ['*/status'] }), PUSH)).toBe(false)
    expect(ruleAllows(rule({ resources: ['*/layers'], verbs: ['create'] }), CREATE)).toBe(false)
  })

  test('a rule limited to names allows only a request naming one of them', () => {
    expect(ruleAllows(rule({ resourceNames: ['app'] }), PUSH)).toBe(true)
    expect(ruleAllows(rule({ resourceNames: ['other'] }), PUSH)).toBe(false)
    expect(ruleAllows(rule({ resourceNames: [] }), PUSH)).toBe(true)
    const named = { verbs: ['create'], apiGroups: ['image.openshift.io'], resources: ['imagestreams'] }
    expect(ruleAllows({ ...named, resourceNames: ['app'] }, CREATE)).toBe(false)
    expect(ruleAllows(named, CREATE)).toBe(true)
  })
})

/** An API answering rules reviews with `review` (or `status`) and access reviews with `allowed`; every request kept. */
function fakeApi(answer: { review?: unknown; reviewStatus?: number; allowed?: boolean }): {
  api: OpenShiftApi
  paths: string[]
} {
  const paths: string[] = []
  const respond = (status: number, body: unknown): HttpResponse => ({
    status,
    headers: {},
    body: Buffer.from(JSON.stringify(body))
  })
  const transport = {
    request: async (req: HttpRequest): Promise<HttpResponse> => {
      const path = req.url.pathname.split('/').pop()!
      paths.push(path)
      if (path === 'selfsubjectrulesreviews')
        return respond(answer.reviewStatus ?? 201, answer.review ?? { kind: 'Status', reason: 'Forbidden' })
      return respond(201, { status: { allowed: answer.allowed ?? false } })
    }
  } as unknown as HttpTransport
  const api = new OpenShiftApi(new URL('https://api.example:6443'), 'token', transport, {
    attempts: 1,
    baseDelayMs: 0,
    maxDelayMs: 0
  })
  return { api, paths }
}

const PUSHER = [
  { verbs: ['get', 'update'], apiGroups: ['image.openshift.io'], resources: ['imagestreams/layers'] }
]

describe('mayI', () => {
  test('questions about one namespace asked at once: one rules review answers them all', async () => {
    const { api, paths } = fakeApi({ review: { status: { resourceRules: PUSHER, incomplete: false } } })
    const answers = await Promise.all([api.mayI(PUSH), api.mayI(CREATE), api.mayI({ ...PUSH, verb: 'get' })])
    expect(answers).toEqual([true, false, true])
    expect(await api.mayI({ ...PUSH, namespace: 'other' })).toBe(true)
    expect(paths).toEqual(['selfsubjectrulesreviews', 'selfsubjectrulesreviews'])
  })

  test('an incomplete list, a refused review or a question without a namespace: the access review answers', async () => {
    const incomplete = fakeApi({ review: { status: { resourceRules: [], incomplete: true } }, allowed: true })
    expect(await incomplete.api.mayI(CREATE)).toBe(true)
    expect(incomplete.paths).toEqual(['selfsubjectrulesreviews', 'selfsubjectaccessreviews'])

    const refused = fakeApi({ reviewStatus: 403, allowed: true })
    expect(await Promise.all([refused.api.mayI(PUSH), refused.api.mayI(CREATE)])).toEqual([true, true])
    expect(refused.paths.sort()).toEqual([
      'selfsubjectaccessreviews',
      'selfsubjectaccessreviews',
      'selfsubjectrulesreviews'
    ])

    const cluster = fakeApi({ review: { status: { resourceRules: PUSHER } }, allowed: false })
    expect(await cluster.api.mayI({ ...CREATE, namespace: '' })).toBe(false)
    expect(cluster.paths).toEqual(['selfsubjectaccessreviews'])
  })
})
