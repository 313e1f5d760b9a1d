// The push itself: one upload by the engine under the first tag, the digest read back from the registry,
// every other tag a manifest PUT of the same bytes, and a final check that the stream lists each tag at it.
import * as core from '@actions/core'
import type { Engine } from './engines/engine.js'
import type { RegistryClient } from './registry/client.js'
import { UserError } from './util/errors.js'

export interface Target {
  registry: string
  /** `<project>/<image>` */
  repository: string
}

/** Pushes `source` under `tag` and returns the digest the registry holds for it. */
export async function pushOnce(
  engine: Engine,
  registry: RegistryClient,
  source: string,
  target: Target,
  tag: string
): Promise<string> {
  const reported = await engine.push(source, `${target.registry}/${target.repository}:${tag}`)
  const digest = await registry.resolveTag(target.repository, tag)
  if (!digest) {
    throw new UserError(
      `The push of ${target.repository}:${tag} reported success, but the registry does not list the tag. Run the step again; if it persists, report it to Rahti support.`
    )
  }
  if (reported && reported !== digest)
    core.warning(`${engine.name} reported ${reported}, the registry ${digest}; using the registry's`)
  return digest
}

/** Puts the other tags on the same manifest: no upload, and every tag gets the very same digest. */
export async function retag(
  registry: RegistryClient,
  repository: string,
  digest: string,
  tags: string[]
): Promise<void> {
  if (tags.length === 0) return
  const manifest = await registry.getManifest(repository, digest)
  await Promise.all(
    tags.map(async tag => {
      const put = await registry.putManifest(repository, tag, manifest)
      if (put !== digest) {
        throw new UserError(
          `The registry stored ${repository}:${tag} as ${put}, not ${digest}. Run the step again.`
        )
      }
    })
  )
}

/** Reads every tag back: success is reported only when the stream lists each one at the pushed digest. */
export async function verifyTags(
  registry: RegistryClient,
  repository: string,
  digest: string,
  tags: string[]
): Promise<void> {
  const seen = await Promise.all(tags.map(tag => registry.resolveTag(repository, tag)))
  const wrong = tags.filter((_tag, i) => seen[i] !== digest)
  if (wrong.length > 0) {
    throw new UserError(
      `The ImageStream ${repository} does not list ${wrong.join(', ')} at ${digest} after the push. Run the step again; another job may be pushing the same tags.`
    )
  }
}
