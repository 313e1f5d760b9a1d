// The parallel gzip of a layer: one gzip member that zlib and the system's gzip read back byte for byte, with the
// digests of both sides right, a compression as good as one stream's, incompressible chunks stored, the output in
// order whatever order the jobs finish in, and a stop when the run is cancelled.
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'

import { describe, expect, test } from '@jest/globals'

import { gzipLayer, type GzipOptions } from '../../src/image/gzip.js'

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/** Text that compresses well but not trivially: lines of a made-up listing. */
function text(bytes: number): Buffer {
  const lines: string[] = []
  let length = 0
  for (let i = 0; length < bytes; i++) {
    const line = `-rw-r--r-- root/root ${(i * 7919) % 100000} 2026-12-02 usr/lib/file-${i % 977}.so.${i % 13}\n`
    lines.push(line)
    length += line.length
  }
  return Buffer.from(lines.join('')).subarray(0, bytes)
}

/** The input as a producer hands it over: pieces of uneven sizes, the buffer reused once consumed. */
async function* pieces(input: Buffer, sizes = [1000, 65536, 7, 300000]): AsyncGenerator<Buffer> {
  const scratch = Buffer.alloc(Math.max(...sizes))
  for (let at = 0, i = 0; at < input.length; i++) {
    const size = Math.min(sizes[i % sizes.length], input.length - at)
    input.copy(scratch, 0, at, at + size)
    yield scratch.subarray(0, size)
    at += size
  }
}

async function gzip(
  input: Buffer,
  options?: GzipOptions
): Promise<{ out: Buffer; result: Awaited<ReturnType<typeof gzipLayer>> }> {
  const parts: Buffer[] = []
  const result = await gzipLayer(pieces(input), async chunk => void parts.push(Buffer.from(chunk)), options)
  return { out: Buffer.concat(parts), result }
}

describe('gzipLayer', () => {
  test.each([
    ['empty', Buffer.alloc(0)],
    ['one byte', Buffer.from('x')],
    ['text, several chunks', text(300_000)],
    ['random, several chunks', randomBytes(300_000)],
    ['exactly two chunks', text(2 * 65536)],
    [
      'random then text then random',
      Buffer.concat([randomBytes(100_000), text(150_000), randomBytes(70_000)])
    ]
  ])('%s: read back by zlib and by gzip(1), digests and sizes right', async (_name, input) => {
    const { out, result } = await gzip(input, { chunkBytes: 65536 })
    expect(gunzipSync(out).equals(input)).toBe(true)
    // The system's gzip checks the CRC and the length in the trailer too, and finds one member.
    expect(execFileSync('gzip', ['-dc'], { input: out }).equals(input)).toBe(true)
    expect(execFileSync('gzip', ['-lv'], { input: out }).toString()).not.toMatch(/multiple|trailing/i)
    expect(result).toEqual({
      diffId: sha256(input),
      digest: sha256(out),
      size: out.length,
      uncompressedSize: input.length
    })
  })

  test('compresses text about as well as one zlib stream at the same level, chunks primed with the last window', async () => {
    const input = text(1_000_000)
    const { out } = await gzip(input, { chunkBytes: 65536 })
    const single = gzipSync(input, { level: 6 }).length
    expect(out.length).toBeLessThan(single * 1.02)
  })

  test('stores chunks that do not compress: random data grows by the framing only', async () => {
    const input = randomBytes(1_000_000)
    const { out } = await gzip(input, { chunkBytes: 65536 })
    // 5 bytes per 64 KiB stored block plus the sync markers and the 18 bytes of header and trailer.
    expect(out.length).toBeLessThan(input.length * 1.001 + 100)
  })

  test('writes the chunks in order when later ones finish first (a text chunk after a large random one)', async () => {
    const input = Buffer.concat([text(400_000), randomBytes(400_000), text(400_000)])
    const { out } = await gzip(input, { chunkBytes: 200_000, parallel: 6 })
    expect(gunzipSync(out).equals(input)).toBe(true)
  })

  test('bounds the chunks in flight: the sink is awaited before more input is read', async () => {
    let read = 0
    let maxAhead = 0
    let written = 0
    async function* counted(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 40; i++) {
        read += 65536
        yield randomBytes(65536)
      }
    }
    await gzipLayer(
      counted(),
      async chunk => {
        written += chunk.length
        maxAhead = Math.max(maxAhead, read - written)
        await new Promise(resolve => setImmediate(resolve))
      },
      { chunkBytes: 65536, parallel: 2 }
    )
    // Two jobs in flight, one chunk held back to learn whether it is the last, one being read.
    expect(maxAhead).toBeLessThanOrEqual(5 * 65536)
  })

  test('stops with the run: a cancelled signal ends it with the abort reason and no more output', async () => {
    const controller = new AbortController()
    let chunks = 0
    const reason = new Error('cancelled')
    const run = gzipLayer(
      pieces(text(2_000_000)),
      async () => {
        if (++chunks === 3) controller.abort(reason)
      },
      { chunkBytes: 65536, parallel: 1, signal: controller.signal }
    )
    await expect(run).rejects.toBe(reason)
    expect(chunks).toBeLessThan(6)
  })
})
