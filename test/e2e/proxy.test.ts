// The action behind a forward proxy, as on a self-hosted runner that may only go out through one: its API and
// registry requests honour HTTPS_PROXY and NO_PROXY as the Actions toolkit does, tunnelled with CONNECT and
// still verified against the cluster's CA. A real proxy (squid) counts what it forwarded.
import { afterAll, beforeAll, expect, test } from '@jest/globals'

import { buildImage } from './harness/docker.js'
import { type ForwardProxy, startProxy } from './harness/proxy.js'
import { baseInputs } from './harness/rahti.js'
import { errorAnnotation, runMain, runPost } from './harness/runner.js'
import { useRahti } from './harness/suite.js'

const API_NAME = 'api.rahti.test'
const rahti = useRahti({ hostNames: [API_NAME] })
let proxy: ForwardProxy

beforeAll(async () => {
  proxy = await startProxy([API_NAME])
  await buildImage('behind-proxy:latest')
}, 120_000)

afterAll(async () => {
  await proxy?.stop()
})

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
