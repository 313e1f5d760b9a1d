// The main step: each stage a call, grouped and timed in the log.
// inputs -> oc -> identity -> preflight with token exchange -> stream -> login -> push -> retag -> verify -> report
// (a dry run: the same up to the preflight, then what it would do; an empty token where GitHub gives no secrets: skip)
import * as core from '@actions/core'
import type { RunContext } from './context.js'
import { rehearse } from './dry-run.js'
import { createEngine } from './engines/factory.js'
import { getInputs, type Inputs } from './inputs.js'
import type { OcInstallation } from './oc/install.js'
import { OpenShiftApi } from './openshift/api.js'
import { exchangeToken, type Identity, whoAmI } from './openshift/identity.js'
import { createImageStream, getImageStream, type ImageStream } from './openshift/imagestream.js'
import { writeKubeconfig } from './openshift/kubeconfig.js'
import { type Plan, preflight } from './preflight.js'
import { pushFirstTag, retag, type Target, verifyTags } from './publish.js'
import { RegistryClient } from './registry/client.js'
import { report, reportSkipped } from './report.js'
import { StateStore } from './state.js'
import { Timeline } from './timeline.js'
import { UserError } from './util/errors.js'
import { stopAfter, wasCancelled } from './util/exec.js'
import { HttpTransport } from './util/http.js'
import { DEFAULT_RETRY, type RetryPolicy } from './util/retry.js'

/** Who is pushing where, with the token to use from the exchange on. */
interface Session {
  identity: Identity
  project: string
  /** The API with the token to use from here on (the exchanged one, when the exchange happened). */
  api: OpenShiftApi
  token: string
  tokenExchanged: boolean
  /** Whether the account may exchange its token (so a dry run can say it would). */
  mayExchange: boolean
  plan: Plan
}

export async function main(): Promise<void> {
  const state = StateStore.begin()
  const timeline = new Timeline()
  const inputs = await timeline.step('Read inputs', () => getInputs())
  if (inputs.skip) return reportSkipped(inputs.skip)
  if (inputs.timeout) {
    stopAfter(
      inputs.timeout.seconds,
      `The step timed out after ${inputs.timeout.given} (the 'timeout' input)`,
      "Raise 'timeout' if the push needs longer; the post step removes what the run left."
    )
  }
  const engine = createEngine(inputs.engine, {
    logout: inputs.logout,
    saveSession: session => state.update({ engine: session })
  })
  const transport = new HttpTransport(inputs.trust)
  const retry: RetryPolicy = { ...DEFAULT_RETRY, attempts: inputs.retries }
  const ctx: RunContext = { inputs, transport, timeline, state, engine, retry }
  try {
    const oc = await timeline.step('Install oc', () => installOc(inputs))
    // The one place a dry run parts from a real one: after every check, with nothing created yet.
    const session = await openSession(ctx, { exchange: !inputs.dryRun })
    if (inputs.dryRun) return await dryRun(ctx, session)
    await pushAndReport(ctx, session, oc)
  } finally {
    transport.close()
  }
}

/** The real run, from the checks on: create the stream, log in, push, leave a kubeconfig, report. */
async function pushAndReport(ctx: RunContext, session: Session, oc?: OcInstallation): Promise<void> {
  const { inputs, timeline } = ctx
  const stream = await ensureImageStream(ctx, session)
  const target = targetOf(session, inputs.image)
  await timeline.step(`Log in to ${target.registryHost}`, () => logIn(ctx, target, session.token))
  const digest = await publish(ctx, session, target)
  await timeline.step('Write the kubeconfig', () => exportKubeconfig(ctx, session))
  await report({
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
}

function targetOf(session: Session, image: string): Target {
  return { registryHost: session.plan.registryHost, repository: `${session.project}/${image}` }
}

/** What a real run would do, said after the same checks; the registry is asked whether it takes the token. */
async function dryRun(ctx: RunContext, session: Session): Promise<void> {
  const target = targetOf(session, ctx.inputs.image)
  const registryClient = new RegistryClient(target.registryHost, session.token, ctx.transport, ctx.retry)
  const plan = {
    ...target,
    tags: ctx.inputs.tags.map(t => t.tag),
    source: session.plan.source,
    streamExists: session.plan.exists,
    wouldExchange: session.mayExchange,
    tokenDuration: ctx.inputs.tokenDuration,
    pushedBy: session.identity.username
  }
  await rehearse(plan, registryClient, ctx.timeline)
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
 * Who the token is, then the preflight and the token exchange side by side: one wait for both. Without
 * `exchange` (a dry run), the exchange is only asked about, and no token is made.
 */
async function openSession(ctx: RunContext, opts: { exchange: boolean }): Promise<Session> {
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
      exchangeToken(apiAsGiven, identity, inputs.token, inputs.tokenDuration, opts.exchange),
      preflight({ ...ctx, api: apiAsGiven, identity, project })
    ])
    core.info(
      `Registry ${plan.registryHost}; ImageStream ${project}/${inputs.image} ${plan.exists ? 'exists' : 'is missing'}`
    )
    const api = exchange.exchanged ? apiAsGiven.withToken(exchange.token) : apiAsGiven
    return {
      identity,
      project,
      api,
      token: exchange.token,
      tokenExchanged: exchange.exchanged,
      mayExchange: exchange.allowed,
      plan
    }
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
