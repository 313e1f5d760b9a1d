// Proof that src/util/actions.ts (the action's own workflow commands, in place of @actions/core for start-up time)
// writes what the toolkit writes: the same calls go through both, and stdout, every file command's file (output,
// env, state, path) and the job summary are compared byte for byte, with values holding %, CR, LF, `:` and `,`.
// Only the heredoc delimiters, random in both, are normalised. If this fails after an upgrade of @actions/core,
// the toolkit changed what it writes: follow it in actions.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import * as toolkit from '@actions/core'
import { afterAll, afterEach, describe, expect, jest, test } from '@jest/globals'

import * as ours from '../../src/util/actions.js'
import { normaliseDelimiters } from '../../test/e2e/harness/file-commands.js'

type Commands = typeof ours

const FILES = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'] as const
const AWKWARD = 'a 100% value: with, commas\r\nand CR LF\nand %25 escaped-looking %0A text, ::x::'

interface Written {
  stdout: string
  files: Record<string, string>
  env: Record<string, string | undefined>
  returned: unknown[]
  exitCode: number | string | null | undefined
}

/** Every call this action makes, with awkward values; setFailed last (after it, ours writes nothing more). */
async function calls(m: Commands): Promise<unknown[]> {
  const returned: unknown[] = []
  m.info(`info ${AWKWARD}`)
  m.debug(`debug ${AWKWARD}`)
  m.notice(`notice ${AWKWARD}`)
  m.warning(`warning ${AWKWARD}`)
  m.error(`error ${AWKWARD}`)
  m.setSecret(`secret ${AWKWARD}`)
  returned.push(await m.group(`group ${AWKWARD}`, async () => (m.info('inside'), 'group value')))
  m.setOutput('image', AWKWARD)
  m.setOutput('odd:name,with%chars\r\n', AWKWARD)
  m.setOutput('empty', '')
  m.exportVariable('RAHTI_TEST_VAR', AWKWARD)
  m.exportVariable('RAHTI_TEST:ODD,NAME', 'x')
  m.addPath('/opt/tool: x, y %')
  m.saveState('state', AWKWARD)
  m.saveState('odd:state,name', '{"a":1}')
  returned.push(m.getInput('My Input'), m.getInput('missing'), m.getState('given'), m.isDebug())
  await m.summary
    .addHeading(`Heading ${AWKWARD}`, 2)
    .addHeading('Out of range', '7')
    .addHeading('Default level')
    .addList(['one', `two ${AWKWARD}`], true)
    .addList([''])
    .addTable([
      [
        { data: 'Tag', header: true },
        { data: '', header: true }
      ],
      ['v1', ''],
      [{ data: 'wide', colspan: '2' }],
      [{ data: 'tall', rowspan: '2' }, 'x']
    ])
    .addDetails('Details', `content ${AWKWARD}`)
    .addRaw('raw text')
    .addRaw(' with EOL', true)
    .addEOL()
    .write()
  returned.push(m.summary.stringify())
  await m.summary.addRaw('replaced').write({ overwrite: true })
  await m.summary.addRaw(', appended').write()
  m.setFailed(`failed ${AWKWARD}`)
  return returned
}

const saved = { ...process.env }
// One summary file for every run, emptied before each: the toolkit's summary keeps the first path it was given.
const summaryDir = mkdtempSync(path.join(os.tmpdir(), 'actions-core-summary-'))
const SUMMARY_FILE = path.join(summaryDir, 'GITHUB_STEP_SUMMARY')

afterAll(() => rmSync(summaryDir, { recursive: true, force: true }))

afterEach(() => {
  jest.restoreAllMocks()
  process.env = { ...saved }
  process.exitCode = undefined
})

/** Runs the calls through one implementation in a fresh job: files when `withFiles`, else stdout commands only. */
async function run(m: Commands, withFiles: boolean): Promise<Written> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'actions-core-'))
  try {
    process.env = {
      ...saved,
      PATH: '/usr/bin:/bin',
      INPUT_MY_INPUT: `  ${AWKWARD}  `,
      STATE_given: 'from main',
      RUNNER_DEBUG: '1'
    }
    for (const name of FILES) delete process.env[name]
    for (const name of FILES) {
      if (!withFiles && name !== 'GITHUB_STEP_SUMMARY') continue
      process.env[name] = name === 'GITHUB_STEP_SUMMARY' ? SUMMARY_FILE : path.join(dir, name)
      writeFileSync(process.env[name], '')
    }
    process.exitCode = undefined
    let stdout = ''
    // The toolkit writes through process.stdout, this action through its own writer of fd 1.
    jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string) => {
      stdout += String(chunk)
      return true
    }) as typeof process.stdout.write)
    jest.spyOn(ours.runnerLog, 'write').mockImplementation((chunk: string | Buffer) => {
      stdout += String(chunk)
    })
    const returned = await calls(m)
    jest.restoreAllMocks()
    const files: Record<string, string> = {}
    for (const name of FILES) {
      if (process.env[name]) files[name] = normaliseDelimiters(readFileSync(process.env[name], 'utf8'))
    }
    return {
      stdout,
      files,
      env: {
        PATH: process.env.PATH,
        RAHTI_TEST_VAR: process.env.RAHTI_TEST_VAR,
        'RAHTI_TEST:ODD,NAME': process.env['RAHTI_TEST:ODD,NAME']
      },
      returned,
      exitCode: process.exitCode
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('src/util/actions.ts writes what @actions/core writes', () => {
  test.each([
    ['with the runner files (file commands)', true, 'odd:name,with%chars\r\n<<ghadelimiter_UUID'],
    ['without them (stdout commands)', false, '::set-output name=odd%3Aname%2Cwith%25chars%0D%0A::']
  ])('%s: stdout, every file, the environment and the exit code', async (_, withFiles, oddOutput) => {
    const theirs = await run(toolkit as unknown as Commands, withFiles)
    const mine = await run(ours, withFiles)
    expect(mine.stdout).toBe(theirs.stdout)
    expect(Object.keys(mine.files)).toEqual(Object.keys(theirs.files))
    for (const name of Object.keys(theirs.files))
      expect([name, mine.files[name]]).toEqual([name, theirs.files[name]])
    expect(mine.env).toEqual(theirs.env)
    expect(mine.returned).toEqual(theirs.returned)
    expect(mine.exitCode).toBe(theirs.exitCode)
    // The comparison has something to compare: the awkward values reached both.
    expect(theirs.stdout).toContain('%25')
    expect(withFiles ? theirs.files.GITHUB_OUTPUT : theirs.stdout).toContain(oddOutput)
  })
})
