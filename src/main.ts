// The main step: each stage a call, grouped and timed in the log.
// inputs -> oc -> identity -> preflight with token exchange -> stream -> login -> push -> retag -> verify
// -> access, lookup policy, prune -> kubeconfig -> report
import * as core from '@actions/core'
import type { RunContext } from './context.js'
import { createEngine } from './engines/factory.js'
import { getInputs, type Inputs } from './inputs.js'
import type { OcInstallation } from './oc/install.js'
import { OpenShiftApi } from './openshift/api.js'
import { exchangeToken, type Identity, whoAmI } from './openshift/identity.js'
import { reconcileAccess } from './openshift/access.js'
import {
  createImageStream,
  getImageStream,
  type ImageStream,
  setLocalLookup
} from './openshift/imagestream.js'
import { writeKubeconfig } from './openshift/kubeconfig.js'
import { pruneTags } from './openshift/prune.js'
import { type Plan, preflight } from './preflight.js'
import { pushFirstTag, retag, type Target, verifyTags } from './publish.js'
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
  const engine = createEngine(inputs.engine, { logout: inputs.logout })
  const transport = new HttpTransport(inputs.trust)
  const ctx: RunContext = { inputs, transport, timeline, state, engine, retry: DEFAULT_RETRY }
  try {
    const oc = await timeline.step('Install oc', () => installOc(inputs))
    const session = await openSession(ctx)
    const stream = await ensureImageStream(ctx, session)
    const target: Target = {
      registryHost: session.plan.registryHost,
      repository: `${session.project}/${inputs.image}`
    }
    await timeline.step(`Log in to ${target.registryHost}`, () => logIn(ctx, target, session.token))
    const digest = await publish(ctx, session, target)
    const settings = await applySettings(ctx, session)
    await timeline.step('Write the kubeconfig', () => exportKubeconfig(ctx, session))
    await report({
      settings,
      ...target,
      digest,
      tags: inputs.tags.map(t => t.tag),
      stream: stream.stream,
      streamCreated: stream.created,
      pushedBy: session.identity.username,
      tokenExchanged: session.tokenExchanged,
      ocVersion: oc?.version,
      steps: timeline.steps
    })
  } finally {
    transport.close()
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

/** Who the token is, then the preflight and the token exchange side by side: one wait for both. */
async function openSession(ctx: RunContext): Promise<Session> {
  const { inputs, timeline } = ctx
  const apiAsGiven = new OpenShiftApi(inputs.server, inputs.token, ctx.transport, ctx.retry)
  const identity = await timeline.step('Identify the token', async () => {
    const who = await whoAmI(apiAsGiven, inputs.token)
    core.info(`Token of ${who.username}`)
    return who
  })
  const project = inputs.project ?? identity.serviceAccount?.namespace
  if (!project) {
    throw new UserError(
      `The token belongs to ${identity.username}, not to a service account, so the project cannot be inferred. Set the 'project' input to the Rahti project (namespace) to push to.`
    )
  }
  return timeline.step('Preflight and token exchange', async () => {
    const [exchange, plan] = await Promise.all([
      exchangeToken(apiAsGiven, identity, inputs.token, inputs.tokenDuration),
      preflight({ inputs, api: apiAsGiven, transport: ctx.transport, identity, project, engine: ctx.engine })
    ])
    core.info(
      `Registry ${plan.registryHost}; ImageStream ${project}/${inputs.image} ${plan.exists ? 'exists' : 'is missing'}`
    )
    const api = exchange.exchanged ? apiAsGiven.withToken(exchange.token) : apiAsGiven
    return { identity, project, api, token: exchange.token, tokenExchanged: exchange.exchanged, plan }
  })
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
  const tags = inputs.tags.map(t => t.tag)
  const [first, ...others] = tags
  try {
    const digest = await timeline.step(`Push ${target.repository}:${first}`, async () => {
      const source = session.plan.source
      const digest = await pushFirstTag(ctx.engine, registryClient, source, target, first, ctx.retry)
      core.info(`Digest ${digest}, the image ${source.id} of ${source.reference}`)
      return digest
    })
    if (others.length > 0) {
      await timeline.step(`Tag ${others.join(', ')}`, () =>
        retag(registryClient, target.repository, digest, others)
      )
    }
    await timeline.step('Verify the tags', () => verifyTags(registryClient, target.repository, digest, tags))
    return digest
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
