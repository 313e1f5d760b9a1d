// The kubeconfig as a later workflow step uses it: a real kubectl reads it, trusts the embedded CA,
// sends the token and uses the project as its namespace. Needs kubectl and openssl on the machine.
import { execFile, execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import { jest } from '@jest/globals'

import { removeKubeconfig, writeKubeconfig } from '../../../src/openshift/kubeconfig.js'
import { runnerLog } from '../../../src/util/actions.js'
import { requireTool } from '../harness/tools.js'

// A missing kubectl or openssl fails the suite with the package to install: a skipped test proves nothing.
requireTool('kubectl')
requireTool('openssl')

describe('kubeconfig with a real kubectl', () => {
  let dir: string
  let server: https.Server
  let url: string
  let caPem: string
  const seen: { path?: string; authorization?: string }[] = []

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kubeconfig-e2e-'))
    // A self-signed certificate for 127.0.0.1 stands in for the cluster's CA.
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem')
      ]),
      { stdio: 'ignore' }
    )
    caPem = await readFile(path.join(dir, 'cert.pem'), 'utf8')
    server = https.createServer(
      { key: await readFile(path.join(dir, 'key.pem')), cert: caPem },
      (req, res) => {
        seen.push({ path: req.url, authorization: req.headers.authorization })
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ major: '1', minor: '29', gitVersion: 'v1.29.6' }))
      }
    )
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  }, 30_000)

  // The ::add-mask:: and ::debug:: lines would only clutter the test log.
  beforeEach(() => {
    jest.spyOn(runnerLog, 'write').mockImplementation(() => undefined)
  })
  afterEach(() => {
    jest.restoreAllMocks()
  })

  afterAll(async () => {
    server?.closeAllConnections()
    await new Promise<void>(resolve => server?.close(() => resolve()) ?? resolve())
    await rm(dir, { recursive: true, force: true })
  })

  // HOME is set so that kubectl's discovery cache lands in the test's directory, not in the cwd.
  const kubectl = (kubeconfig: string, ...args: string[]): Promise<{ stdout: string }> =>
    promisify(execFile)('kubectl', ['--kubeconfig', kubeconfig, ...args], {
      env: { PATH: process.env.PATH, HOME: dir }
    })

  test('kubectl trusts the embedded CA, sends the token, and has the project as namespace', async () => {
    const file = await writeKubeconfig(
      {
        server: url,
        token: 'sha256~e2e-token',
        namespace: 'my-project',
        user: 'pusher',
        caPem,
        insecureSkipTlsVerify: false
      },
      dir
    )
    const view = JSON.parse((await kubectl(file, 'config', 'view', '--minify', '--raw', '-o', 'json')).stdout)
    expect(view.contexts[0].context.namespace).toBe('my-project')
    expect(view.users[0].user.token).toBe('sha256~e2e-token')
    expect(Buffer.from(view.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(
      caPem
    )

    expect((await kubectl(file, 'config', 'view', '--minify', '-o', 'jsonpath={..namespace}')).stdout).toBe(
      'my-project'
    )

    seen.length = 0
    await kubectl(file, 'get', '--raw', '/version')
    expect(seen).toEqual([{ path: '/version', authorization: 'Bearer sha256~e2e-token' }])
    await removeKubeconfig(file)
  })

  test('without the CA kubectl refuses the server; with insecure-skip-tls-verify it talks to it', async () => {
    const spec = { server: url, token: 't', namespace: 'p', user: 'u', insecureSkipTlsVerify: false }
    const trusting = await writeKubeconfig(spec, dir)
    await expect(kubectl(trusting, 'get', '--raw', '/version')).rejects.toThrow(/certificate|x509/)
    const insecure = await writeKubeconfig({ ...spec, insecureSkipTlsVerify: true }, dir)
    await expect(kubectl(insecure, 'get', '--raw', '/version')).resolves.toBeDefined()
    await removeKubeconfig(trusting)
    await removeKubeconfig(insecure)
  })
})
