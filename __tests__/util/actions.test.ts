// The runner's workflow commands as the runner reads them: file commands in heredoc blocks, escaped command
// lines, inputs from INPUT_*, and the job summary's refusal when the runner gave no writable file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'

import * as actions from '../../src/util/actions.js'
import { markup } from '../../src/util/html.js'
import { parseFileCommands } from '../../test/e2e/harness/file-commands.js'
import { captureStdout } from '../fixtures/stdout.js'

let dir: string
let printed: string[]
const saved = { ...process.env }

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'actions-'))
  printed = captureStdout()
})

afterEach(() => {
  jest.restoreAllMocks()
  process.env = { ...saved }
  process.exitCode = undefined
})

/** The file command's blocks, parsed as the runner parses them. */
function blocks(file: string): Record<string, string> {
  return parseFileCommands(readFileSync(file, 'utf8'))
}

describe('file commands', () => {
  test('outputs, state and variables go into heredoc blocks with a random delimiter, new lines kept', () => {
    for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV']) {
      process.env[name] = path.join(dir, name)
      writeFileSync(process.env[name]!, '')
    }
    actions.setOutput('images', 'a:1\nb:2')
    actions.saveState('rahti-push', '{"mainStarted":true}')
    actions.exportVariable('KUBECONFIG', '/tmp/x')
    expect(blocks(process.env.GITHUB_OUTPUT!)).toEqual({ images: 'a:1\nb:2' })
    expect(blocks(process.env.GITHUB_STATE!)).toEqual({ 'rahti-push': '{"mainStarted":true}' })
    expect(blocks(process.env.GITHUB_ENV!)).toEqual({ KUBECONFIG: '/tmp/x' })
    expect(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8')).toMatch(/^images<<ghadelimiter_[0-9a-f-]{36}\n/)
    expect(process.env.KUBECONFIG).toBe('/tmp/x')
  })

  test('a path goes first on PATH, for this step too', () => {
    process.env.GITHUB_PATH = path.join(dir, 'path')
    writeFileSync(process.env.GITHUB_PATH, '')
    process.env.PATH = '/usr/bin'
    actions.addPath('/opt/oc')
    expect(readFileSync(process.env.GITHUB_PATH, 'utf8')).toBe(`/opt/oc${os.EOL}`)
    expect(process.env.PATH).toBe(`/opt/oc${path.delimiter}/usr/bin`)
  })
})

describe('commands on stdout', () => {
  test('a message cannot start a command of its own: %, CR and LF are escaped', () => {
    actions.warning('50% done\n::error::forged')
    actions.setSecret('s3cr3t\r\n')
    expect(printed).toEqual([
      `::warning::50%25 done%0A::error::forged${os.EOL}`,
      `::add-mask::s3cr3t%0D%0A${os.EOL}`
    ])
  })

  test('setFailed prints the error and sets the exit code; group folds what its body prints', async () => {
    actions.setFailed('no')
    expect(process.exitCode).toBe(1)
    await actions.group('Push', async () => actions.info('inside'))
    expect(printed.slice(1)).toEqual([`::group::Push${os.EOL}`, `inside${os.EOL}`, `::endgroup::${os.EOL}`])
  })

  test('an input is read from INPUT_<NAME>, trimmed', () => {
    process.env['INPUT_OC-VERSION'] = ' 4.16 \n'
    expect(actions.getInput('oc-version')).toBe('4.16')
    expect(actions.getInput('absent')).toBe('')
  })
})

describe('the job summary', () => {
  test('is appended as HTML', async () => {
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary')
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '')
    await actions.summary
      .addHeading('Pushed', 3)
      .addTable([[{ data: 'Tag', header: true }], [markup`<code>${'v1'}</code>`]])
      .addList(['one'])
      .addDetails('Steps', 'a: 1 ms')
      .write()
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY, 'utf8')).toBe(
      [
        '<h3>Pushed</h3>',
        '<table><tr><th>Tag</th></tr><tr><td><code>v1</code></td></tr></table>',
        '<ul><li>one</li></ul>',
        '<details><summary>Steps</summary>a: 1 ms</details>',
        ''
      ].join(os.EOL)
    )
  })

  test('escapes every text it is given; only markup made with markup`` is kept', async () => {
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary')
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '')
    const hostile = '<img src=x onerror=alert(1)>'
    await actions.summary
      .addHeading(hostile)
      .addTable([[{ data: hostile, header: true }], [hostile], [markup`<code>${hostile}</code>`]])
      .addList([hostile, markup`<b>${hostile}</b>`])
      .addDetails(hostile, hostile)
      .addRaw(`"${hostile}"`)
      .write()
    const written = readFileSync(process.env.GITHUB_STEP_SUMMARY, 'utf8')
    expect(written).not.toMatch(/<img/)
    expect(written).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(written).toContain('<code>&lt;img')
    expect(written).toContain('<b>&lt;img')
    expect(written).toContain('&quot;&lt;img')
  })

  test('is refused, with the reason, when the runner gave no file or an unwritable one', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await expect(actions.summary.addRaw('x').write()).rejects.toThrow(/GITHUB_STEP_SUMMARY/)
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'missing', 'summary')
    await expect(actions.summary.write()).rejects.toThrow(/Unable to access summary file/)
  })
})

describe('the runner log (fd 1)', () => {
  // A child writes 2 MiB of numbered lines through runnerLog, and lines through process.stdout between them, while
  // this side reads slowly: the pipe fills, every write waits for room, and all arrives, whole and in order.
  test('a full pipe: every line arrives, in the order written', async () => {
    const { spawn } = await import('node:child_process')
    const script = [
      "import { runnerLog } from './src/util/actions.ts'",
      'for (let i = 0; i < 20000; i++) {',
      "  runnerLog.write(`line ${i} ${'x'.repeat(90)}\\n`)",
      '  if (i % 5000 === 0) process.stdout.write(`stream ${i}\\n`)',
      '}'
    ].join('\n')
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    const chunks: Buffer[] = []
    child.stdout.pause()
    await new Promise(resolve => setTimeout(resolve, 500))
    child.stdout.on('data', (c: Buffer) => chunks.push(c))
    child.stdout.resume()
    // 'close': the process has exited and its stdout is read to the end.
    const code = await new Promise(resolve => child.on('close', resolve))
    expect(code).toBe(0)
    const lines = Buffer.concat(chunks).toString().split('\n').filter(Boolean)
    const numbered = lines.filter(l => l.startsWith('line ')).map(l => Number(l.split(' ')[1]))
    expect(numbered).toEqual([...Array(20000).keys()])
    expect(lines.indexOf('stream 5000')).toBe(lines.indexOf(`line 5000 ${'x'.repeat(90)}`) + 1)
  }, 30_000)
})
