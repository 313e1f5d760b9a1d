// Docker: login with --password-stdin, tag, push. Its credentials live in a DOCKER_CONFIG of this job's own
// (unless the user keeps the login for later steps), so nothing lands in ~/.docker and two jobs on one
// self-hosted runner never share a login. The engine endpoint is pinned at the start, so that a context the
// user selected (`docker context use`, as rootless set-ups do) is the engine of every command, although the
// job's own DOCKER_CONFIG does not know that context.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import * as core from '../util/actions.js'
import { lastLine, UserError } from '../util/errors.js'
import { run, runOrThrow } from '../util/exec.js'
import { jobDirectory } from '../util/job-dir.js'
import type { Engine, EngineSession, SourceImage } from './engine.js'
import { explainPushFailure, isTransientPushFailure, platformOf } from './failures.js'

const NOT_ANSWERING =
  /Cannot connect|permission denied.*docker.sock|Is the docker daemon running|context .* not found/i

export class DockerEngine implements Engine {
  readonly name = 'docker'
  constructor(
    readonly session: EngineSession,
    private readonly saveSession: (session: EngineSession) => void = () => undefined
  ) {}

  /** Every command's environment: the job's config directory, and the pinned endpoint in place of a context. */
  private get env(): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = {}
    if (this.session.configDir) env.DOCKER_CONFIG = this.session.configDir
    if (this.session.endpoint) Object.assign(env, endpointEnv(this.session.endpoint))
    return env
  }

  /** Docker keeps its configuration directory for the login (where `logout: false` may keep it in ~/.docker). */
  async prepare(): Promise<void> {}

  async resolveSource(reference: string): Promise<SourceImage | undefined> {
    if (this.session.endpoint === undefined) this.session.endpoint = await pinEndpoint()
    // Variant is absent from most images' inspect map, where `.Variant` alone would fail the template.
    const format = '{{.Id}} {{.Os}} {{.Architecture}} {{with index . "Variant"}}{{.}}{{end}}'
    const result = await run('docker', ['image', 'inspect', '--format', format, reference], {
      env: this.env
    })
    if (result.exitCode !== 0 && NOT_ANSWERING.test(result.stderr)) {
      throw new UserError(
        `The Docker engine does not answer: ${lastLine(result.stderr)}. Start it, or run this step on a runner that has Docker.`
      )
    }
    if (result.exitCode !== 0) return undefined
    const [id, os, architecture, variant] = result.stdout.trim().split(/\s+/)
    return { reference, id, platforms: [platformOf(os, architecture, variant)].filter(Boolean) }
  }

  async login(registryHost: string, token: string): Promise<void> {
    this.session.registryHost = registryHost
    if (this.session.logout) {
      // The job's own config directory: the credentials never touch ~/.docker and the post step deletes them.
      // Written as `docker login` would write it (0600), without its three round trips and a process: the API
      // has accepted this token already, and the registry takes the same one.
      this.session.configDir ??= await jobDirectory('rahti-docker-')
      const auth = Buffer.from(`unused:${token}`).toString('base64')
      core.setSecret(auth)
      await writeFile(
        path.join(this.session.configDir, 'config.json'),
        `${JSON.stringify({ auths: { [registryHost]: { auth } } }, null, '\t')}\n`,
        { mode: 0o600 }
      )
      return
    }
    // The default configuration, kept for later steps: the user's docker decides how it stores the login.
    const result = await run('docker', ['login', '--username', 'unused', '--password-stdin', registryHost], {
      input: token,
      env: this.env
    })
    if (result.exitCode !== 0) throw loginError(registryHost, result.stderr)
  }

  async push(source: SourceImage, target: string): Promise<string | undefined> {
    // Tagged by ID, not by name: another job may retag the name meanwhile; the ID always means this image.
    // Saved before the tag exists, so that a step stopped from here on still has the post step remove it.
    const names = this.session.localNames ?? []
    if (!names.some(n => n.name === target)) {
      this.session.localNames = [...names, { name: target, id: source.id }]
      this.saveSession(this.session)
    }
    await runOrThrow('docker', ['tag', source.id, target], { env: this.env })
    const result = await runOrThrow('docker', ['push', target], { env: this.env, echo: true })
    return /digest: (sha256:[a-f0-9]{64})/.exec(result.stdout)?.[1]
  }

  isTransient(err: unknown): boolean {
    return isTransientPushFailure(err)
  }

  explainPushFailure(target: string, err: unknown): Error {
    return explainPushFailure('docker', target, err)
  }

  async removeLocalNames(): Promise<void> {
    const names = this.session.localNames ?? []
    if (names.length === 0) return
    const left: { name: string; id: string }[] = []
    for (const entry of names) {
      // Only a name still on this run's image, and only an untag: an image known by no other name is kept
      // (removing the name would delete the user's image).
      const seen = await run(
        'docker',
        ['image', 'inspect', '--format', '{{.Id}} {{len .RepoTags}}', entry.name],
        {
          env: this.env
        }
      ).catch(() => undefined)
      // Docker could not be asked (a stopped run starts no program): the post step tries again.
      if (!seen) {
        left.push(entry)
        continue
      }
      const [id, count] = seen.stdout.trim().split(' ')
      if (seen.exitCode === 0 && id === entry.id && Number(count) > 1) {
        await run('docker', ['image', 'rm', '--no-prune', entry.name], { env: this.env }).catch(
          () => undefined
        )
      }
    }
    this.session.localNames = left.length > 0 ? left : undefined
    this.saveSession(this.session)
  }

  async logout(): Promise<void> {
    // The credentials are in the job's own directory, which goes whole: no docker process is needed, so a
    // missing or broken docker cannot keep them behind. With logout: false the login is kept on purpose.
    if (this.session.configDir) await rm(this.session.configDir, { recursive: true, force: true })
  }
}

function loginError(registryHost: string, stderr: string): UserError {
  const helper = /docker-credential-([\w.-]+)/.exec(stderr)?.[1]
  if (helper && /not found|no such file|executable file/i.test(stderr)) {
    return new UserError(
      `docker login to ${registryHost} failed: the Docker configuration names the credentials helper docker-credential-${helper} ("credsStore" or "credHelpers"), which is not installed on this runner. Remove it from the configuration, install the helper, or leave 'logout' at true so the login uses a configuration of the job's own.`
    )
  }
  return new UserError(
    `docker login to ${registryHost} failed: ${lastLine(stderr)}. Check that 'registry' is the cluster's registry route and that the Docker engine can reach it.`
  )
}

/**
 * The endpoint of the context the user's docker would use, or '' for the default engine (DOCKER_HOST set, or
 * no context selected), in which case the inherited environment already reaches the right engine.
 */
async function pinEndpoint(): Promise<string> {
  if (process.env.DOCKER_HOST) return ''
  const context = process.env.DOCKER_CONTEXT || currentContext()
  if (!context || context === 'default') return ''
  const inspected = await run('docker', [
    'context',
    'inspect',
    '--format',
    '{{json .Endpoints.docker}}',
    context
  ])
  if (inspected.exitCode !== 0) {
    throw new UserError(
      `The Docker context '${context}' selected in the Docker configuration cannot be read: ${lastLine(inspected.stderr)}. Select an existing one with \`docker context use\`, or set DOCKER_HOST.`
    )
  }
  const endpoint = JSON.parse(inspected.stdout) as { Host?: string; SkipTLSVerify?: boolean }
  if (!endpoint.Host) return ''
  const tls = path.join(
    dockerConfigDir(),
    'contexts',
    'tls',
    createHash('sha256').update(context).digest('hex'),
    'docker'
  )
  return JSON.stringify({
    host: endpoint.Host,
    tls: existsSync(tls) ? tls : undefined,
    skipVerify: endpoint.SkipTLSVerify
  })
}

/** DOCKER_HOST (and its TLS settings) for a pinned endpoint; DOCKER_CONTEXT cleared, as it would name a context the job's config lacks. */
function endpointEnv(pinned: string): Record<string, string | undefined> {
  if (!pinned) return {}
  const endpoint = JSON.parse(pinned) as { host: string; tls?: string; skipVerify?: boolean }
  return {
    DOCKER_HOST: endpoint.host,
    DOCKER_CONTEXT: undefined,
    ...(endpoint.tls
      ? { DOCKER_CERT_PATH: endpoint.tls, DOCKER_TLS_VERIFY: endpoint.skipVerify ? undefined : '1' }
      : {})
  }
}

function dockerConfigDir(): string {
  return process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker')
}

function currentContext(): string | undefined {
  try {
    const config = JSON.parse(readFileSync(path.join(dockerConfigDir(), 'config.json'), 'utf8')) as {
      currentContext?: string
    }
    return config.currentContext
  } catch {
    return undefined
  }
}
