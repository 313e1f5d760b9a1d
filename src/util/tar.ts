// The tar format, read as the archive arrives: one parser of the 512-byte headers (fields, checksum, the ustar
// prefix, octal and GNU base-256 numbers) and of the records that change the next header (GNU long names and
// links 'L'/'K', pax 'x' with `path`/`linkpath`/`size`; the global pax header 'g' is skipped), and two front-ends
// over it for the two ways the action reads a tar:
// - TarMember, push-style and synchronous, takes one member (oc) out of the client archive as zlib inflates it:
//   a chunk costs no promise or event of its own (measured: a promise per chunk cost a lot there), and the
//   member's bytes are handed on as views of the chunks.
// - readTar, pull-style, yields the entries of what `docker save` streams, each body an async iterable read only
//   as fast as its consumer uploads it, so a layer of any size passes through in bounded memory.
// Both drive the same TarParser, which reads a chunk up to its next event and never copies a body. It lives in
// util/ because neither oc/ nor engines/ (nor image/archive.ts, which looks up one member of a file by its
// headers) owns the tar format, and util/ imports nothing of theirs.

const BLOCK = 512
/** A pax or long-name record is a few hundred bytes; anything this large is a damaged header. */
const MAX_RECORD = 1024 * 1024

/** The archive is damaged, cut short, or (TarMember) holds something else than a file by the name asked for. */
export class TarError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TarError'
  }
}

/** A header's own fields, before any long name or pax record changes them. */
export interface TarHeader {
  /** With the ustar prefix, without a leading `./`. */
  name: string
  /** What the size field says (a link or directory may claim bytes it does not carry). */
  size: number
  /** The type flag ('0', '5', '2', 'L', 'x', ...); an old header's NUL reads as '0'. */
  flag: string
  linkName: string
}

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'link' | 'other'

/** A member as the parser hands it over: its long name, link and size records applied. */
export interface TarEntryHeader {
  name: string
  /** The bytes that follow the header: 0 for links, directories and devices whatever their size field says. */
  size: number
  type: TarEntryType
  /** Where a symbolic or hard link points. */
  linkName: string
}

/** The fields of one header block, or undefined for an end-of-archive block (all zeros); throws a TarError for
 * a damaged one. `position` (its byte in the archive) is for the message. */
export function readHeader(block: Buffer, position: number): TarHeader | undefined {
  if (isZero(block)) return undefined
  if (!checksumMatches(block)) {
    throw new TarError(`the tar header at byte ${position} is damaged (its checksum does not match)`)
  }
  const size = numberOf(block.subarray(124, 136))
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new TarError(`the tar header at byte ${position} gives no readable size`)
  }
  const name = cString(block.subarray(0, 100))
  // The POSIX prefix field only: GNU's own headers ('ustar  \0') keep times there.
  const prefix = block.toString('latin1', 257, 263) === 'ustar\0' ? cString(block.subarray(345, 500)) : ''
  return {
    name: withoutDot(prefix ? `${prefix}/${name}` : name),
    size,
    flag: block[156] === 0 ? '0' : String.fromCharCode(block[156]),
    linkName: cString(block.subarray(157, 257))
  }
}

/** readHeader for a look-up that treats a damaged header as no header (archive.ts's member of a file). */
export function parseTarHeader(block: Buffer): TarHeader | undefined {
  if (block.length < BLOCK) return undefined
  try {
    return readHeader(block, 0)
  } catch {
    return undefined
  }
}

/** What TarParser.read found: nothing yet, a member's header, a piece of its body, the archive's end. */
export const TarEvent = { None: 0, Entry: 1, Data: 2, End: 3 } as const
export type TarEvent = (typeof TarEvent)[keyof typeof TarEvent]

/** Where the parser is: in a header, a long-name or pax record, a body, the padding after one, past the end. */
const At = { Header: 0, Record: 1, Data: 2, Padding: 3, End: 4 } as const
type At = (typeof At)[keyof typeof At]

/**
 * The format's one reader: fed chunks (in any sizes) through read, it says what each step found. Bodies are
 * handed on as views of the chunks, never copied; only a header split across chunks and the few bytes of a long
 * name or pax record are.
 */
export class TarParser {
  event: TarEvent = TarEvent.None
  /** The member whose header was read last (event Entry); its body follows as Data events. */
  entry?: TarEntryHeader
  /** A piece of entry's body (event Data): a view of the chunk given to read. */
  bytes: Buffer = Buffer.alloc(0)
  private at: At = At.Header
  /** Bytes left of the body, record or padding being read. */
  private left = 0
  /** A header or record split across chunks, gathered until it is whole. */
  private parts: Buffer[] = []
  private gathered = 0
  private recordFlag = ''
  private recordSize = 0
  /** Set by long-name and pax records, for the header that follows them. */
  private nextName?: string
  private nextLink?: string
  private nextSize?: string
  /** Bytes read so far, for the position of a damaged header. */
  private offset = 0

  /** Bytes of the current entry's body not read yet. */
  get bodyLeft(): number {
    return this.at === At.Data ? this.left : 0
  }

  /** Reads chunk from `from` up to the next event (this.event); returns where reading goes on. */
  read(chunk: Buffer, from: number): number {
    this.event = TarEvent.None
    let at = from
    if (this.at === At.Header) {
      at = this.header(chunk, at)
    } else if (this.at === At.Data) {
      const take = Math.min(this.left, chunk.length - at)
      this.bytes = chunk.subarray(at, at + take)
      this.event = TarEvent.Data
      this.left -= take
      at += take
      if (this.left === 0) this.pad()
    } else if (this.at === At.Record) {
      const take = Math.min(this.left, chunk.length - at)
      // Copied: the caller may reuse the chunk; a record is a few bytes.
      this.parts.push(Buffer.from(chunk.subarray(at, at + take)))
      this.left -= take
      at += take
      if (this.left === 0) {
        this.record(Buffer.concat(this.parts))
        this.parts = []
        this.pad()
      }
    } else if (this.at === At.Padding) {
      const take = Math.min(this.left, chunk.length - at)
      this.left -= take
      at += take
      if (this.left === 0) this.at = At.Header
    } else {
      // After the end-of-archive block: the rest (the second block, any zeros a writer pads with) is not read.
      this.event = TarEvent.End
      at = chunk.length
    }
    this.offset += at - from
    return at
  }

  /** The input has ended: throws a TarError if it ends inside a header, a record or a member. */
  end(): void {
    if (this.at === At.End) return
    if (this.at === At.Header && this.gathered === 0) {
      // Without its end-of-archive blocks, as GNU tar accepts too: the last member was whole.
      this.at = At.End
      return
    }
    const inside =
      this.at === At.Header
        ? 'a header'
        : this.at === At.Record || !this.entry
          ? 'a header record'
          : this.entry.name
    throw new TarError(`the archive ends inside ${inside}`)
  }

  /** Reads (or gathers) one header block from chunk[at..]. */
  private header(chunk: Buffer, at: number): number {
    const from = at
    let block: Buffer
    if (this.gathered === 0 && chunk.length - at >= BLOCK) {
      block = chunk.subarray(at, at + BLOCK)
      at += BLOCK
    } else {
      const take = Math.min(BLOCK - this.gathered, chunk.length - at)
      this.parts.push(chunk.subarray(at, at + take))
      this.gathered += take
      at += take
      if (this.gathered < BLOCK) {
        // The views must outlive the chunk, which the caller may reuse.
        this.parts = [Buffer.concat(this.parts)]
        return at
      }
      block = Buffer.concat(this.parts)
      this.parts = []
      this.gathered = 0
    }
    // this.offset counts what was read before this call.
    const position = this.offset + (at - from) - BLOCK
    const header = readHeader(block, position)
    if (!header) {
      this.at = At.End
      this.event = TarEvent.End
      return at
    }
    const size = this.nextSize !== undefined ? Number(this.nextSize) : header.size
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new TarError(`the tar header at byte ${position} gives no readable size`)
    }
    const flag = header.flag
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (size > MAX_RECORD) throw new TarError(`the tar header record at byte ${position} is too large`)
      this.entry = undefined
      this.recordFlag = flag
      this.recordSize = size
      this.left = size
      this.at = At.Record
      if (size === 0) this.pad()
      return at
    }
    const type = typeOf(flag)
    // Links, directories, devices and fifos carry no bytes whatever their size field says (as Go's reader has it).
    const data = '123456'.includes(flag) ? 0 : size
    this.entry = {
      name: this.nextName !== undefined ? withoutDot(this.nextName) : header.name,
      size: data,
      type,
      linkName: this.nextLink ?? header.linkName
    }
    this.nextName = this.nextLink = this.nextSize = undefined
    this.event = TarEvent.Entry
    this.left = data
    this.at = At.Data
    if (data === 0) this.pad()
    return at
  }

  /** After a body or record: its padding to the next block, then the next header. */
  private pad(): void {
    const size = this.at === At.Record ? this.recordSize : (this.entry?.size ?? 0)
    this.left = (BLOCK - (size % BLOCK)) % BLOCK
    this.at = this.left ? At.Padding : At.Header
  }

  private record(data: Buffer): void {
    if (this.recordFlag === 'L') this.nextName = cString(data)
    else if (this.recordFlag === 'K') this.nextLink = cString(data)
    else if (this.recordFlag === 'x') {
      const pax = paxRecords(data)
      if (pax.path !== undefined) this.nextName = pax.path
      if (pax.linkpath !== undefined) this.nextLink = pax.linkpath
      if (pax.size !== undefined) this.nextSize = pax.size
    }
  }
}

/**
 * One member out of a tar fed chunk by chunk (push-style, synchronous): the first regular file by one of the
 * names given. Every header before it is checked, so a stream that is not a tar is told apart from one that
 * lacks the member; nothing after it is read.
 */
export class TarMember {
  private readonly parser = new TarParser()
  private finished = false
  /** Whether the entry being read is the member: decided once at its header, not for each chunk of its body. */
  private wanted = false
  found = false

  /**
   * @param names the member's names (`oc`; a leading `./` in the archive is not part of the name)
   * @param write gets the member's bytes in order, as views of the chunks given to push
   */
  constructor(
    private readonly names: readonly string[],
    private readonly write: (bytes: Buffer) => void
  ) {}

  /** True once the member is out (or the archive's end was read): later bytes need not be decompressed. */
  get done(): boolean {
    return this.finished
  }

  /** Takes the next decompressed bytes; throws a TarError where the archive is damaged. */
  push(chunk: Buffer): void {
    const parser = this.parser
    let at = 0
    while (at < chunk.length && !this.finished) {
      at = parser.read(chunk, at)
      if (parser.event === TarEvent.Data) {
        if (!this.wanted) continue
        this.write(parser.bytes)
        if (parser.bodyLeft === 0) this.take()
      } else if (parser.event === TarEvent.Entry) {
        const entry = parser.entry!
        this.wanted = this.names.includes(entry.name)
        if (!this.wanted) continue
        if (entry.type !== 'file') {
          const what =
            entry.type === 'link'
              ? 'hard link'
              : entry.type === 'symlink'
                ? 'symbolic link'
                : entry.type === 'directory'
                  ? 'directory'
                  : 'member of another type'
          throw new TarError(`its ${entry.name} is a ${what}, not a file`)
        }
        if (entry.size === 0) this.take()
      } else if (parser.event === TarEvent.End) this.finished = true
    }
  }

  /** The archive has ended: throws a TarError if it ends inside a header or a member. */
  end(): void {
    if (!this.finished) this.parser.end()
    this.finished = true
  }

  private take(): void {
    this.found = true
    this.finished = true
  }
}

export interface TarEntry extends TarEntryHeader {
  /**
   * The member's bytes, as they arrive. Read it, or leave it: the next entry skips what is left. Read only
   * before asking for the next entry.
   */
  body: AsyncIterable<Buffer>
}

/**
 * The archive's entries in order (pull-style): the input is read only as far as the consumer asks, so a slow
 * consumer of a body holds the source back. Breaking out of the loop closes the input.
 */
export async function* readTar(input: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<TarEntry> {
  const parser = new TarParser()
  const iterator = input[Symbol.asyncIterator]()
  let chunk: Buffer = Buffer.alloc(0)
  let at = 0
  /** The parser's next event, reading the input as far as it takes. */
  const next = async (): Promise<TarEvent> => {
    for (;;) {
      if (at < chunk.length) {
        at = parser.read(chunk, at)
        if (parser.event !== TarEvent.None) return parser.event
        continue
      }
      const got = await iterator.next()
      if (got.done) {
        parser.end()
        return TarEvent.End
      }
      chunk = Buffer.isBuffer(got.value) ? got.value : Buffer.from(got.value)
      at = 0
    }
  }
  try {
    for (;;) {
      const event = await next()
      if (event === TarEvent.End) return
      // Data here is what the consumer left of the previous body.
      if (event !== TarEvent.Entry) continue
      const entry = parser.entry!
      const body: AsyncIterable<Buffer> = {
        async *[Symbol.asyncIterator]() {
          while (parser.entry === entry && parser.bodyLeft > 0) {
            if ((await next()) === TarEvent.Data) yield parser.bytes
          }
        }
      }
      yield { ...entry, body }
    }
  } finally {
    await iterator.return?.()
  }
}

function typeOf(flag: string): TarEntryType {
  if (flag === '0' || flag === '7') return 'file'
  if (flag === '5') return 'directory'
  if (flag === '2') return 'symlink'
  if (flag === '1') return 'link'
  return 'other'
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

/** A numeric field: octal text, or (GNU, for sizes past 8 GiB) big-endian binary after a set high bit. */
function numberOf(field: Buffer): number {
  if (field[0] & 0x80) {
    let value = field[0] & 0x7f
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]
    return value
  }
  const text = cString(field).trim()
  return /^[0-7]*$/.test(text) ? parseInt(text || '0', 8) : NaN
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0)
  return bytes.toString('utf8', 0, end < 0 ? bytes.length : end)
}

/** `./oc` and `oc` are the same member. */
function withoutDot(name: string): string {
  return name.startsWith('./') ? name.slice(2) : name
}

/** pax records: `<length> <key>=<value>\n`, the length (in bytes) counting the whole record. */
function paxRecords(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {}
  let at = 0
  while (at < data.length) {
    const space = data.indexOf(0x20, at)
    const length = space < 0 ? NaN : Number(data.toString('latin1', at, space))
    if (!Number.isSafeInteger(length) || length <= space - at || at + length > data.length) break
    const record = data.toString('utf8', space + 1, at + length - 1)
    const eq = record.indexOf('=')
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1)
    at += length
  }
  return records
}
