// Pure logic of the action: retry decisions, identity parsing, grant commands, registry URLs, file commands.
import { describe, expect, jest, test } from '@jest/globals'

jest.unstable_mockModule('@actions/core', () => ({
  info: jest.fn(),
  debug: jest.fn(),
  warning: jest.fn(),
  notice: jest.fn(),
  setSecret: jest.fn()
}))
const { withRetry, classifyHttpFailure } = await import('../src/util/retry.js')
const { retryAfterMs, NetworkError, HttpStatusError } = await import('../src/util/errors.js')
const { toIdentity } = await import('../src/openshift/identity.js')
const { grantCommand, createDenied, pushDenied } = await import('../src/preflight.js')
const isTransientNetworkError = (err: unknown) => classifyHttpFailure(err).retry
const { registrySchemes } = await import('../src/registry/client.js')
const { hostOf } = await import('../src/openshift/imagestream.js')

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 }

describe('withRetry', () => {
  test('retries what may pass, with growing waits, and honours a longer Retry-After', async () => {
    const waits: number[] = []
    let calls = 0
    const result = await withRetry(
      'x',
      async () => {
        if (++calls < 4) throw Object.assign(new Error('busy'), { after: calls === 2 ? 700 : undefined })
        return 'ok'
      },
      err => ({ retry: true, afterMs: (err as { after?: number }).after }),
      policy,
      async ms => {
        waits.push(ms)
      }
    )
    expect(result).toBe('ok')
    expect(waits).toEqual([100, 700, 400])
  })

  test('gives up after the last attempt with the last error', async () => {
    let calls = 0
    await expect(
      withRetry(
        'x',
        async () => Promise.reject(new Error(`fail ${++calls}`)),
        () => ({ retry: true }),
        policy,
        async () => {}
      )
    ).rejects.toThrow('fail 4')
  })

  test('does not retry what cannot pass', async () => {
    let calls = 0
    await expect(
      withRetry(
        'x',
        async () => Promise.reject(new Error(`fail ${++calls}`)),
        () => ({ retry: false }),
        policy,
        async () => {}
      )
    ).rejects.toThrow('fail 1')
  })

  test('keeps the type of the last error, with a message that says the tries ran out', async () => {
    const last = new HttpStatusError('GET /x answered HTTP 503', 503, 'GET /x')
    const failure = await withRetry(
      'GET /x',
      async () => Promise.reject(last),
      classifyHttpFailure,
      policy,
      async () => {}
    ).catch((err: unknown) => err)
    expect(failure).toBeInstanceOf(HttpStatusError)
    expect((failure as InstanceType<typeof HttpStatusError>).status).toBe(503)
    expect((failure as Error).message).toMatch(
      /GET \/x failed 4 times, the last with: GET \/x answered HTTP 503\. .*run the job again later/
    )
  })

  test('caps a long Retry-After at the policy maximum', async () => {
    const waits: number[] = []
    let calls = 0
    await withRetry(
      'x',
      async () => {
        if (++calls < 2) throw new Error('x')
      },
      () => ({ retry: true, afterMs: 3_600_000 }),
      policy,
      async ms => {
        waits.push(ms)
      }
    )
    expect(waits).toEqual([1000])
  })
})

describe('retryAfterMs', () => {
  test.each([
    [{}, undefined],
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': 'soon' }, undefined]
  ])('%j -> %j', (headers, ms) => expect(retryAfterMs(headers)).toBe(ms))
  test('an HTTP date in the future', () => {
    const ms = retryAfterMs({ 'retry-after': new Date(Date.now() + 5000).toUTCString() })!
    expect(ms).toBeGreaterThan(3000)
    expect(ms).toBeLessThanOrEqual(5000)
  })
})

describe('isTransientNetworkError', () => {
  const url = new URL('https://x')
  test.each([
    ['ECONNRESET', true],
    ['ETIMEDOUT', true],
    ['ECONNREFUSED', false],
    ['ENOTFOUND', false],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', false]
  ])('%s -> %s', (code, transient) =>
    expect(isTransientNetworkError(new NetworkError('x', code, url))).toBe(transient)
  )
  test('other errors are not transient', () =>
    expect(isTransientNetworkError(new Error('ECONNRESET'))).toBe(false))
})

describe('toIdentity', () => {
  test.each([
    [
      { username: 'system:serviceaccount:demo:pusher', groups: ['system:serviceaccounts'] },
      'eyJ',
      {
        username: 'system:serviceaccount:demo:pusher',
        serviceAccount: { namespace: 'demo', name: 'pusher' },
        personal: false
      }
    ],
    [{ username: 'alice' }, 'sha256~abc', { username: 'alice', serviceAccount: undefined, personal: true }],
    [{ username: 'system:serviceaccount:broken' }, 'x', { serviceAccount: undefined, personal: false }]
  ])('%j', (info, token, expected) => expect(toIdentity(info, token)).toMatchObject(expected))
})

describe('grant commands', () => {
  const sa = toIdentity({ username: 'system:serviceaccount:demo:pusher' }, 'eyJ')
  test.each([
    ['demo', 'oc policy add-role-to-user system:image-builder -z pusher -n demo'],
    ['prod', 'oc policy add-role-to-user system:image-builder system:serviceaccount:demo:pusher -n prod']
  ])('in %s', (project, command) => expect(grantCommand('system:image-builder', sa, project)).toBe(command))
  test('the create error names the identity, the stream and both fixes', () => {
    const message = createDenied(sa, 'demo', 'app').message
    expect(message).toContain('system:serviceaccount:demo:pusher')
    expect(message).toContain('oc create imagestream app -n demo')
    expect(message).toContain('oc policy add-role-to-user system:image-builder -z pusher -n demo')
  })
  test('the push error names system:image-pusher', () => {
    expect(pushDenied(sa, 'demo', 'app').message).toContain('system:image-pusher -z pusher -n demo')
  })
})

describe('registry URLs', () => {
  test.each([
    ['127.0.0.1:5000', 'https,http'],
    ['localhost:5000', 'https,http'],
    ['image-registry.apps.2.rahti.csc.fi', 'https']
  ])('%s -> %s', (host, schemes) => expect(registrySchemes(host).join(',')).toBe(schemes))
  test.each([
    ['image-registry.apps.2.rahti.csc.fi/demo/app', 'image-registry.apps.2.rahti.csc.fi'],
    ['127.0.0.1:5000/demo/app', '127.0.0.1:5000'],
    [undefined, undefined],
    ['', undefined]
  ])('hostOf(%j) = %j', (repo, host) => expect(hostOf(repo)).toBe(host))
})
