// The container engine behind a small interface: the factory picks one, and the same instance serves the
// preflight, the push and (rebuilt from its saved session) the post step.
import { imageIdentity, type Manifest } from '../image/oci.js'
import type { RegistryClient } from '../registry/client.js'
import type { UserError } from '../util/errors.js'

export type EngineKind = 'docker' | 'podman' | 'buildah' | 'skopeo'

/** What the `engine` input may say; `auto` picks from where the source is and what the runner has. */
export type EngineChoice = 'auto' | EngineKind

/**
 * The `engine` input's values. Here, beside the interface, rather than in the factory: reading the inputs comes
 * before the main step's first request, and this module loads none of the engines' code.
 */
export const ENGINE_CHOICES: readonly EngineChoice[] = ['auto', 'docker', 'podman', 'buildah', 'skopeo']

/**
 * Where an engine keeps this job's registry credentials, as data: saved in the state by the main step and
 * handed back to the same kind of engine in the post step, which removes them. Never a secret itself.
 */
export interface EngineSession {
  kind: EngineKind
  /** The registry logged in to, once the login has happened. */
  registryHost?: string
  /**
   * A configuration directory of the job's own (Docker: DOCKER_CONFIG; Podman, Buildah, Skopeo: the auth files
   * and the CA's cert-dir), mode 0700, removed by the post step.
   */
  configDir?: string
  /** Whether the post step logs out (false: the login was made where later steps use it, and is kept). */
  logout: boolean
  /**
   * The engine endpoint the user's own client talks to (Docker: the host of the selected context), fixed at
   * the start so that every command of the run reaches the same engine.
   */
  endpoint?: string
  /**
   * Names this run gave the source on the engine for pushing (with the image ID each was given to), so that the
   * post step removes them when the main step was stopped before it could.
   */
  localNames?: { name: string; id: string }[]
}

/** The source as resolved once, at the start: what the registry must end up holding, whatever else runs. */
export interface SourceImage {
  /** What the user named (`my-app:latest`, an image ID, ...). */
  reference: string
  /**
   * An immutable identity: the image's config digest (Docker's image ID), or its manifest or index digest
   * where that is what the engine knows it by.
   */
  id: string
  /**
   * What it runs on (`linux/amd64`, `linux/arm/v7`): one platform for an image, each of an index's (its
   * attestation manifests, `unknown/unknown`, left out). Empty when the engine cannot tell.
   */
  platforms: string[]
  /** An image index (manifest list): copied whole, and its digest is the identity. */
  index?: boolean
  /** A remote source's manifest digest on its registry, as read at the start: the copy names it, not the tag. */
  digest?: string
}

/** What the push stage knows beside the target, for an engine that talks to the registry itself. */
export interface PushContext {
  /** The run's client of the target registry (its kept-alive connections, the token). */
  registry: RegistryClient
  /** `<project>/<image>` */
  repository: string
  /** The tag pushed to. */
  tag: string
  /** Every tag of the run, the pushed one first: what they point at now tells what the registry has. */
  tags: string[]
  /**
   * The tags' manifests as read in the preflight's round (undefined: the tag was not there), for an engine that
   * reads them itself: one round trip off the push. Absent when the registry was not known that early.
   */
  tagManifests?: Promise<Map<string, Manifest | undefined>>
}

/**
 * What an engine that talks to the registry itself knows after a push, beyond the digest: the manifest's bytes
 * as the registry holds them, and what the tag was seen to point at, so that the push stage need not read
 * them again.
 */
export interface PushReport {
  digest: string
  /** The manifest under `digest`, as read from the registry or as put there (the PUT answered `digest`). */
  manifest?: Manifest
  /**
   * What the pushed tag points at, as read from the registry during this push (nothing was put: the tag held the
   * source already, and that read is the tag's read-back).
   */
  tagSeen?: string
}

/**
 * The pushed tag as the preflight read it, when it already holds the source: nothing need be uploaded or put,
 * and that read is the tag's read-back. Told from the image's identity alone (its config digest, Docker's classic
 * image ID; or an index's own digest), so an engine can answer an unchanged image before it knows how it would
 * have moved the bytes.
 */
export async function heldByTag(context: PushContext, id: string): Promise<PushReport | undefined> {
  const read = await context.tagManifests?.catch(() => undefined)
  const manifest = read?.get(context.tag)
  if (!manifest || imageIdentity(manifest) !== id) return undefined
  return { digest: manifest.digest, manifest, tagSeen: manifest.digest }
}

export interface Engine {
  readonly name: EngineKind
  /** The current session, to be saved for the post step. */
  readonly session: EngineSession
  /** Makes the job's own configuration directory where the engine needs one before the login; may do nothing. */
  prepare(): Promise<void>
  /** The source's immutable identity, or undefined when the engine does not have it. */
  resolveSource(reference: string): Promise<SourceImage | undefined>
  /** Logs into the registry with the token on stdin (or an equivalent that keeps it off argv). */
  login(registryHost: string, token: string): Promise<void>
  /**
   * One attempt at pushing the source, by its identity, as `target` (one upload); returns the digest the
   * engine reported, if any, or what it knows of the result (`PushReport`).
   */
  push(source: SourceImage, target: string, context?: PushContext): Promise<string | PushReport | undefined>
  /** Whether a failed push is worth another try (the registry was briefly unwell, the link dropped). */
  isTransient(err: unknown): boolean
  /** The failure of a push as the user should read it. */
  explainPushFailure(target: string, err: unknown): Error | UserError
  /** Removes the local names this run made for pushing; never throws. */
  removeLocalNames(): Promise<void>
  /** Undoes the login and removes what holds credentials; must not throw when the engine is missing. */
  logout(): Promise<void>
  /**
   * Lets go of the engine's connections when the main step is done with it: a question nobody waits for any more
   * must not hold the step's process open. Engines that keep none leave it out.
   */
  close?(): void
}
