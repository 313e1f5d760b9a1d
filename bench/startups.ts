// What starting a process costs on the machine the bench runs on, printed beside the figures: bare `node` (the
// Node the action runs on) and the `docker` CLI (one `docker version` call: the CLI's start-up and one request to
// the engine), each spawn to exit, rounds interleaved. The action starts two node processes; the shell steps
// start a docker CLI process per call.
import { spawn } from 'node:child_process'

import { actionNode } from '../test/e2e/harness/node.js'
import { interleave, now, spread } from './measure.js'
import { msRange } from './table.js'

function spawnToExit(tool: string, args: string[]): Promise<number> {
  const started = now()
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }
    })
    child.once('error', reject)
    child.once('exit', code =>
      code === 0 ? resolve(now() - started) : reject(new Error(`${tool} ${args.join(' ')} exited ${code}`))
    )
  })
}

/** One line: the medians [min, max] of bare node and of the docker CLI, spawn to exit. */
export async function processStartups(rounds: number, progress: (msg: string) => void): Promise<string> {
  progress('process start-ups: bare node, docker CLI')
  const node: number[] = []
  const docker: number[] = []
  await interleave(Math.max(rounds, 5), {
    node: async round => {
      node[round] = await spawnToExit(actionNode().path, ['-e', ''])
    },
    docker: async round => {
      docker[round] = await spawnToExit('docker', ['version', '--format', '{{.Server.Version}}'])
    }
  })
  return (
    `This machine: bare node (${actionNode().version}) ${msRange(spread(node))}, ` +
    `docker CLI (docker version) ${msRange(spread(docker))}; spawn to exit, median [min, max].`
  )
}
