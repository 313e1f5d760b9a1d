// Injected failures and the per-request latency, applied by both servers before they handle a request.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { Latency } from './latency.js'
import type { FaultSpec } from './types.js'

interface ActiveFault {
  spec: FaultSpec
  pattern: RegExp
  remaining: number
}

export type ServerKind = 'api' | 'registry'

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

export class Faults {
  private active: ActiveFault[] = []
  /** The fault each request took, for handlers that act on it later (`conflicts`). */
  private readonly taken = new WeakMap<IncomingMessage, FaultSpec>()

  constructor(readonly latency = new Latency()) {}

  add(spec: FaultSpec): void {
    if (typeof spec.method !== 'string' || typeof spec.path !== 'string') {
      throw new Error('a fault needs a method and a path')
    }
    this.active.push({ spec, pattern: new RegExp(spec.path), remaining: spec.count ?? 1 })
  }

  clear(): void {
    this.active = []
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(server: ServerKind, method: string, path: string): FaultSpec | undefined {
    const i = this.active.findIndex(
      f =>
        [undefined, '*', server].includes(f.spec.server) &&
        (f.spec.method === '*' || f.spec.method.toUpperCase() === method) &&
        f.pattern.test(path)
    )
    if (i < 0) return undefined
    const f = this.active[i]
    if (--f.remaining <= 0) this.active.splice(i, 1)
    return f.spec
  }

  /** The fault this request took in `intercept`, if any. */
  takenBy(req: IncomingMessage): FaultSpec | undefined {
    return this.taken.get(req)
  }

  /**
   * Waits the per-request latency, then applies a matching fault. Returns true when the fault answered
   * (or broke) the request, false when the request should be handled normally.
   */
  async intercept(
    server: ServerKind,
    req: IncomingMessage,
    res: ServerResponse,
    path: string
  ): Promise<boolean> {
    await this.latency.request()
    const fault = this.take(server, req.method ?? 'GET', path)
    if (!fault) return false
    this.taken.set(req, fault)
    if (fault.delayMs) await sleep(fault.delayMs)
    if (fault.reset) {
      breakConnection(req, fault.afterBytes)
      return true
    }
    if (fault.status) {
      req.resume()
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter)
      const body =
        server === 'registry'
          ? {
              errors: [
                {
                  code: fault.status === 429 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE',
                  message: 'injected fault',
                  detail: null
                }
              ]
            }
          : {
              kind: 'Status',
              apiVersion: 'v1',
              metadata: {},
              status: 'Failure',
              message: 'injected fault',
              reason: 'ServiceUnavailable',
              code: fault.status
            }
      res.writeHead(fault.status, headers)
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body))
      return true
    }
    return false
  }
}

/** Destroys the socket, after `afterBytes` bytes of the request body when given (or at its end). */
function breakConnection(req: IncomingMessage, afterBytes?: number): void {
  if (!afterBytes) {
    req.socket.destroy()
    return
  }
  let seen = 0
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length
    if (seen >= afterBytes) req.socket.destroy()
  })
  req.on('end', () => req.socket.destroy())
}
