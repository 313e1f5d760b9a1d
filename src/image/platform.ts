// The platform Rahti runs: its nodes are linux/amd64, so an image built on an arm64 runner or a laptop would
// only fail later, in the pod, with `exec format error`. Refused before any upload, with how to build for it.
import type { SourceImage } from '../engines/engine.js'
import { UserError } from '../util/errors.js'

/** Whether an image for `have` runs where `want` is asked for (a variant only counts when asked for). */
export function runsOn(have: string, want: string): boolean {
  return have === want || (want.split('/').length === 2 && have.startsWith(`${want}/`))
}

/** Throws unless the source has a manifest for `platform` (`any`, or a source of unknown platform, passes). */
export function checkPlatform(source: SourceImage, platform: string): void {
  if (platform === 'any' || source.platforms.length === 0) return
  if (source.platforms.some(have => runsOn(have, platform))) return
  const what = source.index ? 'an index of images for' : 'an image for'
  const arch = platform.split('/').slice(1).join('/')
  throw new UserError(
    `The source ${source.reference} is ${what} ${source.platforms.join(', ')}, with none for ${platform}, which 'platform' asks for (Rahti's nodes run linux/amd64; an image for another platform fails there with "exec format error"). Build it for ${arch}, e.g. \`docker buildx build --platform ${platform} ...\` or \`podman build --platform ${platform} ...\`, or set 'platform: any' to push it as it is.`
  )
}
