// `npm run emulator` as a separate process: one JSON line of EmulatorInfo on stdout, a working
// emulator behind it, and no docker-registry left behind after SIGTERM or after its death.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, describe, expect, test } from '@jest/globals'

import type { EmulatorInfo } from '../../../emulator/types.js'
import { requireTool } from '../harness/tools.js'
import { registry } from './helpers.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const started: ChildProcess[] = []
const leftovers: string[] = []

interface Running {
  child: ChildProcess
  info: EmulatorInfo
  stdout: () => string
  exited: Promise<number | null>
}

async function startCli(args: string[] = []): Promise<Running> {
  // --silent keeps npm's own "> rahti-push emulator" banner off stdout.
  const child = spawn('npm', ['run', '--silent', 'emulator', '--', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  started.push(child)
  let out = ''
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>(r => child.once('exit', code => r(code)))
  const line = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no JSON line within 30 s; stderr: ${err}`)), 30_000)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) {
        clearTimeout(timer)
        res(out.slice(0, out.indexOf('\n')))
      }
    })
    exited.then(code => rej(new Error(`exited ${code} before printing; stderr: ${err}`)))
  })
  const info = JSON.parse(line) as EmulatorInfo
  leftovers.push(dirname(info.caFile))
  return { child, info, stdout: () => out, exited }
}

/** Pids of docker-registry processes serving the config in `workDir`. */
function registryPids(workDir: string): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      if (cmd.some(a => a.endsWith('docker-registry')) && cmd.includes(join(workDir, 'registry.yml')))
        pids.push(Number(entry))
    } catch {
      // the process ended while being read
    }
  }
  return pids
}

function parentOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/^PPid:\s+(\d+)/m.exec(status)?.[1])
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (check()) return true
    await new Promise(r => setTimeout(r, 100))
  }
  return check()
}

afterAll(() => {
  for (const c of started) {
    try {
      if (c.pid && c.exitCode === null) process.kill(-c.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  for (const dir of leftovers) rmSync(dir, { recursive: true, force: true })
})

describe('npm run emulator', () => {
  test('prints one EmulatorInfo line, serves, and SIGTERM stops it and its docker-registry', async () => {
    requireTool('docker-registry', 'docker-registry')
    const run = await startCli()
    const { info } = run
    expect(info.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(info.apiHttpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(info.registry).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(info.registryScheme).toBe('https')
    expect(readFileSync(info.caFile, 'utf8')).toContain('BEGIN CERTIFICATE')
    expect(info.caPem).toBe(readFileSync(info.caFile, 'utf8'))
    expect(info.accounts.map(a => a.name)).toEqual([
      'system:serviceaccount:demo:pusher',
      'system:serviceaccount:demo:builder',
      'system:serviceaccount:demo:ci',
      'system:serviceaccount:demo:admin',
      'system:serviceaccount:other:puller',
      'alice',
      'system:serviceaccount:openshift-image-registry:registry'
    ])
    const byName = Object.fromEntries(info.accounts.map(a => [a.name.split(':').pop(), a]))
    expect(byName.pusher.roles).toEqual(['system:image-pusher'])
    expect(byName.alice).toMatchObject({ project: 'demo', roles: ['admin'] })
    expect(byName.alice.token).toMatch(/^sha256~[A-Za-z0-9_-]{43}$/)
    expect(byName.builder.token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)

    // The registry over HTTPS, verified against the CA the line gives.
    const v2 = await registry({ info }, 'GET', '/v2/', { bearer: byName.builder.token })
    expect(v2.status).toBe(200)
    expect((await fetch(`${info.apiHttpUrl}/_emulator/stats`)).status).toBe(200)
    // No stream exists at start.
    const list = await fetch(`${info.apiHttpUrl}/apis/image.openshift.io/v1/namespaces/demo/imagestreams`, {
      headers: { Authorization: `Bearer ${byName.admin.token}` }
    })
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([])

    const workDir = dirname(info.caFile)
    const pids = registryPids(workDir)
    expect(pids).toHaveLength(1)

    // SIGTERM to npm alone: npm dies without passing it on, and the emulator notices that.
    run.child.kill('SIGTERM')
    let timer: NodeJS.Timeout | undefined
    const code = await Promise.race([
      run.exited,
      new Promise(r => (timer = setTimeout(() => r('timeout'), 15_000)))
    ])
    clearTimeout(timer)
    expect(code).not.toBe('timeout')
    expect(await until(() => registryPids(workDir).length === 0, 5_000)).toBe(true)
    expect(await until(() => !existsSync(workDir), 5_000)).toBe(true)
    await expect(registry({ info }, 'GET', '/v2/')).rejects.toThrow()
    // Exactly one line on stdout, ever.
    expect(run.stdout().trim().split('\n')).toHaveLength(1)
  }, 60_000)

  test('the docker-registry child dies with the emulator even when it is killed outright', async () => {
    // Started with the registry on plain HTTP, which the line reports.
    const run = await startCli(['--registry-tls=false'])
    expect(run.info.registryScheme).toBe('http')
    expect((await fetch(`http://${run.info.registry}/v2/`)).status).toBe(401)
    const workDir = dirname(run.info.caFile)
    const [registry] = registryPids(workDir)
    expect(registry).toBeDefined()
    const emulatorPid = parentOf(registry)
    process.kill(emulatorPid, 'SIGKILL')
    expect(await until(() => registryPids(workDir).length === 0, 5_000)).toBe(true)
  }, 60_000)

  test('--openshift-version, --external-registry-host=none and --newer-registry choose the cluster; a wrong version is refused', async () => {
    const { info, child, exited } = await startCli([
      '--openshift-version=4.13',
      '--external-registry-host=none',
      '--newer-registry'
    ])
    const admin = info.accounts.find(a => a.name.endsWith(':admin'))!.token
    // The registry's own account is in the line, and the newer registry's 404 is on.
    expect(info.accounts.at(-1)).toMatchObject({
      name: 'system:serviceaccount:openshift-image-registry:registry',
      roles: ['system:registry']
    })
    expect(info.newerRegistry).toBe(true)
    const head = await registry({ info }, 'HEAD', `/v2/demo/nothing/manifests/sha256:${'0'.repeat(64)}`, {
      bearer: admin
    })
    expect(head.status).toBe(404)
    const auth = { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' }
    const version = (await (await fetch(`${info.apiHttpUrl}/version`)).json()) as { minor: string }
    expect(version.minor).toBe('26')
    const ssr = await fetch(`${info.apiHttpUrl}/apis/authentication.k8s.io/v1/selfsubjectreviews`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1' })
    })
    expect(ssr.status).toBe(404)
    const created = await fetch(
      `${info.apiHttpUrl}/apis/image.openshift.io/v1/namespaces/demo/imagestreams`,
      {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          kind: 'ImageStream',
          apiVersion: 'image.openshift.io/v1',
          metadata: { name: 'app' }
        })
      }
    )
    expect(((await created.json()) as { status: Record<string, unknown> }).status).not.toHaveProperty(
      'publicDockerImageRepository'
    )
    child.kill('SIGTERM')
    await exited

    const wrong = spawn('npm', ['run', '--silent', 'emulator', '--', '--openshift-version=4.9'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    started.push(wrong)
    let err = ''
    wrong.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    const code = await new Promise<number | null>(r => wrong.once('exit', c => r(c)))
    expect(code).not.toBe(0)
    expect(err).toContain('OpenShift version "4.9" is not emulated; choose one of 4.13, 4.14, 4.15, 4.16')
  }, 60_000)
})
