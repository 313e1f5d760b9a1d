// The error types of the action. A UserError is an expected failure: its message is the whole story (what
// happened, what to do), so the entry point prints it without a stack trace. A server's error answer and a
// transport failure are expected failures too, and keep their own types so callers can decide on facts.
import type { IncomingHttpHeaders } from 'node:http'

export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserError'
  }
}

/** The server answered with an error status: the one type for the API, the registry and the oc mirror. */
export class HttpStatusError extends UserError {
  constructor(
    message: string,
    readonly status: number,
    /** The request, as `METHOD URL-path`, for messages. */
    readonly request: string,
    /** The server's own word for it: a Kubernetes Status reason, or a registry error code. */
    readonly reason?: string,
    /** How long the server asked us to wait before another try (Retry-After). */
    readonly retryAfterMs?: number
  ) {
    super(message)
    this.name = 'HttpStatusError'
  }
}

/** No HTTP answer at all: the code (ECONNRESET, ETIMEDOUT, a TLS code, ...) says which, for retry decisions. */
export class NetworkError extends UserError {
  constructor(
    message: string,
    readonly code: string,
    readonly url: URL
  ) {
    super(message)
    this.name = 'NetworkError'
  }
}

/** The last non-blank line of a program's or server's message, without a final period: the part a user needs. */
export function lastLine(text: string, fallback = 'no output'): string {
  const lines = text
    .trim()
    .split('\n')
    .filter(l => l.trim())
  return (lines[lines.length - 1] ?? fallback).trim().replace(/\.$/, '')
}

/** Retry-After in milliseconds, from seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['retry-after']
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}

/** The message of whatever was thrown: an Error's message, or the thrown value as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
