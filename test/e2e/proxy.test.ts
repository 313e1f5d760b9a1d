// The action behind a forward proxy, as on a self-hosted runner that may only go out through one: its API and
// registry requests and the oc download honour HTTPS_PROXY, HTTP_PROXY and NO_PROXY as the Actions toolkit does,
// HTTPS tunnelled with CONNECT and still verified against the cluster's CA. A real proxy (squid) counts what it
// forwarded; a second one is spoken to in TLS (an https:// proxy).
import { rm } from 'node:fs/promises'

import { afterAll, beforeAll, expect, test } from '@jest/globals'

import { buildImage } from './harness/docker.js'
import { type ForwardProxy, startProxy } from './harness/proxy.js'
import { baseInputs } from './harness/rahti.js'
import { errorAnnotation, runMain, runPost } from './harness/runner.js'
import { useRahti } from './harness/suite.js'
import { type FakeMirror, startStable416Mirror } from './oc/fake-mirror.js'

const API_NAME = 'api.rahti.test'
const MIRROR_NAME = 'mirror.rahti.test'
const rahti = useRahti({ hostNames: [API_NAME] })
let proxy: ForwardProxy
let tlsProxy: ForwardProxy
let mirror: FakeMirror
let mirrorRoot: string

beforeAll(async () => {
  proxy = await startProxy([API_NAME, MIRROR_NAME])
  tlsProxy = await startProxy([API_NAME, MIRROR_NAME], { tls: true })
  ;({ mirror, root: mirrorRoot } = await startStable416Mirror('through-proxy'))
  await buildImage('behind-proxy:latest')
}, 120_000)

afterAll(async () => {
  await proxy?.stop()
  await tlsProxy?.stop()
  await mirror?.stop()
  if (mirrorRoot) await rm(mirrorRoot, { recursive: true, force: true })
})

/** The mirror by a name only the proxies resolve: a download that bypassed the proxy could not find it. */
function mirrorBehindProxy(): string {
  const base = new URL(mirror.base)
  base.hostname = MIRROR_NAME
  return base.href.replace(/\/$/, '')
}

function inputs(): Record<string, string> {
  const port = new URL(rahti.emu.info.apiUrl).port
  // A name only the proxy can resolve: a request that bypassed the proxy could not even find the host.
  return baseInputs(rahti, 'builder', 'behind-proxy', { server: `https://${API_NAME}:${port}` })
}

test('HTTPS_PROXY: every API request goes through the proxy, in a verified TLS tunnel', async () => {
  const before = proxy.requests().length
  const main = await runMain({ inputs: inputs(), env: { HTTPS_PROXY: proxy.url } })
  expect(errorAnnotation(main)).toBeUndefined()
  const forwarded = proxy.requests().slice(before)
  // squid logs each CONNECT tunnel; the action keeps its connections alive, so a few tunnels carry all calls.
  expect(forwarded.length).toBeGreaterThan(0)
  expect(forwarded.every(line => line.includes(`CONNECT ${API_NAME}:`))).toBe(true)
  await runPost(main)
}, 120_000)

test('NO_PROXY naming the host: the proxy is not used (and the name cannot be resolved)', async () => {
  const before = proxy.requests().length
  const main = await runMain({ inputs: inputs(), env: { HTTPS_PROXY: proxy.url, NO_PROXY: '.rahti.test' } })
  expect(errorAnnotation(main)).toMatch(/could not be resolved/)
  expect(proxy.requests().length).toBe(before)
  await runPost(main)
}, 120_000)

test('a proxy that refuses the tunnel is named in the error', async () => {
  const main = await runMain({ inputs: inputs(), env: { HTTPS_PROXY: 'http://127.0.0.1:9' } })
  expect(errorAnnotation(main)).toMatch(/Could not reach the API server: .*127\.0\.0\.1:9/)
  await runPost(main)
}, 120_000)

/** A run that installs oc from the mirror through `through` (both variables), its proxy lines, and the run. */
async function installThrough(through: ForwardProxy, env: Record<string, string> = {}) {
  const before = through.requests().length
  const main = await runMain({
    inputs: { ...inputs(), 'oc-version': '4.16', 'oc-mirror': mirrorBehindProxy() },
    env: { HTTPS_PROXY: through.url, HTTP_PROXY: through.url, ...env }
  })
  expect(errorAnnotation(main)).toBeUndefined()
  expect(main.outputs['oc-version']).toBe('4.16.3')
  return { main, forwarded: through.requests().slice(before) }
}

test('HTTP_PROXY: the oc download (and its redirect) goes through the proxy, and oc is installed', async () => {
  const { main, forwarded } = await installThrough(proxy)
  const mirrorUrl = `http://${MIRROR_NAME}:${new URL(mirror.base).port}/pub/openshift-v4/`
  // The generic path that redirects, then the file it redirects to: both forwarded by the proxy. The channel is
  // resolved first; the checksum list and the archive are asked for at once, so in either order.
  const files = forwarded.filter(l => l.includes(`GET ${mirrorUrl}`)).map(l => /\/([^/ ]+) - /.exec(l)?.[1])
  expect(files.slice(0, 2)).toEqual(['release.txt', 'release.txt'])
  expect(files.slice(2).sort()).toEqual([
    'openshift-client-linux-4.16.3.tar.gz',
    'openshift-client-linux-4.16.3.tar.gz',
    'sha256sum.txt',
    'sha256sum.txt'
  ])
  await runPost(main)
}, 180_000)

test('an https:// proxy is spoken to in TLS (port and CA its own), for the API and the oc download', async () => {
  // The proxy's CA as a runner trusts a company CA: Node's NODE_EXTRA_CA_CERTS, kept beside the cluster's CA.
  const { main, forwarded } = await installThrough(tlsProxy, { NODE_EXTRA_CA_CERTS: tlsProxy.caFile! })
  expect(forwarded.some(l => l.includes(`CONNECT ${API_NAME}:`))).toBe(true)
  expect(
    forwarded.some(l =>
      /GET http:\/\/mirror\.rahti\.test:\d+\/.*openshift-client-linux-4\.16\.3\.tar\.gz/.test(l)
    )
  ).toBe(true)
  await runPost(main)
}, 180_000)
