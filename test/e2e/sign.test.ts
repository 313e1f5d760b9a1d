// Signed releases, end to end: dist/ run as the runner runs it against the emulator and a stand-in Sigstore
// (@sigstore/mock's Fulcio and Rekor, the runner's OIDC endpoint). Each signature is verified by something
// other than the signing code: key-based ones by Debian trixie's skopeo 1.18 (containers/image, a
// sigstoreSigned policy and use-sigstore-attachments, pulling from the emulator's registry; Debian 12's skopeo
// 1.9 has sigstore verification patched out: "Debian-local change: sigstore disabled"), keyless ones by
// @sigstore/verify with the stand-in's trust root, and by trixie's skopeo as far as containers/image can go
// (see the keyless test).
// Each verification also fails for a changed image, signature or identity. Every run is swept for the
// registry token, the key, its passphrase and the OIDC tokens (the proof suite's ledger).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { RegistryClient } from '../../src/registry/client.js'
import { HttpTransport } from '../../src/util/http.js'
import { craftIndex } from './harness/containers.js'
import { cosignKey, newEcKeyPair } from './harness/cosign-key.js'
import { buildImage } from './harness/docker.js'
import { baseInputs, tagsOf, uniqueImage } from './harness/rahti.js'
import { errorAnnotation } from './harness/runner.js'
import {
  GITHUB_ISSUER,
  type SignatureLayer,
  type Sigstore,
  startSigstore,
  verifyKeyless
} from './harness/sigstore.js'
import { useRahti } from './harness/suite.js'
import { trixieSkopeo } from './harness/trixie.js'
import { closedPort, expectCleanFailure, Ledger, type Main, runDebug } from './proof/helpers.js'

const p = useRahti({
  state: {
    projects: ['demo'],
    serviceAccounts: [
      { project: 'demo', name: 'builder', roles: ['system:image-builder'] },
      // Pruning deletes ImageStreamTags: the project's edit role.
      { project: 'demo', name: 'editor', roles: ['edit'] }
    ]
  }
})
const ledger = new Ledger()
let sigstore: Sigstore
let work: string
const key = newEcKeyPair()
const PASSPHRASE = 'correct horse battery staple'
const COSIGN_KEY = cosignKey(key.privateKey, PASSPHRASE)

beforeAll(async () => {
  sigstore = await startSigstore()
  work = mkdtempSync(join(tmpdir(), 'rahti-sign-'))
})
afterAll(async () => {
  await sigstore?.stop()
  rmSync(work, { recursive: true, force: true })
})

/** Every secret a signing run holds, in the forms the ledger searches for. */
function secrets(...extra: string[]): string[] {
  const keyLines = COSIGN_KEY.split('\n').filter(l => l && !l.startsWith('-----'))
  return [
    p.accounts.builder.token,
    ...keyLines,
    PASSPHRASE,
    sigstore.oidcEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
    ...sigstore.issuedTokens,
    ...extra
  ]
}

function registryClient(): RegistryClient {
  const transport = new HttpTransport({
    caPem: readFileSync(p.emu.info.caFile, 'utf8'),
    insecureSkipTlsVerify: false
  })
  return new RegistryClient(p.emu.info.registry, p.accounts.builder.token, transport)
}

/** The signature layers of a digest's `.sig` tag, read back from the emulator's registry. */
async function signatureLayers(image: string, digest: string): Promise<SignatureLayer[]> {
  const client = registryClient()
  const repo = `demo/${image}`
  const manifest = await client.getManifest(repo, `${digest.replace(':', '-')}.sig`)
  const parsed = JSON.parse(manifest.body.toString()) as {
    layers: { digest: string; mediaType: string; annotations: Record<string, string> }[]
  }
  expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
  return Promise.all(
    parsed.layers.map(async l => {
      expect(l.mediaType).toBe('application/vnd.dev.cosign.simplesigning.v1+json')
      return { payload: await client.getBlob(repo, l.digest), annotations: l.annotations }
    })
  )
}

/**
 * trixie's skopeo copying the image by digest out of the emulator under a policy: from an index, the image of
 * this machine's platform, whose own signature containers/image requires (`all`: the index and every image).
 */
async function skopeoVerify(
  image: string,
  digest: string,
  requirement: Record<string, unknown>,
  all = false
): Promise<{ status: number; stderr: string }> {
  const dir = mkdtempSync(join(work, 'verify-'))
  const registriesD = join(dir, 'registries.d')
  const policy = join(dir, 'policy.json')
  const auth = join(dir, 'auth.json')
  const repo = `${p.emu.info.registry}/demo/${image}`
  mkdirSync(registriesD, { recursive: true })
  writeFileSync(
    join(registriesD, 'rahti.yaml'),
    `docker:\n  ${p.emu.info.registry}:\n    use-sigstore-attachments: true\n`
  )
  writeFileSync(
    policy,
    JSON.stringify({
      default: [{ type: 'reject' }],
      transports: {
        docker: {
          [repo]: [{ type: 'sigstoreSigned', signedIdentity: { type: 'matchRepository' }, ...requirement }]
        },
        dir: { '': [{ type: 'insecureAcceptAnything' }] }
      }
    })
  )
  const basic = Buffer.from(`unused:${p.accounts.builder.token}`).toString('base64')
  writeFileSync(auth, JSON.stringify({ auths: { [p.emu.info.registry]: { auth: basic } } }), { mode: 0o600 })
  const args = [
    '--registries.d',
    registriesD,
    'copy',
    ...(all ? ['--all'] : []),
    '--src-tls-verify=false',
    '--src-authfile',
    auth,
    `docker://${repo}@${digest}`,
    `dir:${join(dir, 'out')}`
  ]
  const r = await trixieSkopeo(policy, args)
  return { status: r.status, stderr: r.stderr }
}

function keylessInputs(image: string, extra: Record<string, string> = {}) {
  return baseInputs(p, 'builder', image, {
    sign: 'keyless',
    'sigstore-fulcio-url': sigstore.fulcioUrl,
    'sigstore-rekor-url': sigstore.rekorUrl,
    ...extra
  })
}

function expectSigned(main: Main, image: string): string {
  expect(errorAnnotation(main)).toBeUndefined()
  expect(main.exitCode).toBe(0)
  const digest = main.outputs.digest
  const sigTag = `${digest.replace(':', '-')}.sig`
  expect(main.outputs.signature).toBe(`${p.emu.info.registry}/demo/${image}:${sigTag}`)
  // The signature tag is in the same ImageStream, beside the image's own tags.
  expect(Object.keys(tagsOf(p.emu.getImageStream('demo', image)))).toContain(sigTag)
  return digest
}

describe('keyless', () => {
  test('an image: a certificate naming the workflow, a Rekor entry, verified by @sigstore/verify; not for another identity or digest', async () => {
    const image = uniqueImage('sign-keyless')
    await buildImage(`${image}:latest`)
    const main = await runDebug({ inputs: keylessInputs(image), env: sigstore.oidcEnv })
    await ledger.settle('keyless', main, secrets())
    const digest = expectSigned(main, image)
    expect(main.outputs['signature-log-entry']).toMatch(/\/rekor\/api\/v1\/log\/entries\/[0-9a-f]{64}$/)
    expect(main.summary).toContain(
      `cosign verify --certificate-identity '${sigstore.certificateIdentity}' --certificate-oidc-issuer '${GITHUB_ISSUER}' ${p.emu.info.registry}/demo/${image}@${digest}`
    )

    const [layer, ...more] = await signatureLayers(image, digest)
    expect(more).toHaveLength(0)
    expect(JSON.parse(layer.payload.toString())).toEqual({
      critical: {
        identity: { 'docker-reference': `${p.emu.info.registry}/demo/${image}` },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature'
      },
      optional: null
    })
    verifyKeyless(sigstore, layer)
    expect(() =>
      verifyKeyless(
        sigstore,
        layer,
        'https://github.com/csc-example/app/.github/workflows/other.yml@refs/heads/main'
      )
    ).toThrow()
    expect(() =>
      verifyKeyless(sigstore, layer, sigstore.certificateIdentity, 'https://accounts.google.com')
    ).toThrow()
    const otherDigest = Buffer.from(layer.payload.toString().replace(digest.slice(7, 15), '00000000'))
    expect(() => verifyKeyless(sigstore, { ...layer, payload: otherDigest })).toThrow()
    const sig = Buffer.from(layer.annotations['dev.cosignproject.cosign/signature'], 'base64')
    sig[sig.length - 1] ^= 1
    const changed = { ...layer.annotations, 'dev.cosignproject.cosign/signature': sig.toString('base64') }
    expect(() => verifyKeyless(sigstore, { ...layer, annotations: changed })).toThrow()

    // containers/image (trixie's skopeo 1.18) reads the attachment and checks the Fulcio chain and the Rekor
    // timestamp, but it matches a certificate's subject by e-mail address only: a workflow's certificate names a
    // URI, so no policy of it can require this workflow. The failure shows how far it got.
    const caFile = join(work, 'fulcio.pem')
    const rekorKey = join(work, 'rekor.pub')
    writeFileSync(caFile, sigstore.fulcioRootPem)
    writeFileSync(rekorKey, sigstore.rekorPublicKeyPem)
    const fulcio = {
      fulcio: { caPath: caFile, oidcIssuer: GITHUB_ISSUER, subjectEmail: 'release@example.com' },
      rekorPublicKeyPath: rekorKey
    }
    const r = await skopeoVerify(image, digest, fulcio)
    expect(r.status).not.toBe(0)
    expect(r.stderr).toMatch(/Required email \\?"release@example\.com\\?" not found \(got \[\]\)/)
  }, 240_000)

  test('an index is signed at its own digest; a second signature goes beside the first', async () => {
    const image = uniqueImage('sign-index')
    const layout = join(work, `layout-${image}`)
    const crafted = craftIndex(layout, 'v1', ['linux/amd64', 'linux/arm64'])
    const inputs = keylessInputs(image, { source: `oci:${layout}:v1`, tags: 'v1', engine: 'skopeo' })
    const first = await runDebug({ inputs, env: sigstore.oidcEnv })
    await ledger.settle('keyless index', first, secrets())
    expect(expectSigned(first, image)).toBe(crafted.digest)
    const second = await runDebug({ inputs, env: sigstore.oidcEnv })
    await ledger.settle('keyless index again', second, secrets())
    expect(expectSigned(second, image)).toBe(crafted.digest)
    const layers = await signatureLayers(image, crafted.digest)
    expect(layers).toHaveLength(2)
    for (const layer of layers) verifyKeyless(sigstore, layer)
    // Each image of the index is signed at its own digest too, once per run.
    for (const instance of Object.values(crafted.manifests)) {
      const signed = await signatureLayers(image, instance)
      expect(signed).toHaveLength(2)
      for (const layer of signed) verifyKeyless(sigstore, layer)
    }
    expect(layers[0].annotations['dev.sigstore.cosign/certificate']).not.toBe(
      layers[1].annotations['dev.sigstore.cosign/certificate']
    )
  }, 240_000)
})

describe('with a key', () => {
  test('a cosign-format key: skopeo verifies with the public key; not with another key, identity or image', async () => {
    const image = uniqueImage('sign-cosign')
    await buildImage(`${image}:latest`)
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, {
        sign: 'key',
        'sign-key': COSIGN_KEY,
        'sign-key-passphrase': PASSPHRASE,
        tags: 'latest v1'
      })
    })
    await ledger.settle('cosign key', main, secrets())
    const digest = expectSigned(main, image)
    expect(main.outputs['signature-log-entry']).toBeUndefined()
    expect(main.summary).toContain(key.publicKeyPem.trim().split('\n')[1])
    const pub = join(work, 'cosign.pub')
    writeFileSync(pub, key.publicKeyPem)
    const ok = await skopeoVerify(image, digest, { keyPath: pub })
    expect(ok.stderr).toBe('')
    expect(ok.status).toBe(0)

    const otherPub = join(work, 'other.pub')
    writeFileSync(otherPub, newEcKeyPair().publicKeyPem)
    const otherKey = await skopeoVerify(image, digest, { keyPath: otherPub })
    expect(otherKey.status).not.toBe(0)
    expect(otherKey.stderr).toMatch(/cryptographic signature verification failed|invalid signature/i)

    const otherIdentity = await skopeoVerify(image, digest, {
      keyPath: pub,
      signedIdentity: { type: 'exactRepository', dockerRepository: `${p.emu.info.registry}/demo/elsewhere` }
    })
    expect(otherIdentity.status).not.toBe(0)
    expect(otherIdentity.stderr).toMatch(/not accepted|does not match/i)

    // Another image in the same stream, unsigned: no signature of its digest verifies it.
    await buildImage(`${image}:unsigned`)
    const unsigned = await runDebug({ inputs: baseInputs(p, 'builder', image, { tags: 'unsigned' }) })
    await ledger.settle('unsigned', unsigned, secrets())
    expect(unsigned.outputs.signature).toBeUndefined()
    const changed = await skopeoVerify(image, unsigned.outputs.digest, { keyPath: pub })
    expect(changed.status).not.toBe(0)
    expect(changed.stderr).toMatch(/signature|rejected/i)
  }, 240_000)

  test('a PEM key signs an index that skopeo verifies at the index digest', async () => {
    const image = uniqueImage('sign-pem')
    const layout = join(work, `layout-${image}`)
    const crafted = craftIndex(layout, 'v1', ['linux/amd64', 'linux/arm64'])
    const pem = key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, {
        source: `oci:${layout}:v1`,
        tags: 'v1',
        engine: 'skopeo',
        sign: 'key',
        'sign-key': pem
      })
    })
    await ledger.settle('pem key', main, secrets(...pem.split('\n').filter(l => l && !l.startsWith('-----'))))
    expect(expectSigned(main, image)).toBe(crafted.digest)
    const pub = join(work, 'pem.pub')
    writeFileSync(pub, key.publicKeyPem)
    // This platform's image out of the index, and the index with all its images.
    const ok = await skopeoVerify(image, crafted.digest, { keyPath: pub })
    expect(ok.stderr).toBe('')
    expect(ok.status).toBe(0)
    const all = await skopeoVerify(image, crafted.digest, { keyPath: pub }, true)
    expect(all.stderr).toBe('')
    expect(all.status).toBe(0)
    const otherPub = join(work, 'pem-other.pub')
    writeFileSync(otherPub, newEcKeyPair().publicKeyPem)
    expect((await skopeoVerify(image, crafted.digest, { keyPath: otherPub })).status).not.toBe(0)
  }, 240_000)
})

describe('after the push', () => {
  test('a signing failure fails the step with the image pushed and its outputs set', async () => {
    const image = uniqueImage('sign-late')
    await buildImage(`${image}:latest`)
    const rekorUrl = `http://127.0.0.1:${await closedPort()}`
    const main = await runDebug({
      inputs: keylessInputs(image, { 'sigstore-rekor-url': rekorUrl }),
      env: sigstore.oidcEnv
    })
    await ledger.settle('rekor down', main, secrets())
    expect(main.exitCode).toBe(1)
    const digest = main.outputs.digest
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(tagsOf(p.emu.getImageStream('demo', image))).toEqual({ latest: digest })
    expect(errorAnnotation(main)).toMatch(
      new RegExp(
        `^The image was pushed \\(${digest}\\), but it was not signed: Could not reach Rekor at ${rekorUrl}`
      )
    )
    expect(main.outputs.signature).toBeUndefined()
  }, 180_000)
})

describe('pruning', () => {
  test("a pruned digest's signature goes with it; a kept digest's stays, also when only another tag keeps it", async () => {
    const image = uniqueImage('sign-prune')
    const signed = { sign: 'key', 'sign-key': COSIGN_KEY, 'sign-key-passphrase': PASSPHRASE }
    const digests: string[] = []
    for (const [i, tags] of ['sha-1 stable', 'sha-2', 'sha-3', 'sha-4'].entries()) {
      const first = tags.split(' ')[0]
      await buildImage(`${image}:${first}`)
      const prune: Record<string, string> = i === 3 ? { prune: 'sha-*', keep: '2' } : {}
      // Each push a second after the last: OpenShift records a tag's push time to the second, and pruning keeps
      // what it cannot order (the same second) and what was pushed in the second its run began.
      if (i > 0) await new Promise(r => setTimeout(r, 1100))
      const main = await runDebug({ inputs: baseInputs(p, 'editor', image, { ...signed, tags, ...prune }) })
      await ledger.settle(`prune ${first}`, main, secrets(p.accounts.editor.token))
      expect(errorAnnotation(main)).toBeUndefined()
      digests.push(main.outputs.digest)
    }
    const sig = (d: string) => `${d.replace(':', '-')}.sig`
    const inStream = tagsOf(p.emu.getImageStream('demo', image))
    // sha-1 and sha-2 pruned; sha-1's digest is still `stable`, so its signature stays; sha-2's goes.
    expect(Object.keys(inStream).sort()).toEqual(
      ['sha-3', 'sha-4', 'stable', sig(digests[0]), sig(digests[2]), sig(digests[3])].sort()
    )
    const pub = join(work, 'prune.pub')
    writeFileSync(pub, key.publicKeyPem)
    expect((await skopeoVerify(image, digests[0], { keyPath: pub })).status).toBe(0)
    expect((await skopeoVerify(image, digests[3], { keyPath: pub })).status).toBe(0)
  }, 300_000)
})

describe('before any upload', () => {
  test('a dry run checks the token can be had and signs nothing', async () => {
    const image = uniqueImage('sign-dry')
    await buildImage(`${image}:latest`)
    const before = sigstore.requests.length
    const main = await runDebug({
      inputs: keylessInputs(image, { 'dry-run': 'true' }),
      env: sigstore.oidcEnv
    })
    await ledger.settle('dry run', main, secrets())
    expect(errorAnnotation(main)).toBeUndefined()
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toMatch(/Would sign the pushed digest keylessly as this workflow/)
    expect(sigstore.requests.slice(before)).toEqual(['GET /oidc/token'])
    expect(main.outputs.signature).toBeUndefined()
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
  }, 120_000)

  test('a dry run with a key decrypts it and signs nothing', async () => {
    const image = uniqueImage('sign-dry-key')
    await buildImage(`${image}:latest`)
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, {
        'dry-run': 'true',
        sign: 'key',
        'sign-key': COSIGN_KEY,
        'sign-key-passphrase': PASSPHRASE
      })
    })
    await ledger.settle('dry run with a key', main, secrets())
    expect(errorAnnotation(main)).toBeUndefined()
    expect(main.stdout).toMatch(/Signing key decrypted/)
    expect(main.stdout).toMatch(/Would sign the pushed digest with the key \(it decrypts\)/)
    expect(main.outputs.signature).toBeUndefined()
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
  }, 120_000)

  test('without id-token: write: one clear error, nothing created or uploaded', async () => {
    const image = uniqueImage('sign-noid')
    await buildImage(`${image}:latest`)
    const main = await runDebug({ inputs: keylessInputs(image) })
    await ledger.settle('no id-token', main, secrets())
    expectCleanFailure(
      main,
      /^Keyless signing needs the job's OIDC token, and GitHub gives this job none\. Add `permissions: id-token: write`/
    )
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
  }, 120_000)

  test('a wrong passphrase: one clear error, nothing created or uploaded', async () => {
    const image = uniqueImage('sign-pass')
    await buildImage(`${image}:latest`)
    const main = await runDebug({
      inputs: baseInputs(p, 'builder', image, {
        sign: 'key',
        'sign-key': COSIGN_KEY,
        'sign-key-passphrase': 'wrong horse'
      })
    })
    await ledger.settle('wrong passphrase', main, secrets('wrong horse'))
    expectCleanFailure(main, /^The 'sign-key' did not decrypt with 'sign-key-passphrase'\./)
    expect(p.emu.getImageStream('demo', image)).toBeUndefined()
  }, 120_000)

  test('no key, token, passphrase or OIDC token in any argv, file or log of these runs', () => {
    expect(ledger.entries.length).toBeGreaterThanOrEqual(14)
    expect(ledger.violations()).toEqual([])
  })
})
