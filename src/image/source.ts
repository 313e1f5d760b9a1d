// What the `source` input names, told apart once: a local image (a name or an ID in an engine's store), a
// transport reference of the containers tools (an archive, an OCI layout, the Podman/Buildah storage), or an
// image on a registry. Pure functions: which engine has a local image is the factory's question.
import { parseReference, printable } from '../registry/reference.js'
import { UserError } from '../util/errors.js'

export type SourceSpec =
  | {
      kind: 'local'
      /** The name or ID as an engine knows it. */
      reference: string
      /**
       * The registry host the name starts with, if it does (`host/repo:tag`): such a name is first looked for
       * locally, and else read from that registry.
       */
      remote?: RemoteImage
    }
  | {
      kind: 'transport'
      transport: 'docker-archive' | 'oci-archive' | 'oci' | 'containers-storage'
      /** The whole reference, as skopeo takes it (`oci-archive:/tmp/app.tar:latest`). */
      reference: string
      /** The file or directory, for archives and layouts. */
      path?: string
    }
  | { kind: 'remote'; reference: string; remote: RemoteImage }

export interface RemoteImage {
  host: string
  /** `library/alpine`, `demo/app` */
  repository: string
  tag?: string
  digest?: string
}

const TRANSPORTS = ['docker-archive', 'oci-archive', 'oci', 'containers-storage'] as const
/** A local name or ID, or a registry reference: letters, digits and the separators of image references. */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/

export function parseSource(value: string): SourceSpec {
  // Control characters (a line break, a tab): never part of a reference, and a sign of a pasting mistake.
  if (value.length > 1024 || [...value].some(c => c.charCodeAt(0) < 0x20 || c === '\u007f')) {
    throw notAReference(value)
  }
  const transport = TRANSPORTS.find(t => value.startsWith(`${t}:`))
  if (!transport && /\s/.test(value)) throw notAReference(value)
  const docker = /^docker:\/\/(.*)$/.exec(value)
  if (docker) {
    const remote = parseRemote(docker[1], true)
    if (!remote) throw notAReference(value)
    return { kind: 'remote', reference: value, remote }
  }
  if (transport) {
    const rest = value.slice(transport.length + 1)
    if (!rest) throw notAReference(value)
    // Blanks are ordinary in a path (`d i r/a b.tar`), never in an image name.
    if (transport === 'containers-storage') {
      if (/\s/.test(rest)) throw notAReference(value)
      return { kind: 'transport', transport, reference: value }
    }
    // A path, then an optional `:REF` (skopeo's own split: the part after the last colon of the last path element).
    const path = transport === 'docker-archive' ? rest : rest.replace(/:[^/:]*$/, '')
    return { kind: 'transport', transport, reference: value, path }
  }
  if (!REFERENCE.test(value)) throw notAReference(value)
  return { kind: 'local', reference: value, remote: parseRemote(value, false) }
}

/**
 * A reference whose first part is a registry host (it has a `.` or a `:`, or is `localhost`: Docker's rule),
 * or with `implicitHub`, one without (Docker Hub, as `docker://alpine` means).
 */
export function parseRemote(value: string, implicitHub: boolean): RemoteImage | undefined {
  const ref = parseReference(value)
  if (!ref || (!ref.registry && !implicitHub)) return undefined
  const host = ref.registry ?? 'docker.io'
  const repository =
    host === 'docker.io' && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository
  return { host, repository, tag: ref.tag ?? (ref.digest ? undefined : 'latest'), digest: ref.digest }
}

/** The registry image a source names, if it names one (a local name may, and is looked for locally first). */
export function remoteOf(spec: SourceSpec): RemoteImage | undefined {
  return spec.kind === 'transport' ? undefined : spec.remote
}

/** `docker://host/repository@digest`, or with the tag when no digest is known. */
export function remoteReference(remote: RemoteImage, digest = remote.digest): string {
  return `docker://${remote.host}/${remote.repository}${digest ? `@${digest}` : `:${remote.tag}`}`
}

function notAReference(value: string): UserError {
  return new UserError(
    `Input 'source': '${printable(value)}' is not an image reference. Give a local image ('my-app:latest'), an archive or layout ('docker-archive:app.tar', 'oci-archive:app.tar', 'oci:dir:tag'), 'containers-storage:NAME', or a remote image ('docker://quay.io/org/app:tag').`
  )
}
