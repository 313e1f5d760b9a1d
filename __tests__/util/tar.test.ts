// The tar reader (src/util/tar.ts): first the format its one parser owns (header fields, checksum, ustar prefix,
// numbers, long names, pax records, what links carry, where an archive is cut), each case fed whole, a byte at a
// time and in pieces that split headers and data at awkward places: the result must not depend on where the
// chunks fall. Then what each front-end adds: TarMember (push-style, one member, oc, out of the client archive)
// and readTar (pull-style, what `docker save` streams, bodies as async iterables).
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { link, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, test } from '@jest/globals'

import {
  parseTarHeader,
  readHeader,
  readTar,
  TarError,
  TarEvent,
  TarMember,
  TarParser
} from '../../src/util/tar.js'
import { chunked, makeTar, tarHeader } from '../fixtures/tar.js'

const OC = Buffer.concat([Buffer.from('#!/bin/sh\necho oc\n'), randomBytes(5000)])
const KUBECTL = Buffer.from('#!/bin/sh\necho kubectl\n')
const README = '# OpenShift client\n'

const SPLITS: Record<string, number[]> = {
  whole: [Number.MAX_SAFE_INTEGER],
  'a byte at a time': [1],
  'awkward pieces': [511, 1, 700, 3, 1024, 97]
}

/** A header of 2^33 bytes, its size in GNU's base-256: the high bit set, then the size big-endian. */
function hugeHeader(): Buffer {
  const header = tarHeader('huge', 0, '0')
  header.fill(0, 124, 136)
  header[124] = 0x80
  header[131] = 0x02
  header.fill(0x20, 148, 156)
  let sum = 0
  for (const b of header) sum += b
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
  return header
}

interface Parsed {
  name: string
  type: string
  size: number
  link: string
  body: string
}

/** The parser alone, driven as the front-ends drive it: every entry with its body. */
function parse(archive: Buffer, sizes: number[]): Parsed[] {
  const parser = new TarParser()
  const out: Parsed[] = []
  const bodies: Buffer[][] = []
  let ended = false
  for (const chunk of chunked(archive, sizes)) {
    for (let at = 0; at < chunk.length && !ended;) {
      at = parser.read(chunk, at)
      if (parser.event === TarEvent.Entry) {
        const e = parser.entry!
        out.push({ name: e.name, type: e.type, size: e.size, link: e.linkName, body: '' })
        bodies.push([])
      } else if (parser.event === TarEvent.Data) bodies[bodies.length - 1].push(Buffer.from(parser.bytes))
      else if (parser.event === TarEvent.End) ended = true
    }
  }
  parser.end()
  return out.map((e, i) => ({ ...e, body: Buffer.concat(bodies[i]).toString('latin1') }))
}

describe('readHeader', () => {
  test('the fields, the ustar prefix joined to the name, a leading ./ dropped', () => {
    const header = tarHeader('layer.tar', 42, '2', { linkTo: '../other', prefix: './abc' })
    expect(readHeader(header, 0)).toEqual({
      name: 'abc/layer.tar',
      size: 42,
      flag: '2',
      linkName: '../other'
    })
  })

  test("GNU's own magic ('ustar  ') keeps times where POSIX has the prefix: not read as one", () => {
    const header = tarHeader('oc', 0, '0', { prefix: 'bin' })
    header.write('ustar  \0', 257, 'latin1')
    header.fill(0x20, 148, 156)
    let sum = 0
    for (const b of header) sum += b
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
    expect(readHeader(header, 0)?.name).toBe('oc')
  })

  test('a size past 8 GiB in base-256 is read', () => {
    expect(readHeader(hugeHeader(), 0)?.size).toBe(2 ** 33)
  })

  test('the end block is no header; a damaged one is a TarError naming its byte, or undefined for a look-up', () => {
    expect(readHeader(Buffer.alloc(512), 0)).toBeUndefined()
    const damaged = tarHeader('oc', 1, '0')
    damaged[3] ^= 0xff
    expect(() => readHeader(damaged, 1024)).toThrow(
      new TarError('the tar header at byte 1024 is damaged (its checksum does not match)')
    )
    expect(parseTarHeader(damaged)).toBeUndefined()
    expect(parseTarHeader(tarHeader('index.json', 7, '0'))).toMatchObject({ name: 'index.json', size: 7 })
  })

  test('a size field that is not a number is refused', () => {
    const header = tarHeader('oc', 0, '0')
    header.write('12x45678901\0', 124, 'latin1')
    header.fill(0x20, 148, 156)
    let sum = 0
    for (const b of header) sum += b
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
    expect(() => readHeader(header, 0)).toThrow('the tar header at byte 0 gives no readable size')
  })
})

describe.each(Object.entries(SPLITS))('TarParser, fed %s', (_, sizes) => {
  test('members in order with their bodies, names with the ustar prefix and without ./', () => {
    const archive = makeTar([
      { name: './', type: '5' },
      { name: './README.md', data: README },
      { name: 'oc', data: OC, prefix: 'bin' }
    ])
    expect(parse(archive, sizes)).toEqual([
      { name: '', type: 'directory', size: 0, link: '', body: '' },
      { name: 'README.md', type: 'file', size: README.length, link: '', body: README },
      { name: 'bin/oc', type: 'file', size: OC.length, link: '', body: OC.toString('latin1') }
    ])
  })

  test("long names and links: GNU's 'L' and 'K', pax path and linkpath, each for the next header only", () => {
    const long = `blobs/sha256/${'a'.repeat(120)}`
    const archive = makeTar([
      { name: long, data: 'gnu', gnuLongName: true },
      { name: '././@LongLink', type: 'K', data: `${long}-target\0` },
      { name: 'short-link', type: '2', linkTo: 'placeholder' },
      { name: `${long}-pax`, data: 'pax', paxPath: true },
      { name: 'pax-link', type: '1', pax: { linkpath: `${long}-pax` } },
      { name: 'plain', data: 'p' }
    ])
    expect(parse(archive, sizes)).toEqual([
      { name: long, type: 'file', size: 3, link: '', body: 'gnu' },
      { name: 'short-link', type: 'symlink', size: 0, link: `${long}-target`, body: '' },
      { name: `${long}-pax`, type: 'file', size: 3, link: '', body: 'pax' },
      { name: 'pax-link', type: 'link', size: 0, link: `${long}-pax`, body: '' },
      { name: 'plain', type: 'file', size: 1, link: '', body: 'p' }
    ])
  })

  test("a pax size is the member's size, whatever the header's field says", () => {
    const archive = makeTar([
      { name: 'big', data: 'x'.repeat(700), pax: { size: '700' } },
      { name: 'after', data: 'a' }
    ])
    expect(parse(archive, sizes).map(e => [e.name, e.size, e.body.length])).toEqual([
      ['big', 700, 700],
      ['after', 1, 1]
    ])
  })

  test("the global pax header ('g') is skipped: its path names nothing", () => {
    const archive = makeTar([
      { name: 'pax_global_header', type: 'g', data: '22 path=not-this-one\n' },
      { name: 'oc', data: 'o' }
    ])
    expect(parse(archive, sizes).map(e => e.name)).toEqual(['oc'])
  })

  test('links, directories and fifos carry no bytes whatever their size field claims', () => {
    const archive = makeTar([
      { name: 'hard', type: '1', linkTo: 'x', claims: 5000 },
      { name: 'dir/', type: '5', claims: 5000 },
      { name: 'fifo', type: '6', claims: 5000 },
      { name: 'after', data: 'a' }
    ])
    expect(parse(archive, sizes).map(e => [e.name, e.type, e.size, e.body])).toEqual([
      ['hard', 'link', 0, ''],
      ['dir/', 'directory', 0, ''],
      ['fifo', 'other', 0, ''],
      ['after', 'file', 1, 'a']
    ])
  })

  test('a damaged header is a TarError that names its byte', () => {
    const archive = makeTar([
      { name: 'README.md', data: README },
      { name: 'oc', data: OC }
    ])
    archive[1024 + 3] ^= 0xff
    expect(() => parse(archive, sizes)).toThrow('the tar header at byte 1024 is damaged')
  })

  test('an archive cut inside a member, a header, padding or a record says where', () => {
    const archive = makeTar([
      { name: 'README.md', data: README },
      { name: 'oc', data: OC, gnuLongName: true }
    ])
    // README's header and data block, the 'L' header and record block, then oc's header: oc's data at 2560.
    expect(() => parse(archive.subarray(0, 2560 + 100), sizes)).toThrow(
      new TarError('the archive ends inside oc')
    )
    expect(() => parse(archive.subarray(0, 2048 + 100), sizes)).toThrow('the archive ends inside a header')
    expect(() => parse(archive.subarray(0, 512 + README.length + 10), sizes)).toThrow(
      'the archive ends inside README.md'
    )
    expect(() => parse(archive.subarray(0, 1536 + 1), sizes)).toThrow(
      'the archive ends inside a header record'
    )
  })

  test('an archive without its end blocks is whole; a record too large to be one is refused', () => {
    expect(parse(makeTar([{ name: 'a', data: 'a' }], false), sizes).map(e => e.name)).toEqual(['a'])
    const record = tarHeader('PaxHeaders/x', 2 * 1024 * 1024, 'x')
    expect(() => parse(record, sizes)).toThrow('the tar header record at byte 0 is too large')
  })
})

/** Feeds `archive` in `sizes` pieces until the reader is done; returns what was written, whether oc was found and
 * how many bytes had been fed by then. */
function extract(archive: Buffer, sizes: number[], names = ['oc']) {
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

describe('TarMember (push-style: oc out of the client archive)', () => {
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

    test('an empty oc is found, and empty', () => {
      expect(extract(makeTar([{ name: 'oc', data: '' }]), sizes)).toMatchObject({
        found: true,
        data: Buffer.alloc(0)
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
      expect(() => extract(archive.subarray(0, 1024 + 100), sizes)).toThrow(
        'the archive ends inside a header'
      )
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

  test('a member of 2^33 bytes (base-256 size) is skipped past, not held', () => {
    const member = new TarMember(['oc'], () => undefined)
    member.push(hugeHeader())
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
})

/** The bytes as a socket hands them over: pieces of uneven sizes; `pulled` counts the pieces asked for. */
function pieces(bytes: Buffer, size = 333) {
  const source = {
    pulled: 0,
    closed: false,
    async *[Symbol.asyncIterator]() {
      try {
        for (let at = 0; at < bytes.length; at += size) {
          source.pulled++
          yield bytes.subarray(at, at + size)
        }
      } finally {
        source.closed = true
      }
    }
  }
  return source
}

async function entries(bytes: Buffer, read = true): Promise<{ name: string; type: string; text?: string }[]> {
  const out: { name: string; type: string; text?: string }[] = []
  for await (const entry of readTar(pieces(bytes))) {
    if (!read) {
      out.push({ name: entry.name, type: entry.type })
      continue
    }
    const chunks: Buffer[] = []
    for await (const chunk of entry.body) chunks.push(chunk)
    out.push({ name: entry.name, type: entry.type, text: Buffer.concat(chunks).toString() })
  }
  return out
}

describe('readTar (pull-style: what `docker save` streams)', () => {
  test('members in order, each body whole across pieces of the input', async () => {
    const big = 'x'.repeat(5000)
    const archive = makeTar([
      { name: 'dir/', type: '5' },
      { name: 'dir/layer.tar', data: big },
      { name: 'dir/link.tar', type: '2', linkTo: '../other/layer.tar' },
      { name: 'manifest.json', data: '[]' }
    ])
    expect(await entries(archive)).toEqual([
      { name: 'dir/', type: 'directory', text: '' },
      { name: 'dir/layer.tar', type: 'file', text: big },
      { name: 'dir/link.tar', type: 'symlink', text: '' },
      { name: 'manifest.json', type: 'file', text: '[]' }
    ])
  })

  test('bodies left unread are skipped', async () => {
    const archive = makeTar([
      { name: 'a', data: 'a'.repeat(1300) },
      { name: 'b', data: 'b' }
    ])
    expect(await entries(archive, false)).toEqual([
      { name: 'a', type: 'file' },
      { name: 'b', type: 'file' }
    ])
  })

  test("long names: GNU's 'L' member and a PAX path record", async () => {
    const long = `blobs/sha256/${'a'.repeat(120)}`
    const archive = makeTar([
      { name: long, data: 'gnu', gnuLongName: true },
      { name: `${long}-pax`, data: 'pax', paxPath: true }
    ])
    expect(await entries(archive)).toEqual([
      { name: long, type: 'file', text: 'gnu' },
      { name: `${long}-pax`, type: 'file', text: 'pax' }
    ])
  })

  test('an archive cut inside a member, or a damaged header, is a TarError', async () => {
    const archive = makeTar([{ name: 'a', data: 'a'.repeat(2000) }])
    await expect(entries(archive.subarray(0, 1200))).rejects.toThrow(TarError)
    await expect(entries(archive.subarray(0, 1200))).rejects.toThrow('the archive ends inside a')
    archive[5] ^= 0xff
    await expect(entries(archive)).rejects.toThrow('the tar header at byte 0 is damaged')
  })

  test('the input is read only as far as the body is: a slow consumer holds the source back', async () => {
    const archive = makeTar([{ name: 'layer.tar', data: randomBytes(100 * 333) }])
    const source = pieces(archive)
    for await (const entry of readTar(source)) {
      const body = entry.body[Symbol.asyncIterator]()
      await body.next()
      const after = source.pulled
      await body.next()
      expect(after).toBeLessThanOrEqual(3)
      expect(source.pulled).toBe(after + 1)
      break
    }
  })

  test('breaking out of the loop closes the input', async () => {
    const source = pieces(
      makeTar([
        { name: 'a', data: 'a' },
        { name: 'b', data: 'b' }
      ])
    )
    for await (const entry of readTar(source)) {
      expect(entry.name).toBe('a')
      break
    }
    expect(source.closed).toBe(true)
  })
})
