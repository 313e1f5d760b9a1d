// Other registry clients: skopeo's copy, containerd's pusher (which HEADs each manifest before its PUT: by
// tag a 404 while the stream is missing, by digest, as an index's children go, OpenShift's 500), and plain
// HTTP checks.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import type { Emulator } from '../../../emulator/types.js'
import { craftIndex } from '../harness/containers.js'
import { buildImage, removeImages } from '../harness/docker.js'
import { requireTool, run } from '../harness/tools.js'
import { createStream, registry, startForClients, tagDigest, token, unique } from './helpers.js'

const CONTAINERD = '/run/docker/containerd/containerd.sock'
const namespace = `rahti-emu-${process.pid}`
let emu: Emulator
let local: string
let work: string

function ctr(args: string[]): ReturnType<typeof run> {
  return run('ctr', ['--address', CONTAINERD, '-n', namespace, ...args], { timeoutMs: 60_000 })
}

/**
 * ctr speaks plain HTTP to localhost unless a hosts.toml names the HTTPS server and its CA: one in `work`/`dir`,
 * and the arguments that make ctr read it.
 */
function ctrTls(dir: string): string[] {
  const hostsDir = join(work, dir)
  mkdirSync(join(hostsDir, emu.info.registry), { recursive: true })
  const server = `https://${emu.info.registry}`
  writeFileSync(
    join(hostsDir, emu.info.registry, 'hosts.toml'),
    `server = "${server}"\n[host."${server}"]\n  capabilities = ["pull", "resolve", "push"]\n  ca = "${emu.info.caFile}"\n`
  )
  return ['--hosts-dir', hostsDir]
}

/** Once the stream demo/`name` exists, `ctr images push` of `source` to `target` as `user` succeeds, tagging v1. */
async function pushedOnceStreamExists(
  name: string,
  user: string,
  target: string,
  source: string,
  tls: string[]
): Promise<void> {
  await createStream(emu, name)
  const pushed = await ctr(['images', 'push', ...tls, '--user', user, target, source])
  expect(pushed.stderr).toBe('')
  expect(pushed.status).toBe(0)
  expect(tagDigest(emu, 'demo', name, 'v1')).toMatch(/^sha256:/)
}

beforeAll(async () => {
  emu = await startForClients()
  work = mkdtempSync(join(tmpdir(), 'rahti-clients-'))
  local = `rahti-emu-local-${unique('img')}:latest`
  await buildImage(local)
}, 60_000)

afterAll(async () => {
  await removeImages(local)
  if (work) rmSync(work, { recursive: true, force: true })
  const listed = await ctr(['images', 'ls', '-q']).catch(() => undefined)
  const refs = listed?.stdout.split('\n').filter(Boolean) ?? []
  if (refs.length) await ctr(['images', 'rm', ...refs])
  await emu?.stop()
})

describe('skopeo', () => {
  test('copies from the Docker daemon into a new stream with an authfile', async () => {
    requireTool('skopeo', 'skopeo')
    const name = unique('skopeo')
    const auth = join(work, 'auth.json')
    const basic = Buffer.from(`unused:${token(emu, 'builder')}`).toString('base64')
    writeFileSync(auth, JSON.stringify({ auths: { [emu.info.registry]: { auth: basic } } }), { mode: 0o600 })
    const r = await run('skopeo', [
      'copy',
      '--dest-tls-verify=false',
      '--dest-authfile',
      auth,
      `docker-daemon:${local}`,
      `docker://${emu.info.registry}/demo/${name}:1.0`
    ])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const digest = tagDigest(emu, 'demo', name, '1.0')
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    // The manifest is served by tag and by digest, with the headers clients rely on.
    const byTag = await registry(
      emu,
      'GET',
      `/v2/demo/${name}/manifests/1.0`,
      { bearer: token(emu, 'builder') },
      {
        headers: {
          Accept:
            'application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json'
        }
      }
    )
    expect(byTag.status).toBe(200)
    expect(byTag.headers.get('docker-content-digest')).toBe(digest)
    expect(byTag.headers.get('etag')).toBe(`"${digest}"`)
    expect(byTag.headers.get('docker-distribution-api-version')).toBe('registry/2.0')
    const tags = await registry(emu, 'GET', `/v2/demo/${name}/tags/list`, { basic: token(emu, 'builder') })
    expect(tags.json()).toEqual({ name: `demo/${name}`, tags: ['1.0'] })
  }, 120_000)
})

describe('manifest HEAD without the stream', () => {
  test('answers 500 (status only), then 404 MANIFEST_UNKNOWN once the stream exists', async () => {
    const name = unique('head')
    const digest = `sha256:${'0'.repeat(64)}`
    const path = `/v2/demo/${name}/manifests/${digest}`
    const head = await registry(emu, 'HEAD', path, { basic: token(emu, 'pusher') })
    expect(head.status).toBe(500)
    expect(head.text).toBe('')
    const get = await registry(emu, 'GET', path, { basic: token(emu, 'pusher') })
    expect(get.status).toBe(500)
    expect(get.json()).toEqual({ errors: [{ code: 'UNKNOWN', message: 'unknown error', detail: {} }] })
    const tags = await registry(emu, 'GET', `/v2/demo/${name}/tags/list`, { basic: token(emu, 'pusher') })
    expect(tags.status).toBe(404)
    expect((tags.json().errors as { code: string }[])[0].code).toBe('NAME_UNKNOWN')
    await createStream(emu, name)
    const after = await registry(emu, 'GET', path, { basic: token(emu, 'pusher') })
    expect(after.status).toBe(404)
    expect((after.json().errors as { code: string }[])[0].code).toBe('MANIFEST_UNKNOWN')
  })
})

describe('registry authentication edges', () => {
  test('the challenge, an empty Basic password, a path that is not project/name, and a denial', async () => {
    const challenge = await registry(emu, 'GET', '/v2/')
    expect(challenge.status).toBe(401)
    expect(challenge.headers.get('www-authenticate')).toBe(
      `Bearer realm="https://${emu.info.registry}/openshift/token"`
    )
    expect(challenge.json()).toEqual({
      errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: null }]
    })
    expect((await registry(emu, 'GET', '/v2/', { bearer: token(emu, 'pusher') })).text).toBe('{}\n')

    const empty = await registry(emu, 'GET', '/v2/', {
      header: `Basic ${Buffer.from('unused:').toString('base64')}`
    })
    expect(empty.status).toBe(401)
    expect(empty.headers.get('www-authenticate')).toBe(
      'Basic realm=openshift,error="failed to decode credentials"'
    )

    const bad = await registry(emu, 'GET', '/v2/justone/manifests/latest', { basic: token(emu, 'pusher') })
    expect(bad.status).toBe(400)
    expect(bad.text).toBe('')
    expect(bad.headers.get('docker-distribution-api-version')).toBe('registry/2.0')

    // A push into a project where the account has no rights: 401 with both access records.
    emu.apply({ projects: ['elsewhere'] })
    const denied = await registry(emu, 'POST', '/v2/elsewhere/app/blobs/uploads/', {
      basic: token(emu, 'pusher')
    })
    expect(denied.status).toBe(401)
    expect(denied.headers.get('www-authenticate')).toBe('Basic realm=openshift,error="access denied"')
    expect(denied.json()).toEqual({
      errors: [
        {
          code: 'UNAUTHORIZED',
          message: 'authentication required',
          detail: [
            { Type: 'repository', Class: '', Name: 'elsewhere/app', Action: 'pull' },
            { Type: 'repository', Class: '', Name: 'elsewhere/app', Action: 'push' }
          ]
        }
      ]
    })
    // The catalog needs cluster-wide list imagestreams, which no project role gives.
    expect((await registry(emu, 'GET', '/v2/_catalog', { basic: token(emu, 'admin') })).status).toBe(401)
  })
})

describe("containerd's pusher (ctr)", () => {
  test('a missing stream: the HEAD by tag is a 404, so it reaches the PUT, which a pusher may not create the stream with (403)', async () => {
    requireTool('ctr', 'containerd')
    const name = unique('ctr')
    const saved = join(work, 'image.tar')
    const save = await run('docker', ['save', '-o', saved, local])
    expect(save.status).toBe(0)
    const imported = await ctr(['images', 'import', '--no-unpack', saved])
    expect(imported.status).toBe(0)
    const source = `docker.io/library/${local}`
    const target = `${emu.info.registry}/demo/${name}:v1`
    const user = `unused:${token(emu, 'pusher')}`

    const tls = ctrTls('hosts.d')
    const failed = await ctr(['images', 'push', ...tls, '--user', user, target, source])
    expect(failed.status).not.toBe(0)
    // The real 4.13 and 4.16 answer a HEAD by tag into a missing stream with 404 NAME_UNKNOWN (only a HEAD by
    // digest, as for an index's children, is a 500): ctr uploads, and the PUT meets the registry's refusal.
    expect(failed.stderr).toMatch(/unexpected status: 403 Forbidden/)
    expect(failed.stderr).not.toMatch(/HEAD request/)

    await pushedOnceStreamExists(name, user, target, source, tls)
  }, 120_000)

  test("an index: its children's HEAD by digest is the 500 while the stream is missing; once it exists, or on the newer registry, it is pushed", async () => {
    requireTool('ctr', 'containerd')
    const name = unique('ctr-index')
    const layout = join(work, `${name}-layout`)
    craftIndex(layout, 'v1', ['linux/amd64', 'linux/arm64'])
    const archive = join(work, `${name}.tar`)
    expect((await run('tar', ['-C', layout, '-cf', archive, '.'])).status).toBe(0)
    const source = `localhost/${name}:v1`
    const imported = await ctr([
      'images',
      'import',
      '--all-platforms',
      '--no-unpack',
      '--index-name',
      source,
      archive
    ])
    expect(imported.stderr).toBe('')
    const target = `${emu.info.registry}/demo/${name}:v1`
    const user = `unused:${token(emu, 'builder')}`
    const tls = ctrTls(`${name}-hosts.d`)
    // Even an account that may create the stream stops there: the 500 comes before any manifest PUT.
    const failed = await ctr(['images', 'push', ...tls, '--user', user, target, source])
    expect(failed.status).not.toBe(0)
    expect(failed.stderr).toMatch(/unexpected status.*500/)
    expect(tagDigest(emu, 'demo', name, 'v1')).toBeUndefined()

    await pushedOnceStreamExists(name, user, target, source, tls)

    // The newer registry (PR #475): the children's HEAD is a 404, and the index's PUT creates the stream.
    emu.setNewerRegistry(true)
    try {
      const fresh = `${emu.info.registry}/demo/${name}-newer:v1`
      const newer = await ctr(['images', 'push', ...tls, '--user', user, fresh, source])
      expect(newer.stderr).toBe('')
      expect(tagDigest(emu, 'demo', `${name}-newer`, 'v1')).toBe(tagDigest(emu, 'demo', name, 'v1'))
    } finally {
      emu.setNewerRegistry(false)
    }
  }, 120_000)
})
