import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { jest } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { clusterName, renderKubeconfig, removeKubeconfig, writeKubeconfig } =
  await import('../../src/openshift/kubeconfig.js')
type Spec = Parameters<typeof renderKubeconfig>[0]

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----'
const base: Spec = {
  server: 'https://api.2.rahti.csc.fi:6443',
  token: 'sha256~secret-token',
  namespace: 'my-project',
  user: 'system:serviceaccount:my-project:pusher',
  insecureSkipTlsVerify: false
}
const CLUSTER = 'api-2-rahti-csc-fi:6443'
const USER = `system:serviceaccount:my-project:pusher/${CLUSTER}`
const CONTEXT = `my-project/${CLUSTER}/system:serviceaccount:my-project:pusher`

let temp: string
beforeEach(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'kubeconfig-test-'))
  core.setSecret.mockClear()
})
afterEach(async () => {
  await rm(temp, { recursive: true, force: true })
})

describe('clusterName', () => {
  test.each([
    ['https://api.2.rahti.csc.fi:6443', 'api-2-rahti-csc-fi:6443'],
    ['https://api.2.rahti.csc.fi:6443/', 'api-2-rahti-csc-fi:6443'],
    ['https://rahti.example', 'rahti-example:443'],
    ['http://127.0.0.1:8443', '127-0-0-1:8443']
  ])('%s -> %s', (server, name) => {
    expect(clusterName(server)).toBe(name)
  })
})

describe('renderKubeconfig', () => {
  test.each<[string, Partial<Spec>, string[], string[]]>([
    [
      'the CA embedded as certificate-authority-data',
      { caPem: PEM },
      [`      certificate-authority-data: "${Buffer.from(`${PEM}\n`).toString('base64')}"`],
      ['insecure-skip-tls-verify']
    ],
    [
      'insecure, without a CA',
      { insecureSkipTlsVerify: true },
      ['      insecure-skip-tls-verify: true'],
      ['certificate-authority']
    ],
    [
      'insecure wins over a CA, which kubectl would refuse next to it',
      { insecureSkipTlsVerify: true, caPem: PEM },
      ['      insecure-skip-tls-verify: true'],
      ['certificate-authority']
    ],
    ['the system trust store when neither is given', {}, [], ['certificate-authority', 'insecure']]
  ])('%s', (_name, overrides, present, absent) => {
    const text = renderKubeconfig({ ...base, ...overrides })
    for (const line of present) expect(text.split('\n')).toContain(line)
    for (const word of absent) expect(text).not.toContain(word)
  })

  test('has server, token, user and the project as the namespace of the current context', () => {
    expect(renderKubeconfig({ ...base, caPem: PEM }).replace(/data: ".*"/, 'data: "<ca>"')).toBe(
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `  - name: "${CLUSTER}"`,
        '    cluster:',
        '      server: "https://api.2.rahti.csc.fi:6443"',
        '      certificate-authority-data: "<ca>"',
        'users:',
        `  - name: "${USER}"`,
        '    user:',
        '      token: "sha256~secret-token"',
        'contexts:',
        `  - name: "${CONTEXT}"`,
        '    context:',
        `      cluster: "${CLUSTER}"`,
        `      user: "${USER}"`,
        '      namespace: "my-project"',
        `current-context: "${CONTEXT}"`,
        'preferences: {}',
        ''
      ].join('\n')
    )
  })

  test('quotes values so that none can change the YAML structure', () => {
    const text = renderKubeconfig({ ...base, token: 'a"b\nc: d', namespace: 'x\n- y' })
    expect(text).toContain('      token: "a\\"b\\nc: d"')
    expect(text).toContain('      namespace: "x\\n- y"')
  })

  test.each<[string, Partial<Spec>, RegExp]>([
    ['a server that is not a URL', { server: 'api.2.rahti.csc.fi' }, /server .* is not a URL/],
    ['an empty token', { token: '  ' }, /without a token/],
    ['a CA that is not PEM', { caPem: 'MIIBszCCAVmgAwIBAgIUQ' }, /not a PEM certificate/]
  ])('refuses %s', (_name, overrides, message) => {
    expect(() => renderKubeconfig({ ...base, ...overrides })).toThrow(message)
  })
})

describe('writeKubeconfig and removeKubeconfig', () => {
  test('writes mode 0600 in a fresh 0700 directory under RUNNER_TEMP and masks the token', async () => {
    const file = await writeKubeconfig({ ...base, caPem: PEM }, temp)
    expect(path.dirname(path.dirname(file))).toBe(temp)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700)
    expect(await readFile(file, 'utf8')).toBe(renderKubeconfig({ ...base, caPem: PEM }))
    expect(core.setSecret).toHaveBeenCalledWith('sha256~secret-token')
  })

  test('two writes never share a file', async () => {
    const a = await writeKubeconfig(base, temp)
    const b = await writeKubeconfig(base, temp)
    expect(path.dirname(a)).not.toBe(path.dirname(b))
  })

  test('remove deletes the file and its directory, and tolerates both being gone', async () => {
    const file = await writeKubeconfig(base, temp)
    await removeKubeconfig(file)
    expect(existsSync(file)).toBe(false)
    expect(existsSync(path.dirname(file))).toBe(false)
    await expect(removeKubeconfig(file)).resolves.toBeUndefined()
  })

  test('remove leaves a directory it did not make', async () => {
    const file = path.join(temp, 'config')
    await writeFile(file, 'x')
    await removeKubeconfig(file)
    expect(existsSync(file)).toBe(false)
    expect(existsSync(temp)).toBe(true)
  })
})
