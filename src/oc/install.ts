// Finds or installs an oc client for the workflow's later steps; the caller puts it on PATH (oc/aside.ts, in the
// parent of the process this runs in, so that a stopped or failed run puts nothing there). The order is: reuse
// the oc on PATH (only when no version was asked for), else resolve the request to an exact version, then look in
// the runner's tool cache, then the Actions cache, then download from the mirror. A download is trusted
// only after the SHA-256 of the whole archive matches the mirror's sha256sum.txt: oc is unpacked from a
// tarball as it arrives, but into the job's private directory and with mode 0600, and nothing is made
// executable, run, cached or moved to the tool cache before the checksum matched.
import { existsSync } from 'node:fs'
import { chmod, mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'

import * as io from '@actions/io'

import * as core from '../util/actions.js'
import { messageOf, UserError } from '../util/errors.js'
import { jobDirectory, runnerTemp } from '../util/job-dir.js'
import { TarError } from '../util/tar.js'
import {
  actionsCacheConfigured,
  actionsCacheKey,
  restoreFromActionsCache,
  saveToActionsCache
} from './actions-cache.js'
import { probeOc } from './client.js'
import { type Download, downloadFile, downloadThrough, missingOnMirror } from './http.js'
import type { OcInstallRequest } from './inputs.js'
import { fetchError, fetchSha256Sums, mirrorUrl, resolveChannel } from './mirror.js'
import { type ClientArchive, clientArchive } from './platform.js'
import { findInToolCache, moveIntoToolCache } from './tool-cache.js'
import { TarGzMember } from './unpack.js'

export interface OcInstallation {
  /** The oc executable itself. */
  path: string
  /** What `oc version --client` reports (the resolved version if it reports nothing readable). */
  version: string
  source: 'path' | 'tool-cache' | 'actions-cache' | 'download'
  /** Bytes fetched from the mirror: 0 unless source is 'download'. */
  downloadedBytes: number
}

export interface OcPlatform {
  os: NodeJS.Platform
  arch: string
}

const TOOL = 'oc'
/** The way out when the mirror's archive itself is unusable: its checksum matched, so another try gets the same. */
const ANOTHER_VERSION = 'Set oc-version to another version.'

/**
 * Installs what was asked for ('none' is settled by the caller, before this module is loaded). PATH is left
 * alone: the caller adds the directory (unless the oc came from PATH already) once it has the outcome.
 */
export async function installOc(
  request: OcInstallRequest,
  mirror: string,
  platform: OcPlatform = { os: process.platform, arch: process.arch },
  signal?: AbortSignal
): Promise<OcInstallation> {
  const started = Date.now()
  if (request.kind === 'default') {
    const onPath = await fromPath()
    if (onPath) return onPath
    core.info('There is no oc on PATH; installing the one in the stable channel.')
    request = { kind: 'channel', channel: 'stable' }
  }

  signal?.throwIfAborted()
  // Refuse an unsupported runner before any network traffic.
  const archive = clientArchive(platform.os, platform.arch)
  let version: string
  if (request.kind === 'channel') {
    version = await resolveChannel(mirror, request.channel, signal)
    core.info(`The oc channel ${request.channel} is at ${version}.`)
  } else {
    version = request.version
  }

  signal?.throwIfAborted()
  const found =
    (await fromToolCache(version, platform, archive)) ??
    (await fromActionsCacheOrMirror(version, mirror, platform, archive, signal))
  // A run cancelled meanwhile (it failed) announces no oc.
  signal?.throwIfAborted()
  const how = {
    'tool-cache': 'found in the runner tool cache',
    'actions-cache': 'restored from the Actions cache',
    download: `downloaded (${megabytes(found.downloadedBytes)}) and verified`,
    path: 'found on PATH'
  }[found.source]
  core.info(`oc ${found.version} ${how} in ${seconds(Date.now() - started)}: ${found.path}`)
  return found
}

/** The oc the runner image already has (ubuntu-22.04 ships one), if it runs. */
async function fromPath(): Promise<OcInstallation | undefined> {
  const ocPath = await io.which(TOOL, false)
  if (!ocPath) return undefined
  try {
    const version = (await probeOc(ocPath)) ?? 'unknown'
    core.info(`Using oc ${version} already on PATH: ${ocPath}`)
    return { path: ocPath, version, source: 'path', downloadedBytes: 0 }
  } catch (err) {
    core.warning(`The oc on PATH does not work (${messageOf(err)}); installing the stable one instead.`)
    return undefined
  }
}

async function fromToolCache(
  version: string,
  platform: OcPlatform,
  archive: ClientArchive
): Promise<OcInstallation | undefined> {
  const dir = findInToolCache(TOOL, version, platform.arch)
  if (!dir) return undefined
  const ocPath = path.join(dir, archive.executable)
  try {
    const reported = await probeOc(ocPath)
    return { path: ocPath, version: reported ?? version, source: 'tool-cache', downloadedBytes: 0 }
  } catch (err) {
    // A damaged entry is replaced: moveIntoToolCache empties the directory first.
    core.warning(
      `The oc ${version} in the tool cache does not work (${messageOf(err)}); installing it again.`
    )
    return undefined
  }
}

async function fromActionsCacheOrMirror(
  version: string,
  mirror: string,
  platform: OcPlatform,
  archive: ClientArchive,
  signal: AbortSignal | undefined
): Promise<OcInstallation> {
  // The Actions cache matches entries by their paths too, so this directory must be the same in every
  // job: it is derived from RUNNER_TEMP, which is fixed on hosted runners, and not random. Without a cache
  // service there is nothing to restore into it or save from it, and it is not made.
  const staging = actionsCacheConfigured()
    ? path.join(runnerTemp(), 'rahti-push-oc', `${version}-${platform.os}-${platform.arch}`)
    : undefined
  const key = actionsCacheKey(version, platform.os, platform.arch)
  const cache = (file: string) => moveIntoToolCache(file, archive.executable, TOOL, version, platform.arch)
  if (!staging) core.debug('The Actions cache service is not available; skipping it')
  try {
    if (staging) {
      await rm(staging, { recursive: true, force: true })
      await mkdir(staging, { recursive: true })
      const stagedOc = path.join(staging, archive.executable)
      if ((await restoreFromActionsCache(staging, key)) && existsSync(stagedOc)) {
        try {
          const reported = await probeOc(stagedOc)
          const dir = await cache(stagedOc)
          const ocPath = path.join(dir, archive.executable)
          return { path: ocPath, version: reported ?? version, source: 'actions-cache', downloadedBytes: 0 }
        } catch (err) {
          core.warning(
            `The oc restored from the Actions cache does not work (${messageOf(err)}); downloading it.`
          )
          await rm(staging, { recursive: true, force: true })
          await mkdir(staging, { recursive: true })
        }
      }
    }

    const work = await jobDirectory('rahti-push-oc-download-')
    try {
      const { file, bytes } = await downloadVerified(version, mirror, archive, work, signal)
      let reported: string | undefined
      try {
        reported = await probeOc(file)
      } catch (err) {
        throw new UserError(
          `The downloaded oc ${version} does not run on this ${platform.os}/${platform.arch} runner ` +
            `(${messageOf(err)}); it was not installed.`
        )
      }
      if (reported && reported !== version) {
        core.warning(`The mirror's oc ${version} reports itself as ${reported}.`)
      }
      let verified = file
      if (staging) {
        // Saved from the one directory every job restores into; then moved on from there.
        verified = path.join(staging, archive.executable)
        await rename(file, verified)
        await saveToActionsCache(staging, key)
      }
      const dir = await cache(verified)
      return {
        path: path.join(dir, archive.executable),
        version: reported ?? version,
        source: 'download',
        downloadedBytes: bytes
      }
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true })
  }
}

/**
 * Downloads the client archive into the job's private directory `work`, checks the SHA-256 of the whole archive
 * against the mirror's sha256sum.txt, and returns the oc it holds, made executable only once the checksum
 * matched. The checksum list and the archive are fetched at once: the download does not wait for the list, and
 * is stopped if the list does not name the archive.
 */
async function downloadVerified(
  version: string,
  mirror: string,
  archive: ClientArchive,
  work: string,
  signal: AbortSignal | undefined
): Promise<{ file: string; bytes: number }> {
  const name = archive.versioned(version)
  const url = mirrorUrl(mirror, version, name)
  const notNeeded = new AbortController()
  const downloadSignal = signal ? AbortSignal.any([signal, notNeeded.signal]) : notNeeded.signal
  core.info(`Downloading ${url}`)
  const started = Date.now()
  const downloading =
    archive.kind === 'zip'
      ? downloadFile(url, path.join(work, name), downloadSignal).then(got => ({ got, unpacked: undefined }))
      : downloadUnpacking(url, archive.executable, path.join(work, archive.executable), downloadSignal)
  // Judged below, once the checksum list has been read; a failure meanwhile is not an unhandled rejection.
  downloading.catch(() => undefined)

  let sumsUrl: string
  let expected: string | undefined
  try {
    const fetched = await fetchSha256Sums(mirror, version, signal)
    sumsUrl = fetched.url
    expected = fetched.sums.get(name)
    if (!expected) {
      throw new UserError(
        `The mirror has no ${name}: ${sumsUrl} does not list it, so oc ${version} is not published for ` +
          'this runner. Set oc-version to another version.'
      )
    }
  } catch (err) {
    // Stopped and its file removed before the job directory is.
    notNeeded.abort(err)
    await downloading.catch(() => undefined)
    throw err
  }

  let result
  try {
    result = await downloading
  } catch (err) {
    signal?.throwIfAborted()
    if (missingOnMirror(err)) {
      throw new UserError(
        `${url} answered HTTP ${err.status} although ${sumsUrl} lists it. ` +
          'The mirror may be mid-update: retry the job, or set oc-version to another version.'
      )
    }
    throw fetchError(err, url)
  }
  const { got, unpacked } = result
  if (got.sha256 !== expected) {
    throw new UserError(
      `The SHA-256 of ${url} is ${got.sha256}, but ${sumsUrl} lists ${expected}; the download was ` +
        'discarded and nothing was installed. Retry the job; if it happens again, set oc-version to ' +
        'another version or oc-mirror to another mirror.'
    )
  }
  core.info(
    `Downloaded ${megabytes(got.bytes)} in ${seconds(Date.now() - started)}; its SHA-256 matches ${sumsUrl}.`
  )
  const file = unpacked
    ? tookOut(unpacked, name, archive)
    : await extractFromZip(path.join(work, name), archive, work)
  if (archive.executable === 'oc') await chmod(file, 0o755)
  return { file, bytes: got.bytes }
}

interface Unpacked {
  file: string
  found: boolean
  failure?: unknown
}

/**
 * Downloads a tarball and unpacks oc from it as it arrives (unpack.ts), into `out` (mode 0600). Every byte is
 * hashed, those after oc too; what unpacking found or why it failed is returned beside the checksum, for the
 * caller to judge after the checksum: a damaged download is a checksum mismatch first.
 */
async function downloadUnpacking(
  url: string,
  executable: string,
  out: string,
  signal: AbortSignal
): Promise<{ got: Download; unpacked: Unpacked }> {
  let unpacked: Unpacked = { file: out, found: false }
  const got = await downloadThrough(
    url,
    () => {
      // Archives list the member as `oc`; `./oc` is accepted in case one is ever packed from `.`.
      const member = new TarGzMember([executable, `./${executable}`], out)
      unpacked = { file: out, found: false }
      return {
        write: chunk => member.write(chunk),
        close: async () => {
          try {
            unpacked.found = await member.finish()
          } catch (err) {
            unpacked.failure = err
          }
        },
        discard: async () => {
          await member.abort()
          await rm(out, { force: true })
        }
      }
    },
    signal
  )
  return { got, unpacked }
}

/** The verified archive's oc, or why it has none, in the action's words. */
function tookOut(unpacked: Unpacked, name: string, archive: ClientArchive): string {
  if (unpacked.failure) {
    const err = unpacked.failure as NodeJS.ErrnoException
    // zlib's own words ("unexpected end of file", "incorrect header check") say little on their own.
    const why =
      err instanceof TarError
        ? err.message
        : err.code?.startsWith('Z_')
          ? `it is not a whole gzip file (${err.message})`
          : messageOf(err)
    throw new UserError(
      `Could not take ${archive.executable} out of ${name}: ${why}; nothing was installed. ${ANOTHER_VERSION}`
    )
  }
  if (!unpacked.found) {
    throw new UserError(`${name} holds no ${archive.executable}; nothing was installed. ${ANOTHER_VERSION}`)
  }
  return unpacked.file
}

/** Takes oc.exe out of a zip (whose index is at its end, so it is saved whole first) with tool-cache. */
async function extractFromZip(archivePath: string, archive: ClientArchive, work: string): Promise<string> {
  // Loaded here only: the tarball path, every Linux and macOS runner, does without it.
  const tc = await import('@actions/tool-cache')
  const unzipped = await tc.extractZip(archivePath, path.join(work, 'unzipped'))
  const member = path.join(unzipped, archive.executable)
  if (!existsSync(member))
    throw new UserError(
      `${path.basename(archivePath)} holds no ${archive.executable}; nothing was installed. ${ANOTHER_VERSION}`
    )
  return member
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
