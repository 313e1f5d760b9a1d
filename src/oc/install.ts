// Puts an oc client on PATH for the workflow's later steps. The order is: reuse the oc on PATH (only
// when no version was asked for), else resolve the request to an exact version, then look in the
// runner's tool cache, then the Actions cache, then download from the mirror. A download is trusted
// only after its SHA-256 matches the mirror's sha256sum.txt; nothing is extracted, run or cached
// before that.
import { existsSync } from 'node:fs'
import { chmod, copyFile, mkdir, rm } from 'node:fs/promises'
import path from 'node:path'

import * as io from '@actions/io'
import * as tc from '@actions/tool-cache'

import * as core from '../util/actions.js'
import { lastLine, messageOf, UserError } from '../util/errors.js'
import { ExecError, runOrThrow } from '../util/exec.js'
import { jobDirectory, runnerTemp } from '../util/job-dir.js'
import { actionsCacheKey, restoreFromActionsCache, saveToActionsCache } from './actions-cache.js'
import { probeOc } from './client.js'
import { downloadFile, missingOnMirror } from './http.js'
import type { OcInstallRequest } from './inputs.js'
import { fetchError, fetchSha256Sums, mirrorUrl, resolveChannel } from './mirror.js'
import { type ClientArchive, clientArchive } from './platform.js'

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

/**
 * Installs what was asked for ('none' is settled by the caller, before this module is loaded). Adds the
 * directory to PATH (core.addPath) unless the oc came from PATH already.
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
  // A run cancelled meanwhile (it failed) puts nothing on PATH.
  signal?.throwIfAborted()
  core.addPath(path.dirname(found.path))
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
  requireToolCache() // tool-cache would only assert
  const dir = tc.find(TOOL, version, platform.arch)
  if (!dir) return undefined
  const ocPath = path.join(dir, archive.executable)
  try {
    const reported = await probeOc(ocPath)
    return { path: ocPath, version: reported ?? version, source: 'tool-cache', downloadedBytes: 0 }
  } catch (err) {
    // A damaged entry is replaced: cacheDir below empties the directory first.
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
  // job: it is derived from RUNNER_TEMP, which is fixed on hosted runners, and not random.
  const staging = path.join(runnerTemp(), 'rahti-push-oc', `${version}-${platform.os}-${platform.arch}`)
  const key = actionsCacheKey(version, platform.os, platform.arch)
  const stagedOc = path.join(staging, archive.executable)
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  try {
    if ((await restoreFromActionsCache(staging, key)) && existsSync(stagedOc)) {
      try {
        const reported = await probeOc(stagedOc)
        const dir = await tc.cacheDir(staging, TOOL, version, platform.arch)
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

    const bytes = await downloadVerified(version, mirror, archive, staging, signal)
    let reported: string | undefined
    try {
      reported = await probeOc(stagedOc)
    } catch (err) {
      throw new UserError(
        `The downloaded oc ${version} does not run on this ${platform.os}/${platform.arch} runner ` +
          `(${messageOf(err)}); it was not installed.`
      )
    }
    if (reported && reported !== version) {
      core.warning(`The mirror's oc ${version} reports itself as ${reported}.`)
    }
    const dir = await tc.cacheDir(staging, TOOL, version, platform.arch)
    await saveToActionsCache(staging, key)
    return {
      path: path.join(dir, archive.executable),
      version: reported ?? version,
      source: 'download',
      downloadedBytes: bytes
    }
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

/** Downloads the client archive, checks its SHA-256, and leaves only the oc executable in dest. */
async function downloadVerified(
  version: string,
  mirror: string,
  archive: ClientArchive,
  dest: string,
  signal: AbortSignal | undefined
): Promise<number> {
  const { url: sumsUrl, sums } = await fetchSha256Sums(mirror, version, signal)
  const file = archive.versioned(version)
  const expected = sums.get(file)
  if (!expected) {
    throw new UserError(
      `The mirror has no ${file}: ${sumsUrl} does not list it, so oc ${version} is not published for ` +
        'this runner. Set oc-version to another version.'
    )
  }
  const url = mirrorUrl(mirror, version, file)
  const work = await jobDirectory('rahti-push-oc-download-')
  try {
    const archivePath = path.join(work, file)
    core.info(`Downloading ${url}`)
    const started = Date.now()
    let got
    try {
      got = await downloadFile(url, archivePath, signal)
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
    await extractOc(archivePath, archive, dest, work)
    return got.bytes
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** Takes only oc out of the archive: kubectl (as large again) and README.md are not needed. */
async function extractOc(
  archivePath: string,
  archive: ClientArchive,
  dest: string,
  work: string
): Promise<void> {
  const target = path.join(dest, archive.executable)
  if (archive.kind === 'zip') {
    const unzipped = await tc.extractZip(archivePath, path.join(work, 'unzipped'))
    const member = path.join(unzipped, archive.executable)
    if (!existsSync(member))
      throw new UserError(`${path.basename(archivePath)} holds no ${archive.executable}.`)
    await copyFile(member, target)
    return
  }
  let lastError: unknown
  // Archives list the member as `oc`; `./oc` is accepted in case one is ever packed from `.`.
  for (const member of [archive.executable, `./${archive.executable}`]) {
    try {
      await runOrThrow('tar', ['-xzf', archivePath, '-C', dest, member])
      lastError = undefined
      break
    } catch (err) {
      lastError = err
    }
  }
  if (lastError || !existsSync(target)) {
    const why = lastError instanceof ExecError ? `: ${lastLine(lastError.message)}` : ''
    throw new UserError(`Could not take ${archive.executable} out of ${path.basename(archivePath)}${why}.`)
  }
  await chmod(target, 0o755)
}

function requireToolCache(): void {
  if (!process.env.RUNNER_TOOL_CACHE) {
    throw new UserError('RUNNER_TOOL_CACHE is not set; oc can only be installed on a GitHub Actions runner.')
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
