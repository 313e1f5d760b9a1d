// Retries with exponential backoff for failures that another try can cure (429, 502-504, resets,
// timeouts), honouring Retry-After. Everything else (401, 403, 404, bad input) fails at once.
import * as core from './actions.js'
import { HttpStatusError, lastLine, messageOf, NetworkError } from './errors.js'

export interface RetryPolicy {
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** Each wait is this many times the one before (default 2). */
  factor?: number
  /**
   * Each wait a random part of the backoff ("full jitter"): for failures that many requests meet at once, so
   * that their next tries do not meet again.
   */
  jitter?: boolean
}

/** Four tries over about seven seconds: enough for a rolling restart of the registry, short for a real outage. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 }

export interface RetryDecision {
  retry: boolean
  /** A wait the server asked for (Retry-After), used instead of the backoff when longer. */
  afterMs?: number
}

export const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504])
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'ETRUNCATED',
  // A body that stopped flowing (util/http.ts's stream).
  'ESTALLED'
])

/** The one decision for HTTP: a transient status (with the server's Retry-After) or a dropped connection. */
export function classifyHttpFailure(err: unknown): RetryDecision {
  if (err instanceof HttpStatusError)
    return { retry: TRANSIENT_STATUSES.has(err.status), afterMs: err.retryAfterMs }
  return { retry: err instanceof NetworkError && TRANSIENT_CODES.has(err.code) }
}

export async function withRetry<T>(
  what: string,
  fn: () => Promise<T>,
  classify: (err: unknown) => RetryDecision,
  policy: RetryPolicy = DEFAULT_RETRY,
  sleep: (ms: number) => Promise<void> = ms => new Promise(r => setTimeout(r, ms))
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (err) {
      const decision = classify(err)
      if (!decision.retry) throw err
      if (attempt >= policy.attempts) throw exhausted(what, attempt, err)
      const growing = Math.min(policy.maxDelayMs, policy.baseDelayMs * (policy.factor ?? 2) ** (attempt - 1))
      const backoff = policy.jitter ? Math.round(Math.random() * growing) : growing
      const wait = Math.min(policy.maxDelayMs, Math.max(backoff, decision.afterMs ?? 0))
      core.info(`${what} failed (${messageOf(err)}); try ${attempt + 1} of ${policy.attempts} in ${wait} ms`)
      await sleep(wait)
    }
  }
}

const exhaustedErrors = new WeakSet<Error>()

/** Whether this error is the last of a run of tries that all failed (its message says so already). */
export function outlastedRetries(err: unknown): boolean {
  return err instanceof Error && exhaustedErrors.has(err)
}

/**
 * A failure that outlasted every try: the server (or the path to it) is down or overloaded, which no input can
 * fix, so the message says so, with the last answer. The error keeps its type (callers still tell a status from
 * a dropped connection); only its message grows.
 */
function exhausted(what: string, attempts: number, err: unknown): unknown {
  if (!(err instanceof Error)) return err
  const last = lastLine(err.message, 'no answer')
  exhaustedErrors.add(err)
  err.message = `${what} failed ${attempts} times, the last with: ${last}. The server is unavailable or overloaded; run the job again later.`
  return err
}
