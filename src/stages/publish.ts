// The push itself: one upload by the engine under the first tag, checked to be the source image, every other
// tag a manifest PUT of the same bytes, and a final read of every tag. Retrying a push lives here; the engine
// only says which of its failures are worth another try. What this run reports is what this run pushed: a tag
// that another job moves afterwards is named in the log, never adopted.

import type { Engine, PushContext, PushReport, SourceImage } from '../engines/engine.js'
import { imageIdentity, type Manifest, sha256Digest } from '../image/oci.js'
import type { RegistryClient } from '../registry/client.js'
import * as core from '../util/actions.js'
import { messageOf, UserError } from '../util/errors.js'
import { outlastedRetries, type RetryPolicy, withRetry } from '../util/retry.js'

export interface Target {
  registryHost: string
  /** `<project>/<image>` */
  repository: string
}

/** How often a push that delivered another job's image (a name taken over on a shared engine) is tried again. */
const WRONG_IMAGE_ATTEMPTS = 3

/** What this run put in the registry: the digest, and the manifest's bytes for the other tags. */
export interface Pushed {
  digest: string
  manifest: Manifest
  /**
   * What the first tag was read back as, when that was asked alongside the manifest, or seen by the engine during
   * the push (one round trip saved).
   */
  firstTagSeen?: string
}

/**
 * Pushes the source under the first tag (the only upload) and returns what this run pushed. The other tags are
 * named so that an engine that asks the registry itself (Docker's layers moved by the action) knows what they
 * hold already.
 */
export async function pushFirstTag(
  engine: Engine,
  registryClient: RegistryClient,
  source: SourceImage,
  target: Target,
  tag: string,
  retry: RetryPolicy,
  otherTags: string[] = [],
  tagManifests?: PushContext['tagManifests']
): Promise<Pushed> {
  const reference = `${target.registryHost}/${target.repository}:${tag}`
  const context: PushContext = {
    registry: registryClient,
    repository: target.repository,
    tag,
    tags: [tag, ...otherTags]
  }
  // The preflight's read of the tags is for the first try only: any later try reads the registry anew.
  let prefetched = tagManifests
  const once = () => {
    const given = prefetched
    prefetched = undefined
    return given ? { ...context, tagManifests: given } : context
  }
  for (let attempt = 1; ; attempt++) {
    const answer = await withRetry(
      `${engine.name} push ${reference}`,
      () => engine.push(source, reference, once()),
      err => ({ retry: engine.isTransient(err) }),
      retry
    ).catch(err => {
      // After the last try the message already says what happened and to run again later.
      throw outlastedRetries(err) ? new UserError(messageOf(err)) : engine.explainPushFailure(reference, err)
    })
    const report: PushReport | undefined = typeof answer === 'string' ? { digest: answer } : answer
    // The engine's word for what it uploaded; the tag is only a fallback, since another job may move it.
    const digest = report?.digest ?? (await registryClient.resolveTag(target.repository, tag))
    if (!digest) {
      throw new UserError(
        `The push of ${target.repository}:${tag} reported success, but the registry does not list the tag. Run the step again; if it persists, report it to Rahti support.`
      )
    }
    // The manifest the engine had in hand (read from the registry, or put there and stored under this digest) is
    // taken only when its bytes are the digest's; otherwise it is read once: the check that it is the source, and
    // the bytes every other tag is put on. The first tag is read back in the same round, unless the engine saw it
    // during the push without putting anything there (the tag held the source already: that read is the
    // read-back). An engine that reports only a digest gets both reads.
    const inHand = report?.manifest && bytesAre(report.manifest, digest) ? report.manifest : undefined
    const [manifest, firstTagSeen] = await Promise.all([
      inHand ?? registryClient.getManifest(target.repository, digest),
      report?.tagSeen ?? registryClient.resolveTag(target.repository, tag)
    ])
    const pushed = imageIdentity(manifest)
    if (pushed === source.id || digest === source.id) return { digest, manifest, firstTagSeen }
    if (attempt >= WRONG_IMAGE_ATTEMPTS) {
      throw new UserError(
        `What reached ${reference} (${digest}, image ${pushed}) is not the source ${source.reference} (${source.id}): another job on this engine took over the name during the push, ${attempt} times. Nothing is reported as pushed; run the step again.`
      )
    }
    core.warning(
      `The push of ${reference} delivered ${pushed}, not the source ${source.id}: another job on this engine used the same name at the same time. Pushing again.`
    )
  }
}

/** Whether a manifest's bytes hash to `digest` (a sha256 digest; any other algorithm is read again instead). */
function bytesAre(manifest: Manifest, digest: string): boolean {
  return manifest.digest === digest && digest === sha256Digest(manifest.body)
}

/**
 * Puts the other tags on the same manifest (no upload: every tag gets the very same digest) and reads every tag
 * back, each tag's PUT and read in its own chain, all at once. A tag that another job moved after this run put it
 * in place is reported in the log, not adopted: this run's outputs carry what it pushed.
 */
export async function tagAndVerify(
  registryClient: RegistryClient,
  repository: string,
  pushed: Pushed,
  first: string,
  others: string[]
): Promise<string[]> {
  const { digest, manifest, firstTagSeen } = pushed
  const seen = await Promise.all([
    firstTagSeen ?? registryClient.resolveTag(repository, first),
    ...others.map(async tag => {
      const put = await registryClient.putManifest(repository, tag, manifest)
      if (put !== digest) {
        throw new UserError(
          `The registry stored ${repository}:${tag} as ${put}, not ${digest}. Run the step again.`
        )
      }
      return registryClient.resolveTag(repository, tag)
    })
  ])
  const tags = [first, ...others]
  const moved = tags.filter((_tag, i) => seen[i] !== digest)
  for (const tag of moved) {
    const now = seen[tags.indexOf(tag)]
    core.warning(
      now
        ? `${repository}:${tag} now points at ${now}, not at ${digest} which this run pushed: another job moved it afterwards.`
        : `${repository}:${tag} is gone from the registry after this run put it at ${digest}: another job removed it.`
    )
  }
  return moved
}
