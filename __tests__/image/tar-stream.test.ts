// The tar read as it streams: members in order with their bodies in chunks, long names in the GNU and PAX forms,
// bodies left unread skipped, and an archive cut short said as such.
import { describe, expect, test } from '@jest/globals'

import { readTar, TarError } from '../../src/image/tar-stream.js'

interface Member {
  name: string
  body?: Buffer | string
  flag?: string
  link?: string
}

function header(name: string, size: number, flag = '0', link = ''): Buffer {
  const h = Buffer.alloc(512)
  h.write(name.slice(0, 100), 0)
  h.write('0000644\0', 100)
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124)
  h.write(flag, 156)
  h.write(link, 157)
  h.write('ustar\0', 257)
  return h
}

function pad(n: number): Buffer {
  return Buffer.alloc((512 - (n % 512)) % 512)
}

/** A ustar archive of the members, as Go's archive/tar writes one. */
function tar(members: Member[]): Buffer {
  const parts: Buffer[] = []
  for (const m of members) {
    const body = Buffer.from(m.body ?? '')
    parts.push(header(m.name, body.length, m.flag, m.link), body, pad(body.length))
  }
  return Buffer.concat([...parts, Buffer.alloc(1024)])
}

/** The bytes as a socket hands them over: pieces of uneven sizes. */
async function* pieces(bytes: Buffer, size = 333): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size)
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

describe('readTar', () => {
  test('members in order, each body whole across pieces of the input', async () => {
    const big = 'x'.repeat(5000)
    const archive = tar([
      { name: 'dir/', flag: '5' },
      { name: 'dir/layer.tar', body: big },
      { name: 'dir/link.tar', flag: '2', link: '../other/layer.tar' },
      { name: 'manifest.json', body: '[]' }
    ])
    expect(await entries(archive)).toEqual([
      { name: 'dir/', type: 'directory', text: '' },
      { name: 'dir/layer.tar', type: 'file', text: big },
      { name: 'dir/link.tar', type: 'symlink', text: '' },
      { name: 'manifest.json', type: 'file', text: '[]' }
    ])
  })

  test('bodies left unread are skipped', async () => {
    const archive = tar([
      { name: 'a', body: 'a'.repeat(1300) },
      { name: 'b', body: 'b' }
    ])
    expect(await entries(archive, false)).toEqual([
      { name: 'a', type: 'file' },
      { name: 'b', type: 'file' }
    ])
  })

  test("long names: GNU's 'L' member and a PAX path record", async () => {
    const long = `blobs/sha256/${'a'.repeat(120)}`
    const record = `path=${long}-pax\n`
    const paxRecord = `${record.length + 4} ${record}`
    const archive = tar([
      { name: '././@LongLink', flag: 'L', body: `${long}\0` },
      { name: long.slice(0, 100), body: 'gnu' },
      { name: 'PaxHeaders/x', flag: 'x', body: paxRecord },
      { name: 'short', body: 'pax' }
    ])
    expect(await entries(archive)).toEqual([
      { name: long, type: 'file', text: 'gnu' },
      { name: `${long}-pax`, type: 'file', text: 'pax' }
    ])
  })

  test('an archive cut inside a member is a TarError', async () => {
    const archive = tar([{ name: 'a', body: 'a'.repeat(2000) }]).subarray(0, 1200)
    await expect(entries(archive)).rejects.toThrow(TarError)
  })
})
