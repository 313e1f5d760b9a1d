// Docker: the source inspected, tagged by its ID, pushed and untagged through the Engine API in process
// (docker-api.ts), with the registry login in the push request's X-Registry-Auth header: nothing of the login
// is written to disk, and the post step has nothing of Docker's to remove. Two exceptions keep the CLI: with
// `logout: false` the login is made by `docker login` where later steps find it (the user's own configuration),
// and an ssh:// endpoint, which the CLI reaches through ssh, is driven by the CLI (docker-cli.ts) with a login in
// a DOCKER_CONFIG of the job's own. The endpoint is pinned at the start, so that a context the user selected
// (`docker context use`, as rootless set-ups do) is the engine of every call.
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import * as core from '../util/actions.js'
import { lastLine, UserError } from '../util/errors.js'
import { run } from '../util/exec.js'
import { jobDirectory } from '../util/job-dir.js'
import type { ImageInfo } from './docker-api.js'
import { endpointEnv, engineAddress, pinEndpoint } from './docker-endpoint.js'
import type { Engine, EngineSession, SourceImage } from './engine.js'
import { explainPushFailure, isNameGone, isTransientPushFailure, platformOf } from './failures.js'
import { PushProgress } from './push-progress.js'

/** The calls a push needs, through the API or (ssh://) the CLI. */
interface DockerClient {
  inspect(name: string): Promise<ImageInfo | undefined>
  /** False when the engine no longer has the image. */
  tag(id: string, target: string): Promise<boolean>
  push(target: string, authHeader: string | undefined, progress: PushProgress): Promise<string | undefined>
  untag(name: string): Promise<void>
  close(): void
}

/** How often the local name is made again from the image ID when another job removed it before the push. */
const NAME_ATTEMPTS = 3

export class DockerEngine implements Engine {
  readonly name = 'docker'
  private client?: Promise<DockerClient>
  /** The endpoint is ssh://, reached by the CLI. */
  private viaCli = false
  /** The registry login as the push request's X-Registry-Auth header: in memory only. */
  private authHeader?: string

  constructor(
    readonly session: EngineSession,
    private readonly saveSession: (session: EngineSession) => void = () => undefined
  ) {}

  /** Nothing to prepare: the API push needs no configuration directory. */
  async prepare(): Promise<void> {}

  async resolveSource(reference: string): Promise<SourceImage | undefined> {
    const found = await (await this.connect()).inspect(reference)
    if (!found) return undefined
    return {
      reference,
      id: found.Id,
      platforms: [platformOf(found.Os, found.Architecture, found.Variant)].filter(Boolean)
    }
  }

  async login(registryHost: string, token: string): Promise<void> {
    this.session.registryHost = registryHost
    const { registryAuthHeader } = await import('./docker-api.js')
    this.authHeader = registryAuthHeader({ username: 'unused', password: token, serveraddress: registryHost })
    core.setSecret(this.authHeader)
    await this.connect()
    if (!this.session.logout) return this.keepLogin(registryHost, token)
    if (!this.viaCli) return
    // The CLI over ssh reads the login from its configuration: the job's own directory, written as `docker
    // login` would write it (0600), removed by the post step.
    this.session.configDir ??= await jobDirectory('rahti-docker-')
    const auth = Buffer.from(`unused:${token}`).toString('base64')
    core.setSecret(auth)
    await writeFile(
      path.join(this.session.configDir, 'config.json'),
      `${JSON.stringify({ auths: { [registryHost]: { auth } } }, null, '\t')}\n`,
      { mode: 0o600 }
    )
  }

  async push(source: SourceImage, target: string): Promise<string | undefined> {
    // Tagged by ID, not by name: another job may retag the name meanwhile; the ID always means this image.
    // Saved before the tag exists, so that a step stopped from here on still has the post step remove it.
    const names = this.session.localNames ?? []
    if (!names.some(n => n.name === target)) {
      this.session.localNames = [...names, { name: target, id: source.id }]
      this.saveSession(this.session)
    }
    const client = await this.connect()
    for (let attempt = 1; ; attempt++) {
      if (!(await client.tag(source.id, target))) {
        throw new UserError(
          `The Docker engine no longer has the source ${source.reference} (${source.id}): something removed it after this run found it. Keep the image until the step has finished, and run the step again.`
        )
      }
      try {
        return await client.push(target, this.authHeader, new PushProgress(line => core.info(line)))
      } catch (err) {
        // Another job on this engine pushing the same image and tag removed the shared name (its clean-up) between
        // this tag and this push. The ID still names this run's image: make the name again and push again; the
        // check of what reached the registry still decides whether it is the source.
        if (!isNameGone(err) || attempt >= NAME_ATTEMPTS) throw err
        core.info(
          `Another job on this Docker engine removed the name ${target} just before this push (its clean-up of the same name); named ${source.id} ${target} again and pushing again.`
        )
      }
    }
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
    let client: DockerClient | undefined
    try {
      client = await this.connect()
    } catch {
      // Docker could not be reached at all: the post step tries again.
      return
    }
    for (const entry of names) {
      // Only a name still on this run's image, and only an untag: an image known by no other name is kept
      // (removing the name would delete the user's image).
      let seen: ImageInfo | undefined
      try {
        seen = await client.inspect(entry.name)
      } catch {
        left.push(entry)
        continue
      }
      if (seen?.Id === entry.id && (seen.RepoTags?.length ?? 0) > 1) {
        await client.untag(entry.name).catch(() => undefined)
      }
    }
    this.session.localNames = left.length > 0 ? left : undefined
    this.saveSession(this.session)
  }

  async logout(): Promise<void> {
    // Only the CLI's login over ssh is on disk, in the job's own directory, which goes whole: no docker process is
    // needed, so a missing or broken docker cannot keep it behind. With logout: false the login is kept on purpose.
    if (this.session.configDir) await rm(this.session.configDir, { recursive: true, force: true })
    if (this.client) (await this.client.catch(() => undefined))?.close()
    this.client = undefined
  }

  /** The client for the pinned endpoint, made once: the API, or the CLI for ssh://. */
  private connect(): Promise<DockerClient> {
    this.client ??= (async () => {
      this.session.endpoint ??= pinEndpoint()
      const address = engineAddress(this.session.endpoint)
      if (address.kind === 'ssh') {
        this.viaCli = true
        const { DockerCli } = await import('./docker-cli.js')
        return new DockerCli(this.cliEnv())
      }
      // Loaded on the Docker path only.
      const { DockerApi } = await import('./docker-api.js')
      return new DockerApi(address)
    })()
    return this.client
  }

  /** The CLI's environment: the job's config directory, and the pinned endpoint in place of a context. */
  private cliEnv(): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = { ...endpointEnv(this.session.endpoint) }
    if (this.session.configDir) env.DOCKER_CONFIG = this.session.configDir
    return env
  }

  /** `logout: false`: `docker login` in the user's own configuration, kept for later steps. */
  private async keepLogin(registryHost: string, token: string): Promise<void> {
    const result = await run('docker', ['login', '--username', 'unused', '--password-stdin', registryHost], {
      input: token,
      env: this.cliEnv()
    })
    if (result.exitCode !== 0) throw loginError(registryHost, result.stderr)
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
