// The oc install in a process of its own (src/oc/aside.ts), against small scripts that play the child's part of
// the protocol: the job sent over the IPC channel, log lines on stdout into the calling Task's log, the outcome
// back over the channel, UserErrors kept as such, a child that dies without an outcome told in the action's
// words, and a stop that SIGTERMs the child (SIGKILL if it lingers). The real child (dist/oc/index.js) is run
// end to end by test/e2e/action-oc.test.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'

import { installOcAside, type OcJob } from '../../src/oc/aside.js'
import { Task } from '../../src/run/task.js'
import { UserError } from '../../src/util/errors.js'
import { captureStdout } from '../fixtures/stdout.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'oc-aside-'))
const job: OcJob = { request: { kind: 'exact', version: '4.16.3' }, mirror: 'http://mirror.test/ocp' }
const saved = { PATH: process.env.PATH, GITHUB_PATH: process.env.GITHUB_PATH }
let printed: string[]
let githubPath: string
let n = 0

/** A child script: `body` runs once the job has arrived (as `job`), with `send(outcome)` to answer and leave. */
function child(body: string): string {
  const file = path.join(dir, `child-${++n}.mjs`)
  writeFileSync(
    file,
    `import { writeFileSync } from 'node:fs'
const send = outcome => process.send(outcome, () => process.exit(0))
process.once('message', async job => {
${body}
})
`
  )
  return file
}

const installed = (ocPath: string) => ({
  path: ocPath,
  version: '4.16.3',
  source: 'download',
  downloadedBytes: 7
})

beforeEach(() => {
  printed = captureStdout()
  githubPath = path.join(dir, `github_path-${++n}`)
  writeFileSync(githubPath, '')
  process.env.GITHUB_PATH = githubPath
})

afterEach(() => {
  jest.restoreAllMocks()
  process.env.PATH = saved.PATH
  if (saved.GITHUB_PATH === undefined) delete process.env.GITHUB_PATH
  else process.env.GITHUB_PATH = saved.GITHUB_PATH
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const addedPaths = () => readFileSync(githubPath, 'utf8').split('\n').filter(Boolean)

describe('installOcAside', () => {
  test('sends the job, relays the log into the Task, returns the installation and puts it on PATH', async () => {
    process.env.RAHTI_ASIDE_TEST = 'inherited'
    const script = child(`
      process.stdout.write('job ' + JSON.stringify(job) + '\\n')
      process.stdout.write('env ' + process.env.RAHTI_ASIDE_TEST + '\\n::debug::a deb')
      await new Promise(resolve => setTimeout(resolve, 20))
      process.stdout.write('ug line\\nno newline at the end')
      send({ installed: ${JSON.stringify(installed('/tools/oc/4.16.3/x64/oc'))} })`)
    const task = new Task('Install oc', signal => installOcAside(job, signal, { script }))
    // Held by the Task until it is awaited, as the installer's lines were in process.
    await new Promise(resolve => setTimeout(resolve, 300))
    expect(printed.join('')).toBe('')
    const oc = await task.result()
    expect(oc).toEqual(installed('/tools/oc/4.16.3/x64/oc'))
    const lines = printed.join('').split('\n')
    expect(lines.slice(0, 5)).toEqual([
      `job ${JSON.stringify(job)}`,
      'env inherited',
      '::debug::a debug line',
      'no newline at the end',
      expect.stringMatching(/^Install oc: \d+ ms, alongside the push$/)
    ])
    expect(addedPaths()).toEqual(['/tools/oc/4.16.3/x64'])
    expect(process.env.PATH?.split(path.delimiter)[0]).toBe('/tools/oc/4.16.3/x64')
    delete process.env.RAHTI_ASIDE_TEST
  })

  test('an oc found on PATH is not added to it again', async () => {
    const script = child(
      `send({ installed: { path: '/usr/bin/oc', version: '4.14.0', source: 'path', downloadedBytes: 0 } })`
    )
    const oc = await installOcAside(job, new AbortController().signal, { script })
    expect(oc.source).toBe('path')
    expect(addedPaths()).toEqual([])
  })

  test("the child's UserError is a UserError here, with the same message", async () => {
    const script = child(`send({ failed: { message: 'The mirror has no oc 9.9.9.', userError: true } })`)
    const failed = installOcAside(job, new AbortController().signal, { script })
    await expect(failed).rejects.toThrow(new UserError('The mirror has no oc 9.9.9.'))
    await expect(failed).rejects.toBeInstanceOf(UserError)
    expect(addedPaths()).toEqual([])
  })

  test("the child's bug stays a bug (not a UserError), with the child's stack for the debug log", async () => {
    const script = child(
      `send({ failed: { message: 'x is undefined', userError: false, stack: 'TypeError: x is undefined\\n    at install (child.js:1:1)' } })`
    )
    const err = await installOcAside(job, new AbortController().signal, { script }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    expect(err).not.toBeInstanceOf(UserError)
    expect((err as Error).message).toBe('x is undefined')
    expect((err as Error).stack).toContain('at install (child.js:1:1)')
  })

  test('a child that dies without an outcome is a UserError in the action words; its stderr only in debug', async () => {
    const script = child(`
      process.stdout.write('Downloading it\\n')
      process.stderr.write('Error: boom\\n    at somewhere (file.js:1:1)\\n')
      process.exit(3)`)
    const err = await installOcAside(job, new AbortController().signal, { script }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UserError)
    expect((err as Error).message).toBe(
      'oc was not installed: the process that installs it ended without an outcome (it exited with code 3). ' +
        'Run the job again; with debug logging on (RUNNER_DEBUG), the log shows what it wrote.'
    )
    const log = printed.join('')
    expect(log).toContain('Downloading it\n')
    expect(log).toContain(
      "::debug::The oc install's process wrote on stderr:%0AError: boom%0A    at somewhere"
    )
    expect(addedPaths()).toEqual([])
  })

  test('a child killed by a signal says so', async () => {
    const script = child(`process.kill(process.pid, 'SIGKILL')`)
    await expect(installOcAside(job, new AbortController().signal, { script })).rejects.toThrow(
      /ended without an outcome \(it was ended by SIGKILL\)/
    )
  })

  test('a stop SIGTERMs the child, which cleans up; the rejection is the signal reason, nothing on PATH', async () => {
    const marker = path.join(dir, 'cleaned-up')
    const script = child(`
      process.on('SIGTERM', () => {
        writeFileSync(${JSON.stringify(marker)}, 'yes')
        process.exit(0)
      })
      process.stdout.write('started\\n')
      setInterval(() => undefined, 1000)`)
    const stop = new AbortController()
    const started = Date.now()
    const failed = installOcAside(job, stop.signal, { script })
    await waitFor(() => printed.join('').includes('started'))
    const reason = new Error('Install oc was cancelled')
    stop.abort(reason)
    await expect(failed).rejects.toBe(reason)
    expect(readFileSync(marker, 'utf8')).toBe('yes')
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(addedPaths()).toEqual([])
  })

  test('a child that ignores SIGTERM is killed after the grace', async () => {
    const script = child(`
      process.on('SIGTERM', () => process.stdout.write('ignoring SIGTERM\\n'))
      process.stdout.write('started\\n')
      setInterval(() => undefined, 1000)`)
    const stop = new AbortController()
    const failed = installOcAside(job, stop.signal, { script, graceMs: 200 })
    await waitFor(() => printed.join('').includes('started'))
    const stoppedAt = Date.now()
    stop.abort(new Error('stopped'))
    await expect(failed).rejects.toThrow('stopped')
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(150)
    expect(Date.now() - stoppedAt).toBeLessThan(2_000)
    expect(printed.join('')).toContain('ignoring SIGTERM')
  })

  test('an outcome that arrives after the stop is not put on PATH', async () => {
    const script = child(`
      process.on('SIGTERM', () => send({ installed: ${JSON.stringify(installed('/late/oc'))} }))
      process.stdout.write('started\\n')
      setInterval(() => undefined, 1000)`)
    const stop = new AbortController()
    const failed = installOcAside(job, stop.signal, { script })
    await waitFor(() => printed.join('').includes('started'))
    stop.abort(new Error('stopped'))
    await expect(failed).rejects.toThrow('stopped')
    expect(addedPaths()).toEqual([])
  })

  test('a signal aborted before the start starts nothing', async () => {
    const marker = path.join(dir, 'ran')
    const script = child(`writeFileSync(${JSON.stringify(marker)}, 'ran')`)
    const stop = new AbortController()
    stop.abort(new Error('too late'))
    await expect(installOcAside(job, stop.signal, { script })).rejects.toThrow('too late')
    expect(existsSync(marker)).toBe(false)
  })
})

async function waitFor(condition: () => boolean, ms = 5_000): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise(resolve => setTimeout(resolve, 10))) {
    if (Date.now() - started > ms) throw new Error('timed out waiting')
  }
}
