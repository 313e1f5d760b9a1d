// The Engine API client against a stand-in engine on a Unix socket: an export stopped half-way (the upload
// failed, the run was cancelled) ends the reader's iteration with the stop, and no event goes unheard (an unheard
// 'error' would end the step with Node's stack trace instead of the action's message).
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, expect, test } from '@jest/globals'

import { DockerApi } from '../../src/engines/docker-api.js'

let dir: string
let server: http.Server
const socketPath = (): string => path.join(dir, 'docker.sock')

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'docker-api-'))
  // An export that sends its first bytes and then keeps the connection open, as a large `docker save` does.
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-tar' })
    res.write(Buffer.alloc(4096))
  })
  server.listen(socketPath())
  await once(server, 'listening')
})

afterAll(async () => {
  server.closeAllConnections()
  server.close()
  rmSync(dir, { recursive: true, force: true })
})

test.each([
  ['before the reader took its first bytes', false],
  ['after its first bytes', true]
])(
  'an export stopped %s: the iteration ends with the stop, and nothing is left unheard',
  async (_when, readFirst) => {
    const unheard: unknown[] = []
    const onUncaught = (err: unknown): number => unheard.push(err)
    const listeners = process.listeners('uncaughtException')
    process.removeAllListeners('uncaughtException')
    process.on('uncaughtException', onUncaught)
    try {
      const api = new DockerApi({ kind: 'unix', socketPath: socketPath(), display: 'unix://test' })
      const controller = new AbortController()
      const stream = await api.exportImage('sha256:abc', controller.signal)
      const stop = (): void => controller.abort(new Error('the upload failed'))
      if (!readFirst) {
        stop()
        // The socket's own error event has its turn before anyone reads.
        await new Promise(resolve => setTimeout(resolve, 50))
      }
      const read = (async () => {
        for await (const chunk of stream) {
          expect(chunk.length).toBeGreaterThan(0)
          stop()
        }
      })()
      await expect(read).rejects.toThrow(/abort/i)
      await new Promise(resolve => setTimeout(resolve, 50))
      expect(unheard).toEqual([])
      api.close()
    } finally {
      process.off('uncaughtException', onUncaught)
      for (const listener of listeners) process.on('uncaughtException', listener)
    }
  }
)
