// The registry gateway as strict as Rahti's: HTTPS with the emulator's CA (and plain HTTP as an
// option), the token endpoint's edges, the signatures header, the empty-layer blobs, cross-repository
// mounts and their fallback, ImageStreamMapping conflicts, and the LimitRange image size limit.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { startEmulator } from '../../../emulator/index.js'
import type { Emulator } from '../../../emulator/types.js'
import { buildImage, removeImages } from '../harness/docker.js'
import { requireTool, run } from '../harness/tools.js'
import {
  putManifest,
  registry,
  type RegistryAuth,
  type Reply,
  schema2,
  sha256,
  tagDigest,
  tinyImage,
  token,
  unique,
  uploadBlob
} from './helpers.js'

const EMPTY = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const GZIPPED_EMPTY_TAR = 'sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4'
const DENIED = { errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] }
const UNKNOWN = { errors: [{ code: 'UNKNOWN', message: 'unknown error', detail: {} }] }

let emu: Emulator
let work: string
const images: string[] = []

beforeAll(async () => {
  requireTool('docker-registry', 'docker-registry')
  emu = await startEmulator({
    state: {
      projects: ['demo', 'other', 'limited'],
      serviceAccounts: [
        { project: 'demo', name: 'builder', roles: ['system:image-builder'] },
        { project: 'other', name: 'outsider', roles: ['system:image-builder'] },
        { project: 'limited', name: 'small', roles: ['system:image-builder'] }
      ],
      limitRanges: [
        {
          project: 'limited',
          name: 'images',
          limits: [{ type: 'openshift.io/Image', max: { storage: '1Ki' } }]
        }
      ]
    },
    // Wide enough that tag writes sent together overlap in the apiserver, as they do on a busy cluster.
    imageStreamUpdateWindowMs: 25
  })
  work = mkdtempSync(join(tmpdir(), 'rahti-registry-'))
}, 60_000)

afterAll(async () => {
  await removeImages(...images)
  if (work) rmSync(work, { recursive: true, force: true })
  await emu?.stop()
})

const builder = (): { bearer: string } => ({ bearer: token(emu, 'builder') })

function mountBlob(repo: string, digest: string, from: string, auth: RegistryAuth): Promise<Reply> {
  return registry(emu, 'POST', `/v2/${repo}/blobs/uploads/?mount=${digest}&from=${from}`, auth)
}

function errorCode(r: Reply): string | undefined {
  return (r.json().errors as { code: string }[] | undefined)?.[0]?.code
}

/** A GET of `/v2/` over HTTPS to `host`, with or without trusting the emulator's CA. */
function tlsGet(host: string, ca?: string): Promise<number> {
  const port = emu.info.registry.split(':')[1]
  return new Promise((resolve, reject) => {
    const req = request(`https://${host}:${port}/v2/`, { ca }, res => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('HTTPS', () => {
  test('the gateway speaks HTTPS with a certificate for 127.0.0.1 and localhost signed by the CA it reports', async () => {
    expect(emu.info.registryScheme).toBe('https')
    expect(emu.info.caPem).toContain('BEGIN CERTIFICATE')
    expect(await tlsGet('127.0.0.1', emu.info.caPem)).toBe(401)
    expect(await tlsGet('localhost', emu.info.caPem)).toBe(401)
    // Without the CA the certificate is not trusted.
    await expect(tlsGet('127.0.0.1')).rejects.toThrow(/certificate/)
    // The challenge sends clients back over HTTPS for the token.
    const challenge = await registry(emu, 'GET', '/v2/')
    expect(challenge.headers.get('www-authenticate')).toBe(
      `Bearer realm="https://${emu.info.registry}/openshift/token"`
    )
  })

  test('skopeo verifies the gateway with the CA directory as --cert-dir, and refuses it without', async () => {
    requireTool('skopeo', 'skopeo')
    const local = `rahti-emu-local-${unique('tls')}:latest`
    await buildImage(local)
    images.push(local)
    const auth = join(work, 'auth.json')
    const basic = Buffer.from(`unused:${token(emu, 'builder')}`).toString('base64')
    writeFileSync(auth, JSON.stringify({ auths: { [emu.info.registry]: { auth: basic } } }), { mode: 0o600 })
    const name = unique('verified')
    const copy = (certDir: string): ReturnType<typeof run> =>
      run('skopeo', [
        'copy',
        '--dest-tls-verify=true',
        '--dest-cert-dir',
        certDir,
        '--dest-authfile',
        auth,
        `docker-daemon:${local}`,
        `docker://${emu.info.registry}/demo/${name}:1.0`
      ])
    const untrusted = await copy(mkdtempSync(join(work, 'no-ca-')))
    expect(untrusted.status).not.toBe(0)
    expect(untrusted.stderr).toMatch(/x509: certificate signed by unknown authority/)
    expect(tagDigest(emu, 'demo', name, '1.0')).toBeUndefined()

    const trusted = await copy(dirname(emu.info.caFile))
    expect(trusted.stderr).toBe('')
    expect(trusted.status).toBe(0)
    expect(tagDigest(emu, 'demo', name, '1.0')).toMatch(/^sha256:[a-f0-9]{64}$/)
  }, 120_000)

  test('registryTls: false serves plain HTTP and says so', async () => {
    const plain = await startEmulator({ registryTls: false, state: { projects: ['demo'] } })
    try {
      expect(plain.info.registryScheme).toBe('http')
      const r = await fetch(`http://${plain.info.registry}/v2/`)
      expect(r.status).toBe(401)
      expect(r.headers.get('www-authenticate')).toBe(
        `Bearer realm="http://${plain.info.registry}/openshift/token"`
      )
    } finally {
      await plain.stop()
    }
  }, 60_000)
})

describe('token endpoint, headers and empty layers', () => {
  test('/openshift/token is GET only, and its 401 has no body', async () => {
    for (const method of ['POST', 'PUT', 'HEAD']) {
      const r = await registry(emu, method, '/openshift/token', { basic: token(emu, 'builder') })
      expect([method, r.status, r.text]).toEqual([method, 405, ''])
    }
    const bearer = await registry(emu, 'GET', '/openshift/token', builder())
    expect(bearer.status).toBe(401)
    expect(bearer.text).toBe('')
    const invalid = await registry(emu, 'GET', '/openshift/token', { basic: 'sha256~no-such-token' })
    expect(invalid.status).toBe(401)
    expect(invalid.text).toBe('')
    const ok = await registry(emu, 'GET', '/openshift/token', { basic: token(emu, 'builder') })
    expect(ok.json()).toEqual({ token: token(emu, 'builder'), access_token: token(emu, 'builder') })
  })

  test('every answer carries X-Registry-Supports-Signatures: 1', async () => {
    emu.injectFault({ method: 'GET', path: '^/v2/demo/faulty/tags/list$', server: 'registry', status: 503 })
    const answers = await Promise.all([
      registry(emu, 'GET', '/v2/'),
      registry(emu, 'GET', '/v2/', builder()),
      registry(emu, 'GET', '/openshift/token'),
      registry(emu, 'POST', '/openshift/token'),
      registry(emu, 'HEAD', `/v2/demo/nothing/blobs/sha256:${'1'.repeat(64)}`, builder()),
      registry(emu, 'GET', '/v2/demo/nothing/manifests/latest', builder()),
      registry(emu, 'GET', '/not-a-registry-path'),
      registry(emu, 'GET', '/v2/demo/faulty/tags/list', builder())
    ])
    expect(answers.map(a => a.status)).toEqual([401, 200, 200, 405, 404, 404, 404, 503])
    for (const a of answers) expect(a.headers.get('x-registry-supports-signatures')).toBe('1')
  })

  test('the two empty-layer blobs exist in every repository, and a manifest may use them unuploaded', async () => {
    const repo = `demo/${unique('empty')}`
    const gz = await registry(emu, 'GET', `/v2/${repo}/blobs/${GZIPPED_EMPTY_TAR}`, builder())
    expect(gz.status).toBe(200)
    expect(gz.headers.get('docker-content-digest')).toBe(GZIPPED_EMPTY_TAR)
    expect(gz.headers.get('content-length')).toBe('32')
    const empty = await registry(emu, 'HEAD', `/v2/${repo}/blobs/${EMPTY}`, builder())
    expect(empty.status).toBe(200)
    expect(empty.headers.get('content-length')).toBe('0')
    // Any other blob that was never uploaded here is unknown.
    const other = await registry(emu, 'HEAD', `/v2/${repo}/blobs/sha256:${'2'.repeat(64)}`, builder())
    expect(other.status).toBe(404)

    const config = Buffer.from(
      JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers' } })
    )
    const configDigest = await uploadBlob(emu, repo, config, builder())
    const manifest = schema2({ digest: configDigest, size: config.length }, [
      { digest: GZIPPED_EMPTY_TAR, size: 32 }
    ])
    const put = await putManifest(emu, repo, 'v1', manifest, builder())
    expect(put.status).toBe(201)
    expect(tagDigest(emu, 'demo', repo.split('/')[1], 'v1')).toBe(sha256(manifest))
  })
})

describe('cross-repository mounts', () => {
  test('201 with the blob linked when the source may be pulled; no blob bytes travel', async () => {
    const src = `demo/${unique('src')}`
    const image = await tinyImage(emu, src, builder())
    expect((await putManifest(emu, src, 'v1', image.manifest, builder())).status).toBe(201)
    const dst = `demo/${unique('dst')}`
    emu.resetStats()
    const mount = await mountBlob(dst, image.layer, src, builder())
    expect(mount.status).toBe(201)
    expect(mount.headers.get('location')).toBe(`/v2/${dst}/blobs/${image.layer}`)
    expect(mount.headers.get('docker-content-digest')).toBe(image.layer)
    const config = await mountBlob(dst, image.config, src, builder())
    expect(config.status).toBe(201)
    expect((await registry(emu, 'HEAD', `/v2/${dst}/blobs/${image.layer}`, builder())).status).toBe(200)
    expect((await putManifest(emu, dst, 'v1', image.manifest, builder())).status).toBe(201)
    const stats = emu.stats()
    expect(stats.blobBytesReceived).toBe(0)
    expect(stats.blobsMounted).toBe(2)
  })

  test('a source the token may not pull, or an unknown blob, gives an ordinary upload session (202), not 401', async () => {
    const src = `demo/${unique('private')}`
    const image = await tinyImage(emu, src, builder())
    emu.resetStats()
    const outsider = { bearer: token(emu, 'outsider') }
    const dst = `other/${unique('copy')}`
    const refused = await mountBlob(dst, image.layer, src, outsider)
    expect(refused.status).toBe(202)
    expect(refused.headers.get('location')).toMatch(new RegExp(`^/v2/${dst}/blobs/uploads/[0-9a-f-]+`))
    expect(refused.headers.get('docker-upload-uuid')).toBeTruthy()
    expect((await registry(emu, 'HEAD', `/v2/${dst}/blobs/${image.layer}`, outsider)).status).toBe(404)

    const unknown = `sha256:${'3'.repeat(64)}`
    const missing = await mountBlob(`demo/${unique('dst')}`, unknown, src, builder())
    expect(missing.status).toBe(202)
    expect(emu.stats().blobsMounted).toBe(0)
  })
})

describe('ImageStream update conflicts', () => {
  test('nine conflicts are retried away; the tenth makes the manifest PUT a 500 UNKNOWN without the tag', async () => {
    const name = unique('conflicts')
    const repo = `demo/${name}`
    const image = await tinyImage(emu, repo, builder())
    emu.resetStats()
    emu.injectFault({ method: 'PUT', path: `^/v2/${repo}/manifests/`, server: 'registry', conflicts: 9 })
    const ok = await putManifest(emu, repo, 'nine', image.manifest, builder())
    expect(ok.status).toBe(201)
    expect(tagDigest(emu, 'demo', name, 'nine')).toBe(image.digest)
    expect(emu.stats().imageStreamConflicts).toBe(9)

    emu.injectFault({ method: 'PUT', path: `^/v2/${repo}/manifests/`, server: 'registry', conflicts: 10 })
    const failed = await putManifest(emu, repo, 'ten', image.manifest, builder())
    expect(failed.status).toBe(500)
    expect(failed.json()).toEqual(UNKNOWN)
    expect(tagDigest(emu, 'demo', name, 'ten')).toBeUndefined()
    expect(emu.stats().imageStreamConflicts).toBe(19)
  })

  test('tags written to one stream at once really conflict, and every tag lands', async () => {
    const name = unique('together')
    const repo = `demo/${name}`
    const image = await tinyImage(emu, repo, builder())
    expect((await putManifest(emu, repo, 'first', image.manifest, builder())).status).toBe(201)
    emu.resetStats()
    const tags = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
    const puts = await Promise.all(tags.map(t => putManifest(emu, repo, t, image.manifest, builder())))
    expect(puts.map(p => p.status)).toEqual(tags.map(() => 201))
    for (const t of tags) expect(tagDigest(emu, 'demo', name, t)).toBe(image.digest)
    expect(emu.stats().imageStreamConflicts).toBeGreaterThan(0)
  })
})

describe('image size limit', () => {
  /** Uploads a config and one layer of `layerBytes` random bytes; the manifest over them is left to the caller. */
  async function imageOf(repo: string, layerBytes: number, auth: RegistryAuth): Promise<Buffer> {
    const layer = randomBytes(layerBytes)
    const config = Buffer.from(
      JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers' } })
    )
    const layerDigest = await uploadBlob(emu, repo, layer, auth)
    const configDigest = await uploadBlob(emu, repo, config, auth)
    return schema2({ digest: configDigest, size: config.length }, [
      { digest: layerDigest, size: layer.length }
    ])
  }

  test('a blob over the LimitRange is stored, as the real registry does; the image over it is refused at its tag with 403 DENIED', async () => {
    const small = { bearer: token(emu, 'small') }
    const repo = `limited/${unique('app')}`
    // The real 4.13 and 4.16 commit every blob (their own check sees a size of 0): the upload passes.
    const big = await imageOf(repo, 2048, small)
    // The ImageStreamMapping meets the apiserver's ImageLimitRange admission; the registry says DENIED.
    const refused = await putManifest(emu, repo, 'v1', big, small)
    expect(refused.status).toBe(403)
    expect(refused.json()).toEqual(DENIED)
    expect(tagDigest(emu, 'limited', repo.split('/')[1], 'v1')).toBeUndefined()
    // An image under the limit (config and layer together) passes.
    const fits = await imageOf(repo, 512, small)
    expect((await putManifest(emu, repo, 'v2', fits, small)).status).toBe(201)
    // Other projects have no limit.
    const free = `demo/${unique('free')}`
    expect((await putManifest(emu, free, 'v1', await imageOf(free, 2048, builder()), builder())).status).toBe(
      201
    )
  })

  test('a limit applied later through the state applies at once; a bad quantity is refused', async () => {
    expect(() =>
      emu.apply({
        limitRanges: [{ project: 'demo', limits: [{ type: 'openshift.io/Image', max: { storage: 'lots' } }] }]
      })
    ).toThrow(/not a storage quantity/)
    const repo = `other/${unique('later')}`
    const outsider = { bearer: token(emu, 'outsider') }
    emu.apply({
      limitRanges: [
        { project: 'other', name: 'tight', limits: [{ type: 'openshift.io/Image', max: { storage: '2k' } }] }
      ]
    })
    const image = await imageOf(repo, 3000, outsider)
    expect(errorCode(await putManifest(emu, repo, 'v1', image, outsider))).toBe('DENIED')
  })
})
