// Control endpoints under /_emulator/ on both API ports, for scripts that run `npm run emulator`
// as a separate process: the same operations as the in-process `Emulator` object.
import type { IncomingMessage, ServerResponse } from 'node:http'

import type { Emulator, FaultSpec, ImageFaultSpec, LatencySpec, StateSpec } from './types.js'

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/

function reply(res: ServerResponse, code: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(code)
    res.end()
    return
  }
  res.writeHead(code, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  const text = Buffer.concat(chunks).toString('utf8').trim()
  return text ? JSON.parse(text) : {}
}

export function controlHandler(emulator: () => Emulator) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) return reply(res, 403, { error: 'loopback only' })
    const em = emulator()
    const key = `${req.method} ${url.pathname.replace(/\/$/, '')}`
    let body: Record<string, unknown>
    try {
      body = (await readJson(req)) as Record<string, unknown>
    } catch (e) {
      return reply(res, 400, { error: `invalid JSON: ${(e as Error).message}` })
    }
    try {
      switch (key) {
        case 'POST /_emulator/state':
          return reply(res, 200, em.apply(body as StateSpec))
        case 'GET /_emulator/state':
          return reply(res, 200, em.info)
        case 'POST /_emulator/faults':
          em.injectFault(body as unknown as FaultSpec)
          return reply(res, 204)
        case 'DELETE /_emulator/faults':
          em.clearFaults()
          return reply(res, 204)
        case 'POST /_emulator/latency':
          // `{ms}` alone is the per-request delay (as before); a LatencySpec names what it changes.
          em.setLatency('ms' in body ? Number(body.ms) : (body as LatencySpec))
          return reply(res, 204)
        case 'GET /_emulator/stats':
          return reply(res, 200, em.stats())
        case 'DELETE /_emulator/stats':
          em.resetStats()
          return reply(res, 204)
        case 'POST /_emulator/image-faults':
          em.setImageFault(body as unknown as ImageFaultSpec)
          return reply(res, 204)
        case 'DELETE /_emulator/image-faults':
          em.clearImageFaults()
          return reply(res, 204)
        case 'POST /_emulator/registry':
          if (typeof body.newerRegistry !== 'boolean') throw new Error('newerRegistry must be true or false')
          em.setNewerRegistry(body.newerRegistry)
          return reply(res, 204)
        case 'POST /_emulator/expire':
          em.expireToken(String(body.token ?? ''))
          return reply(res, 204)
        case 'GET /_emulator/imagestreams': {
          const [project, name] = [url.searchParams.get('project') ?? '', url.searchParams.get('name') ?? '']
          const s = em.getImageStream(project, name)
          return s ? reply(res, 200, s) : reply(res, 404, { error: `no imagestream ${project}/${name}` })
        }
        case 'DELETE /_emulator/imagestreams':
          em.deleteImageStream(url.searchParams.get('project') ?? '', url.searchParams.get('name') ?? '')
          return reply(res, 204)
        default:
          return reply(res, 404, { error: `no control endpoint ${key}` })
      }
    } catch (e) {
      reply(res, 400, { error: (e as Error).message })
    }
  }
}
