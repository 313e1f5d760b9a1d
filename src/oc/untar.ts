// One member out of a tar stream, fed chunk by chunk as the archive is decompressed, so that oc is written while
// the download is still arriving and nothing after it needs decompressing. Push-style and synchronous: a chunk
// costs no promise or event of its own, and the member's bytes are handed on as views of the chunk, not copies.
// Reads ustar and old (v7) headers, pax records (`x`, for a long path or a size past 8 GiB; `g` skipped) and GNU
// long names (`L`); every header's checksum is checked, so a stream that is not a tar is told apart from one
// that lacks the member.

const BLOCK = 512
/** A pax or long-name record is a few hundred bytes; anything this large is a damaged header. */
const MAX_RECORD = 1024 * 1024

/** What the archive holds where it does not hold a regular file by the name asked for. */
export class TarError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TarError'
  }
}

type State =
  | { at: 'header' }
  | { at: 'data'; name: string; left: number; wanted: boolean; padding: number }
  | { at: 'record'; type: 'x' | 'L' | 'g'; size: number; parts: Buffer[]; got: number; padding: number }
  | { at: 'padding'; name: string; left: number }
  | { at: 'done' }

export class TarMember {
  private state: State = { at: 'header' }
  /** A header split across chunks, gathered until it is whole. */
  private partial: Buffer[] = []
  private partialBytes = 0
  /** Set by a pax `path` or a GNU `L` record, for the header that follows it. */
  private nextName?: string
  private nextSize?: number
  private offset = 0
  found = false

  /**
   * @param names the member's names (`oc`, `./oc`): the first regular file by one of them is taken
   * @param write gets the member's bytes in order, as views of the chunks given to push
   */
  constructor(
    private readonly names: readonly string[],
    private readonly write: (bytes: Buffer) => void
  ) {}

  /** True once the member is out (or the archive's end was read): later bytes need not be decompressed. */
  get done(): boolean {
    return this.state.at === 'done'
  }

  /** Takes the next decompressed bytes; throws a TarError where the archive is damaged. */
  push(chunk: Buffer): void {
    let at = 0
    while (at < chunk.length && this.state.at !== 'done') {
      const state = this.state
      if (state.at === 'header') {
        at = this.header(chunk, at)
      } else if (state.at === 'data') {
        const take = Math.min(state.left, chunk.length - at)
        if (state.wanted) this.write(chunk.subarray(at, at + take))
        state.left -= take
        at += take
        if (state.left === 0) {
          if (state.wanted) {
            this.found = true
            this.state = { at: 'done' }
          } else this.state = { at: 'padding', name: state.name, left: state.padding }
        }
      } else if (state.at === 'record') {
        const take = Math.min(state.size - state.got, chunk.length - at)
        // Copied: the record outlives this chunk only if it is split, but a copy of a few bytes costs nothing.
        state.parts.push(Buffer.from(chunk.subarray(at, at + take)))
        state.got += take
        at += take
        if (state.got === state.size) {
          this.record(state.type, Buffer.concat(state.parts))
          this.state = { at: 'padding', name: 'a header record', left: state.padding }
        }
      } else {
        const take = Math.min(state.left, chunk.length - at)
        state.left -= take
        at += take
      }
      if (this.state.at === 'padding' && this.state.left === 0) this.state = { at: 'header' }
    }
    this.offset += chunk.length
  }

  /** The archive has ended: throws a TarError if it ends inside a header or a member. */
  end(): void {
    const state = this.state
    if (state.at === 'done') return
    if (state.at === 'header' && this.partialBytes === 0) {
      // Without its end-of-archive blocks, as GNU tar accepts too: the last member was whole.
      this.state = { at: 'done' }
      return
    }
    const inside =
      state.at === 'data' || state.at === 'padding'
        ? state.name
        : state.at === 'record'
          ? 'a header record'
          : 'a header'
    throw new TarError(`the archive ends inside ${inside}`)
  }

  /** Reads (or gathers) one header block from chunk[at..]; returns where reading goes on. */
  private header(chunk: Buffer, at: number): number {
    let block: Buffer
    if (this.partialBytes === 0 && chunk.length - at >= BLOCK) {
      block = chunk.subarray(at, at + BLOCK)
      at += BLOCK
    } else {
      const take = Math.min(BLOCK - this.partialBytes, chunk.length - at)
      this.partial.push(chunk.subarray(at, at + take))
      this.partialBytes += take
      at += take
      if (this.partialBytes < BLOCK) {
        // The views must outlive the chunk, which the caller may reuse.
        this.partial = [Buffer.from(Buffer.concat(this.partial))]
        return at
      }
      block = Buffer.concat(this.partial)
      this.partial = []
      this.partialBytes = 0
    }
    this.parseHeader(block, this.offset + at - BLOCK)
    return at
  }

  private parseHeader(block: Buffer, position: number): void {
    if (isZero(block)) {
      // The first of the two end-of-archive blocks: nothing follows.
      this.state = { at: 'done' }
      return
    }
    if (!checksumMatches(block)) {
      throw new TarError(`the tar header at byte ${position} is damaged (its checksum does not match)`)
    }
    const type = block[156] === 0 ? '0' : String.fromCharCode(block[156])
    const size = this.nextSize ?? sizeOf(block)
    this.nextSize = undefined
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new TarError(`the tar header at byte ${position} gives no readable size`)
    }
    const padding = roundUp(size) - size
    if (type === 'x' || type === 'L' || type === 'g') {
      if (size > MAX_RECORD) throw new TarError(`the tar header record at byte ${position} is too large`)
      this.state =
        size === 0
          ? { at: 'padding', name: 'a header record', left: 0 }
          : { at: 'record', type, size, parts: [], got: 0, padding }
      return
    }
    const name = this.nextName ?? nameOf(block)
    this.nextName = undefined
    const regular = type === '0' || type === '7'
    const wanted = this.names.includes(name)
    if (wanted && !regular) {
      const what = type === '1' ? 'hard link' : type === '2' ? 'symbolic link' : `member of type '${type}'`
      throw new TarError(`its ${name} is a ${what}, not a file`)
    }
    // Links, directories and devices carry no data whatever their size field says.
    const data = regular || !'12345'.includes(type) ? size : 0
    if (wanted && data === 0) {
      this.found = true
      this.state = { at: 'done' }
      return
    }
    this.state =
      data === 0
        ? { at: 'padding', name, left: 0 }
        : { at: 'data', name, left: data, wanted, padding: roundUp(data) - data }
  }

  private record(type: 'x' | 'L' | 'g', data: Buffer): void {
    if (type === 'L') this.nextName = cString(data)
    else if (type === 'x') {
      const pax = paxRecords(data)
      if (pax.path !== undefined) this.nextName = pax.path
      if (pax.size !== undefined) this.nextSize = Number(pax.size)
    }
  }
}

function roundUp(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK
}

function isZero(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false
  return true
}

/** The header's checksum: the unsigned sum of its bytes with the checksum field read as spaces. */
function checksumMatches(block: Buffer): boolean {
  let sum = 8 * 0x20
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += block[i]
  return parseInt(cString(block.subarray(148, 156)).trim() || 'x', 8) === sum
}

/** The size field: octal text, or (GNU, for sizes past 8 GiB) big-endian binary after a set high bit. */
function sizeOf(block: Buffer): number {
  const field = block.subarray(124, 136)
  if (field[0] & 0x80) {
    let size = field[0] & 0x7f
    for (let i = 1; i < field.length; i++) size = size * 256 + field[i]
    return size
  }
  const text = cString(field).trim()
  return /^[0-7]*$/.test(text) ? parseInt(text || '0', 8) : NaN
}

/** The name, with the ustar prefix before it where there is one. */
function nameOf(block: Buffer): string {
  const name = cString(block.subarray(0, 100))
  if (block.subarray(257, 262).toString('latin1') !== 'ustar') return name
  const prefix = cString(block.subarray(345, 500))
  return prefix ? `${prefix}/${name}` : name
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0)
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8')
}

/** pax records: `<length> <key>=<value>\n`, the length (in bytes) counting the whole record. */
function paxRecords(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {}
  let at = 0
  while (at < data.length) {
    const space = data.indexOf(0x20, at)
    const length = space < 0 ? NaN : Number(data.subarray(at, space).toString('latin1'))
    if (!Number.isSafeInteger(length) || length <= space - at || at + length > data.length) break
    const record = data.subarray(space + 1, at + length - 1).toString('utf8')
    const eq = record.indexOf('=')
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1)
    at += length
  }
  return records
}
