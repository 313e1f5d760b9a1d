// The runner's workflow commands this action uses, written as the runner reads them: inputs from INPUT_*,
// file commands (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE, GITHUB_PATH, GITHUB_STEP_SUMMARY) and `::command::`
// lines on stdout. The same names and behaviour as @actions/core's, without what this action never uses: that
// package loads an OIDC client (an HTTP client with undici) and a platform probe (@actions/exec) at start, about
// 1 MB of code and some 40 ms of every start of the main and the post step.
import { AsyncLocalStorage } from 'node:async_hooks'
import { accessSync, appendFileSync, constants, writeFileSync, writeSync } from 'node:fs'
import { EOL } from 'node:os'
import path from 'node:path'

import { escapeHtml, Html, type HtmlText, toHtml } from './html.js'

/** A command's data, escaped as the runner unescapes it. */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A command's property value (`name=...`): its data escaping, and `:` and `,`, which end a property. */
function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** Whether the log goes through process.stdout from now on (see runnerLog). */
let viaStream = false

/**
 * The runner's log, file descriptor 1. Written with writeSync rather than through process.stdout, whose first use
 * loads Node's net and stream modules and opens a pipe handle: 3-5 ms measured, a tenth of a post step that needs
 * neither. Node writes to a pipe synchronously on Linux too, so nothing changes order. A descriptor made
 * non-blocking (by a parent) answers EAGAIN when the pipe is full: the rest, and everything after it, then goes
 * through process.stdout, which waits for the reader. Tests replace `write` (test fixture captureStdout).
 */
export const runnerLog = {
  write(text: string | Buffer): void {
    if (!viaStream) {
      const bytes = typeof text === 'string' ? Buffer.from(text) : text
      let done = 0
      try {
        while (done < bytes.length) done += writeSync(1, bytes, done)
        return
      } catch {
        viaStream = true
        text = bytes.subarray(done)
      }
    }
    process.stdout.write(text)
  }
}

/** Where the lines of background work go while it runs (see `captureLog`); elsewhere, the runner's log. */
const sinks = new AsyncLocalStorage<(line: string) => void>()

function write(line: string): void {
  const sink = sinks.getStore()
  if (sink) sink(line)
  else runnerLog.write(line)
}

/**
 * Runs `fn` with every line it logs, and every line of the work it starts, handed to `sink` instead of printed:
 * background work keeps its lines together, to be printed as one block where it is awaited, rather than in
 * whatever log group is open at the time.
 */
export function captureLog<T>(sink: (line: string) => void, fn: () => T): T {
  return sinks.run(sink, fn)
}

/**
 * Lines another process of this action wrote in the runner's format (the oc install's, with their workflow
 * commands as they are): where this process's own lines would go now, a Task's log or the runner's.
 */
export function relayLog(text: string): void {
  write(text)
}

/** Prints lines kept by a sink, as they were written. */
export function printLines(lines: readonly string[]): void {
  for (const line of lines) runnerLog.write(line)
}

function issue(command: string, message = '', properties: Record<string, string> = {}): void {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`)
}

/**
 * Whether the step has failed (setFailed set its exit code): from then on nothing more reaches the runner's
 * outputs, environment, PATH or summary, so that work still winding down (a cancelled download, say) cannot
 * announce a tool or an output after the failure. The state file stays open: it tells the post step what to remove.
 */
function failed(): boolean {
  return process.exitCode === 1
}

/**
 * node:crypto, loaded when a file command first needs it: loading it costs some 3 ms (it brings streams and
 * perf_hooks along), and the post step's clean-up writes no file command.
 */
function randomUUID(): string {
  return process.getBuiltinModule('node:crypto').randomUUID()
}

/** `name<<delimiter` blocks, which no value can break out of: the delimiter is random and checked. */
function fileCommand(variable: string, key: string, value: string): boolean {
  const file = process.env[variable]
  if (!file) return false
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (key.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: the name or value holds the delimiter ${delimiter}`)
  }
  appendFileSync(file, `${key}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' })
  return true
}

/** An input as the runner passes it (INPUT_<NAME>, spaces as underscores), trimmed; '' when not given. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

export function setOutput(name: string, value: string): void {
  if (failed()) return
  if (!fileCommand('GITHUB_OUTPUT', name, value)) {
    write(EOL)
    issue('set-output', value, { name })
  }
}

/** For this step's children and for the later steps of the job. */
export function exportVariable(name: string, value: string): void {
  if (failed()) return
  process.env[name] = value
  if (!fileCommand('GITHUB_ENV', name, value)) issue('set-env', value, { name })
}

/** Puts a directory first on PATH, for this step's children and the later steps of the job. */
export function addPath(dir: string): void {
  if (failed()) return
  const file = process.env.GITHUB_PATH
  if (file) appendFileSync(file, `${dir}${EOL}`, { encoding: 'utf8' })
  else issue('add-path', dir)
  process.env.PATH = `${dir}${path.delimiter}${process.env.PATH ?? ''}`
}

/** From here on the runner masks this value wherever it would appear in the log. */
export function setSecret(secret: string): void {
  issue('add-mask', secret)
}

export function saveState(name: string, value: string): void {
  if (!fileCommand('GITHUB_STATE', name, value)) issue('save-state', value, { name })
}

export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? ''
}

export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1'
}

export function info(message: string): void {
  write(`${message}${EOL}`)
}

export function debug(message: string): void {
  issue('debug', message)
}

export function notice(message: string): void {
  issue('notice', message)
}

export function warning(message: string): void {
  issue('warning', message)
}

export function error(message: string): void {
  issue('error', message)
}

/** The step fails with this message (exit code 1), and goes on to its end. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

/** A fold in the log around what `fn` prints. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  issue('group', name)
  try {
    return await fn()
  } finally {
    issue('endgroup')
  }
}

type SummaryCell = HtmlText | { data: HtmlText; header?: boolean; colspan?: string; rowspan?: string }

/** The job summary (HTML in GITHUB_STEP_SUMMARY), built up and then appended in one write. */
class Summary {
  private buffer = ''

  /** Every piece of text is escaped here, markup (Html) kept: a summary holds no element it did not mean to. */
  private wrap(tag: string, content: HtmlText, attrs: Record<string, string> = {}): string {
    const attributes = Object.entries(attrs)
      .map(([key, value]) => ` ${key}="${escapeHtml(value)}"`)
      .join('')
    const inner = toHtml(content)
    // An empty element without its end tag, as the toolkit writes it (HTML's optional end tags).
    return inner ? `<${tag}${attributes}>${inner}</${tag}>` : `<${tag}${attributes}>`
  }

  /** Text (escaped) or markup of the action's own (`markup\`...\``). */
  addRaw(text: HtmlText, addEOL = false): Summary {
    this.buffer += toHtml(text)
    return addEOL ? this.addEOL() : this
  }

  addEOL(): Summary {
    this.buffer += EOL
    return this
  }

  addHeading(text: HtmlText, level: number | string = 1): Summary {
    const tag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(`h${level}`) ? `h${level}` : 'h1'
    return this.addRaw(Html.trusted(this.wrap(tag, text))).addEOL()
  }

  addList(items: HtmlText[], ordered = false): Summary {
    const list = items.map(item => this.wrap('li', item)).join('')
    return this.addRaw(Html.trusted(this.wrap(ordered ? 'ol' : 'ul', Html.trusted(list)))).addEOL()
  }

  addTable(rows: SummaryCell[][]): Summary {
    const body = rows
      .map(row => {
        const cells = row
          .map(cell => {
            if (typeof cell === 'string' || cell instanceof Html) return this.wrap('td', cell)
            const { header, data, colspan, rowspan } = cell
            const attrs: Record<string, string> = {}
            if (colspan) attrs.colspan = colspan
            if (rowspan) attrs.rowspan = rowspan
            return this.wrap(header ? 'th' : 'td', data, attrs)
          })
          .join('')
        return this.wrap('tr', Html.trusted(cells))
      })
      .join('')
    return this.addRaw(Html.trusted(this.wrap('table', Html.trusted(body)))).addEOL()
  }

  addDetails(label: HtmlText, content: HtmlText): Summary {
    return this.addRaw(
      Html.trusted(this.wrap('details', Html.trusted(this.wrap('summary', label) + toHtml(content))))
    ).addEOL()
  }

  /** Appends what was built to the summary file and starts afresh; throws when the runner gave no writable file. */
  async write(options: { overwrite?: boolean } = {}): Promise<Summary> {
    if (failed()) return this
    const file = process.env.GITHUB_STEP_SUMMARY
    if (!file) {
      throw new Error(
        'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
      )
    }
    try {
      accessSync(file, constants.R_OK | constants.W_OK)
    } catch {
      throw new Error(
        `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`
      )
    }
    if (options.overwrite) writeFileSync(file, this.buffer, { encoding: 'utf8' })
    else appendFileSync(file, this.buffer, { encoding: 'utf8' })
    this.buffer = ''
    return this
  }

  stringify(): string {
    return this.buffer
  }
}

export const summary = new Summary()
