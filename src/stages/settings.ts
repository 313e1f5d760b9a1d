// The stream's settings after the push, each only when its input asks: who may pull (a Role and RoleBindings the
// action owns), the lookup policy, and old tags pruned.
import { reconcileAccess } from '../openshift/access.js'
import type { OpenShiftApi } from '../openshift/api.js'
import { type ImageStream, setLocalLookup } from '../openshift/imagestream.js'
import { type PruneSelection, pruneTags, SPARE_WORDS, tagAges } from '../openshift/prune.js'
import type { RunContext } from '../run/context.js'
import * as core from '../util/actions.js'
import { UserError } from '../util/errors.js'
import type { StreamSettings } from './report.js'

/**
 * After the push: who may pull, the lookup policy, and old tags pruned, each only when its input asks. Access
 * is reconciled on every run, changed or not, so a binding removed by hand comes back and an old one goes.
 */
export async function applySettings(
  ctx: RunContext,
  session: {
    api: OpenShiftApi
    project: string
    /** The preflight's read of the stream, before the push: what it held when the run began. */
    plan: { exists: boolean; stream?: ImageStream }
  }
): Promise<StreamSettings> {
  const { inputs, timeline } = ctx
  const { api, project } = session
  const settings: StreamSettings = {}
  const request = inputs.access
  if (request.visibility !== undefined || request.pullProjects !== undefined) {
    settings.access = await timeline.step('Set who may pull', async () => {
      const outcome = await reconcileAccess(api, project, inputs.image, request)
      for (const c of outcome.changes) core.info(`${CHANGE_WORDS[c.action]} ${c.kind} ${c.name}`)
      if (outcome.changes.length === 0)
        core.info('Access unchanged: the Role and RoleBindings were already as asked')
      for (const line of outcome.access) core.info(`Access: ${line}`)
      for (const warning of outcome.warnings) core.warning(warning)
      if (outcome.unchecked.length) {
        core.notice(
          `Input 'pull-projects': whether ${outcome.unchecked.join(', ')} exist${outcome.unchecked.length > 1 ? '' : 's'} cannot be checked, as the account may not see ${outcome.unchecked.length > 1 ? 'them' : 'it'}; a misspelt project name grants nothing, so check the names.`
        )
      }
      return outcome
    })
  }
  if (request.localLookup !== undefined) {
    const local = request.localLookup
    settings.localLookup = await timeline.step('Set the lookup policy', async () => {
      const changed = await setLocalLookup(api, project, inputs.image, local)
      core.info(`Local lookup ${local ? 'on' : 'off'}${changed ? '' : ' (unchanged)'}`)
      return { local, changed }
    })
  }
  const prune = inputs.prune
  if (prune) {
    settings.pruned = await timeline.step(`Prune tags matching ${prune.pattern}`, async () => {
      const pushed = inputs.tags.map(t => t.tag)
      // What the stream held when the run began: a stream that did not exist held nothing; one that could not be
      // read is judged by the tags' times alone.
      const { exists, stream } = session.plan
      const before = exists ? (stream ? tagAges(stream) : undefined) : []
      const selection = await pruneTags(api, project, inputs.image, prune, pushed, {
        tags: before,
        startedAt: ctx.startedAt
      })
      logPruning(selection, prune.keep)
      return selection.doomed
    })
  }
  return settings
}

/** What was deleted, and each tag beyond `keep` that was spared, with why. */
function logPruning(selection: PruneSelection, keep: number): void {
  if (selection.doomed.length) core.info(`Deleted ${selection.doomed.join(', ')}`)
  else core.info(`Nothing to prune: the newest ${keep} matching tags and this run's stay`)
  for (const { tag, why } of selection.spared) core.info(`Spared ${tag}: ${SPARE_WORDS[why]}`)
}

/** A setting's failure after the push: an expected one says the image is there; a bug stays as it is. */
export function pushedBut(digest: string, error: Error): Error {
  if (!(error instanceof UserError)) return error
  return new UserError(`The image was pushed (${digest}), but a setting was not applied: ${error.message}`)
}

const CHANGE_WORDS = { create: 'Created', update: 'Updated', delete: 'Deleted' } as const
