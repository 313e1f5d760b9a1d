// HTTP for the mirror, through the transport of the API and registry clients (util/http.ts): the same proxy
// rules, deadlines, error types and retry decision. Redirects are followed here, by hand, because the OpenShift
// mirror answers its generic paths with a *relative* Location (`/pub/openshift-v4/x86_64/...`) and an https://
// URL must not be followed to http://. A signal stops whatever is under way: the request, the body, the wait
// before another try.
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'

import * as core from '../util/actions.js'
import { HttpStatusError, NetworkError, retryAfterMs, UserError } from '../util/errors.js'
import { type HttpStream, HttpTransport } from '../util/http.js'
import { classifyHttpFailure, type RetryPolicy, withRetry } from '../util/retry.js'

const MAX_REDIRECTS = 10
const REDIRECTS = new Set([301, 302, 303, 307, 308])
// Until the mirror's answer begins, and then how long its body may stop flowing, before a try is given up on.
const HEAD_TIMEOUT_MS = 30_000
const IDLE_TIMEOUT_MS = 60_000

/** Three tries, waiting 1 s and then 4 s: a mirror is a CDN, which recovers quickly or not at all. */
export const MIRROR_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1_000, maxDelayMs: 4_000, factor: 4 }

// The mirror is public: the system's roots, never the cluster's CA or its skipped check.
let transport: HttpTransport | undefined
function mirrorTransport(): HttpTransport {
  transport ??= new HttpTransport({ insecureSkipTlsVerify: false })
  return transport
}

/** 403 counts as missing too: the mirror sits on S3, which answers 403 for a key that does not exist. */
export function missingOnMirror(err: unknown): err is HttpStatusError {
  return err instanceof HttpStatusError && [403, 404, 410].includes(err.status)
}

/** Tries again what the API and registry would (util/retry.ts), and never once the work is cancelled. */
function retried<T>(what: string, fn: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return withRetry(
    what,
    () => {
      signal?.throwIfAborted()
      return fn()
    },
    err => (signal?.aborted ? { retry: false } : classifyHttpFailure(err)),
    MIRROR_RETRY,
    ms => sleep(ms, undefined, { signal })
  )
}

/** GETs url, following redirects, and returns the 200 answer with its body unread. */
export async function openUrl(url: string, signal?: AbortSignal): Promise<HttpStream & { url: string }> {
  let current = url
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const answer = await mirrorTransport().stream({
      method: 'GET',
      url: new URL(current),
      timeoutMs: HEAD_TIMEOUT_MS,
      idleTimeoutMs: IDLE_TIMEOUT_MS,
      signal
    })
    if (answer.status === 200) return { ...answer, url: current }
    answer.body.resume() // drain, so the socket is released
    if (!REDIRECTS.has(answer.status))
      throw new HttpStatusError(
        `${current} answered HTTP ${answer.status}`,
        answer.status,
        `GET ${current}`,
        undefined,
        retryAfterMs(answer.headers)
      )
    const location = answer.headers.location
    if (!location) throw new UserError(`${current} answered HTTP ${answer.status} without a Location header`)
    const next = new URL(location, current)
    if (new URL(current).protocol === 'https:' && next.protocol !== 'https:') {
      throw new UserError(`${current} redirects to ${next.href}, which drops https; refusing to follow it`)
    }
    core.debug(`${current} redirects to ${next.href}`)
    current = next.href
  }
  throw new UserError(`${url} redirects more than ${MAX_REDIRECTS} times`)
}

/** A small text file (release.txt, sha256sum.txt). */
export async function getText(
  url: string,
  maxBytes = 4 * 1024 * 1024,
  signal?: AbortSignal
): Promise<string> {
  return retried(
    `GET ${url}`,
    async () => {
      const { body } = await openUrl(url, signal)
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length
        if (size > maxBytes) {
          body.destroy()
          throw new UserError(`${url} is larger than ${maxBytes} bytes, which is not a mirror text file`)
        }
        chunks.push(chunk)
      }
      return Buffer.concat(chunks).toString('utf8')
    },
    signal
  )
}

export interface Download {
  /** Lower-case hex SHA-256 of every byte of the body. */
  sha256: string
  bytes: number
  /** Where the bytes came from after redirects. */
  url: string
}

/** Where a download's bytes go, one try's worth: a new sink for every try. */
export interface DownloadSink {
  /** The next bytes, in order. A promise means "wait for it before the next chunk" (the sink is behind). */
  write(chunk: Buffer): Promise<void> | undefined
  /** Every byte has arrived. */
  close(): Promise<void>
  /** The try failed or was cancelled: drop what was written. */
  discard(): Promise<void>
}

/**
 * Streams url's body through `open()`'s sink and hashes every byte on the way, so verifying costs no second
 * read. Read by events rather than async iteration: a paused stream's read() would join buffered chunks into
 * a copy, and 48 MiB arrive in some 800 chunks. The socket is paused only while the sink says it is behind.
 */
export async function downloadThrough(
  url: string,
  open: () => DownloadSink,
  signal?: AbortSignal
): Promise<Download> {
  return retried(
    `Downloading ${url}`,
    async () => {
      const { body, headers, url: finalUrl } = await openUrl(url, signal)
      const expected = Number(headers['content-length'] ?? NaN)
      const hash = createHash('sha256')
      let bytes = 0
      const sink = open()
      try {
        await new Promise<void>((resolve, reject) => {
          body.on('data', (chunk: Buffer) => {
            hash.update(chunk)
            bytes += chunk.length
            let behind
            try {
              behind = sink.write(chunk)
            } catch (err) {
              reject(err)
              return
            }
            if (behind) {
              body.pause()
              behind.then(() => body.resume(), reject)
            }
          })
          body.once('end', resolve)
          body.once('error', reject)
        })
        // A connection cut mid-body can end the stream without an error.
        if (Number.isFinite(expected) && bytes !== expected) {
          throw new NetworkError(
            `The transfer of ${finalUrl} stopped after ${bytes} of ${expected} bytes.`,
            'ETRUNCATED',
            new URL(finalUrl)
          )
        }
        await sink.close()
      } catch (err) {
        body.on('error', () => undefined) // the transfer is given up: a later error of it is nobody's
        body.destroy()
        await sink.discard()
        throw err
      }
      return { sha256: hash.digest('hex'), bytes, url: finalUrl }
    },
    signal
  )
}

/** Streams url into the file dest (created anew on each try) and hashes it on the way. */
export async function downloadFile(url: string, dest: string, signal?: AbortSignal): Promise<Download> {
  return downloadThrough(url, () => fileSink(dest), signal)
}

/** A file written as the bytes come, waiting only when the disk is more than its high-water mark behind. */
function fileSink(dest: string): DownloadSink {
  const file = createWriteStream(dest, { highWaterMark: 4 * 1024 * 1024 })
  let failure: Error | undefined
  file.on('error', err => (failure ??= err))
  const closed = new Promise<void>(resolve => file.once('close', () => resolve()))
  return {
    write: chunk => {
      if (failure) throw failure
      return file.write(chunk) ? undefined : once(file, 'drain').then(() => undefined)
    },
    close: async () => {
      file.end()
      await closed
      if (failure) throw failure
    },
    discard: async () => {
      file.destroy()
      await closed
      await rm(dest, { force: true })
    }
  }
}
