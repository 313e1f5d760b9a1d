// The runner's tool cache, read and written in @actions/tool-cache's layout (its find, cacheDir and cacheFile:
// `<RUNNER_TOOL_CACHE>/<tool>/<version>/<arch>/`, and an empty `<arch>.complete` file beside it that marks the
// entry whole) without loading it. Loading it cost the install about 20 ms (a 1.2 MB chunk with its own
// @actions/core, http-client and semver), and its cacheDir copies the 48 MB oc where a rename does. Versions
// here are exact releases (inputs.ts's EXACT_VERSION), which tool-cache's semver.clean leaves as they are, so
// the paths are the same: __tests__/oc/tool-cache.test.ts checks each way against tool-cache itself.
import { existsSync } from 'node:fs'
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { UserError } from '../util/errors.js'

function cacheRoot(): string {
  const root = process.env.RUNNER_TOOL_CACHE
  if (!root) {
    throw new UserError('RUNNER_TOOL_CACHE is not set; oc can only be installed on a GitHub Actions runner.')
  }
  return root
}

export function toolCacheDir(tool: string, version: string, arch: string): string {
  return path.join(cacheRoot(), tool, version, arch)
}

/** The entry's directory when it is whole (tool-cache's find of an explicit version), else undefined. */
export function findInToolCache(tool: string, version: string, arch: string): string | undefined {
  const dir = toolCacheDir(tool, version, arch)
  return existsSync(dir) && existsSync(`${dir}.complete`) ? dir : undefined
}

/**
 * Moves `file` (verified and probed) into the entry as `name`, replacing whatever was there, and marks the entry
 * whole last, as tool-cache does: a job stopped midway leaves an entry that find does not return. A rename where
 * it can (the same file system); a copy where it cannot (RUNNER_TEMP on another disk, or Windows, where an
 * anti-virus holding the file open fails a rename, the reason tool-cache always copies).
 */
export async function moveIntoToolCache(
  file: string,
  name: string,
  tool: string,
  version: string,
  arch: string
): Promise<string> {
  const dir = toolCacheDir(tool, version, arch)
  await Promise.all([rm(dir, { recursive: true, force: true }), rm(`${dir}.complete`, { force: true })])
  await mkdir(dir, { recursive: true })
  const target = path.join(dir, name)
  try {
    await rename(file, target)
  } catch {
    await copyFile(file, target)
  }
  await writeFile(`${dir}.complete`, '')
  return dir
}
