// Which failed pushes are worth another try, read from what the tools print: recorded podman and skopeo output
// (fixtures/recorded/) and Docker's wordings, and what the user is told when a push fails for good.
import { describe, expect, test } from '@jest/globals'

import {
  explainPushFailure,
  isTransientPushFailure,
  toolCause,
  toolMessage
} from '../../src/engines/failures.js'
import { ExecError } from '../../src/util/exec.js'
import { recorded } from '../fixtures/recorded.js'

function failed(tool: string, stderr: string, exitCode = 125): ExecError {
  return new ExecError(tool, { exitCode, stdout: '', stderr })
}

describe('isTransientPushFailure', () => {
  test.each([
    ['podman/push-refused.stderr', 'podman', true],
    ['podman/push-503.stderr', 'podman', true],
    ['skopeo/copy-503.stderr', 'skopeo', true],
    ['skopeo/inspect-missing.stderr', 'skopeo', false]
  ])('recorded %s: transient %s', (file, tool, transient) => {
    expect(isTransientPushFailure(failed(tool, recorded(file)))).toBe(transient)
  })

  test.each([
    ['received unexpected HTTP status: 502 Bad Gateway', true],
    ['received unexpected HTTP status: 503 Service Unavailable', true],
    ['Get "https://registry/v2/": net/http: TLS handshake timeout', true],
    ['toomanyrequests: too many requests', true],
    ['write tcp 10.0.0.2:4242->10.0.0.3:443: write: broken pipe', true],
    ['read tcp: connection reset by peer', true],
    ['unexpected EOF', true],
    ['dial tcp: i/o timeout', true],
    ['denied: requested access to the resource is denied', false],
    ['unauthorized: authentication required', false],
    ['manifest invalid: manifest invalid', false],
    ['blob upload unknown', false],
    // A number that only looks like a status is not one.
    ['layer sha256:5030 too large', false]
  ])('%j: transient %s', (stderr, transient) => {
    expect(isTransientPushFailure(failed('docker', stderr))).toBe(transient)
  })

  test('only a program that failed counts: other errors are not push failures', () => {
    expect(isTransientPushFailure(new Error('503 Service Unavailable'))).toBe(false)
  })
})

describe('explainPushFailure', () => {
  test('a refusal after the preflight points at the size limit and quota', () => {
    const err = explainPushFailure(
      'podman',
      'reg/demo/app:v1',
      failed('podman', 'Error: denied: requested access to the resource is denied')
    )
    expect(err.message).toMatch(
      /^The registry refused the push of reg\/demo\/app:v1 \(Error: denied: requested access to the resource is denied\) although the account may push there: the image most likely exceeds/
    )
  })

  test("anything else is the tool's last line, not its whole log", () => {
    const err = explainPushFailure(
      'podman',
      'reg/demo/app:v1',
      failed('podman', recorded('podman/push-refused.stderr'))
    )
    expect(err.message).toBe(
      'podman push reg/demo/app:v1 failed: Error: trying to reuse blob sha256:285b819f6c72f388af625fc45339630ef296cfd48ba42d950fc3a0c19bf973b6 at destination: pinging container registry 127.0.0.1:9: Get "http://127.0.0.1:9/v2/": dial tcp 127.0.0.1:9: connect: connection refused.'
    )
    expect(err.message).not.toContain('retrying in 1s')
  })
})

describe("a tool's last word", () => {
  const fatal =
    'time="2026-12-02T09:00:00Z" level=fatal msg="Error parsing image name \\"docker-archive:/x\\": opening file: read /x: is a directory"'

  test('a logrus line is unwrapped: no time, no level, no quoting', () => {
    expect(toolMessage(`some progress\n${fatal}\n`)).toBe(
      'Error parsing image name "docker-archive:/x": opening file: read /x: is a directory'
    )
    expect(toolCause(fatal)).toBe('is a directory')
  })

  test('any other last line is kept as it is, without a final period', () => {
    expect(toolMessage('Error: denied: requested access to the resource is denied.')).toBe(
      'Error: denied: requested access to the resource is denied'
    )
    expect(toolMessage('')).toBe('no output')
  })
})
