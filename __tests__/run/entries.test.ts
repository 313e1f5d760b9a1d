// The three bundles: the two action.yml runs (the main entry is the main step only) and the oc install's process,
// which the main step starts; each turns Node's compile cache on before it loads its code (a runner that keeps the
// cache then compiles each bundle once).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { newJob, removeJobs, runMain, runPost, type StepResult } from '../../test/e2e/harness/runner.js'

const DIST = fileURLToPath(new URL('../../dist', import.meta.url))

/** What runPost takes from a main step, for a post step run on a state of the test's own. */
const emptyStep: StepResult = {
  node: '',
  exitCode: 0,
  stdout: '',
  stderr: '',
  outputs: {},
  exported: {},
  paths: [],
  summary: '',
  stateFile: '',
  state: {}
}

/** The bundle's entry file with every chunk it can load (ncc writes each dynamic import as `<id>.index.js`). */
function bundle(dir: string): string {
  const entry = readFileSync(path.join(dir, 'index.js'), 'utf8')
  const chunks = readdirSync(dir)
    .filter(f => /^\d+\.index\.js$/.test(f))
    .map(f => readFileSync(path.join(dir, f), 'utf8'))
  return [entry, ...chunks].join('\n')
}

describe.each([
  ['main', DIST],
  ['post', path.join(DIST, 'post')],
  ['oc install', path.join(DIST, 'oc')]
])('the %s bundle', (_, dir) => {
  test('turns the compile cache on in its entry file, before any chunk is loaded', () => {
    const entry = readFileSync(path.join(dir, 'index.js'), 'utf8')
    const enable = entry.indexOf('enableCompileCache')
    expect(enable).toBeGreaterThan(-1)
    // The step's code comes in chunks loaded after that call, not inlined in the entry.
    expect(entry.length).toBeLessThan(64 * 1024)
  })
})

test("the main bundle holds none of the post step's code", () => {
  const main = bundle(DIST)
  expect(main).toContain('Identify the token, preflight and token exchange')
  expect(main).not.toContain('The clean-up was incomplete')
  expect(main).not.toContain('Removed the kubeconfig')
  // The check can fail: the post bundle holds exactly these.
  expect(bundle(path.join(DIST, 'post'))).toContain('The clean-up was incomplete')
})

test("the oc install's bundle lowers its priority before it loads its code; the main bundle has no installer", () => {
  const entry = readFileSync(path.join(DIST, 'oc', 'index.js'), 'utf8')
  expect(entry.indexOf('setPriority')).toBeGreaterThan(-1)
  expect(entry.indexOf('setPriority')).toBeLessThan(entry.indexOf('enableCompileCache'))
  expect(bundle(path.join(DIST, 'oc'))).toContain('The mirror has no ')
  // The installer runs in that process only (src/oc/aside.ts starts it).
  expect(bundle(DIST)).not.toContain('The mirror has no ')
})

test('the signing code (and tweetnacl) is a chunk of its own, which an unsigned push never loads', () => {
  const chunks = readdirSync(DIST).filter(f => /^\d+\.index\.js$/.test(f))
  const text = (f: string) => readFileSync(path.join(DIST, f), 'utf8')
  // The chunk the entry loads for the main step, and every chunk it holds statically, is the one with the stages.
  const step = chunks.filter(f => text(f).includes('Identify the token, preflight and token exchange'))
  expect(step).toHaveLength(1)
  for (const marker of [
    'api/v2/signingCert',
    'nacl/secretbox',
    'ENCRYPTED SIGSTORE PRIVATE KEY',
    'xsalsa20'
  ]) {
    expect({ marker, inStep: text(step[0]).includes(marker) }).toEqual({ marker, inStep: false })
  }
  // The check can fail: the signing chunk holds them.
  expect(chunks.some(f => text(f).includes('api/v2/signingCert'))).toBe(true)
})

/**
 * A preload (NODE_OPTIONS --import) that records what the step's process loads: the files (entry and chunks, by
 * module hook) and Node's own modules that were not loaded at start, both at the first HTTP request over the network
 * (not the Docker engine's socket) and at exit. The preload loads http and https itself, so those two are not told.
 * Printed as one `LOADS {...}` line on stderr.
 */
const RECORD_LOADS = `
import module from 'node:module'
import http from 'node:http'
import https from 'node:https'
const files = []
module.registerHooks({ load(url, context, next) { if (url.startsWith('file:')) files.push(url.replace(/^.*\\//, '')); return next(url, context) } })
const before = new Set(process.moduleLoadList)
const builtins = () => process.moduleLoadList.filter(m => !before.has(m) && m.startsWith('NativeModule ')).map(m => m.slice(13))
let atFirstRequest
for (const lib of [http, https]) {
  const request = lib.request
  lib.request = (...args) => {
    const host = args.find(a => a && typeof a === 'object' && !(a instanceof URL))
    if (!host?.socketPath) atFirstRequest ??= { files: [...files], builtins: builtins() }
    return request(...args)
  }
}
process.on('exit', () => process.stderr.write('LOADS ' + JSON.stringify({ files, builtins: builtins(), atFirstRequest }) + '\\n'))
`
const RECORDING = { NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(RECORD_LOADS)}` }

interface Loads {
  files: string[]
  builtins: string[]
  atFirstRequest?: { files: string[]; builtins: string[] }
}

function loadsOf(stderr: string): Loads {
  const line = stderr.split('\n').find(l => l.startsWith('LOADS '))
  if (!line) throw new Error(`no LOADS line in: ${stderr}`)
  return JSON.parse(line.slice('LOADS '.length)) as Loads
}

/** Node's modules that cost a step milliseconds to load, which neither step needs for what these runs do. */
const HEAVY_UNNEEDED = ['child_process', 'fs/promises']

describe('what each step loads', () => {
  let server: http.Server
  let url: string
  beforeAll(async () => {
    // Every request refused, as a wrong token is: the main step stops at its first answer.
    server = http.createServer((req, res) => {
      req.resume()
      res.writeHead(401, { 'Content-Type': 'application/json' })
      res.end('{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Unauthorized","code":401}')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
    removeJobs()
  })

  test('the post step with only a kubeconfig to remove loads its entry and one chunk, not the engines', async () => {
    const job = newJob()
    const dir = path.join(job.runnerTemp, 'rahti-push-kube-test')
    mkdirSync(dir)
    const kubeconfig = path.join(dir, 'config')
    writeFileSync(kubeconfig, 'token')
    // Docker through its Engine API: logged in, nothing of the engine's on disk.
    const engine = {
      kind: 'docker',
      logout: true,
      registryHost: 'registry.example',
      endpoint: 'unix:///nowhere'
    }
    const state = JSON.stringify({ mainStarted: true, engine, kubeconfig })
    const main = { ...emptyStep, job, state: { 'rahti-push': state } }
    const post = await runPost(main, { env: RECORDING })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('Removed the kubeconfig')
    expect(existsSync(dir)).toBe(false)
    const loads = loadsOf(post.stderr)
    expect(loads.files).toHaveLength(2)
    expect(loads.files[0]).toBe('index.js')
    // The chunk of the step, without the engines' code (which has its own chunk).
    const chunk = readFileSync(path.join(DIST, 'post', loads.files[1]), 'utf8')
    expect(chunk).toContain('The clean-up was incomplete')
    expect(chunk).not.toContain('class DockerEngine')
    // No file command either, so not even node:crypto (for their delimiter).
    for (const name of [...HEAVY_UNNEEDED, 'crypto']) expect(loads.builtins).not.toContain(name)
  })

  test('the main step loads one chunk before its first request, and none of the engines or later stages', async () => {
    const main = await runMain({
      inputs: {
        token: 'x'.repeat(40),
        image: 'startup',
        server: url,
        'insecure-skip-tls-verify': 'true',
        'oc-version': 'none'
      },
      env: RECORDING
    })
    expect(main.stdout).toContain('refused the token (401 Unauthorized)')
    const first = loadsOf(main.stderr).atFirstRequest
    expect(first?.files).toHaveLength(2)
    expect(first?.files[0]).toBe('index.js')
    const chunk = readFileSync(path.join(DIST, first?.files[1] ?? ''), 'utf8')
    expect(chunk).toContain('Identify the token, preflight and token exchange')
    for (const name of HEAVY_UNNEEDED) expect(first?.builtins).not.toContain(name)
  })
})
