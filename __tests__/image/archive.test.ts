// Archives and layouts checked before skopeo reads them: the kind at the path, the names a layout holds, and a
// reference skopeo can parse whatever the directories are called.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, test } from '@jest/globals'

import { archiveReference, tarMember } from '../../src/image/archive.js'
import { makeTar } from '../fixtures/tar.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'archive-test-'))

/** A ustar archive of the given members. */
function tar(members: Record<string, string>): Buffer {
  return makeTar(Object.entries(members).map(([name, data]) => ({ name, data })))
}

const index = (...names: (string | undefined)[]) =>
  JSON.stringify({
    manifests: names.map(n => ({ annotations: n ? { 'org.opencontainers.image.ref.name': n } : {} }))
  })

describe('archives and layouts', () => {
  test('a tar member is found by its headers', async () => {
    const file = path.join(dir, 'a.tar')
    writeFileSync(file, tar({ 'oci-layout': '{}', './index.json': '{"a":1}' }))
    expect((await tarMember(file, 'index.json'))?.toString()).toBe('{"a":1}')
    expect(await tarMember(file, 'missing')).toBeUndefined()
  })

  test('a path with a colon in a directory: skopeo is given the file name, in its directory', async () => {
    const sub = path.join(dir, 'c:d')
    mkdirSync(sub)
    writeFileSync(path.join(sub, 'img.tar'), tar({ 'manifest.json': '[]' }))
    expect(await archiveReference('docker-archive', path.join(sub, 'img.tar'), undefined, 'x')).toEqual({
      transportRef: 'docker-archive:img.tar',
      cwd: sub
    })
    expect(
      await archiveReference('docker-archive', path.join(sub, 'nothing.tar'), undefined, 'x')
    ).toBeUndefined()
  })

  test('the wrong kind at the path, and a layout of several images with none named', async () => {
    await expect(archiveReference('docker-archive', dir, undefined, 'x')).rejects.toThrow(
      /is a directory, not an archive file/
    )
    const file = path.join(dir, 'two.tar')
    writeFileSync(file, tar({ 'index.json': index('one', 'two', undefined) }))
    await expect(archiveReference('oci', file, undefined, 'x')).rejects.toThrow(
      /is a file, not an OCI layout/
    )
    await expect(archiveReference('oci-archive', file, undefined, `oci-archive:${file}`)).rejects.toThrow(
      /holds 3 images \(the names one, two, and 1 without a name\), and oci-archive:.* names none\. Add the name/
    )
    expect(await archiveReference('oci-archive', file, 'two', 'x')).toEqual({
      transportRef: 'oci-archive:two.tar:two',
      cwd: dir
    })
  })
})
