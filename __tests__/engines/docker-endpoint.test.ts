import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { engineAddress, pinEndpoint } from '../../src/engines/docker-endpoint.js'
import { UserError } from '../../src/util/errors.js'

let config: string
beforeEach(() => {
  config = mkdtempSync(path.join(os.tmpdir(), 'endpoint-test-'))
})
afterEach(() => rmSync(config, { recursive: true, force: true }))

/** A context as `docker context create` stores it, with TLS files when given. */
function context(name: string, host: string, tls?: Record<string, string>, skip = false): void {
  const id = createHash('sha256').update(name).digest('hex')
  const meta = path.join(config, 'contexts', 'meta', id)
  mkdirSync(meta, { recursive: true })
  const endpoint = { Host: host, SkipTLSVerify: skip }
  writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: endpoint } }))
  if (tls) {
    const dir = path.join(config, 'contexts', 'tls', id, 'docker')
    mkdirSync(dir, { recursive: true })
    for (const [file, text] of Object.entries(tls)) writeFileSync(path.join(dir, file), text)
  }
}

describe('engineAddress', () => {
  test.each([
    ['nothing set: the local socket', {}, { kind: 'unix', socketPath: '/var/run/docker.sock' }],
    [
      'a unix DOCKER_HOST',
      { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' },
      { kind: 'unix', socketPath: '/run/user/1000/docker.sock' }
    ],
    [
      'tcp without TLS',
      { DOCKER_HOST: 'tcp://10.0.0.5' },
      { kind: 'tcp', host: '10.0.0.5', port: 2375, tls: undefined }
    ],
    ['an ssh host keeps the CLI', { DOCKER_HOST: 'ssh://me@builder' }, { kind: 'ssh' }]
  ])('%s', (_name, env, expected) => {
    expect(engineAddress(undefined, env as NodeJS.ProcessEnv)).toMatchObject(expected)
  })

  test('tcp with DOCKER_TLS_VERIFY reads the files of DOCKER_CERT_PATH and checks the server, on 2376 by default', () => {
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(config, f), f)
    const address = engineAddress(undefined, {
      DOCKER_HOST: 'tcp://docker.example:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: config
    })
    expect(address).toMatchObject({ kind: 'tcp', host: 'docker.example', port: 2376 })
    const tls = (address as { tls: { ca: Buffer; cert: Buffer; key: Buffer; verify: boolean } }).tls
    expect([tls.ca.toString(), tls.cert.toString(), tls.key.toString(), tls.verify]).toEqual([
      'ca.pem',
      'cert.pem',
      'key.pem',
      true
    ])
  })

  test('an unknown scheme is refused in the action`s words', () => {
    expect(() => engineAddress(undefined, { DOCKER_HOST: 'fd://' })).toThrow(UserError)
  })
})

describe('pinEndpoint', () => {
  test('DOCKER_HOST set, or no context selected: nothing to pin', () => {
    expect(pinEndpoint({ DOCKER_HOST: 'unix:///x.sock', DOCKER_CONFIG: config })).toBe('')
    expect(pinEndpoint({ DOCKER_CONFIG: config })).toBe('')
  })

  test('the current context of the configuration, read from its files, with its TLS directory', () => {
    writeFileSync(path.join(config, 'config.json'), JSON.stringify({ currentContext: 'remote' }))
    context('remote', 'tcp://build.example:2376', { 'ca.pem': 'CA' }, true)
    const pinned = pinEndpoint({ DOCKER_CONFIG: config })
    const address = engineAddress(pinned, {})
    expect(address).toMatchObject({ kind: 'tcp', host: 'build.example', port: 2376 })
    expect((address as { tls: { ca: Buffer; verify: boolean } }).tls.verify).toBe(false)
    expect((address as { tls: { ca: Buffer } }).tls.ca.toString()).toBe('CA')
  })

  test('DOCKER_CONTEXT wins over the configuration; a missing context is named', () => {
    context('rootless', 'unix:///run/user/1000/docker.sock')
    const pinned = pinEndpoint({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'rootless' })
    expect(engineAddress(pinned, {})).toMatchObject({
      kind: 'unix',
      socketPath: '/run/user/1000/docker.sock'
    })
    expect(() => pinEndpoint({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'gone' })).toThrow(
      /The Docker context 'gone' selected in the Docker configuration cannot be read: it does not exist\./
    )
  })
})
