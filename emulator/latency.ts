// The distance to the cluster, as a client far away meets it: a round trip per request, and on
// top of that the set-up of every NEW connection (the TCP handshake, and the TLS handshake on an
// HTTPS listener). A client that keeps its connections alive pays the set-up once, as it would
// over a real network; one that opens a connection per request pays it every time.
import type { Server } from 'node:net'

import type { LatencySpec } from './types.js'

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

function nonNegative(value: unknown, what: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) throw new Error(`latency ${what} must be a number of milliseconds >= 0`)
  return n
}

export class Latency {
  requestMs = 0
  tcpMs = 0
  tlsMs = 0

  /** Changes the settings given; the others keep their values. */
  set(spec: LatencySpec): void {
    if (spec.requestMs !== undefined) this.requestMs = nonNegative(spec.requestMs, 'requestMs')
    if (spec.tcpMs !== undefined) this.tcpMs = nonNegative(spec.tcpMs, 'tcpMs')
    if (spec.tlsMs !== undefined) this.tlsMs = nonNegative(spec.tlsMs, 'tlsMs')
  }

  get(): Required<LatencySpec> {
    return { requestMs: this.requestMs, tcpMs: this.tcpMs, tlsMs: this.tlsMs }
  }

  /** The per-request round trip, waited before a request is handled. */
  request(): Promise<void> {
    return this.requestMs > 0 ? sleep(this.requestMs) : Promise.resolve()
  }

  /**
   * Holds every new connection of `server` for the handshake delays before the server sees it.
   * The server's own connection handling (HTTP parsing, or the TLS handshake and then HTTP) is
   * moved behind the delay: until then the socket is paused, so nothing it sends is read, and the
   * client's first request (or ClientHello) waits as it would on a far-away network.
   */
  delayConnections(server: Server, tls: boolean, onConnection: () => void): void {
    const handlers = server.listeners('connection') as ((socket: unknown) => void)[]
    server.removeAllListeners('connection')
    server.on('connection', socket => {
      onConnection()
      const delay = this.tcpMs + (tls ? this.tlsMs : 0)
      if (delay <= 0) {
        for (const h of handlers) h.call(server, socket)
        return
      }
      socket.pause()
      const timer = setTimeout(() => {
        // A server closed meanwhile has already closed its connections: this one is not to start.
        if (!server.listening) socket.destroy()
        if (socket.destroyed) return
        for (const h of handlers) h.call(server, socket)
        socket.resume()
      }, delay)
      socket.once('close', () => clearTimeout(timer))
    })
  }
}
