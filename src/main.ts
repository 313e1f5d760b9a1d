// The main step: each stage a call, grouped and timed in the log.
// inputs -> oc (alongside) -> engine, beside who-am-I -> preflight with token exchange -> stream -> login -> push
// -> tag and verify -> access, lookup policy, prune -> signature -> kubeconfig -> report -> rollout (when asked)
// (the signer is made ready beside the preflight, so that signing's own failures come before any upload)
// (a dry run: the same up to the preflight, then what it would do; an empty token where GitHub gives no secrets: skip)
import type { Engine } from './engines/engine.js'
import { installOcAside } from './oc/aside.js'
import type { OcInstallation } from './oc/install.js'
import { OpenShiftApi } from './openshift/api.js'
import { claimedIdentity, exchangeToken, type Identity, whoAmI } from './openshift/identity.js'
import { createImageStream, getImageStream, type ImageStream } from './openshift/imagestream.js'
import { writeKubeconfig } from './openshift/kubeconfig.js'
import { RegistryClient } from './registry/client.js'
import type { RunContext } from './run/context.js'
import { chooseEngine, type ChosenEngine } from './run/engine-choice.js'
import { StateStore } from './run/state.js'
import { firstFailureFirst, type Task, type Tasks } from './run/task.js'
import { Timeline } from './run/timeline.js'
import type { Signer } from './signing/sign.js'
import { rehearse } from './stages/dry-run.js'
import { getInputs, type Inputs } from './stages/inputs.js'
import { type Plan, preflight } from './stages/preflight.js'
import { promote } from './stages/promote.js'
import { pushFirstTag, tagAndVerify, type Target } from './stages/publish.js'
import { internalImage, report, reportSkipped } from './stages/report.js'
import { rolledOutBut, rollOut, wouldRollOut } from './stages/rollout.js'
import { applySettings, pushedBut } from './stages/settings.js'
import { prepareSigning, type Signed, signedBut, signPushed, wouldSign } from './stages/sign.js'
import * as core from './util/actions.js'
import { UserError } from './util/errors.js'
import { stopAfter, wasCancelled } from './util/exec.js'
import { HttpTransport } from './util/http.js'
import { DEFAULT_RETRY } from './util/retry.js'
import { settle } from './util/settle.js'

/** Who is pushing where, with the token to use from the exchange on. */
interface Session {
  identity: Identity
  project: string
  /** The API with the token to use from here on (the exchanged one, when the exchange happened). */
  api: OpenShiftApi
  token: string
  tokenExchanged: boolean
  /** The engine chosen for the source, beside the identity's questions. */
  engine: Engine
  /** Whether the account may exchange its token (so a dry run can say it would). */
  mayExchange: boolean
  plan: Plan
}

/** The main step. Background work runs as `tasks`, which a failure cancels (see run/task.ts). */
export async function main(tasks: Tasks): Promise<void> {
  const startedAt = Date.now()
  const state = StateStore.begin()
  const timeline = new Timeline()
  const inputs = await timeline.step('Read inputs', () => getInputs())
  if (inputs.skip) return reportSkipped(inputs.skip)
  if (inputs.timeout) stopOnTimeout(inputs.timeout.given, inputs.timeout.seconds)
  const transport = new HttpTransport(inputs.trust)
  const run: Omit<RunContext, 'engine'> = {
    inputs,
    transport,
    timeline,
    state,
    retry: { ...DEFAULT_RETRY, attempts: inputs.retries },
    startedAt
  }
  let session: Session | undefined
  try {
    // The push never needs oc: it installs alongside, and only the report waits for it.
    const oc = tasks.start('Install oc', signal => installOc(inputs, signal), { timeline })
    // The key decrypted, or the job's OIDC token had, beside the cluster's questions: before any upload.
    const sign = inputs.sign
    const signing = sign
      ? tasks.start('Prepare signing', () => prepareSigning(sign, transport), {
          timeline,
          beside: 'the preflight'
        })
      : undefined
    session = await openSession(run, tasks)
    const signer = await signing?.result()
    const ctx: RunContext = { ...run, engine: session.engine }
    if (inputs.dryRun) await dryRun(ctx, session, oc, signer)
    else await pushAndReport(ctx, session, oc, signer)
  } catch (err) {
    await tasks.cancelAll()
    throw err
  } finally {
    transport.close()
    session?.engine.close?.()
  }
}

function stopOnTimeout(given: string, seconds: number): void {
  stopAfter(
    seconds,
    `The step timed out after ${given} (the 'timeout' input)`,
    "Raise 'timeout' if the push needs longer; the post step removes what the run left."
  )
}

/** The real run, from the checks on: create the stream, log in, push, apply the settings, leave a kubeconfig. */
async function pushAndReport(
  ctx: RunContext,
  session: Session,
  oc: Task<OcInstallation | undefined>,
  signer: Signer | undefined
): Promise<void> {
  const { inputs, timeline } = ctx
  const stream = await ensureImageStream(ctx, session)
  const target = targetOf(session, inputs.image)
  await timeline.step(`Log in to ${target.registryHost}`, () => logIn(ctx, target, session.token))
  const digest = await publish(ctx, session, target)
  // A setting that fails is reported after the push's outputs are set: the image is there all the same.
  const settings = await settle(applySettings(ctx, session))
  // A signing failure is reported after the push's outputs are set too: the image is there, unsigned.
  const signed = signer ? await settle(sign(ctx, session, target, digest, signer)) : undefined
  await timeline.step('Write the kubeconfig', () => exportKubeconfig(ctx, session))
  const installed = await oc.settled()
  if (installed.value) setOcOutputs(installed.value)
  await report({
    settings: settings.value,
    target,
    digest,
    tags: inputs.tags.map(t => t.tag),
    stream: stream.stream,
    streamCreated: stream.created,
    pushedBy: session.identity.username,
    tokenExchanged: session.tokenExchanged,
    ocVersion: installed.value?.version,
    signature: signed?.value?.summary,
    steps: timeline.steps
  })
  if (installed.error) {
    throw new UserError(
      `The image was pushed (${digest}), but oc was not installed: ${installed.error.message}`
    )
  }
  if (settings.error) throw pushedBut(digest, settings.error)
  if (signed?.error) throw signedBut(digest, signed.error)
  // Last, once the outputs are set and the image is known good: a rollout that fails leaves the push standing.
  if (inputs.rollout && session.plan.rollout) {
    const image = internalImage(stream.stream, target.repository, digest)
    const rollout = { api: session.api, project: session.project, request: inputs.rollout, timeline }
    await rollOut(rollout, session.plan.rollout, image).catch((err: Error) => {
      throw rolledOutBut(digest, err)
    })
  }
}

/** The pushed digest signed (an index with its images), the signatures beside the image in the same stream. */
async function sign(
  ctx: RunContext,
  session: Session,
  target: Target,
  digest: string,
  signer: Signer
): Promise<Signed> {
  const registry = new RegistryClient(target.registryHost, session.token, ctx.transport, ctx.retry)
  return ctx.timeline.step(signer.mode === 'key' ? 'Sign with the key' : 'Sign keylessly', () =>
    signPushed(signer, { registry, ...target, digest })
  )
}

function targetOf(session: Session, image: string): Target {
  return { registryHost: session.plan.registryHost, repository: `${session.project}/${image}` }
}

/** What a real run would do, said after the same checks; the registry is asked whether it takes the token. */
async function dryRun(
  ctx: RunContext,
  session: Session,
  oc: Task<OcInstallation | undefined>,
  signer: Signer | undefined
): Promise<void> {
  const target = targetOf(session, ctx.inputs.image)
  const registryClient = new RegistryClient(target.registryHost, session.token, ctx.transport, ctx.retry)
  const plan = {
    ...target,
    tags: ctx.inputs.tags.map(t => t.tag),
    source: session.plan.source,
    streamExists: session.plan.exists,
    wouldExchange: session.mayExchange,
    tokenDuration: ctx.inputs.tokenDuration,
    pushedBy: session.identity.username,
    signing: wouldSign(signer),
    rollout:
      ctx.inputs.rollout && session.plan.rollout
        ? wouldRollOut(
            session.plan.rollout,
            ctx.inputs.rollout,
            internalImage(session.plan.stream, target.repository, 'sha256:<the pushed digest>')
          )
        : []
  }
  await rehearse(plan, registryClient, ctx.timeline)
  const installed = await oc.settled()
  if (installed.value) setOcOutputs(installed.value)
  if (installed.error) {
    throw new UserError(`The dry run's checks passed, but oc was not installed: ${installed.error.message}`)
  }
}

/**
 * The engine for the source, saved at once: the post step removes its job directory. The preflight takes it when
 * it needs the source. A dry run does not prepare it: nothing of the engine's is written, so no credential (nor
 * anything else) is on disk while the pull request's later steps run.
 */
async function chooseAndPrepareEngine(inputs: Inputs, state: StateStore): Promise<ChosenEngine> {
  const chosen = await chooseEngine({
    choice: inputs.engine,
    source: inputs.source,
    logout: inputs.logout,
    options: { trust: inputs.trust, sourceCredentials: inputs.sourceCredentials },
    saveSession: session => state.update({ engine: session })
  })
  try {
    if (!inputs.dryRun) await chosen.engine.prepare()
  } finally {
    state.update({ engine: chosen.engine.session })
  }
  core.info(`Engine ${chosen.engine.name}: ${chosen.why}`)
  return chosen
}

async function installOc(inputs: Inputs, signal: AbortSignal): Promise<OcInstallation | undefined> {
  if (inputs.ocVersion.kind === 'none') {
    core.info("Skipped: 'oc-version' is none")
    return undefined
  }
  // In a process of its own, at the lowest priority (oc/aside.ts): the installer and the tool cache are not even
  // loaded here, and the install's CPU yields to the push's where the machine is small.
  return installOcAside({ request: inputs.ocVersion, mirror: inputs.ocMirror }, signal)
}

/** The installed oc, named in the outputs once the run has come this far (a failed run names none). */
function setOcOutputs(oc: OcInstallation): void {
  core.setOutput('oc-path', oc.path)
  core.setOutput('oc-version', oc.version)
}

/**
 * Who the token is, the preflight and the token exchange, side by side: one wait for all three, with the engine
 * chosen meanwhile (a local question). A service account's token names the account in its claims, so the other
 * two need not wait for the API's answer, which only confirms it (a personal token must wait for it).
 */
async function openSession(run: Omit<RunContext, 'engine'>, tasks: Tasks): Promise<Session> {
  const { inputs, transport, retry, state, timeline } = run
  return timeline.step('Identify the token, preflight and token exchange', async () => {
    const givenApi = new OpenShiftApi(inputs.server, inputs.token, transport, retry)
    const whoItIs = tasks.start('Ask who the token is', () => whoAmI(givenApi, inputs.token))
    const engine = tasks.start('Choose the engine', () => chooseAndPrepareEngine(inputs, state), {
      timeline,
      beside: 'the API questions'
    })
    const identity = claimedIdentity(inputs.token) ?? (await whoItIs.result())
    const project = projectOf(inputs, identity)
    const [confirmed, exchanged, plan] = await firstFailureFirst(
      whoItIs.result(),
      exchangeToken(givenApi, identity, inputs.token, inputs.tokenDuration, { dryRun: inputs.dryRun }),
      preflight({ inputs, api: givenApi, transport, identity, project, engine: engine.result(), retry })
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
    return {
      identity: confirmed,
      project,
      api: exchanged.exchanged ? givenApi.withToken(exchanged.token) : givenApi,
      token: exchanged.token,
      tokenExchanged: exchanged.exchanged,
      mayExchange: exchanged.allowed,
      engine: plan.engine,
      plan
    }
  })
}

/** The project to push to: the input, else the service account's own. */
function projectOf(inputs: Inputs, identity: Identity): string {
  const project = inputs.project ?? identity.serviceAccount?.namespace
  if (project) return project
  throw new UserError(
    `The token belongs to ${identity.username}, not to a service account, so the project cannot be inferred. Set the 'project' input to the Rahti project (namespace) to push to.`
  )
}

/**
 * The registry answers a manifest HEAD by digest with 500 while the stream is missing, which stops
 * containerd-based pushers at an index's children (emulator/REGISTRY-FIDELITY.md); creating it first makes
 * every engine work, and checks the rights before anything is uploaded.
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
      const { source, promotion, tagManifests } = session.plan
      const pushed = promotion
        ? await promote(registryClient, promotion, target.repository, first)
        : await pushFirstTag(
            ctx.engine,
            registryClient,
            source,
            target,
            first,
            ctx.retry,
            others,
            tagManifests
          )
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
