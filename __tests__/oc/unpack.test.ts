// oc unpacked from a .tar.gz as its bytes arrive (src/oc/unpack.ts): zlib in process, the tar reader, the file.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib, { gzipSync } from 'node:zlib'

import { afterAll, expect, jest, test } from '@jest/globals'

import { TarGzMember } from '../../src/oc/unpack.js'
import { TarError } from '../../src/util/tar.js'
import { chunked, makeTar } from '../fixtures/tar.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'unpack-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const outFile = () => path.join(dir, `oc-${++n}`)

// Larger than the MiB zlib is handed at a time and than its output chunk, so that both wrap around.
const OC = Buffer.concat([Buffer.from('#!/bin/sh\necho oc\n'), randomBytes(3 * 1024 * 1024 + 123)])
const KUBECTL = randomBytes(2 * 1024 * 1024)

/** Feeds the compressed archive in socket-sized chunks, waiting when asked to, as the download does. */
async function unpack(gz: Buffer, out: string): Promise<{ found: boolean; fedWhenDone?: number }> {
  const member = new TarGzMember(['oc', './oc'], out)
  let fed = 0
  let fedWhenDone: number | undefined
  for (const chunk of chunked(gz, [65536, 1000, 16384])) {
    if (member.done) fedWhenDone ??= fed
    await member.write(chunk)
    fed += chunk.length
  }
  return { found: await member.finish(), fedWhenDone }
}

test('oc last: written whole, mode 0600 (nothing here makes it executable)', async () => {
  const out = outFile()
  const gz = gzipSync(
    makeTar([
      { name: 'README.md', data: 'x' },
      { name: 'kubectl', data: KUBECTL },
      { name: 'oc', data: OC }
    ])
  )
  expect(await unpack(gz, out)).toMatchObject({ found: true })
  expect(readFileSync(out).equals(OC)).toBe(true)
  expect(statSync(out).mode & 0o777).toBe(0o600)
})

test('oc first: what follows it is not decompressed, and later bytes are taken without complaint', async () => {
  const out = outFile()
  // More after oc than zlib may be handed ahead (8 MiB), so that the feeding waits and sees the stop.
  const after = randomBytes(16 * 1024 * 1024)
  const gz = gzipSync(
    makeTar([
      { name: './oc', data: OC },
      { name: 'kubectl', data: after }
    ]),
    { level: 1 }
  )
  const got = await unpack(gz, out)
  expect(got.found).toBe(true)
  expect(got.fedWhenDone).toBeLessThan(gz.length)
  expect(readFileSync(out).equals(OC)).toBe(true)
})

test('the MiB buffers zlib is handed are used again once it has read them, and what it read is whole', async () => {
  // Far more than zlib may be handed ahead (8 MiB), in socket-sized chunks arriving a few at a time, and some
  // chunks larger than a MiB, which are handed on as they are.
  const big = Buffer.concat([Buffer.from('#!/bin/sh\n'), randomBytes(40 * 1024 * 1024)])
  const gz = gzipSync(makeTar([{ name: 'oc', data: big }]), { level: 1 })
  const write = jest.spyOn(zlib.Gunzip.prototype, 'write')
  try {
    const out = outFile()
    const member = new TarGzMember(['oc'], out)
    const sizes = [...Array<number>(40).fill(65536), 1000, 1536 * 1024 + 7]
    let i = 0
    for (const chunk of chunked(gz, sizes)) {
      await member.write(chunk)
      if (++i % 8 === 0) await new Promise(resolve => setImmediate(resolve))
    }
    expect(await member.finish()).toBe(true)
    expect(readFileSync(out).equals(big)).toBe(true)
    // The MiBs gathered (the large chunks are views of the archive, handed on as they are).
    const gathered = write.mock.calls
      .map(([chunk]) => (chunk as Buffer).buffer)
      .filter(buffer => buffer.byteLength === 1024 * 1024)
    expect(gathered.length).toBeGreaterThan(25)
    // As many as zlib may be behind by (8 MiB) and a few more, not one for each.
    expect(new Set(gathered).size).toBeLessThanOrEqual(12)
  } finally {
    write.mockRestore()
  }
})

test('no oc: finish says so, and the file is empty', async () => {
  const out = outFile()
  const gz = gzipSync(makeTar([{ name: 'kubectl', data: KUBECTL }]))
  expect(await unpack(gz, out)).toMatchObject({ found: false })
  expect(statSync(out).size).toBe(0)
})

test("a truncated archive fails with zlib's reason", async () => {
  const gz = gzipSync(makeTar([{ name: 'oc', data: OC }]))
  await expect(unpack(gz.subarray(0, gz.length - 5000), outFile())).rejects.toMatchObject({
    code: 'Z_BUF_ERROR',
    message: 'unexpected end of file'
  })
})

test('a tar cut inside oc, however well compressed, fails in the tar reader', async () => {
  const tar = makeTar([{ name: 'oc', data: OC }])
  await expect(unpack(gzipSync(tar.subarray(0, 100_000)), outFile())).rejects.toEqual(
    new TarError('the archive ends inside oc')
  )
})

test('bytes that are not gzip fail at once, and the rest is not fed to zlib', async () => {
  const member = new TarGzMember(['oc'], outFile())
  await member.write(randomBytes(2 * 1024 * 1024))
  await new Promise(resolve => setTimeout(resolve, 50))
  expect(member.done).toBe(true)
  expect(member.write(randomBytes(1024))).toBeUndefined()
  await expect(member.finish()).rejects.toMatchObject({ code: 'Z_DATA_ERROR' })
})

test('abort stops unpacking and closes the file', async () => {
  const out = outFile()
  const member = new TarGzMember(['oc'], out)
  const gz = gzipSync(makeTar([{ name: 'oc', data: OC }]))
  await member.write(gz.subarray(0, 2 * 1024 * 1024))
  await member.abort()
  expect(member.done).toBe(true)
  expect(existsSync(out)).toBe(true) // the caller removes it
  rmSync(out)
})
