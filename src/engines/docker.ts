// Docker: the source inspected, tagged by its ID, pushed and untagged through the Engine API in process
// (docker-api.ts), with the registry login in the push request's X-Registry-Auth header: nothing of the login
// is written to disk, and the post step has nothing of Docker's to remove. Two exceptions keep the CLI: with
// `logout: false` the login is made by `docker login` where later steps find it (the user's own configuration),
// and an ssh:// endpoint, which the CLI reaches through ssh, is driven by the CLI (docker-cli.ts) with a login in
// a DOCKER_CONFIG of the job's own. The endpoint is pinned at the start, so that a context the user selected
// (`docker context use`, as rootless set-ups do) is the engine of every call.
//
// On the classic image store the action moves the layers itself (docker-layers.ts): the daemon's push gzips each
// layer on one core, opens a new connection for each of its registry requests and re-checks an unchanged image
// layer by layer, which made it the slowest part of a push (issue 19). The export by image ID makes no local name,
// so that path leaves nothing for the post step, and another job retagging the name cannot change what is sent.
// The containerd image store keeps the daemon's push: it stores the layers compressed, with the digests the
// registry knows them by, so its push sends stored bytes and skips what the registry has without any gzip; an
// export would only decompress what it then has to compress again. The CLI over ssh:// keeps it too (the API is
// not reached in process there).
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import * as core from '../util/actions.js'
import { HttpStatusError, lastLine, UserError } from '../util/errors.js'
import { run, stopWithRun } from '../util/exec.js'
import { jobDirectory } from '../util/job-dir.js'
import { classifyHttpFailure, outlastedRetries } from '../util/retry.js'
import type { ImageInfo } from './docker-api.js'
import { endpointEnv, engineAddress, pinEndpoint } from './docker-endpoint.js'
import type { Blob } from './docker-layers.js'
import {
  type Engine,
  type EngineSession,
  heldByTag,
  type PushContext,
  type PushReport,
  type SourceImage
} from './engine.js'
import {
  explainPushFailure,
  isNameGone,
  isTransientPushFailure,
  platformOf,
  PushStreamError
} from './failures.js'
import { PushProgress } from './push-progress.js'

/** The calls a push needs, through the API or (ssh://) the CLI. */
interface DockerClient {
  inspect(name: string): Promise<ImageInfo | undefined>
  /** False when the engine no longer has the image. */
  tag(id: string, target: string): Promise<boolean>
  push(target: string, authHeader: string | undefined, progress: PushProgress): Promise<string | undefined>
  untag(name: string): Promise<void>
  close(): void
  /** The API only: whether the engine uses containerd's image store. */
  usesContainerdStore?(): Promise<boolean>
  /** The API only: `docker save` of an image by ID, as it streams. */
  exportImage?(id: string, signal: AbortSignal): Promise<AsyncIterable<Buffer>>
}

/** How often the local name is made again from the image ID when another job removed it before the push. */
const NAME_ATTEMPTS = 3

export class DockerEngine implements Engine {
  readonly name = 'docker'
  private client?: Promise<DockerClient>
  /** The endpoint is ssh://, reached by the CLI. */
  private viaCli = false
  /** The registry login, in memory only: the daemon's push takes it as its X-Registry-Auth header. */
  private credentials?: { registryHost: string; token: string }
  /** The layers' diffIDs of each image resolved, by image ID. */
  private readonly diffIds = new Map<string, string[]>()
  /** Whether the engine uses the containerd image store, asked once (while the run does other things). */
  private containerdStore?: Promise<boolean>
  /** Layers this run uploaded itself, kept across tries of the push (each is confirmed by a HEAD before use). */
  private readonly uploaded = new Map<string, Blob>()
  /** The mover's chunk, loaded while the cluster is asked once the store is known to be classic. */
  private mover?: Promise<typeof import('./docker-layers.js')>

  constructor(
    readonly session: EngineSession,
    private readonly saveSession: (session: EngineSession) => void = () => undefined
  ) {}

  /** Nothing to prepare: the API push needs no configuration directory. */
  async prepare(): Promise<void> {}

  async resolveSource(reference: string): Promise<SourceImage | undefined> {
    const client = await this.connect()
    const found = await client.inspect(reference)
    // Asked once the source is known, while the cluster's answers are still coming, so that the push does not wait
    // for it; not before, as the engine takes 10-20 ms over /info and the inspect waited for it. On the classic
    // store the mover's chunk is loaded meanwhile too (its parse and compile were on the push's path).
    void this.storeKind(client).then(containerd => {
      if (!containerd && client.exportImage) void this.loadMover().catch(() => undefined)
    })
    if (!found) return undefined
    if (found.RootFS?.Layers) this.diffIds.set(found.Id, found.RootFS.Layers)
    return {
      reference,
      id: found.Id,
      platforms: [platformOf(found.Os, found.Architecture, found.Variant)].filter(Boolean)
    }
  }

  async login(registryHost: string, token: string): Promise<void> {
    this.session.registryHost = registryHost
    this.credentials = { registryHost, token }
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

  async push(
    source: SourceImage,
    target: string,
    context?: PushContext
  ): Promise<string | PushReport | undefined> {
    const client = await this.connect()
    if (context && client.exportImage) {
      // An unchanged image needs neither path: told from the tag the preflight read, without waiting for the
      // engine's /info (10-20 ms on a busy engine), which only says how new layers would travel.
      const held = await heldByTag(context, source.id)
      if (held) {
        new PushProgress(line => core.info(line)).allPresent(this.diffIds.get(source.id) ?? [])
        core.info(
          `The registry holds ${source.id} under ${target} already: nothing was exported or uploaded.`
        )
        return held
      }
      if (!(await this.storeKind(client))) return this.moveLayers(client, source, target, context)
    }
    // Tagged by ID, not by name: another job may retag the name meanwhile; the ID always means this image.
    // Saved before the tag exists, so that a step stopped from here on still has the post step remove it.
    const names = this.session.localNames ?? []
    if (!names.some(n => n.name === target)) {
      this.session.localNames = [...names, { name: target, id: source.id }]
      this.saveSession(this.session)
    }
    const authHeader = await this.daemonAuthHeader()
    for (let attempt = 1; ; attempt++) {
      if (!(await client.tag(source.id, target))) throw sourceGone(source)
      try {
        return await client.push(target, authHeader, new PushProgress(line => core.info(line)))
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

  /** The login as the daemon's push takes it, made only on that path (the action's own upload sends the token itself). */
  private async daemonAuthHeader(): Promise<string | undefined> {
    if (!this.credentials) return undefined
    const { registryAuthHeader } = await import('./docker-api.js')
    const { registryHost, token } = this.credentials
    const header = registryAuthHeader({ username: 'unused', password: token, serveraddress: registryHost })
    core.setSecret(header)
    return header
  }

  isTransient(err: unknown): boolean {
    // The action's own upload (its requests tried once): a registry answer or a lost connection that another try
    // of the whole upload may cure, unless a request already outlasted tries of its own.
    return isTransientPushFailure(err) || (!outlastedRetries(err) && classifyHttpFailure(err).retry)
  }

  explainPushFailure(target: string, err: unknown): Error {
    // The action's own upload refused as the daemon's push would be: read the same way (a limit, a quota).
    if (err instanceof HttpStatusError && (err.status === 401 || err.status === 403)) {
      return explainPushFailure('docker', target, new PushStreamError(err.message))
    }
    return explainPushFailure('docker', target, err)
  }

  private loadMover(): Promise<typeof import('./docker-layers.js')> {
    this.mover ??= import('./docker-layers.js')
    return this.mover
  }

  /** The engine's image store, asked once; an engine that cannot say keeps the daemon's push. */
  private storeKind(client: DockerClient): Promise<boolean> {
    this.containerdStore ??= client.usesContainerdStore
      ? client.usesContainerdStore().catch(() => true)
      : Promise.resolve(true)
    return this.containerdStore
  }

  /** The layers moved by the action (docker-layers.ts): exported by image ID, no local name made. */
  private async moveLayers(
    client: DockerClient,
    source: SourceImage,
    target: string,
    context: PushContext
  ): Promise<PushReport> {
    const diffIds = this.diffIds.get(source.id) ?? (await client.inspect(source.id))?.RootFS?.Layers
    if (!diffIds) throw sourceGone(source)
    const controller = new AbortController()
    const done = stopWithRun(`the push of ${target}`, () => controller.abort())
    try {
      const { moveImage } = await this.loadMover()
      const moved = await moveImage({
        ...context,
        // Its requests tried once: a failure retries the whole upload (pushFirstTag), as the daemon's push was.
        registry: context.registry.tryingOnce(),
        source: { id: source.id, diffIds },
        exportImage: signal => client.exportImage!(source.id, signal),
        progress: new PushProgress(line => core.info(line)),
        signal: controller.signal,
        uploaded: this.uploaded
      })
      if (!moved.exported) {
        core.info(
          `The registry holds every layer and the config of ${source.id} already: nothing was exported or uploaded.`
        )
      }
      // What the mover read or put is handed back: the push stage checks it is the source without reading it again.
      return { digest: moved.digest, manifest: moved.manifest, tagSeen: moved.tagSeen }
    } catch (err) {
      if (controller.signal.aborted) throw new UserError(`The push of ${target} was stopped.`)
      throw err
    } finally {
      done()
    }
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

  /** The engine's /info, when an unchanged image did not need it, is still out: it is given up, not waited for. */
  close(): void {
    void this.client?.then(
      client => client.close(),
      () => undefined
    )
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

function sourceGone(source: SourceImage): UserError {
  return new UserError(
    `The Docker engine no longer has the source ${source.reference} (${source.id}): something removed it after this run found it. Keep the image until the step has finished, and run the step again.`
  )
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
