import { extractMember } from '../../src/oc/untar.js'

/** A ustar header block for a regular file (or another type). */
function header(name: string, size: number, type = '0', prefix = ''): Buffer {
  const block = Buffer.alloc(512)
  block.write(name, 0, 100, 'utf8')
  block.write('0000644\0', 100)
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124)
  block.write(type, 156)
  block.write('ustar\u000000', 257, 'latin1')
  block.write(prefix, 345, 155, 'utf8')
  return block
}

function member(name: string, data: Buffer, type = '0', prefix = ''): Buffer {
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512)
  return Buffer.concat([header(name, data.length, type, prefix), data, padding])
}

function pax(records: Record<string, string>): Buffer {
  const text = Object.entries(records)
    .map(([k, v]) => {
      const body = ` ${k}=${v}\n`
      let length = body.length + 1
      while (`${length}${body}`.length !== length) length++
      return `${length}${body}`
    })
    .join('')
  return member('PaxHeaders/x', Buffer.from(text), 'x')
}

const END = Buffer.alloc(1024)

/** The archive in chunks of `size` bytes, recording how many the reader pulled. */
function chunked(archive: Buffer, size: number): { chunks: AsyncIterable<Buffer>; pulled: () => number } {
  let pulled = 0
  return {
    pulled: () => pulled,
    chunks: (async function* () {
      for (let at = 0; at < archive.length; at += size) {
        pulled++
        yield archive.subarray(at, at + size)
      }
    })()
  }
}

async function extract(
  archive: Buffer,
  chunkSize = 700
): Promise<{ found: boolean; bytes: Buffer; pulled: number; of: number }> {
  const parts: Buffer[] = []
  const { chunks, pulled } = chunked(archive, chunkSize)
  const found = await extractMember(chunks, ['oc', './oc'], async b => {
    parts.push(b)
  })
  return { found, bytes: Buffer.concat(parts), pulled: pulled(), of: Math.ceil(archive.length / chunkSize) }
}

const OC = Buffer.from('#!/bin/sh\necho oc\n'.repeat(100))
const KUBECTL = Buffer.alloc(200_000, 7)

describe('extractMember', () => {
  test('takes oc after the README and kubectl, as the mirror packs them', async () => {
    const archive = Buffer.concat([
      member('README.md', Buffer.from('# client\n')),
      member('kubectl', KUBECTL),
      member('oc', OC),
      END
    ])
    const got = await extract(archive)
    expect(got.found).toBe(true)
    expect(got.bytes.equals(OC)).toBe(true)
  })

  test('stops once oc is out: what follows it is never read', async () => {
    const archive = Buffer.concat([member('oc', OC), member('kubectl', KUBECTL), END])
    const got = await extract(archive)
    expect(got.bytes.equals(OC)).toBe(true)
    expect(got.pulled).toBeLessThan(5)
    expect(got.of).toBeGreaterThan(280)
  })

  test('./oc, a ustar prefix and a pax path name the member too; a directory or link of the name does not', async () => {
    for (const archive of [
      Buffer.concat([member('./oc', OC), END]),
      Buffer.concat([member('oc', Buffer.alloc(0), '5'), member('oc', OC), END]),
      Buffer.concat([pax({ path: 'oc' }), member('some-long-name-cut', OC), END])
    ]) {
      const got = await extract(archive, 512)
      expect(got.found).toBe(true)
      expect(got.bytes.equals(OC)).toBe(true)
    }
    const prefixed = await extract(Buffer.concat([member('oc', OC, '0', 'bin'), END]))
    expect(prefixed.found).toBe(false)
  })

  test('an archive without oc says so; one cut short inside it is an error', async () => {
    expect((await extract(Buffer.concat([member('kubectl', KUBECTL), END]))).found).toBe(false)
    const cut = Buffer.concat([member('oc', OC)]).subarray(0, 1000)
    await expect(extract(cut)).rejects.toThrow(/the archive ends inside oc/)
  })
})
