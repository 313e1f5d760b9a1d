// A tar read as it arrives (what `docker save` streams out of the engine): one entry at a time, its body handed
// over as chunks of the input without copying the whole member anywhere, so a layer of any size passes through in
// bounded memory. Reads the POSIX (ustar) and GNU forms Docker and Go's archive/tar write: the ustar prefix, GNU
// long names and links ('L', 'K') and PAX `path`/`linkpath`/`size` records ('x'); the global PAX header ('g') is
// skipped. The header fields are parsed in one place, which archive.ts's look-up of one member in a file shares.

const BLOCK = 512

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'link' | 'other'

/** A header's own fields, before any long name or PAX record changes them. */
export interface TarHeader {
  name: string
  size: number
  /** The header's type flag ('0', '5', '2', 'L', 'x', ...). */
  flag: string
  linkName: string
}

export interface TarEntry {
  name: string
  size: number
  type: TarEntryType
  /** Where a symbolic or hard link points. */
  linkName: string
  /**
   * The member's bytes, as they arrive. Read it, or leave it: the next entry skips what is left. Read only
   * before asking for the next entry.
   */
  body: AsyncIterable<Buffer>
}

/** The fields of one 512-byte header, or undefined for the end-of-archive block (all zeros) or a broken header. */
export function parseTarHeader(header: Buffer): TarHeader | undefined {
  if (header.length < BLOCK || header.every(b => b === 0)) return undefined
  const text = (from: number, to: number) => header.toString('utf8', from, to).replace(/\0.*$/s, '')
  // The POSIX prefix field; GNU tar's headers keep other data there.
  const posix = header.toString('latin1', 257, 263) === 'ustar\0'
  const prefix = posix ? text(345, 500) : ''
  const name = text(0, 100)
  const size = parseSize(header.subarray(124, 136))
  if (size === undefined) return undefined
  return {
    name: (prefix ? `${prefix}/${name}` : name).replace(/^\.\//, ''),
    size,
    flag: String.fromCharCode(header[156] || 0x30),
    linkName: text(157, 257)
  }
}

/** Octal, or GNU's base-256 for members of 8 GiB and more (the high bit of the first byte set). */
function parseSize(field: Buffer): number | undefined {
  if (field[0] & 0x80) {
    let value = 0
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]
    return value
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim()
  const value = parseInt(text || '0', 8)
  return Number.isNaN(value) || value < 0 ? undefined : value
}

function typeOf(flag: string): TarEntryType {
  if (flag === '0' || flag === '\0' || flag === '7') return 'file'
  if (flag === '5') return 'directory'
  if (flag === '2') return 'symlink'
  if (flag === '1') return 'link'
  return 'other'
}

/** Bytes pulled from an async source exactly as far as asked: whole blocks for headers, chunks for bodies. */
class Reader {
  private pending: Buffer[] = []
  private buffered = 0
  private ended = false
  private readonly iterator: AsyncIterator<Buffer>

  constructor(input: AsyncIterable<Buffer>) {
    this.iterator = input[Symbol.asyncIterator]()
  }

  /** Exactly `n` bytes, or fewer only at the end of the input. */
  async exactly(n: number): Promise<Buffer> {
    while (this.buffered < n && (await this.fill()));
    const all = Buffer.concat(this.pending)
    const taken = all.subarray(0, Math.min(n, all.length))
    this.pending = all.length > n ? [all.subarray(n)] : []
    this.buffered = Math.max(0, all.length - n)
    return taken
  }

  /** Up to `n` bytes, as soon as any are there; empty only at the end of the input. */
  async some(n: number): Promise<Buffer> {
    if (this.buffered === 0) await this.fill()
    const first = this.pending.shift()
    if (!first) return Buffer.alloc(0)
    if (first.length > n) this.pending.unshift(first.subarray(n))
    const taken = first.subarray(0, n)
    this.buffered -= taken.length
    return taken
  }

  /** Stops the source (a request, a file): nothing more is read. */
  async close(): Promise<void> {
    await this.iterator.return?.()
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false
    const next = await this.iterator.next()
    if (next.done) {
      this.ended = true
      return false
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as Uint8Array)
    this.pending.push(chunk)
    this.buffered += chunk.length
    return true
  }
}

/** The archive's entries in order. Breaking out of the loop closes the input. */
export async function* readTar(input: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new Reader(input)
  try {
    let longName: string | undefined
    let longLink: string | undefined
    let pax: Record<string, string> = {}
    for (;;) {
      const block = await reader.exactly(BLOCK)
      if (block.length === 0) return
      if (block.length < BLOCK) throw new TarError('the archive ends inside a header')
      const header = parseTarHeader(block)
      if (!header) {
        if (block.every(b => b === 0)) return
        throw new TarError('a header is not a tar header')
      }
      const size = pax.size !== undefined ? Number(pax.size) : header.size
      const padding = (BLOCK - (size % BLOCK)) % BLOCK
      if (header.flag === 'L' || header.flag === 'K' || header.flag === 'x' || header.flag === 'g') {
        const bytes = await reader.exactly(size + padding)
        if (bytes.length < size + padding) throw new TarError('the archive ends inside an entry')
        const value = bytes.subarray(0, size)
        if (header.flag === 'L') longName = value.toString('utf8').replace(/\0.*$/s, '')
        if (header.flag === 'K') longLink = value.toString('utf8').replace(/\0.*$/s, '')
        if (header.flag === 'x') pax = parsePax(value)
        continue
      }
      let left = size
      const body: AsyncIterable<Buffer> = {
        async *[Symbol.asyncIterator]() {
          while (left > 0) {
            const chunk = await reader.some(Math.min(left, 1024 * 1024))
            if (chunk.length === 0) throw new TarError('the archive ends inside an entry')
            left -= chunk.length
            yield chunk
          }
        }
      }
      yield {
        name: (pax.path ?? longName ?? header.name).replace(/^\.\//, ''),
        size,
        type: typeOf(header.flag),
        linkName: pax.linkpath ?? longLink ?? header.linkName,
        body
      }
      // What the consumer left of the body, then the padding to the next block.
      while (left > 0) {
        const chunk = await reader.some(Math.min(left, 1024 * 1024))
        if (chunk.length === 0) throw new TarError('the archive ends inside an entry')
        left -= chunk.length
      }
      if ((await reader.exactly(padding)).length < padding) return
      longName = longLink = undefined
      pax = {}
    }
  } finally {
    await reader.close()
  }
}

/** `<length> <key>=<value>\n` records. */
function parsePax(bytes: Buffer): Record<string, string> {
  const records: Record<string, string> = {}
  let at = 0
  while (at < bytes.length) {
    const space = bytes.indexOf(0x20, at)
    if (space < 0) break
    const length = Number(bytes.toString('latin1', at, space))
    if (!Number.isInteger(length) || length <= 0) break
    const record = bytes.toString('utf8', space + 1, at + length - 1)
    const eq = record.indexOf('=')
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1)
    at += length
  }
  return records
}

/** The stream is not a tar Docker would write. */
export class TarError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TarError'
  }
}
