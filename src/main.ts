// The main step: each stage a call, grouped and timed in the log.
// inputs -> oc (alongside) -> engine, beside who-am-I -> preflight with token exchange -> stream -> login -> push
// -> tag and verify -> access, lookup policy, prune -> kubeconfig -> report
import * as core from '@actions/core'
import type { RunContext } from './context.js'
import type { SourceImage } from './engines/engine.js'
import { chooseEngine, type ChosenEngine } from './engines/factory.js'
import { getInputs, type Inputs } from './inputs.js'
import type { OcInstallation } from './oc/install.js'
import { OpenShiftApi } from './openshift/api.js'
import { reconcileAccess } from './openshift/access.js'
import { claimedIdentity, exchangeToken, type Identity, whoAmI } from './openshift/identity.js'
import {
  createImageStream,
  getImageStream,
  type ImageStream,
  setLocalLookup
} from './openshift/imagestream.js'
import { writeKubeconfig } from './openshift/kubeconfig.js'
import { pruneTags } from './openshift/prune.js'
import { type Plan, preflight } from './preflight.js'
import { promote } from './promote.js'
import { pushFirstTag, tagAndVerify, type Target } from './publish.js'
import { RegistryClient } from './registry/client.js'
import { report, type StreamSettings } from './report.js'
import { StateStore } from './state.js'
import { Timeline } from './timeline.js'
import { UserError } from './util/errors.js'
import { wasCancelled } from './util/exec.js'
import { HttpTransport } from './util/http.js'
import { DEFAULT_RETRY } from './util/retry.js'

/** Who is pushing where, with the token to use from the exchange on. */
interface Session {
  identity: Identity
  project: string
  /** The API with the token to use from here on (the exchanged one, when the exchange happened). */
  api: OpenShiftApi
  token: string
  tokenExchanged: boolean
  plan: Plan
}

export async function main(): Promise<void> {
  const state = StateStore.begin()
  const timeline = new Timeline()
  const inputs = await timeline.step('Read inputs', () => getInputs())
  const transport = new HttpTransport(inputs.trust)
  try {
    const base = { inputs, transport, timeline, state, retry: DEFAULT_RETRY }
    // The push never needs oc: it installs alongside, and only its outputs wait for it.
    const oc = settle(timeline.background('Install oc', () => installOc(inputs)))
    const apiAsGiven = new OpenShiftApi(inputs.server, inputs.token, transport, DEFAULT_RETRY)
    // Asked at once; the engine is chosen meanwhile (a local question, no round trip to wait for).
    const asking = whoAmI(apiAsGiven, inputs.token)
    asking.catch(() => undefined) // answered later: openSession or the failed choice awaits it
    const chosen = await pickEngine(inputs, state, timeline, asking)
    const ctx: RunContext = { ...base, engine: chosen.engine }
    const session = await openSession(ctx, apiAsGiven, asking, chosen.source)
    const stream = await ensureImageStream(ctx, session)
    const target: Target = {
      registryHost: session.plan.registryHost,
      repository: `${session.project}/${inputs.image}`
    }
    await timeline.step(`Log in to ${target.registryHost}`, () => logIn(ctx, target, session.token))
    const digest = await publish(ctx, session, target)
    // A setting that fails is reported after the push's outputs are set: the image is there all the same.
    const settings = await settle(applySettings(ctx, session))
    await timeline.step('Write the kubeconfig', () => exportKubeconfig(ctx, session))
    const installed = await oc
    await report({
      settings: settings.value,
      ...target,
      digest,
      tags: inputs.tags.map(t => t.tag),
      stream: stream.stream,
      streamCreated: stream.created,
      pushedBy: session.identity.username,
      tokenExchanged: session.tokenExchanged,
      ocVersion: installed.value?.version,
      steps: timeline.steps
    })
    if (installed.error) {
      throw new UserError(
        `The image was pushed (${digest}), but oc was not installed: ${installed.error.message}`
      )
    }
    if (settings.error) throw pushedBut(digest, settings.error)
  } finally {
    transport.close()
  }
}

/**
 * The engine for the source, saved at once: its job directory may hold the source registry's credentials. When
 * there is none, the token's question is answered first: a bad token is the first thing to say.
 */
async function pickEngine(
  inputs: Inputs,
  state: StateStore,
  timeline: Timeline,
  asking: Promise<Identity>
): Promise<ChosenEngine> {
  try {
    return await timeline.step('Choose the engine', async () => {
      const chosen = await chooseEngine({
        choice: inputs.engine,
        source: inputs.source,
        logout: inputs.logout,
        options: { trust: inputs.trust, sourceCredentials: inputs.sourceCredentials }
      })
      try {
        await chosen.engine.prepare()
      } finally {
        state.update({ engine: chosen.engine.session })
      }
      core.info(`Engine ${chosen.engine.name}: ${chosen.why}`)
      return chosen
    })
  } catch (err) {
    await asking
    throw err
  }
}

/** A promise that never rejects, so that a failure can wait its turn (after the push's outcome). */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: Error }> {
  try {
    return { value: await promise }
  } catch (err) {
    return { error: err as Error }
  }
}

async function installOc(inputs: Inputs): Promise<OcInstallation | undefined> {
  if (inputs.ocVersion.kind === 'none') {
    core.info("Skipped: 'oc-version' is none")
    return undefined
  }
  // Loaded only when asked for: the installer and the tool cache are a third of the start-up of a push.
  const { installOc } = await import('./oc/install.js')
  const oc = await installOc(inputs.ocVersion, inputs.ocMirror)
  core.setOutput('oc-path', oc.path)
  core.setOutput('oc-version', oc.version)
  return oc
}

/**
 * Who the token is, the preflight and the token exchange, side by side: one wait for all three. A service
 * account's token names the account in its claims, so the other two need not wait for the API's answer, which
 * only confirms it (a personal token must wait for it).
 */
async function openSession(
  ctx: RunContext,
  apiAsGiven: OpenShiftApi,
  asking: Promise<Identity>,
  resolved?: SourceImage
): Promise<Session> {
  const { inputs, transport, engine } = ctx
  return ctx.timeline.step('Identify the token, preflight and token exchange', async () => {
    const claimed = claimedIdentity(inputs.token)
    const identity = claimed ?? (await asking)
    const project = inputs.project ?? identity.serviceAccount?.namespace
    if (!project) {
      throw new UserError(
        `The token belongs to ${identity.username}, not to a service account, so the project cannot be inferred. Set the 'project' input to the Rahti project (namespace) to push to.`
      )
    }
    const [confirmed, exchange, plan] = await firstFailureFirst(
      asking,
      exchangeToken(apiAsGiven, identity, inputs.token, inputs.tokenDuration),
      preflight({ inputs, api: apiAsGiven, transport, identity, project, engine, resolved })
    )
    if (confirmed.username !== identity.username) {
      throw new UserError(
        `The token's claims name ${identity.username}, but the API server says it belongs to ${confirmed.username}. Check that 'server' is the cluster that issued the token.`
      )
    }
    core.info(`Token of ${confirmed.username}`)
    core.info(
      `Registry ${plan.registryHost}; ImageStream ${project}/${inputs.image} ${plan.exists ? 'exists' : 'is missing'}`
    )
    const api = exchange.exchanged ? apiAsGiven.withToken(exchange.token) : apiAsGiven
    return {
      identity: confirmed,
      project,
      api,
      token: exchange.token,
      tokenExchanged: exchange.exchanged,
      plan
    }
  })
}

/**
 * All three answers, or the first failure in argument order: when the token is bad, "who is this?" explains it
 * best, whatever the other questions ran into.
 */
async function firstFailureFirst<A, B, C>(a: Promise<A>, b: Promise<B>, c: Promise<C>): Promise<[A, B, C]> {
  const settled = await Promise.allSettled([a, b, c])
  for (const result of settled) if (result.status === 'rejected') throw result.reason
  return settled.map(r => (r as PromiseFulfilledResult<unknown>).value) as [A, B, C]
}

/**
 * The registry answers a manifest HEAD with 500 while the stream is missing, which stops containerd-based
 * pushers; creating it first makes every engine work.
 */
async function ensureImageStream(
  ctx: RunContext,
  session: Session
): Promise<{ stream?: ImageStream; created: boolean }> {
  if (session.plan.exists) return { stream: session.plan.stream, created: false }
  return ctx.timeline.step('Create the ImageStream', async () => {
    const created = await createImageStream(session.api, session.project, ctx.inputs.image)
    core.info(
      created.createdHere ? `Created ${session.project}/${ctx.inputs.image}` : 'Another job created it first'
    )
    return { stream: created.stream, created: created.createdHere }
  })
}

async function logIn(ctx: RunContext, target: Target, token: string): Promise<void> {
  // Saved before the login, so that the post step removes a half-made login too.
  ctx.state.update({ engine: { ...ctx.engine.session, registryHost: target.registryHost } })
  await ctx.engine.login(target.registryHost, token)
  ctx.state.update({ engine: ctx.engine.session })
}

/** One upload under the first tag; the other tags put on the same manifest, then every tag read back. */
async function publish(ctx: RunContext, session: Session, target: Target): Promise<string> {
  const { inputs, timeline } = ctx
  const registryClient = new RegistryClient(target.registryHost, session.token, ctx.transport, ctx.retry)
  const [first, ...others] = inputs.tags.map(t => t.tag)
  try {
    const pushed = await timeline.step(`Push ${target.repository}:${first}`, async () => {
      const { source, promotion } = session.plan
      const pushed = promotion
        ? await promote(registryClient, promotion, target.repository, first)
        : await pushFirstTag(ctx.engine, registryClient, source, target, first, ctx.retry)
      if (promotion) core.info(`Copied on the server from ${promotion.repository}@${promotion.digest}`)
      core.info(`Digest ${pushed.digest}, the image ${source.id} of ${source.reference}`)
      return pushed
    })
    const what = others.length > 0 ? `Tag ${others.join(', ')} and verify` : 'Verify the tag'
    await timeline.step(what, () => tagAndVerify(registryClient, target.repository, pushed, first, others))
    return pushed.digest
  } catch (err) {
    // A push that fails because the stream vanished under it reads as a refusal or a 500: say what happened.
    if (await streamIsGone(session, registryClient, ctx.inputs.image)) {
      throw new UserError(
        `The ImageStream ${target.repository} was deleted while this run pushed to it. Run the step again; it creates the stream anew where the account may.`
      )
    }
    throw err
  } finally {
    await ctx.engine.removeLocalNames()
  }
}

async function streamIsGone(
  session: Session,
  registryClient: RegistryClient,
  image: string
): Promise<boolean> {
  if (wasCancelled()) return false
  try {
    const lookup = await getImageStream(session.api, session.project, image)
    if (lookup.state !== 'unknown') return lookup.state === 'absent'
    return !(await registryClient.repositoryExists(`${session.project}/${image}`))
  } catch {
    return false
  }
}

/**
 * After the push: who may pull, the lookup policy, and old tags pruned, each only when its input asks. Access
 * is reconciled on every run, changed or not, so a binding removed by hand comes back and an old one goes.
 */
async function applySettings(ctx: RunContext, session: Session): Promise<StreamSettings> {
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
      const pruned = await pruneTags(api, project, inputs.image, prune, pushed)
      core.info(
        pruned.length
          ? `Deleted ${pruned.join(', ')}`
          : `Nothing to prune: the newest ${prune.keep} matching tags and this run's stay`
      )
      return pruned
    })
  }
  return settings
}

/** A setting's failure after the push: an expected one says the image is there; a bug stays as it is. */
function pushedBut(digest: string, error: Error): Error {
  if (!(error instanceof UserError)) return error
  return new UserError(`The image was pushed (${digest}), but a setting was not applied: ${error.message}`)
}

const CHANGE_WORDS = { create: 'Created', update: 'Updated', delete: 'Deleted' } as const

/** A kubeconfig of the job's own, so later steps run `oc` as the same account; the post step deletes it. */
async function exportKubeconfig(ctx: RunContext, session: Session): Promise<void> {
  const { inputs } = ctx
  const kubeconfig = await writeKubeconfig({
    server: inputs.server.origin,
    token: session.token,
    namespace: session.project,
    user: session.identity.username,
    caPem: inputs.trust.caPem,
    insecureSkipTlsVerify: inputs.trust.insecureSkipTlsVerify
  })
  ctx.state.update({ kubeconfig })
  core.exportVariable('KUBECONFIG', kubeconfig)
}
