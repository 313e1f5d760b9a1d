// HTTP for the mirror. Redirects are followed here, by hand, because the OpenShift mirror answers
// its generic paths with a *relative* Location (`/pub/openshift-v4/x86_64/...`) and
// @actions/http-client, and so tool-cache's downloadTool, cannot follow one (actions/toolkit#2226).
// http-client is still the transport: it honours the runner's https_proxy/no_proxy settings.
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { HttpClient as ActionsHttpClient } from '@actions/http-client'

import * as core from '../util/actions.js'
import { HttpStatusError, UserError } from '../util/errors.js'
import { type RetryDecision, type RetryPolicy, withRetry } from '../util/retry.js'

const USER_AGENT = 'rahti-push-action'
const MAX_REDIRECTS = 10
const REDIRECTS = new Set([301, 302, 303, 307, 308])
// A mirror that stops sending for this long is given up on (and retried).
const SOCKET_TIMEOUT_MS = 60_000

/** Three tries, waiting 1 s and then 4 s: a mirror is a CDN, which recovers quickly or not at all. */
export const MIRROR_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1_000, maxDelayMs: 4_000, factor: 4 }

/** 403 counts as missing too: the mirror sits on S3, which answers 403 for a key that does not exist. */
export function missingOnMirror(err: unknown): err is HttpStatusError {
  return err instanceof HttpStatusError && [403, 404, 410].includes(err.status)
}

/**
 * The mirror's own retry decision: a 5xx, 408 or 429 answer, or any transport failure (the toolkit's client
 * reports those as plain errors). A UserError that is not a status (a bad redirect, an oversized file) is final.
 */
function mirrorRetry(err: unknown): RetryDecision {
  if (err instanceof HttpStatusError)
    return { retry: err.status >= 500 || err.status === 408 || err.status === 429 }
  return { retry: !(err instanceof UserError) }
}

/** GETs url, following redirects, and returns the 200 response with its body unread. */
async function open(url: string): Promise<{ message: IncomingMessage; url: string }> {
  const http = new ActionsHttpClient(USER_AGENT, [], {
    allowRedirects: false,
    socketTimeout: SOCKET_TIMEOUT_MS
  })
  let current = url
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const { message } = await http.get(current)
    const status = message.statusCode ?? 0
    if (status === 200) return { message, url: current }
    message.resume() // drain, so the socket is released
    if (!REDIRECTS.has(status))
      throw new HttpStatusError(`${current} answered HTTP ${status}`, status, `GET ${current}`)
    const location = message.headers.location
    if (!location) throw new UserError(`${current} answered HTTP ${status} without a Location header`)
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
export async function getText(url: string, maxBytes = 4 * 1024 * 1024): Promise<string> {
  return withRetry(
    `GET ${url}`,
    async () => {
      const { message } = await open(url)
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of message as AsyncIterable<Buffer>) {
        size += chunk.length
        if (size > maxBytes) {
          message.destroy()
          throw new UserError(`${url} is larger than ${maxBytes} bytes, which is not a mirror text file`)
        }
        chunks.push(chunk)
      }
      return Buffer.concat(chunks).toString('utf8')
    },
    mirrorRetry,
    MIRROR_RETRY
  )
}

export interface Download {
  /** Lower-case hex SHA-256 of what was written. */
  sha256: string
  bytes: number
  /** Where the bytes came from after redirects. */
  url: string
}

/**
 * Streams url through `consume` and hashes every byte on the way. What `consume` leaves unread is read and hashed
 * after it returns: the checksum is of the whole file, whatever part of it was used. A failure of `consume` is
 * returned (the caller judges the checksum first); a transfer failure is retried with a fresh `consume`.
 */
export async function downloadThrough(
  url: string,
  consume: (chunks: AsyncIterable<Buffer>) => Promise<void>,
  signal?: AbortSignal
): Promise<Download & { consumeError?: unknown }> {
  return withRetry(
    `Downloading ${url}`,
    async () => {
      const { message, url: finalUrl } = await open(url)
      const expected = Number(message.headers['content-length'] ?? NaN)
      const hash = createHash('sha256')
      let bytes = 0
      const body = (message as AsyncIterable<Buffer>)[Symbol.asyncIterator]()
      const next = async (): Promise<IteratorResult<Buffer>> => {
        // Not needed any more (the run failed): stop reading, and say so rather than retry.
        signal?.throwIfAborted()
        const result = await body.next()
        if (!result.done) {
          hash.update(result.value)
          bytes += result.value.length
        }
        return result
      }
      let consumeError: unknown
      try {
        try {
          await consume({ [Symbol.asyncIterator]: () => ({ next }) })
        } catch (err) {
          consumeError = err
        }
        while (!(await next()).done) {
          // only hashed
        }
      } catch (err) {
        message.destroy()
        throw err
      }
      // A connection cut mid-body can end the stream without an error.
      if (Number.isFinite(expected) && bytes !== expected) {
        throw new Error(`the transfer stopped after ${bytes} of ${expected} bytes`)
      }
      return { sha256: hash.digest('hex'), bytes, url: finalUrl, consumeError }
    },
    err => (signal?.aborted ? { retry: false } : mirrorRetry(err)),
    MIRROR_RETRY
  )
}

/** Streams url into dest and hashes it on the way, so verifying costs no second read of the file. */
export async function downloadFile(url: string, dest: string): Promise<Download> {
  const got = await downloadThrough(url, async chunks => {
    await rm(dest, { force: true })
    await pipeline(Readable.from(chunks), createWriteStream(dest))
  })
  if (got.consumeError) {
    await rm(dest, { force: true })
    throw got.consumeError
  }
  return got
}
