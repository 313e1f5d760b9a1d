// A layer's tar compressed to gzip as `docker push` would send it, but on every core: the input is cut into
// chunks that are deflated at once in zlib's thread pool, each primed with the 32 KiB before it (the way pigz
// does), and written out in order as one gzip member, so every puller reads it as an ordinary gzip stream. A
// chunk that does not compress (already compressed or random data) is stored instead of deflated: deflating it
// costs as much CPU as compressible data and saves nothing. The digests of both sides are taken on the way.
import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

const deflateRaw = promisify(zlib.deflateRaw)

/** The input per deflate job: large enough that the thread pool's hand-over is noise, small enough to spread. */
const CHUNK_BYTES = 1024 * 1024
/** What a chunk is primed with: deflate's whole window. */
const WINDOW_BYTES = 32 * 1024
/** How much of a chunk is tried at the fastest level to tell whether it compresses. */
const SAMPLE_BYTES = 16 * 1024
/** A sample that keeps more than this share of its size is taken for incompressible. */
const INCOMPRESSIBLE = 0.97
/** Docker's level (Go's gzip.DefaultCompression is zlib's 6). */
const LEVEL = 6

export interface GzipOptions {
  signal?: AbortSignal
  /** Deflate jobs in flight at once (default: the cores, plus one so none idles between jobs). */
  parallel?: number
  /** Input bytes per job; tests make it small to cut small inputs into many chunks. */
  chunkBytes?: number
}

export interface GzippedLayer {
  /** `sha256:<hex>` of the uncompressed input: the layer's diffID, as the image config lists it. */
  diffId: string
  /** `sha256:<hex>` of the gzip bytes: the blob's digest in the registry. */
  digest: string
  /** Bytes of gzip written to `sink`. */
  size: number
  /** Bytes of input read. */
  uncompressedSize: number
}

/**
 * Compresses `input` to one gzip member, handing the compressed bytes to `sink` in order; the next chunk is read
 * only while fewer than `parallel` jobs are in flight, and `sink` is awaited, so memory stays bounded.
 */
export async function gzipLayer(
  input: AsyncIterable<Buffer>,
  sink: (chunk: Buffer) => Promise<void>,
  options: GzipOptions = {}
): Promise<GzippedLayer> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES
  const parallel = Math.max(1, options.parallel ?? availableParallelism() + 1)
  const diffId = createHash('sha256')
  const digest = createHash('sha256')
  let crc = 0
  let uncompressedSize = 0
  let size = 0

  const write = async (bytes: Buffer): Promise<void> => {
    if (bytes.length === 0) return
    digest.update(bytes)
    size += bytes.length
    await sink(bytes)
  }
  const inFlight: Promise<Buffer>[] = []
  const drainTo = async (limit: number): Promise<void> => {
    while (inFlight.length > limit) await write(await inFlight.shift()!)
  }

  await write(HEADER)
  let previous: Buffer | undefined
  // A chunk is held back until the next one (or the end) shows whether it is the last: only the last is FINISHed.
  let pending: Buffer | undefined
  const submit = (chunk: Buffer, last: boolean): void => {
    options.signal?.throwIfAborted()
    diffId.update(chunk)
    crc = zlib.crc32(chunk, crc)
    uncompressedSize += chunk.length
    inFlight.push(deflateChunk(chunk, previous, last))
    previous = chunk
  }

  for await (const piece of chunks(input, chunkBytes)) {
    if (pending) {
      submit(pending, false)
      await drainTo(parallel - 1)
    }
    pending = piece
  }
  submit(pending ?? Buffer.alloc(0), true)
  await drainTo(0)
  await write(trailer(crc, uncompressedSize))
  return {
    diffId: `sha256:${diffId.digest('hex')}`,
    digest: `sha256:${digest.digest('hex')}`,
    size,
    uncompressedSize
  }
}

/**
 * One chunk as raw deflate: a chunk before the last ends with a sync flush (byte-aligned, not final), so the
 * pieces join into one deflate stream; the last one ends it. Priming with the preceding input lets matches
 * reach back across the cut, as they would in one stream.
 */
function deflateChunk(chunk: Buffer, previous: Buffer | undefined, last: boolean): Promise<Buffer> {
  const finishFlush = last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH
  const level = compresses(chunk) ? LEVEL : 0
  const dictionary = level > 0 && previous ? previous.subarray(-WINDOW_BYTES) : undefined
  return deflateRaw(chunk, { level, finishFlush, ...(dictionary ? { dictionary } : {}) })
}

/** Whether deflating the chunk is worth it, judged on a sample at the fastest level (well under 1 ms). */
function compresses(chunk: Buffer): boolean {
  if (chunk.length < SAMPLE_BYTES) return true
  const middle = Math.floor((chunk.length - SAMPLE_BYTES) / 2)
  const sample = chunk.subarray(middle, middle + SAMPLE_BYTES)
  return zlib.deflateRawSync(sample, { level: 1 }).length < sample.length * INCOMPRESSIBLE
}

/** Input re-cut into chunks of exactly `size` bytes (the last may be shorter), copying only where pieces meet. */
async function* chunks(input: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = []
  let held = 0
  for await (const piece of input) {
    let rest = piece
    while (held + rest.length >= size) {
      const take = size - held
      parts.push(rest.subarray(0, take))
      yield parts.length === 1 ? Buffer.from(parts[0]) : Buffer.concat(parts, size)
      rest = rest.subarray(take)
      parts = []
      held = 0
    }
    if (rest.length > 0) {
      // Copied: the producer may reuse its buffer once the iteration moves on.
      parts.push(Buffer.from(rest))
      held += rest.length
    }
  }
  if (held > 0) yield Buffer.concat(parts, held)
}

/** gzip's header: deflate, no name, no time, OS unknown (as Go's gzip writer, which Docker uses, writes it). */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff])

function trailer(crc: number, length: number): Buffer {
  const out = Buffer.alloc(8)
  out.writeUInt32LE(crc >>> 0, 0)
  out.writeUInt32LE(length % 2 ** 32, 4)
  return out
}
