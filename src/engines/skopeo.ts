// Skopeo: copies without a daemon, from an archive, an OCI layout, the Podman/Buildah storage or another
// registry. The source is read once: a remote one is then copied by its manifest digest, so a tag moved on the
// source registry meanwhile changes nothing; an index is copied whole with its digest kept.
import { createHash } from 'node:crypto'

import { indexPlatforms, parseImageConfig, parseManifest, platformOf } from '../image/oci.js'
import { parseSource, type RemoteImage, remoteReference } from '../image/source.js'
import { isLoopbackHost } from '../registry/reference.js'
import { lastLine, UserError } from '../util/errors.js'
import { run, runOrThrow } from '../util/exec.js'
import { ContainersEngine } from './containers.js'
import type { SourceImage } from './engine.js'

const NOT_FOUND = /manifest unknown|not found|no such file|does not exist|image not known|name unknown/i

export class SkopeoEngine extends ContainersEngine {
  readonly name = 'skopeo'
  /** The transport reference each resolved source is copied from (a remote one pinned to its digest). */
  private readonly copyFrom = new Map<string, string>()

  /** The transport reference, and the remote registry, of a source. */
  private locate(reference: string): { transportRef: string; remote?: RemoteImage } {
    const spec = parseSource(reference)
    if (spec.kind === 'transport') return { transportRef: spec.reference }
    if (spec.remote)
      return { transportRef: remoteReference(spec.remote, spec.remote.digest), remote: spec.remote }
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

  async resolveSource(reference: string): Promise<SourceImage | undefined> {
    const { transportRef, remote } = this.locate(reference)
    const raw = await this.inspect(['--raw', ...this.sourceFlags(remote), transportRef], reference, remote)
    if (raw === undefined) return undefined
    const manifest = parseManifest(raw)
    const manifestDigest = sha256(raw)
    this.copyFrom.set(reference, remote ? remoteReference(remote, manifestDigest) : transportRef)
    if (Array.isArray(manifest.manifests)) {
      return { reference, id: manifestDigest, platforms: indexPlatforms(manifest), index: true }
    }
    const config = await this.inspect(
      ['--config', '--raw', ...this.sourceFlags(remote), this.copyFrom.get(reference)!],
      reference,
      remote
    )
    if (config === undefined) return undefined
    const parsed = parseImageConfig(config)
    return {
      reference,
      id: sha256(config),
      platforms: [platformOf(parsed.os, parsed.architecture, parsed.variant)].filter(Boolean)
    }
  }

  /** `skopeo inspect` output, or undefined when the source does not exist; a refusal is an error of its own. */
  private async inspect(
    args: string[],
    reference: string,
    remote?: RemoteImage
  ): Promise<Buffer | undefined> {
    const result = await run('skopeo', ['inspect', ...args])
    if (result.exitCode === 0) return Buffer.from(result.stdout, 'utf8')
    const detail = lastLine(result.stderr)
    if (remote && /unauthorized|authentication required|denied|401|403/i.test(detail)) {
      throw new UserError(
        `Input 'source': ${remote.host} refused to give ${remote.repository}: ${detail}. Give 'source-username' and 'source-password' of an account that may pull it.`
      )
    }
    if (NOT_FOUND.test(detail)) return undefined
    throw new UserError(`Input 'source': ${reference} cannot be read: ${detail}.`)
  }

  async push(source: SourceImage, target: string): Promise<string | undefined> {
    const { remote } = this.locate(source.reference)
    const from = this.copyFrom.get(source.reference) ?? this.locate(source.reference).transportRef
    const digestFile = this.digestFile()
    const host = target.slice(0, target.indexOf('/'))
    // An index whole, every platform; a remote image or an index byte for byte, so the digest stays.
    const keep = source.index ? ['--all', '--preserve-digests'] : remote ? ['--preserve-digests'] : []
    await runOrThrow(
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
      { echo: true }
    )
    return this.digestWritten(digestFile)
  }
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}
