// What the proof tests share beyond the harness's set-up (harness/rahti.ts, suite.ts): the checks of a
// push and of a clean failure, and a ledger of every run, so that each file ends with one test that searches
// everything the action wrote (with RUNNER_DEBUG=1) for the tokens it was given or exchanged.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { expect } from '@jest/globals'

import type { FaultSpec } from '../../../emulator/types.js'
import { registry } from '../emulator/helpers.js'
import type { Store } from '../harness/containers.js'
import { buildImage } from '../harness/docker.js'
import { baseInputs, type Rahti, tagsOf, uniqueImage } from '../harness/rahti.js'
import {
  errorAnnotation,
  everythingWritten,
  filesUnder,
  type Job,
  runMain,
  type RunOptions,
  runPost,
  type StepResult
} from '../harness/runner.js'
import { run } from '../harness/tools.js'

export type Main = StepResult & { job: Job }

/**
 * The registry holds the POST that opens each upload of demo/`image` for `delayMs` (its next five): a push is in
 * flight that long, for a cancel or a change on the server to land during it.
 */
export function delayUploads(p: Rahti, image: string, delayMs: number): void {
  p.emu.injectFault({
    method: 'POST',
    path: `/v2/demo/${image}/blobs/uploads/`,
    server: 'registry',
    delayMs,
    count: 5
  })
}

/**
 * A fresh image `<prefix>-…:latest`, built, whose push meets `fault` (a status, a delay, …) on the manifest PUT of
 * its first tag: where a push is troubled after its layers are up.
 */
export async function imageWithManifestFault(
  p: Rahti,
  prefix: string,
  fault: Omit<FaultSpec, 'method' | 'path' | 'server'>
): Promise<string> {
  const image = uniqueImage(prefix)
  await buildImage(`${image}:latest`)
  p.emu.injectFault({
    method: 'PUT',
    path: `/v2/demo/${image}/manifests/latest$`,
    server: 'registry',
    ...fault
  })
  return image
}

/** Local names `<registry>/demo/<image>:*` left in the engine. */
export async function localNames(p: Rahti, image: string): Promise<string[]> {
  const listed = await run('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'])
  // `<none>` lines are the engine's record of a pushed digest (RepoDigests), not a name.
  return listed.stdout
    .split('\n')
    .filter(ref => ref.startsWith(`${p.emu.info.registry}/demo/${image}:`) && !ref.endsWith(':<none>'))
}

/** Every `::error::` annotation of a step. */
export function errorAnnotations(result: StepResult): string[] {
  return result.stdout.split('\n').filter(l => l.startsWith('::error::'))
}

/** A stack trace printed as plain lines (a debug line escapes its newlines, so it never matches). */
export const STACK_LINE = /\n\s+at /

/**
 * The action never claims a tag the stream does not hold: every reference in the `images` output (and the
 * `image` output) is in the stream, at the reported digest.
 */
export function expectReportedTagsInStream(p: Rahti, main: Main, project: string, image: string): void {
  const stream = p.emu.getImageStream(project, image)
  const inStream = tagsOf(stream)
  const reported = [main.outputs.image, ...(main.outputs.images ?? '').split('\n')].filter(Boolean)
  for (const ref of reported) {
    const tag = ref.slice(ref.lastIndexOf(':') + 1)
    expect({ ref, digest: inStream[tag] }).toEqual({ ref, digest: main.outputs.digest })
  }
}

/** A successful push: exit 0, no error, and exactly these tags reported and in the stream at one digest. */
export function expectPushed(p: Rahti, main: Main, image: string, tags: string[], project = 'demo'): void {
  expect(errorAnnotation(main)).toBeUndefined()
  expect(main.exitCode).toBe(0)
  const digest = main.outputs.digest
  expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/)
  expect(main.outputs.images.split('\n')).toEqual(
    tags.map(t => `${p.emu.info.registry}/${project}/${image}:${t}`)
  )
  const inStream = tagsOf(p.emu.getImageStream(project, image))
  for (const t of tags) expect({ tag: t, digest: inStream[t] }).toEqual({ tag: t, digest })
  expectReportedTagsInStream(p, main, project, image)
}

/** A failure a user can act on: exit 1, exactly one error annotation, no stack trace, no push reported. */
export function expectCleanFailure(main: Main, message: RegExp): string {
  expect(main.exitCode).toBe(1)
  const errors = errorAnnotations(main)
  expect(errors).toHaveLength(1)
  const error = errors[0].slice('::error::'.length)
  expect(error).toMatch(message)
  expect(main.stdout).not.toMatch(STACK_LINE)
  expect(main.stderr).not.toMatch(STACK_LINE)
  expect(main.outputs.digest).toBeUndefined()
  expect(main.outputs.images).toBeUndefined()
  return error
}

export { closedPort } from '../harness/tools.js'

const debugRuns = new WeakSet<Main>()

/** Runs the main step with RUNNER_DEBUG=1, as every proof scenario does. */
export async function runDebug(opts: Omit<RunOptions, 'debug'>): Promise<Main> {
  const main = await runMain({ ...opts, debug: true })
  debugRuns.add(main)
  return main
}

/**
 * The token the main step exchanged the given one for, read from what it left before the post step: the
 * kubeconfig it exported, else the registry login in its own DOCKER_CONFIG (`auth` is base64 of user:token).
 */
export function exchangedToken(main: Main): string | undefined {
  const kubeconfig = main.exported.KUBECONFIG
  if (kubeconfig && existsSync(kubeconfig)) {
    const token = /^\s*token: "?([^"\s]+)"?\s*$/m.exec(readFileSync(kubeconfig, 'utf8'))?.[1]
    if (token) return token
  }
  const dockerConfig = savedState(main).dockerConfig
  // Docker's config.json, or the auth.json of Podman, Buildah and Skopeo.
  const file = ['config.json', 'auth.json']
    .map(name => (dockerConfig ? path.join(dockerConfig, name) : ''))
    .find(f => f && existsSync(f))
  if (file) {
    const auths = (JSON.parse(readFileSync(file, 'utf8')) as { auths?: Record<string, { auth?: string }> })
      .auths
    for (const entry of Object.values(auths ?? {})) {
      if (!entry.auth) continue
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
      return decoded.slice(decoded.indexOf(':') + 1)
    }
  }
  return undefined
}

export function savedState(main: StepResult): {
  dockerConfig?: string
  kubeconfig?: string
  registry?: string
} {
  const raw = main.state['rahti-push']
  if (!raw) return {}
  const saved = JSON.parse(raw) as { engine?: { configDir?: string }; kubeconfig?: string }
  return { dockerConfig: saved.engine?.configDir, kubeconfig: saved.kubeconfig }
}

/** The forms a token can take where it is stored or sent: itself, and the Basic credentials built from it. */
export function secretForms(token: string): string[] {
  return [token, Buffer.from(`unused:${token}`).toString('base64'), Buffer.from(token).toString('base64')]
}

interface Entry {
  scenario: string
  job: Job
  main: Main
  post: StepResult
  secrets: string[]
  /** Files under RUNNER_TEMP that held a secret before the post step, with their modes. */
  heldBeforePost: { path: string; mode: number }[]
}

/**
 * Every run of a test file, kept for the file's last test, which searches everything each run wrote. The
 * post step runs here, as the runner runs it after every main step (`post-if: always()`).
 */
export class Ledger {
  readonly entries: Entry[] = []

  /** Runs the post step (debug on) after `main`, and records the run with the tokens it must never show. */
  async settle(scenario: string, main: Main, tokens: (string | undefined)[]): Promise<StepResult> {
    const exchanged = exchangedToken(main)
    const secrets = [...tokens, exchanged]
      .filter((t): t is string => !!t)
      .flatMap(secretForms)
      .filter((s, i, all) => all.indexOf(s) === i)
    const heldBeforePost = filesUnder(main.job.runnerTemp)
      .filter(f => secrets.some(s => f.text.includes(s)))
      .map(f => ({ path: f.path, mode: f.mode }))
    const post = await runPost(main, { debug: true })
    if (process.env.PROOF_DUMP) {
      mkdirSync(process.env.PROOF_DUMP, { recursive: true })
      const name = scenario.replace(/[^A-Za-z0-9]+/g, '-')
      writeFileSync(
        path.join(process.env.PROOF_DUMP, `${name}.log`),
        `${main.stdout.replace(/^::add-mask::.*$/gm, '')}\n--- stderr\n${main.stderr}\n--- post\n${post.stdout}`
      )
    }
    this.entries.push({ scenario, job: main.job, main, post, secrets, heldBeforePost })
    return post
  }

  /** Every way a recorded run broke the rules for secrets and credential files; empty when none did. */
  violations(): string[] {
    const found: string[] = []
    const home = path.join(process.env.HOME ?? os.homedir(), '.docker', 'config.json')
    const homeConfig = existsSync(home) ? readFileSync(home, 'utf8') : ''
    for (const e of this.entries) {
      const where = (text: string, secret: string) => {
        const at = text.indexOf(secret)
        return text.slice(Math.max(0, at - 60), at).replace(/\s+/g, ' ') + '<SECRET>'
      }
      if (!debugRuns.has(e.main)) found.push(`${e.scenario}: the main step did not run with RUNNER_DEBUG=1`)
      if (e.post.exitCode !== 0) found.push(`${e.scenario}: the post step exited ${e.post.exitCode}`)
      const written = everythingWritten(e.job, e.main, e.post)
      for (const s of e.secrets) {
        if (written.includes(s))
          found.push(`${e.scenario}: a token is in what the steps wrote: …${where(written, s)}`)
        if (homeConfig.includes(s)) found.push(`${e.scenario}: a token is in ${home}`)
      }
      for (const f of e.heldBeforePost) {
        if (f.mode !== 0o600)
          found.push(`${e.scenario}: ${f.path} held a token with mode ${f.mode.toString(8)}`)
      }
      for (const f of filesUnder(e.job.runnerTemp)) {
        if (e.secrets.some(s => f.text.includes(s)))
          found.push(`${e.scenario}: ${f.path} still holds a token after the post step`)
      }
      const state = savedState(e.main)
      if (state.dockerConfig && existsSync(state.dockerConfig))
        found.push(`${e.scenario}: the job's DOCKER_CONFIG ${state.dockerConfig} is left after the post step`)
      if (state.kubeconfig && existsSync(state.kubeconfig))
        found.push(`${e.scenario}: the kubeconfig ${state.kubeconfig} is left after the post step`)
    }
    return found
  }
}

/**
 * A manifest of `repository` (an index, a list or an image manifest) as the registry serves it to the admin;
 * the body `{}` unless the status is 200.
 */
export async function manifestAs<B>(
  p: Rahti,
  repository: string,
  reference: string
): Promise<{ status: number; body: B }> {
  const res = await registry(
    p.emu,
    'GET',
    `/v2/${repository}/manifests/${reference}`,
    { basic: p.accounts.admin.token },
    {
      headers: {
        Accept: [
          'application/vnd.oci.image.index.v1+json',
          'application/vnd.docker.distribution.manifest.list.v2+json',
          'application/vnd.oci.image.manifest.v1+json',
          'application/vnd.docker.distribution.manifest.v2+json'
        ].join(', ')
      }
    }
  )
  return { status: res.status, body: JSON.parse(res.status === 200 ? res.text : '{}') as B }
}

/**
 * The action run as `pusher` (system:image-pusher only) into a stream that is missing, with a fresh image
 * `<prefix>-…:latest`: it fails naming the stream to create and the grant that is missing, and nothing is uploaded,
 * no stream made and no docker push or login run. Its run and error, for the caller's further checks and post step.
 */
export async function pusherIntoMissingStream(
  p: Rahti,
  prefix: string
): Promise<{ main: Main; error: string }> {
  const image = uniqueImage(prefix)
  await buildImage(`${image}:latest`)
  p.emu.resetStats()
  const main = await runMain({ inputs: baseInputs(p, 'pusher', image) })
  expect(main.exitCode).toBe(1)
  const error = errorAnnotation(main)!
  expect(error).toContain(`oc create imagestream ${image} -n demo`)
  expect(error).toContain('oc policy add-role-to-user system:image-builder -z pusher -n demo')
  expect(p.emu.stats().blobBytesReceived).toBe(0)
  expect(p.emu.getImageStream('demo', image)).toBeUndefined()
  expect(readFileSync(main.job.argvLog, 'utf8')).not.toMatch(/docker (push|login)/)
  return { main, error }
}

/** The image manifest `digest` in demo/`image` as the registry serves it to the admin (a 200 expected), as text. */
export async function imageManifest(p: Rahti, image: string, digest: string): Promise<string> {
  const res = await registry(
    p.emu,
    'GET',
    `/v2/demo/${image}/manifests/${digest}`,
    { basic: p.accounts.admin.token },
    {
      headers: {
        Accept:
          'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json'
      }
    }
  )
  expect(res.status).toBe(200)
  return res.text
}

/** Runs the action as `account` with the containers storage `store`, then its post step (settled in `ledger`). */
export async function runWithStore(
  p: Rahti,
  ledger: Ledger,
  store: Store,
  scenario: string,
  image: string,
  extra: Record<string, string>,
  account = 'builder'
): Promise<Main> {
  const main = await runDebug({ inputs: baseInputs(p, account, image, extra), env: store.env })
  await ledger.settle(scenario, main, [p.accounts[account].token, extra['source-password']])
  return main
}
