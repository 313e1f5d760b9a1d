// The one place engines are made: from the `engine` input and the source in the main step (for `auto`, the
// engine is picked by where the source is), and from the saved session in the post step, so that the same
// kind of engine undoes what the main step did.
import { parseSource, type SourceSpec } from '../image/source.js'
import { messageOf, UserError } from '../util/errors.js'
import { findOnPath } from '../util/exec.js'
import { type EngineOptions } from './containers.js'
import { DockerEngine } from './docker.js'
import type { Engine, EngineChoice, EngineKind, EngineSession, SourceImage } from './engine.js'
import { BuildahEngine, PodmanEngine } from './podman.js'
import { SkopeoEngine } from './skopeo.js'

export interface EngineRequest {
  choice: EngineChoice
  source: string
  logout: boolean
  options: EngineOptions
  /** Called whenever the engine's session changes, so that the post step knows what to undo. */
  saveSession?: (session: EngineSession) => void
}

export interface ChosenEngine {
  engine: Engine
  /** Why this engine, for the log. */
  why: string
  /** The source, when finding the engine resolved it already. */
  source?: SourceImage
}

/** The engine for this run; with `auto`, the one that has the source, looked for in a fixed order. */
export async function chooseEngine(request: EngineRequest): Promise<ChosenEngine> {
  const spec = parseSource(request.source)
  const make = (kind: EngineKind) =>
    makeEngine({ kind, logout: request.logout }, request.options, request.saveSession)
  if (request.choice !== 'auto') {
    checkEngineReads(request.choice, spec)
    return { engine: make(request.choice), why: "as the 'engine' input asks" }
  }
  if (spec.kind === 'remote')
    return { engine: make('skopeo'), why: `the source is on the registry ${spec.remote.host}` }
  if (spec.kind === 'transport') {
    if (spec.transport !== 'containers-storage')
      return { engine: make('skopeo'), why: `the source is a ${spec.transport}: reference` }
    const kind = (['podman', 'buildah'] as const).find(findOnPath) ?? 'skopeo'
    return { engine: make(kind), why: 'the source is in the Podman/Buildah storage (containers-storage:)' }
  }
  const looked: string[] = []
  // Podman and Buildah share one storage: Buildah is asked only where Podman is absent.
  const local: [EngineKind, string][] = [
    ['docker', 'the Docker engine'],
    [findOnPath('podman') || !findOnPath('buildah') ? 'podman' : 'buildah', 'the Podman/Buildah storage']
  ]
  for (const [kind, where] of local) {
    const engine = make(kind)
    const found = await engine.resolveSource(spec.reference).catch((err: unknown) => {
      // The first sentence says it (not installed, not answering); the advice after it is for another case.
      looked.push(`${where} (${messageOf(err).split('. ')[0].replace(/\.$/, '')})`)
      return null
    })
    if (found) return { engine, why: `${where} has ${spec.reference}`, source: found }
    if (found === undefined) looked.push(where)
  }
  if (spec.remote) {
    return {
      engine: make('skopeo'),
      why: `no local engine has ${spec.reference}, and it names the registry ${spec.remote.host}`
    }
  }
  throw new UserError(
    `Input 'source': the image '${spec.reference}' was found nowhere; looked in ${looked.join(', ')}. Build or pull it earlier in the job, or give an archive ('docker-archive:PATH') or a remote image ('docker://host/repo:tag').`
  )
}

/** An engine asked for by name must be able to read the source. */
function checkEngineReads(kind: EngineKind, spec: SourceSpec): void {
  const reads =
    kind === 'skopeo' ||
    spec.kind === 'local' ||
    (kind !== 'docker' && spec.kind === 'transport' && spec.transport === 'containers-storage')
  if (!reads) {
    const what = spec.kind === 'remote' ? 'a remote image' : `a ${spec.transport}: reference`
    throw new UserError(
      `Input 'engine': ${kind} cannot push ${what} as the source. Use 'engine: skopeo', or 'auto' to pick it.`
    )
  }
}

function makeEngine(
  session: EngineSession,
  options: EngineOptions,
  saveSession: (session: EngineSession) => void = () => undefined
): Engine {
  switch (session.kind) {
    case 'docker':
      return new DockerEngine(session, saveSession)
    case 'podman':
      return new PodmanEngine(session, options)
    case 'buildah':
      return new BuildahEngine(session, options)
    case 'skopeo':
      return new SkopeoEngine(session, options)
  }
}

/** The engine of a saved session (the post step): enough to log out and remove its files. */
export function restoreEngine(
  session: EngineSession,
  saveSession?: (session: EngineSession) => void
): Engine {
  return makeEngine(session, { trust: { insecureSkipTlsVerify: false } }, saveSession)
}
