// 5. Start-up: from starting `node dist/index.js` to its first network request, which a tiny local HTTP
// server of the benchmark timestamps (`server` points at it), against a bare `node -e` making one request;
// and the size of dist/, which node must read and compile before anything else happens.
import { spawn } from 'node:child_process'
import { readdirSync, rmSync, statSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { actionNode } from '../../test/e2e/harness/node.js'
import { ROOT, runMain } from '../../test/e2e/harness/runner.js'
import type { Context, ScenarioResult } from '../context.js'
import { interleave, median, now } from '../measure.js'
import { mib, ms } from '../table.js'
import { cleanJob } from '../variants.js'

interface FirstRequestServer {
  url: string
  /** Resolves with the clock reading (bench clock) at the next request's arrival. */
  next(): Promise<number>
  close(): Promise<void>
}

async function firstRequestServer(): Promise<FirstRequestServer> {
  let waiting: ((at: number) => void) | undefined
  const server = http.createServer((req, res) => {
    const at = now()
    waiting?.(at)
    waiting = undefined
    req.resume()
    // A 401 ends the action at once (it says the token was refused), so the next round starts soon.
    res.writeHead(401, { 'Content-Type': 'application/json' })
    res.end(
      JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'Unauthorized',
        code: 401
      })
    )
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    next: () => new Promise(resolve => (waiting = resolve)),
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function dirSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(e => e.isFile())
    .reduce((sum, e) => sum + statSync(path.join(e.parentPath, e.name)).size, 0)
}

export async function startup(ctx: Context): Promise<ScenarioResult> {
  const server = await firstRequestServer()
  const action: number[] = []
  const bare: number[] = []
  try {
    await interleave(ctx.rounds.startup, {
      action: async round => {
        ctx.progress(`5. start-up, round ${round + 1}: node dist/index.js`)
        // The job is made before the clock starts; what remains before the spawn is the harness reading
        // action.yml's defaults and creating the runner's files (a few ms).
        const job = cleanJob()
        try {
          const arrived = server.next()
          const started = now()
          const main = runMain({
            job,
            inputs: { token: 'x'.repeat(40), image: 'startup', server: server.url, 'oc-version': 'none' }
          })
          action[round] = (await arrived) - started
          await main
        } finally {
          rmSync(job.dir, { recursive: true, force: true })
        }
      },
      bare: async round => {
        ctx.progress(`5. start-up, round ${round + 1}: bare node`)
        const arrived = server.next()
        const started = now()
        // The same Node the action runs on, so the difference is the action's own start-up.
        const child = spawn(
          actionNode().path,
          ['-e', `require('http').get(${JSON.stringify(server.url)}, r => r.resume())`],
          {
            stdio: 'ignore'
          }
        )
        bare[round] = (await arrived) - started
        await new Promise(resolve => child.once('exit', resolve))
      }
    })
  } finally {
    await server.close()
  }
  const dist = path.join(ROOT, 'dist')
  const total = dirSize(dist)
  const index = statSync(path.join(dist, 'index.js')).size
  const a = median(action)
  const b = median(bare)
  return {
    sections: [
      {
        title: '5. Start-up (not affected by the delay: nothing has answered yet)',
        rows: [
          { label: 'bare node: spawn to first request', loopback: { text: ms(b), ratio: 1 } },
          { label: 'node dist/index.js: spawn to first request', loopback: { text: ms(a), ratio: a / b } },
          {
            label: 'size of dist/ (ratio: index.js share)',
            loopback: { text: mib(total), ratio: index / total }
          },
          { label: 'size of dist/index.js', loopback: { text: mib(index) } }
        ],
        notes: [`ratio: to bare node. ${ctx.rounds.startup} rounds.`]
      }
    ],
    goals: []
  }
}
