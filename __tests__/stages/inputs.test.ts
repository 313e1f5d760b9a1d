import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const {
  getInputs,
  parseDuration,
  parseTokenDuration,
  parseServer,
  parseBoolean,
  parsePlatform,
  readCertificateAuthority
} = await import('../../src/stages/inputs.js')
const { parseSource, parseRemote, remoteReference } = await import('../../src/image/source.js')
const { checkPlatform, runsOn } = await import('../../src/image/platform.js')

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'
const PEM = readFileSync(new URL('../fixtures/ca.pem', import.meta.url), 'utf8')

/** A push event: an empty token is an error there, whatever event the tests themselves run under. */
const PUSH = { name: 'push', actor: 'someone', payload: {} }

function reader(values: Record<string, string>) {
  return (name: string) => values[name] ?? ''
}

describe('getInputs', () => {
  test('applies the defaults', () => {
    const inputs = getInputs(reader({ token: TOKEN, image: 'app' }))
    expect(inputs).toMatchObject({
      token: TOKEN,
      project: undefined,
      image: 'app',
      tags: [{ tag: 'latest' }],
      source: 'app:latest',
      registry: undefined,
      createImageStream: true,
      trust: { caPem: undefined, insecureSkipTlsVerify: false },
      logout: true,
      tokenDuration: 3600,
      dryRun: false,
      retries: 4,
      timeout: undefined,
      skip: undefined
    })
    expect(inputs.server.href).toBe('https://api.2.rahti.csc.fi:6443/')
    expect(core.setSecret).toHaveBeenCalledWith(TOKEN)
  })

  test('access and prune: empty changes nothing; lists parsed, sorted and unique; none is the empty list', () => {
    expect(getInputs(reader({ token: TOKEN, image: 'app' }))).toMatchObject({
      access: { visibility: undefined, pullProjects: undefined, localLookup: undefined },
      prune: undefined
    })
    const set = getInputs(
      reader({
        token: TOKEN,
        image: 'app',
        visibility: 'Public',
        'pull-projects': 'zeta, alpha\nzeta',
        'local-lookup': 'false',
        prune: 'sha-*'
      })
    )
    expect(set.access).toEqual({ visibility: 'public', pullProjects: ['alpha', 'zeta'], localLookup: false })
    expect(set.prune).toEqual({ pattern: 'sha-*', keep: 10 })
    expect(
      getInputs(reader({ token: TOKEN, image: 'app', 'pull-projects': 'NONE' })).access.pullProjects
    ).toEqual([])
    expect(getInputs(reader({ token: TOKEN, image: 'app', prune: 'v?', keep: '0' })).prune).toEqual({
      pattern: 'v?',
      keep: 0
    })
  })

  test('the source defaults to the image under the first tag', () => {
    expect(getInputs(reader({ token: TOKEN, image: 'app', tags: 'v2 v3' })).source).toBe('app:v2')
  })

  test.each([
    [{ token: '' }, /Input 'token': required/],
    [{ token: 'short' }, /does not look like a token/],
    [{ token: `${TOKEN}\nextra` }, /does not look like a token/],
    [{ token: `Bearer ${TOKEN}` }, /does not look like a token/],
    [{ image: '' }, /Input 'image': required/],
    [{ image: 'My_App' }, /Input 'image'/],
    [{ project: 'CSC_2001234' }, /Input 'project'/],
    [{ tags: 'v1 -bad' }, /Input 'tags'/],
    [{ tags: 'docker.io/library/app:v1', registry: 'image-registry.apps.2.rahti.csc.fi' }, /Input 'tags'/],
    [{ tags: 'r.io/prod/app:v1', project: 'demo' }, /Input 'tags'/],
    [{ source: 'app; rm -rf /' }, /Input 'source'/],
    [{ source: '$(id)' }, /Input 'source'/],
    [{ server: 'api.2.rahti.csc.fi:6443' }, /Input 'server'/],
    [{ server: 'https://user:pw@api.example.org' }, /Input 'server'/],
    [{ registry: 'not a host' }, /Input 'registry'/],
    [{ 'create-imagestream': 'maybe' }, /Input 'create-imagestream'/],
    [{ 'insecure-skip-tls-verify': 'yes please' }, /Input 'insecure-skip-tls-verify'/],
    [{ logout: '2' }, /Input 'logout'/],
    [{ 'token-duration': '5m' }, /Input 'token-duration'/],
    [{ 'token-duration': '48h' }, /Input 'token-duration'/],
    [{ 'token-duration': 'soon' }, /Input 'token-duration'/],
    [{ 'certificate-authority': '/no/such/file.pem' }, /Input 'certificate-authority'/],
    [
      { 'certificate-authority': '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----' },
      /no PEM/
    ],
    [{ 'oc-version': '4.x' }, /oc-version/],
    [
      { visibility: 'everyone' },
      /^Input 'visibility': 'everyone' is not one of private, authenticated, public\.$/
    ],
    [{ 'pull-projects': 'other none' }, /^Input 'pull-projects': 'none' removes every project's access/],
    [{ 'pull-projects': 'other CSC_2001' }, /^Input 'pull-projects': 'CSC_2001' is not a Rahti project/],
    [{ 'local-lookup': 'sometimes' }, /^Input 'local-lookup': 'sometimes' is not a boolean/],
    [{ prune: 'sha-[0-9]*' }, /^Input 'prune': 'sha-\[0-9\]\*' is not a tag pattern/],
    [{ prune: 'sha-*', keep: '-1' }, /^Input 'keep': '-1' is not a whole number/],
    [{ keep: 'ten' }, /^Input 'keep'/],
    [{ 'dry-run': 'perhaps' }, /Input 'dry-run'/],
    [{ 'require-token': 'always' }, /Input 'require-token'/],
    [{ retries: '0' }, /Input 'retries': '0' is not a whole number from 1 to 10/],
    [{ retries: '11' }, /Input 'retries'/],
    [{ retries: '2.5' }, /Input 'retries'/],
    [{ retries: 'many' }, /Input 'retries'/],
    [{ timeout: 'soon' }, /Input 'timeout': 'soon' is not a duration/],
    [{ timeout: '25h' }, /Input 'timeout'/],
    [{ timeout: '1d' }, /Input 'timeout'/]
  ])('refuses %j', (values, why) => {
    expect(() => getInputs(reader({ token: TOKEN, image: 'app', ...values }), PUSH)).toThrow(why)
  })

  test.each([
    [{ retries: '1' }, { retries: 1 }],
    [{ retries: '10' }, { retries: 10 }],
    [{ timeout: '10m' }, { timeout: { given: '10m', seconds: 600 } }],
    [{ timeout: '1h30m' }, { timeout: { given: '1h30m', seconds: 5400 } }],
    [{ timeout: '45' }, { timeout: { given: '45', seconds: 45 } }],
    [{ timeout: 'none' }, { timeout: undefined }],
    [{ 'dry-run': 'true' }, { dryRun: true }]
  ])('reads %j', (values, expected) => {
    expect(getInputs(reader({ token: TOKEN, image: 'app', ...values }), PUSH)).toMatchObject(expected)
  })

  test('an error about the token never repeats it', () => {
    const bad = `${TOKEN} trailing`
    let message: string | undefined
    try {
      getInputs(reader({ token: bad, image: 'app' }))
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toMatch(/token/)
    expect(message).not.toContain(TOKEN)
  })
})

describe('parseDuration and parseTokenDuration', () => {
  test.each([
    ['600', 600],
    ['10m', 600],
    ['1h', 3600],
    ['1h30m', 5400],
    ['90s', 90],
    ['2h0m10s', 7210],
    ['', undefined],
    ['1d', undefined],
    ['h', undefined]
  ])('parseDuration(%j) = %j', (value, seconds) => {
    expect(parseDuration(value)).toBe(seconds === undefined ? undefined : seconds)
  })
  test.each([
    ['', 3600],
    ['0', 0],
    ['none', 0],
    ['10m', 600],
    ['24h', 86400]
  ])('parseTokenDuration(%j) = %j', (value, seconds) => expect(parseTokenDuration(value)).toBe(seconds))
})

describe('parseServer and parseBoolean', () => {
  test.each(['https://api.2.rahti.csc.fi:6443', 'http://127.0.0.1:8080', 'https://api.example.org/'])(
    'server %s',
    value => expect(parseServer(value, { insecureSkipTlsVerify: true })).toBeInstanceOf(URL)
  )
  test('server: normalised once to scheme, host and port', () => {
    expect(parseServer('https://api.example.org:6443/', { insecureSkipTlsVerify: false }).href).toBe(
      'https://api.example.org:6443/'
    )
  })
  test.each([
    ['https://api.example.org/k8s', /has a path/],
    ['http://api.example.org:6443', /plain http, which would send the token as clear text/]
  ])('server %s refused', (value, message) =>
    expect(() => parseServer(value, { insecureSkipTlsVerify: false })).toThrow(message)
  )
  // The YAML 1.2 core schema's booleans, as @actions/core's getBooleanInput reads them.
  test.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    ['', true]
  ])('boolean %j', (value, expected) => expect(parseBoolean(value, 'x', true)).toBe(expected))
  // YAML 1.1's words and other spellings are refused, and the message names only what is accepted.
  test.each(['yes', 'no', 'on', 'off', '1', '0', 'tRUE', 'y', ' true'])('boolean %j refused', value =>
    expect(() => parseBoolean(value, 'x', true)).toThrow(
      /^Input 'x': '.*' is not a boolean\. Use 'true' or 'false' \(YAML 1\.2: also True, TRUE, False, FALSE\)\.$/
    )
  )
})

describe('readCertificateAuthority', () => {
  test('takes PEM text as it is', () => expect(readCertificateAuthority(PEM)).toBe(PEM))
  test('reads a PEM file', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ca-')), 'ca.pem')
    writeFileSync(file, PEM)
    expect(readCertificateAuthority(file)).toBe(PEM)
  })
  test('refuses a file that is not PEM', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ca-')), 'ca.txt')
    writeFileSync(file, 'hello')
    expect(() => readCertificateAuthority(file)).toThrow(/no PEM certificate/)
  })
  test('refuses a directory, naming it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-'))
    expect(() => readCertificateAuthority(dir)).toThrow(
      /is a directory\. Give the path of the CA certificate file itself/
    )
  })
  test('refuses PEM with a broken body', () => {
    const broken = PEM.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!broken!!!!')
    expect(() => readCertificateAuthority(broken)).toThrow(/damaged/)
  })
  test('refuses PEM whose line breaks are literal \\n', () => {
    expect(() => readCertificateAuthority(PEM.trim().replace(/\n/g, '\\n'))).toThrow(/literal \\n/)
  })
})

describe('parseSource', () => {
  test('a local name, with or without a registry host', () => {
    expect(parseSource('app:latest')).toEqual({ kind: 'local', reference: 'app:latest', remote: undefined })
    expect(parseSource('quay.io/org/app:1')).toMatchObject({
      kind: 'local',
      remote: { host: 'quay.io', repository: 'org/app', tag: '1' }
    })
    expect(parseSource('localhost:5000/app')).toMatchObject({
      remote: { host: 'localhost:5000', repository: 'app', tag: 'latest' }
    })
  })

  test('transports, with their paths', () => {
    expect(parseSource('docker-archive:/tmp/a:b.tar')).toMatchObject({
      kind: 'transport',
      transport: 'docker-archive',
      path: '/tmp/a:b.tar'
    })
    expect(parseSource('oci-archive:/tmp/app.tar:v1')).toMatchObject({ path: '/tmp/app.tar' })
    expect(parseSource('oci:layout')).toMatchObject({ transport: 'oci', path: 'layout' })
    expect(parseSource('containers-storage:localhost/app:1')).toMatchObject({
      transport: 'containers-storage'
    })
  })

  test('a path with blanks or a colon in a directory is an ordinary path; blanks in a name are not', () => {
    expect(parseSource('docker-archive:/tmp/d i r/a b.tar')).toMatchObject({ path: '/tmp/d i r/a b.tar' })
    expect(parseSource('oci-archive:/tmp/c:d/img.tar')).toMatchObject({ path: '/tmp/c:d/img.tar' })
    expect(parseSource('oci-archive:/tmp/c:d/img.tar:v1')).toMatchObject({ path: '/tmp/c:d/img.tar' })
    expect(() => parseSource('my app:latest')).toThrow(/^Input 'source': /)
    expect(() => parseSource('containers-storage:my app')).toThrow(/^Input 'source': /)
  })

  test('docker:// is remote, Docker Hub when no host is named', () => {
    expect(parseSource('docker://alpine')).toMatchObject({
      kind: 'remote',
      remote: { host: 'docker.io', repository: 'library/alpine', tag: 'latest' }
    })
    const digest = `sha256:${'a'.repeat(64)}`
    const remote = parseRemote(`ghcr.io/o/app@${digest}`, false)
    expect(remote).toEqual({ host: 'ghcr.io', repository: 'o/app', tag: undefined, digest })
    expect(remoteReference(remote!)).toBe(`docker://ghcr.io/o/app@${digest}`)
  })

  test.each(['app; rm -rf /', '$(id)', 'docker://', 'oci-archive:', 'a\tb', 'docker://Host/UPPER:1'])(
    '%j is refused with the input named',
    value => {
      expect(() => parseSource(value)).toThrow(/^Input 'source': /)
    }
  )
})

describe('source credentials and platform inputs', () => {
  const base = { token: TOKEN, image: 'app' }
  test('credentials for a remote source: the password masked, the host the source names', () => {
    const inputs = getInputs(
      name =>
        ({
          ...base,
          source: 'docker://registry.example:5000/a/b:1',
          'source-username': 'u',
          'source-password': 'pw'
        })[name] ?? ''
    )
    expect(inputs.sourceCredentials).toEqual({ host: 'registry.example:5000', username: 'u', password: 'pw' })
    expect(core.setSecret).toHaveBeenCalledWith('pw')
  })

  test('credentials need both parts, and a source on a registry', () => {
    const read = (extra: Record<string, string>) => (name: string) =>
      ({ ...base, ...extra })[name as keyof typeof base] ?? ''
    expect(() => getInputs(read({ source: 'docker://a.io/b', 'source-username': 'u' }))).toThrow(
      /^Input 'source-password': required/
    )
    expect(() =>
      getInputs(read({ source: 'app:1', 'source-username': 'u', 'source-password': 'p' }))
    ).toThrow(/^Input 'source-username': 'app:1' is not an image on a registry/)
  })

  test('platform: linux/amd64 by default, any, or os/arch[/variant]', () => {
    expect(parsePlatform('')).toBe('linux/amd64')
    expect(parsePlatform('ANY')).toBe('any')
    expect(parsePlatform('linux/arm/v7')).toBe('linux/arm/v7')
    expect(() => parsePlatform('amd64')).toThrow(/^Input 'platform': 'amd64' is not a platform/)
  })
})

describe('checkPlatform', () => {
  const image = (platforms: string[], index = false) => ({
    reference: 'src',
    id: 'sha256:x',
    platforms,
    index
  })
  test('passes an image or index with the platform, or when told any', () => {
    expect(() => checkPlatform(image(['linux/amd64']), 'linux/amd64')).not.toThrow()
    expect(() => checkPlatform(image(['linux/arm64', 'linux/amd64'], true), 'linux/amd64')).not.toThrow()
    expect(() => checkPlatform(image(['linux/arm64']), 'any')).not.toThrow()
    expect(runsOn('linux/arm/v7', 'linux/arm')).toBe(true)
    expect(runsOn('linux/arm/v6', 'linux/arm/v7')).toBe(false)
  })

  test('refuses the rest, naming what it is for and how to build for amd64', () => {
    expect(() => checkPlatform(image(['linux/arm64']), 'linux/amd64')).toThrow(
      /is an image for linux\/arm64, with none for linux\/amd64.*docker buildx build --platform linux\/amd64.*'platform: any'/
    )
  })
})

test("the 'engine' input takes exactly the factory's choices", async () => {
  // The list lives beside the engines' interface (engines/engine.ts), so that reading the inputs loads no engine.
  const { ENGINE_CHOICES } = await import('../../src/engines/engine.js')
  expect(ENGINE_CHOICES).toEqual(['auto', 'docker', 'podman', 'buildah', 'skopeo'])
  for (const engine of ENGINE_CHOICES) {
    expect(getInputs(reader({ token: TOKEN, image: 'app', engine })).engine).toBe(engine)
  }
  expect(() => getInputs(reader({ token: TOKEN, image: 'app', engine: 'kaniko' }))).toThrow(
    "Input 'engine': 'kaniko' is not one of auto, docker, podman, buildah, skopeo."
  )
})
