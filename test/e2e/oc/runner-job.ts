// installOc run in this process as a runner job would run it: for each test, a PATH with only the tools the
// install uses, the runner's variables put back afterwards, and the action's log lines (::debug::,
// ::warning::, which it writes to stdout) kept for assertions instead of printed.
import { mkdir, symlink } from 'node:fs/promises'
import path from 'node:path'

import { afterEach, beforeEach, jest } from '@jest/globals'

import { runnerLog } from '../../../src/util/actions.js'
import { findTool } from '../harness/tools.js'

const RUNNER_VARIABLES = [
  'PATH',
  'RUNNER_TOOL_CACHE',
  'RUNNER_TEMP',
  'GITHUB_PATH',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RESULTS_URL'
]
/** The PATH this process started with, where the tools are looked up. */
const HOST_PATH = process.env.PATH ?? ''

/** The log lines of the running test. */
export interface RunnerLog {
  lines: string[]
}

/** Registers the per-test hooks in the calling file; returns the log the current test's lines go to. */
export function runnerJobHooks(): RunnerLog {
  const log: RunnerLog = { lines: [] }
  let saved: Record<string, string | undefined> = {}
  beforeEach(() => {
    saved = Object.fromEntries(RUNNER_VARIABLES.map(k => [k, process.env[k]]))
    log.lines = []
    // The action writes its log with runnerLog (fd 1, writeSync); what other code prints goes through stdout.
    jest.spyOn(runnerLog, 'write').mockImplementation((chunk: string | Buffer) => {
      log.lines.push(String(chunk))
    })
    jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      log.lines.push(String(chunk))
      return true
    }) as typeof process.stdout.write)
  })
  afterEach(() => {
    jest.restoreAllMocks()
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
  return log
}

/** Makes `dir` a bin directory holding only `tools` (links to the host's), for PATH. */
export async function installTools(dir: string, tools = ['tar', 'gzip', 'sh']): Promise<void> {
  await mkdir(dir, { recursive: true })
  for (const tool of tools) {
    const target = findTool(tool, { searchPath: HOST_PATH })
    if (!target) throw new Error(`${tool} is not on PATH (${HOST_PATH})`)
    await symlink(target, path.join(dir, tool))
  }
}
