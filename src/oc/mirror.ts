// What the client mirror says: which exact version a channel points at, and the published SHA-256
// of each file in a version directory.
import * as core from '../util/actions.js'
import { messageOf, UserError } from '../util/errors.js'
import { HttpStatusError } from '../util/errors.js'
import { getText, missingOnMirror } from './http.js'
import { EXACT_VERSION } from './inputs.js'

export function mirrorUrl(mirror: string, dir: string, file: string): string {
  return `${mirror}/${dir}/${file}`
}

/**
 * Parses sha256sum.txt (`<hex>  <file>`, as sha256sum prints it; a `*` before the name marks
 * binary mode). Lines that are not checksums are skipped rather than fatal: only the entry for the
 * file we download matters, and its absence is reported then.
 */
export function parseSha256Sums(text: string): Map<string, string> {
  const sums = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64}) [ *](\S.*?)\s*$/.exec(line.trim())
    if (m) sums.set(m[2].replace(/^\.\//, ''), m[1].toLowerCase())
  }
  return sums
}

/** The `Name:      4.16.3` line of release.txt. */
export function parseReleaseName(text: string): string | undefined {
  const m = /^Name:[ \t]+(\S+)[ \t]*$/m.exec(text)
  return m && EXACT_VERSION.test(m[1]) ? m[1] : undefined
}

/**
 * The version a channel's sha256sum.txt is about, read from its versioned client file names
 * (openshift-client-linux-4.16.3.tar.gz). Undefined unless they all agree.
 */
export function versionFromSha256Sums(sums: Map<string, string>): string | undefined {
  const versions = new Set<string>()
  for (const name of sums.keys()) {
    const m = /^openshift-client-.*?-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+?)?)\.(?:tar\.gz|zip)$/.exec(name)
    if (m && EXACT_VERSION.test(m[1])) versions.add(m[1])
  }
  return versions.size === 1 ? [...versions][0] : undefined
}

/** Reads a channel directory and returns the exact version it points at. */
export async function resolveChannel(mirror: string, channel: string, signal?: AbortSignal): Promise<string> {
  const releaseUrl = mirrorUrl(mirror, channel, 'release.txt')
  const sumsUrl = mirrorUrl(mirror, channel, 'sha256sum.txt')
  let missing: HttpStatusError | undefined
  try {
    const version = parseReleaseName(await getText(releaseUrl, undefined, signal))
    if (version) return version
    core.debug(`${releaseUrl} has no Name line; trying ${sumsUrl}`)
  } catch (err) {
    signal?.throwIfAborted()
    if (!missingOnMirror(err)) throw fetchError(err, releaseUrl)
    missing = err
    core.debug(`${releaseUrl} answered ${err.status}; trying ${sumsUrl}`)
  }
  // Some channel directories have no release.txt; their checksum list names the version too.
  try {
    const version = versionFromSha256Sums(parseSha256Sums(await getText(sumsUrl, undefined, signal)))
    if (version) return version
  } catch (err) {
    signal?.throwIfAborted()
    if (!missingOnMirror(err)) throw fetchError(err, sumsUrl)
    if (missing) {
      throw new UserError(
        `The oc channel "${channel}" is not on the mirror (${releaseUrl} answered HTTP ${missing.status}). ` +
          'Set oc-version to a channel the mirror has, such as stable or stable-4.16, or to an exact version.'
      )
    }
  }
  throw new UserError(
    `Could not tell which oc version the channel "${channel}" points at: neither ${releaseUrl} nor ` +
      `${sumsUrl} names one. Set oc-version to an exact version such as 4.16.3.`
  )
}

/** The checksum list of a version directory; an unknown version is reported as such. */
export async function fetchSha256Sums(
  mirror: string,
  version: string,
  signal?: AbortSignal
): Promise<{ url: string; sums: Map<string, string> }> {
  const url = mirrorUrl(mirror, version, 'sha256sum.txt')
  try {
    return { url, sums: parseSha256Sums(await getText(url, undefined, signal)) }
  } catch (err) {
    signal?.throwIfAborted()
    if (missingOnMirror(err)) {
      throw new UserError(
        `oc ${version} is not on the mirror (${url} answered HTTP ${err.status}). Set oc-version to a ` +
          'released version (see the version directories of the oc-mirror) or to a channel such as stable-4.16.'
      )
    }
    throw fetchError(err, url)
  }
}

/** Turns a transport failure into one sentence that names the URL and what to check. */
export function fetchError(err: unknown, url: string): UserError {
  const why =
    err instanceof HttpStatusError ? `it answered HTTP ${err.status}` : messageOf(err).replace(/\.$/, '')
  return new UserError(
    `Could not fetch ${url}: ${why}. Check that the runner can reach the mirror (input oc-mirror), or retry the job.`
  )
}
