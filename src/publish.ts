// The push itself: one upload by the engine under the first tag, the digest read back from the registry,
// every other tag a manifest PUT of the same bytes, and a final check that the stream lists each tag at it.
// Retrying a push lives here; the engine only says which of its failures are worth another try.
import * as core from '@actions/core'
import type { Engine } from './engines/engine.js'
import type { RegistryClient } from './registry/client.js'
import { UserError } from './util/errors.js'
import { outlastedRetries, type RetryPolicy, withRetry } from './util/retry.js'

export interface Target {
  registryHost: string
  /** `<project>/<image>` */
  repository: string
}

/** Pushes `source` under the first tag (the only upload) and returns the digest the registry holds for it. */
export async function pushFirstTag(
  engine: Engine,
  registryClient: RegistryClient,
  source: string,
  target: Target,
  tag: string,
  retry: RetryPolicy
): Promise<string> {
  const reference = `${target.registryHost}/${target.repository}:${tag}`
  const reported = await withRetry(
    `${engine.name} push ${reference}`,
    () => engine.push(source, reference),
    err => ({ retry: engine.isTransient(err) }),
    retry
  ).catch(err => {
    // After the last try the message already says what happened and to run again later.
    throw outlastedRetries(err)
      ? new UserError((err as Error).message)
      : engine.explainPushFailure(reference, err)
  })
  const digest = await registryClient.resolveTag(target.repository, tag)
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
  registryClient: RegistryClient,
  repository: string,
  digest: string,
  tags: string[]
): Promise<void> {
  if (tags.length === 0) return
  const manifest = await registryClient.getManifest(repository, digest)
  await Promise.all(
    tags.map(async tag => {
      const put = await registryClient.putManifest(repository, tag, manifest)
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
  registryClient: RegistryClient,
  repository: string,
  digest: string,
  tags: string[]
): Promise<void> {
  const seen = await Promise.all(tags.map(tag => registryClient.resolveTag(repository, tag)))
  const wrong = tags.filter((_tag, i) => seen[i] !== digest)
  if (wrong.length > 0) {
    throw new UserError(
      `The ImageStream ${repository} does not list ${wrong.join(', ')} at ${digest} after the push. Run the step again; another job may be pushing the same tags.`
    )
  }
}
