// The name grammar of the distribution spec and of OpenShift, as pure functions that throw UserError.
import { UserError } from '../util/errors.js'

/** A tag: word characters first, then word characters, dots and dashes; 128 at most (distribution spec). */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
/** An ImageStream or project name: a lowercase DNS-1123 subdomain. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
/** A namespace: a DNS-1123 label. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
/** One path component of a repository name (distribution spec). */
const PATH_COMPONENT = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/
/** A registry host: a domain or an IPv4 address, with an optional port. */
const HOST =
  /^(localhost|\[[0-9a-fA-F:]+\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)(:[0-9]{1,5})?$/
/** Whether a registry host is on 127.0.0.0/8 (or localhost), which Docker treats as an insecure registry. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '')
  return name === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '[::1]'
}

export const DIGEST = /^sha256:[a-f0-9]{64}$/

export function validateTag(tag: string, input = 'tags'): string {
  if (!TAG.test(tag)) {
    const why =
      tag.length > 128
        ? `is ${tag.length} characters long (128 at most)`
        : 'has characters a tag may not have'
    throw new UserError(
      `Input '${input}': the tag '${printable(tag)}' ${why}. A tag is letters, digits, '_', '.' and '-', not starting with '.' or '-'.`
    )
  }
  return tag
}

export function validateImageName(name: string): string {
  if (name.length === 0)
    throw new UserError("Input 'image': required. Give the image's name in Rahti, e.g. 'my-app'.")
  if (
    name.length > 253 ||
    !DNS1123_SUBDOMAIN.test(name) ||
    !name.split('.').every(p => PATH_COMPONENT.test(p))
  ) {
    throw new UserError(
      `Input 'image': '${printable(name)}' is not a valid ImageStream name. Use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (at most 253).`
    )
  }
  return name
}

export function validateProject(project: string): string {
  if (project.length > 63 || !DNS1123_LABEL.test(project)) {
    throw new UserError(
      `Input 'project': '${printable(project)}' is not a valid Rahti project (namespace) name. Use lowercase letters, digits and '-', at most 63, e.g. 'my-project' (not the CSC project number).`
    )
  }
  return project
}

/** Normalises a registry host: a scheme and trailing slash are tolerated and dropped. */
export function validateRegistryHost(value: string): string {
  const host = value.replace(/^https?:\/\//, '').replace(/\/+$/, '')
  if (!HOST.test(host) || host.length > 255) {
    throw new UserError(
      `Input 'registry': '${printable(value)}' is not a registry host. Give a host with an optional port, e.g. 'image-registry.apps.2.rahti.csc.fi'.`
    )
  }
  return host.toLowerCase()
}

export interface ImageReference {
  /** Registry host, or undefined when the reference names none. */
  registry?: string
  /** The repository path, e.g. `demo/app`. */
  repository: string
  tag?: string
  digest?: string
}

/**
 * Parses `[host[:port]/]path[:tag][@digest]`. The first component is a host when it has a dot or a colon
 * or is `localhost`, as Docker decides.
 */
export function parseReference(ref: string): ImageReference | undefined {
  let rest = ref
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest)) return undefined
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) return undefined
  }
  const parts = rest.split('/')
  let registry: string | undefined
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!.toLowerCase()
    if (!HOST.test(registry)) return undefined
  }
  if (parts.length === 0 || !parts.every(p => PATH_COMPONENT.test(p))) return undefined
  return { registry, repository: parts.join('/'), tag, digest }
}

/** A tag as written by the user: a bare tag, or a full reference whose tag is taken. */
export interface RequestedTag {
  tag: string
  /** Set when the user wrote a full reference; checked against the registry and stream later. */
  reference?: ImageReference
  raw: string
}

/**
 * Splits the `tags` input on white space, commas and new lines. A full reference (what docker/metadata-action
 * prints) is accepted as its tag; whether it names the right registry and stream is checked once those are known.
 */
export function parseTags(value: string, image: string): RequestedTag[] {
  const items = value.split(/[\s,]+/).filter(s => s.length > 0)
  if (items.length === 0) return [{ tag: 'latest', raw: 'latest' }]
  const tags: RequestedTag[] = []
  for (const raw of items) {
    let requested: RequestedTag
    const short = /^([^/:@]+):([^/:@]+)$/.exec(raw)
    if (short && short[1] === image) {
      // `image: app` with docker/metadata-action's `images: app` gives `app:main`: the tag is `main`.
      requested = { tag: validateTag(short[2]), raw }
    } else if (short) {
      throw new UserError(
        `Input 'tags': '${printable(raw)}' names the image '${printable(short[1])}', not '${image}'. List bare tags such as '${printable(short[2])}', or references to '${image}'.`
      )
    } else if (!raw.includes('/') && !raw.includes('@')) {
      requested = { tag: validateTag(raw), raw }
    } else {
      const reference = parseReference(raw)
      if (!reference || !reference.tag || reference.digest) {
        throw new UserError(
          `Input 'tags': '${printable(raw)}' is neither a tag nor a reference of the form <registry>/<project>/${image}:<tag>. List tags such as 'v1.2.3', or references to this image.`
        )
      }
      const name = reference.repository.split('/').pop()
      if (name !== image || reference.repository.split('/').length !== 2) {
        throw new UserError(
          `Input 'tags': '${printable(raw)}' refers to another image than '${image}'. Each reference must be <registry>/<project>/${image}:<tag>; push other images in a step of their own.`
        )
      }
      requested = { tag: reference.tag, reference, raw }
    }
    if (!tags.some(t => t.tag === requested.tag)) tags.push(requested)
  }
  return tags
}

/**
 * Checks full references against the registry and project of the push, as far as they are known: from the
 * inputs at first, and again once the cluster has said which they are, still before anything is created.
 */
export function checkTagReferences(
  tags: RequestedTag[],
  registry: string | undefined,
  project: string | undefined,
  image: string
): void {
  for (const t of tags) {
    if (!t.reference) continue
    const [refProject] = t.reference.repository.split('/')
    const otherRegistry =
      registry !== undefined && t.reference.registry !== undefined && t.reference.registry !== registry
    if (otherRegistry || (project !== undefined && refProject !== project)) {
      throw new UserError(
        `Input 'tags': '${t.raw}' is not ${registry ?? '<registry>'}/${project ?? '<project>'}/${image}. Give bare tags, or references to the registry and project this step pushes to.`
      )
    }
  }
}

/** Quotes user text for an error message without letting control characters (or a newline) into the log. */
export function printable(value: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, c => (c === '\n' ? '\\n' : '?'))
  return clean.length > max ? `${clean.slice(0, max)}…` : clean
}
