// The tar reader that takes oc out of the archive as it is decompressed (src/oc/untar.ts): where oc stands in
// the archive, how its name is written, and archives that are cut short, damaged or hold oc as a link. Every
// case is fed whole, a byte at a time, and in pieces that split headers and data at awkward places: the result
// must not depend on where the chunks fall.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { link, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, test } from '@jest/globals'

import { TarError, TarMember } from '../../src/oc/untar.js'
import { chunked, makeTar, tarHeader } from '../fixtures/tar.js'

const OC = Buffer.concat([Buffer.from('#!/bin/sh\necho oc\n'), randomBytes(5000)])
const KUBECTL = Buffer.from('#!/bin/sh\necho kubectl\n')
const README = '# OpenShift client\n'

const SPLITS: Record<string, number[]> = {
  whole: [Number.MAX_SAFE_INTEGER],
  'a byte at a time': [1],
  'awkward pieces': [511, 1, 700, 3, 1024, 97]
}

/** Feeds `archive` in `sizes` pieces until the reader is done; returns what was written, whether oc was found and
 * how many bytes had been fed by then. */
function extract(archive: Buffer, sizes: number[], names = ['oc', './oc']) {
  const written: Buffer[] = []
  const member = new TarMember(names, bytes => written.push(Buffer.from(bytes)))
  let fed = 0
  for (const chunk of chunked(archive, sizes)) {
    if (member.done) break
    member.push(chunk)
    fed += chunk.length
  }
  member.end()
  return { data: Buffer.concat(written), found: member.found, fed }
}

describe.each(Object.entries(SPLITS))('fed %s', (_, sizes) => {
  test('oc first: taken, and nothing after it is read', () => {
    const archive = makeTar([
      { name: 'oc', data: OC },
      { name: 'kubectl', data: KUBECTL }
    ])
    const got = extract(archive, sizes)
    expect(got.found).toBe(true)
    expect(got.data.equals(OC)).toBe(true)
    // Done with the chunk that held oc's last byte: no later chunk was asked for.
    expect(got.fed).toBeLessThan(512 + OC.length + Math.min(Math.max(...sizes), archive.length))
  })

  test('oc last, after README.md and kubectl, as the fake mirror packs it', () => {
    const archive = makeTar([
      { name: 'README.md', data: README },
      { name: 'kubectl', data: KUBECTL },
      { name: 'oc', data: OC }
    ])
    expect(extract(archive, sizes)).toMatchObject({ found: true, data: OC })
  })

  test('./oc, as an archive packed from `.` names it', () => {
    const archive = makeTar([
      { name: './', type: '5' },
      { name: './README.md', data: README },
      { name: './oc', data: OC }
    ])
    expect(extract(archive, sizes)).toMatchObject({ found: true, data: OC })
  })

  test('a name given by a pax record or a GNU long name counts, not the placeholder in the header', () => {
    for (const how of [{ paxPath: true }, { gnuLongName: true }]) {
      const archive = makeTar([
        { name: 'kubectl', data: KUBECTL, ...how },
        { name: 'oc', data: OC, ...how }
      ])
      expect(extract(archive, sizes)).toMatchObject({ found: true, data: OC })
    }
  })

  test('an oc in a directory, or a file merely named like it, is not the one', () => {
    const archive = makeTar([
      { name: 'bin/oc', data: KUBECTL },
      { name: 'oc', data: KUBECTL, prefix: 'bin' },
      { name: 'oc.sha256', data: 'x' },
      { name: 'README.md', data: README }
    ])
    expect(extract(archive, sizes)).toMatchObject({ data: Buffer.alloc(0), found: false })
  })

  test('oc missing: read to the end-of-archive block, and not found', () => {
    const archive = makeTar([
      { name: 'README.md', data: README },
      { name: 'kubectl', data: KUBECTL }
    ])
    expect(extract(archive, sizes)).toMatchObject({ data: Buffer.alloc(0), found: false })
  })

  test('an archive without its end blocks is read as GNU tar reads it', () => {
    expect(extract(makeTar([{ name: 'README.md', data: README }], false), sizes).found).toBe(false)
    expect(extract(makeTar([{ name: 'oc', data: OC }], false), sizes)).toMatchObject({
      found: true,
      data: OC
    })
  })

  test('an archive cut inside oc, inside a header, or inside padding is refused', () => {
    const archive = makeTar([
      { name: 'README.md', data: README },
      { name: 'oc', data: OC }
    ])
    // README's header and one data block, then oc's header: oc's data starts at 1536.
    expect(() => extract(archive.subarray(0, 1536 + 100), sizes)).toThrow(
      new TarError('the archive ends inside oc')
    )
    expect(() => extract(archive.subarray(0, 1024 + 100), sizes)).toThrow('the archive ends inside a header')
    expect(() => extract(archive.subarray(0, 512 + README.length + 10), sizes)).toThrow(
      'the archive ends inside README.md'
    )
  })

  test('a damaged header is told apart from an archive without oc', () => {
    const archive = makeTar([
      { name: 'README.md', data: README },
      { name: 'oc', data: OC }
    ])
    archive[1024 + 3] ^= 0xff // in oc's header
    expect(() => extract(archive, sizes)).toThrow(
      'the tar header at byte 1024 is damaged (its checksum does not match)'
    )
    expect(() => extract(randomBytes(4096), sizes)).toThrow('the tar header at byte 0 is damaged')
  })

  test('oc as a link is refused rather than taken as empty', () => {
    const hard = makeTar([
      { name: 'kubectl', data: KUBECTL },
      { name: 'oc', type: '1', linkTo: 'kubectl' }
    ])
    expect(() => extract(hard, sizes)).toThrow('its oc is a hard link, not a file')
    const symbolic = makeTar([{ name: 'oc', type: '2', linkTo: 'kubectl' }])
    expect(() => extract(symbolic, sizes)).toThrow('its oc is a symbolic link, not a file')
  })
})

test('a size past 8 GiB in base-256 is read (and such a member is skipped past, not held)', () => {
  const header = tarHeader('huge', 0, '0')
  // GNU's binary size: the high bit set, then the size big-endian: 2^33 bytes.
  header.fill(0, 124, 136)
  header[124] = 0x80
  header[131] = 0x02
  header.fill(0x20, 148, 156)
  let sum = 0
  for (const b of header) sum += b
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
  const member = new TarMember(['oc'], () => undefined)
  member.push(header)
  member.push(Buffer.alloc(4096))
  expect(() => member.end()).toThrow('the archive ends inside huge')
})

describe('archives made by GNU tar', () => {
  /** `order` packed by tar from a directory where `linked` is a hard link to `file` (oc's bytes). */
  async function packed(order: string[], file: string, linked: string): Promise<Buffer> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'untar-'))
    try {
      await writeFile(path.join(dir, 'README.md'), README)
      await writeFile(path.join(dir, file), OC)
      await link(path.join(dir, file), path.join(dir, linked))
      return execFileSync('tar', ['-cf', '-', '-C', dir, ...order])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  test('the mirror layout: README.md, oc, then kubectl as a hard link to oc', async () => {
    const archive = await packed(['README.md', 'oc', 'kubectl'], 'oc', 'kubectl')
    expect(extract(archive, [10_000])).toMatchObject({ found: true, data: OC })
  })

  test('kubectl first and oc a hard link to it: refused, not installed empty', async () => {
    const archive = await packed(['README.md', 'kubectl', 'oc'], 'kubectl', 'oc')
    expect(() => extract(archive, [10_000])).toThrow('its oc is a hard link, not a file')
  })

  test('packed from `.`, members named ./oc', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'untar-'))
    try {
      await writeFile(path.join(dir, 'README.md'), README)
      await writeFile(path.join(dir, 'kubectl'), KUBECTL)
      await writeFile(path.join(dir, 'oc'), OC)
      const archive = execFileSync('tar', ['-cf', '-', '-C', dir, '.'])
      expect(extract(archive, [4096])).toMatchObject({ found: true, data: OC })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
