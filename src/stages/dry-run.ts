// The dry run: every check of a real run has passed by the time it is reached, and it says what a real run would
// do instead of doing it. Nothing is created on the cluster (no ImageStream, no short-lived token), nothing is
// uploaded or tagged, and no credentials are stored: no registry login and no kubeconfig, because in a pull
// request's job the later steps run the pull request's own code, which must not find a logged-in client. The
// registry is still asked whether it takes the token (the question a login asks), without storing it.
// Outputs: only what is true without a push: `image`, `images` and `imagestream` as a real run would set them
// (and `oc-path`/`oc-version`, since oc is installed as in a real run); never a digest or a reference by digest.
import type { SourceImage } from '../engines/engine.js'
import type { RegistryClient } from '../registry/client.js'
import type { Timeline } from '../run/timeline.js'
import * as core from '../util/actions.js'
import type { Target } from './publish.js'
import { setReferenceOutputs, writeSummaryOrWarn } from './report.js'

export interface Rehearsal extends Target {
  tags: string[]
  source: SourceImage
  streamExists: boolean
  /** Whether the token would be exchanged for a short-lived one, and for how long (seconds). */
  wouldExchange: boolean
  tokenDuration: number
  pushedBy: string
  /** What signing would do, when `sign` is set (the signer is ready by then). */
  signing?: string
  /** What the rollout would do, a sentence a workload (empty: no rollout). */
  rollout?: string[]
}

/** Checks what a login would check, then says (log, outputs, job summary) what a real run would do. */
export async function rehearse(
  plan: Rehearsal,
  registryClient: RegistryClient,
  timeline: Timeline
): Promise<void> {
  await timeline.step(`Check the registry ${plan.registryHost} takes the token`, () =>
    registryClient.checkLogin()
  )
  setReferenceOutputs(plan, plan.tags)
  const actions = wouldDo(plan)
  for (const line of actions) core.info(line)
  core.notice(`Dry run: every check passed; nothing was created, uploaded or changed. ${actions.join('. ')}.`)
  await writeSummaryOrWarn(() =>
    core.summary
      .addHeading(`Dry run: ${plan.repository} would be pushed to Rahti`, 3)
      .addList(actions)
      .addRaw('Every check passed; nothing was created, uploaded or changed.', true)
  )
}

/** What a real run would do, in order, one sentence each. */
export function wouldDo(plan: Rehearsal): string[] {
  const [first, ...others] = plan.tags
  const hours = plan.tokenDuration / 3600
  const lifetime = Number.isInteger(hours) ? `${hours}h` : `${Math.round(plan.tokenDuration / 60)}m`
  return [
    plan.wouldExchange
      ? `Would exchange the token of ${plan.pushedBy} for one that lives ${lifetime}`
      : `Would use the given token of ${plan.pushedBy}`,
    plan.streamExists
      ? `Would push into the existing ImageStream ${plan.repository}`
      : `Would create the ImageStream ${plan.repository}`,
    `Would log in to ${plan.registryHost}`,
    `Would push ${plan.source.reference} (${plan.source.id}) as ${plan.registryHost}/${plan.repository} under the tags ${[first, ...others].join(', ')}`,
    ...(plan.signing ? [plan.signing] : []),
    'Would write a kubeconfig for later steps and set KUBECONFIG',
    ...(plan.rollout ?? [])
  ]
}
