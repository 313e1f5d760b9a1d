// One member out of a tar stream, and nothing after it. The mirror's client archives hold README.md, then oc,
// then kubectl as a hard link to oc (openshift/oc writes them so, in `oc adm release extract --tools`); archives
// packed otherwise (kubectl a file of its own, before or after oc) work the same: once oc is out, what follows
// it is not decompressed. Reads ustar, pax (`x`, for a long path) and GNU long-name (`L`) headers.

const BLOCK = 512

/**
 * Reads `chunks` (the decompressed archive) until the member named one of `names` is complete, handing its bytes
 * to `write` in order. Returns true once it is written, without pulling another chunk; false when the archive
 * ends without it.
 */
export async function extractMember(
  chunks: AsyncIterable<Buffer>,
  names: string[],
  write: (bytes: Buffer) => Promise<void>
): Promise<boolean> {
  const iterator = chunks[Symbol.asyncIterator]()
  let pending: Buffer = Buffer.alloc(0)
  let ended = false
  /** At least `n` bytes pending, or false when the stream ends first. */
  const fill = async (n: number): Promise<boolean> => {
    while (pending.length < n && !ended) {
      const next = await iterator.next()
      if (next.done) ended = true
      else pending = pending.length === 0 ? next.value : Buffer.concat([pending, next.value])
    }
    return pending.length >= n
  }
  const take = (n: number): Buffer => {
    const head = pending.subarray(0, n)
    pending = pending.subarray(n)
    return head
  }
  /** A member's data, whole (only for the small pax and long-name records). */
  const readData = async (size: number): Promise<Buffer> => {
    const padded = roundUp(size)
    if (!(await fill(padded))) throw new Error('the archive ends inside a header record')
    return Buffer.from(take(padded).subarray(0, size))
  }

  let longName: string | undefined
  for (;;) {
    if (!(await fill(BLOCK))) return false
    const header = take(BLOCK)
    if (header.every(b => b === 0)) return false // the end-of-archive blocks
    const type = String.fromCharCode(header[156] || 0x30)
    const size = sizeOf(header)
    if (type === 'x' || type === 'L') {
      const data = await readData(size)
      longName = type === 'L' ? cString(data) : (paxPath(data.toString('utf8')) ?? longName)
      continue
    }
    if (type === 'g') {
      await readData(size)
      continue
    }
    const prefix = header.subarray(257, 263).toString('latin1').startsWith('ustar')
      ? cString(header.subarray(345, 500))
      : ''
    const name =
      longName ??
      (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)))
    longName = undefined
    const wanted = (type === '0' || type === '\0' || type === '7') && names.includes(name)
    // The member's data, block by block as it arrives; the padding after it is skipped with the member.
    let left = size
    while (left > 0) {
      if (pending.length === 0 && !(await fill(1))) throw new Error(`the archive ends inside ${name}`)
      const part = take(Math.min(left, pending.length))
      left -= part.length
      // `pending` is only ever re-sliced, never written to: the part can be handed on without a copy.
      if (wanted) await write(part)
    }
    if (wanted) return true
    const padding = roundUp(size) - size
    if (padding > 0) {
      if (!(await fill(padding))) throw new Error(`the archive ends inside ${name}`)
      take(padding)
    }
  }
}

function roundUp(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK
}

/** The size field: octal text, or (GNU, for sizes past 8 GiB) big-endian binary after a set high bit. */
function sizeOf(header: Buffer): number {
  const field = header.subarray(124, 136)
  if (field[0] & 0x80) {
    let size = 0
    for (let i = 1; i < field.length; i++) size = size * 256 + field[i]
    return size
  }
  return parseInt(cString(field).trim() || '0', 8)
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0)
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8')
}

/** The `path` record of a pax header (`<length> path=<value>\n` records). */
function paxPath(text: string): string | undefined {
  let rest = text
  let found: string | undefined
  while (rest.length > 0) {
    const space = rest.indexOf(' ')
    const length = Number(rest.slice(0, space))
    if (space < 0 || !Number.isInteger(length) || length <= 0) break
    const record = Buffer.from(rest).subarray(0, length).toString('utf8')
    const [key, ...value] = record.slice(space + 1, -1).split('=')
    if (key === 'path') found = value.join('=')
    rest = Buffer.from(rest).subarray(length).toString('utf8')
  }
  return found
}
