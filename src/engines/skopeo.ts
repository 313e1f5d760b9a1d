// Skopeo: copies without a daemon, from an archive, an OCI layout, the Podman/Buildah storage or another
// registry. A remote source is read by the action's own registry client (image/remote.ts) and copied by the
// manifest digest read then, so a tag moved on the source registry meanwhile changes nothing; an index is copied
// whole with its digest kept. Archives and layouts are checked first (image/archive.ts), and skopeo's failures
// are said in the action's words.

import { archiveReference } from '../image/archive.js'
import { indexPlatforms, parseImageConfig, parseManifest, platformOf, sha256Digest } from '../image/oci.js'
import { parseSource, type RemoteImage, remoteReference, type SourceSpec } from '../image/source.js'
import { isLoopbackHost } from '../registry/reference.js'
import { UserError } from '../util/errors.js'
import { run, runOrThrow } from '../util/exec.js'
import { ContainersEngine } from './containers.js'
import type { SourceImage } from './engine.js'
import { toolCause, toolMessage } from './failures.js'

const NOT_FOUND = /manifest unknown|not found|no such file|does not exist|image not known|name unknown/i

/** Where skopeo reads a source from: a transport reference, relative to `cwd` for an archive or layout. */
interface Location {
  transportRef: string
  cwd?: string
  remote?: RemoteImage
}

/** What each transport's source is, for messages. */
const KIND: Record<string, string> = {
  'docker-archive': 'a readable docker archive',
  'oci-archive': 'a readable OCI archive',
  oci: 'a readable OCI layout'
}

const REMAKE: Record<string, string> = {
  'docker-archive': 'Make it again with `docker save -o FILE IMAGE`',
  'oci-archive': "Make it again, e.g. with a build's `outputs: type=oci,dest=FILE`",
  oci: 'Make it again, e.g. with `skopeo copy ... oci:DIR:NAME`'
}

export class SkopeoEngine extends ContainersEngine {
  readonly name = 'skopeo'
  /** Where each resolved source is read from (an archive's reference relative to its directory). */
  private readonly located = new Map<string, Location>()

  /** The transport reference of a source; undefined when its archive or layout does not exist. */
  private async locate(reference: string): Promise<Location | undefined> {
    const spec = parseSource(reference)
    if (spec.kind === 'transport') return locateTransport(spec)
    if (spec.remote) return { transportRef: remoteReference(spec.remote), remote: spec.remote }
    // A plain local name: skopeo reads the Podman/Buildah storage.
    return { transportRef: `containers-storage:${spec.reference}` }
  }

  /** How to reach a remote source: its credentials; plain HTTP allowed on loopback as Docker would. */
  private sourceFlags(remote: RemoteImage | undefined, prefix = ''): string[] {
    if (!remote) return []
    return [
      ...this.sourceAuth(prefix),
      ...(isLoopbackHost(remote.host) ? [`--${prefix}tls-verify=false`] : [])
    ]
  }

  /** An archive, a layout or the Podman/Buildah storage (a remote source is the registry client's: see preflight). */
  async resolveSource(reference: string): Promise<SourceImage | undefined> {
    const location = await this.locate(reference)
    if (!location) return undefined
    if (location.remote) throw new Error(`${reference} is remote: it is read by the registry client`)
    const raw = await this.inspect(['--raw', location.transportRef], reference, location)
    if (raw === undefined) return undefined
    const manifest = parseManifest(raw)
    this.located.set(reference, location)
    if (Array.isArray(manifest.manifests)) {
      return { reference, id: sha256Digest(raw), platforms: indexPlatforms(manifest), index: true }
    }
    const config = await this.inspect(['--config', '--raw', location.transportRef], reference, location)
    if (config === undefined) return undefined
    const parsed = parseImageConfig(config)
    return {
      reference,
      id: sha256Digest(config),
      platforms: [platformOf(parsed.os, parsed.architecture, parsed.variant)].filter(Boolean)
    }
  }

  /** `skopeo inspect` output, or undefined when the source does not exist; any other failure in our words. */
  private async inspect(args: string[], reference: string, location: Location): Promise<Buffer | undefined> {
    const result = await run('skopeo', ['inspect', ...args], { cwd: location.cwd })
    if (result.exitCode === 0) return Buffer.from(result.stdout, 'utf8')
    const spec = parseSource(reference)
    const transport = spec.kind === 'transport' ? spec.transport : 'containers-storage'
    if (transport === 'containers-storage') {
      if (NOT_FOUND.test(toolMessage(result.stderr))) return undefined
      throw new UserError(
        `Input 'source': ${reference} cannot be read from the Podman/Buildah storage (${toolCause(result.stderr)}). Check that the image is there (\`podman images\`) and that this user may read the storage.`
      )
    }
    const file = spec.kind === 'transport' ? spec.path : reference
    throw new UserError(
      `Input 'source': ${file} is not ${KIND[transport]} (${toolCause(result.stderr)}): it is damaged, cut short or of another kind. ${REMAKE[transport]}, and check the prefix of 'source' says what it is.`
    )
  }

  async push(source: SourceImage, target: string): Promise<string | undefined> {
    const location = this.located.get(source.reference) ?? (await this.locate(source.reference))
    if (!location) throw new UserError(`Input 'source': ${source.reference} no longer exists.`)
    const { remote } = location
    // A remote source by the digest read at the start, not by its tag.
    const from = remote ? remoteReference(remote, source.digest ?? remote.digest) : location.transportRef
    const digestFile = this.digestFile()
    const host = target.slice(0, target.indexOf('/'))
    // An index whole, every platform; a remote image or an index byte for byte, so the digest stays.
    const keep = source.index ? ['--all', '--preserve-digests'] : remote ? ['--preserve-digests'] : []
    await this.withSourceAuth(() =>
      runOrThrow(
        'skopeo',
        [
          'copy',
          ...this.sourceFlags(remote, 'src-'),
          ...this.targetAuth('dest-'),
          ...this.targetTls(host, 'dest-'),
          '--digestfile',
          digestFile,
          ...keep,
          from,
          `docker://${target}`
        ],
        { echo: true, cwd: location.cwd }
      )
    )
    return this.digestWritten(digestFile)
  }
}

/** An archive or layout as skopeo is to read it; `containers-storage:` as it is. */
async function locateTransport(
  spec: Extract<SourceSpec, { kind: 'transport' }>
): Promise<Location | undefined> {
  if (spec.transport === 'containers-storage' || !spec.path) return { transportRef: spec.reference }
  const rest = spec.reference.slice(spec.transport.length + 1)
  const name = rest.length > spec.path.length ? rest.slice(spec.path.length + 1) : undefined
  return archiveReference(spec.transport, spec.path, name, spec.reference)
}
