// trixieSkopeo, the harness's way to run Debian trixie's skopeo (newer than Debian 12's) with a policy file of
// the test's own: the policy decides, files under /tmp are read and written at the caller's paths, and the
// version is the one the signature tests need.
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { craftIndex } from './harness/containers.js'
import { trixieSkopeo, trixieSkopeoVersion } from './harness/trixie.js'

describe("trixie's skopeo in the chroot", () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rahti-trixie-skopeo-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('is skopeo 1.18 or newer', async () => {
    const version = await trixieSkopeoVersion()
    const [major, minor] = /skopeo version (\d+)\.(\d+)/.exec(version)!.slice(1).map(Number)
    expect(major * 100 + minor).toBeGreaterThanOrEqual(118)
  }, 900_000)

  test('follows the given policy file, reading and writing under /tmp at the same paths', async () => {
    const layout = join(dir, 'layout')
    const index = craftIndex(layout, 'app', ['linux/amd64'])
    const reject = join(dir, 'reject.json')
    const accept = join(dir, 'accept.json')
    writeFileSync(reject, JSON.stringify({ default: [{ type: 'reject' }] }))
    writeFileSync(accept, JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }] }))

    const refused = await trixieSkopeo(reject, ['copy', `oci:${layout}:app`, `dir:${join(dir, 'refused')}`])
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toMatch(/rejected by policy/i)

    const out = join(dir, 'copied')
    const copied = await trixieSkopeo(accept, ['copy', '--all', `oci:${layout}:app`, `dir:${out}`])
    expect(copied.stderr).toBe('')
    expect(copied.status).toBe(0)
    // The index itself arrived on the host's side, byte for byte.
    expect(existsSync(join(out, 'manifest.json'))).toBe(true)
    const manifest = readFileSync(join(out, 'manifest.json'))
    expect(`sha256:${createHash('sha256').update(manifest).digest('hex')}`).toBe(index.digest)
  }, 120_000)
})
