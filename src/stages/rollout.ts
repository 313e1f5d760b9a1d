// The rollout: after the push, the workloads the `rollout` input names run the pushed image. Each named container
// is pointed at the image by digest on the cluster-internal registry host (a workload that follows a pushed tag by
// an image trigger is left to the trigger, and only waited for); then every rollout is watched, with its progress
// in the log every few seconds, until it is done, fails, or `rollout-timeout` passes. A failure is read from the
// new pods' state, events and last log line; with `rollback-on-failure` the workload goes back to the revision
// that served before. The preflight has checked the rights and read the workloads before anything was uploaded.
import type { OpenShiftApi } from '../openshift/api.js'
import {
  describePlan,
  describeRef,
  type EventObject,
  getSet,
  getWorkload,
  instantiate,
  listEvents,
  listPods,
  listSets,
  patchImages,
  planWorkload,
  previousLog,
  type PushedImage,
  replaceTemplate,
  rolloutRights,
  setImages,
  type SetObject,
  type WorkloadObject,
  type WorkloadPlan,
  type WorkloadRef
} from '../openshift/workloads.js'
import type { Timeline } from '../run/timeline.js'
import * as core from '../util/actions.js'
import { UserError } from '../util/errors.js'
import {
  deploymentConfigVerdict,
  deploymentVerdict,
  explainProblem,
  findProblem,
  type PodProblem,
  type Progress,
  progressLine,
  type Verdict
} from './rollout-status.js'

export interface RolloutRequest {
  workloads: WorkloadRef[]
  timeout: { given: string; seconds: number }
  /** Roll a failed rollout back to the revision that served before. */
  rollback: boolean
}

/** A workload as the preflight read it, and what the rollout will do to it. */
export interface PlannedWorkload {
  plan: WorkloadPlan
  before: WorkloadObject
}

/**
 * The preflight's part: the rights a rollout needs and every named workload, asked in one round. Returns the
 * first right missing (the preflight words the refusal), or the plans.
 */
export async function checkRollout(
  api: OpenShiftApi,
  project: string,
  request: RolloutRequest,
  pushed: Omit<PushedImage, 'internal'>
): Promise<{ missing: string } | { planned: PlannedWorkload[] }> {
  const rights = rolloutRights(request.workloads)
  const reads = request.workloads.map(ref =>
    getWorkload(api, project, ref).then(
      obj => ({ obj }),
      (error: unknown) => ({ error })
    )
  )
  const answers = await Promise.all(rights.map(r => api.mayI({ namespace: project, ...r })))
  const denied = rights.find((_, i) => !answers[i])
  if (denied) {
    const resource = denied.subresource ? `${denied.resource}/${denied.subresource}` : denied.resource
    return { missing: `${denied.verb} ${resource}${denied.group ? `.${denied.group}` : ''}` }
  }
  const planned: PlannedWorkload[] = []
  for (const [i, read] of (await Promise.all(reads)).entries()) {
    if ('error' in read) throw read.error
    planned.push({
      plan: planWorkload(request.workloads[i], read.obj, { ...pushed, internal: '' }),
      before: read.obj
    })
  }
  return { planned }
}

/** What the dry run says for each workload. */
export function wouldRollOut(planned: PlannedWorkload[], request: RolloutRequest, image: string): string[] {
  return [
    ...planned.map(({ plan }) =>
      plan.how === 'trigger'
        ? `${describePlan(plan, image)}: would wait for it`
        : `Would set ${plan.containers.length > 1 ? 'containers' : 'container'} ${plan.containers.map(c => c.name).join(', ')} of ${describeRef(plan.ref)} to ${image}, and wait for its rollout`
    ),
    `Would wait up to ${request.timeout.given} for the rollouts${request.rollback ? ', and roll back one that fails' : ''}`
  ]
}

export interface WorkloadOutcome {
  workload: string
  how: string
  ok: boolean
  /** The outcome in words: "rolled out", or why not. */
  detail: string
  /** Set when a failed rollout was rolled back (or the attempt failed). */
  rollback?: string
}

export interface RolloutContext {
  api: OpenShiftApi
  project: string
  request: RolloutRequest
  timeline: Timeline
  /** Poll interval in ms (tests shorten it). */
  pollMs?: number
}

/** How often progress is logged while nothing changes. */
const PROGRESS_EVERY_MS = 5000

/**
 * Rolls the planned workloads out to `image` (the internal reference by digest) and waits for them. Returns each
 * outcome; throws a UserError naming every failure (after the summary is written).
 */
export async function rollOut(
  ctx: RolloutContext,
  planned: PlannedWorkload[],
  image: string
): Promise<WorkloadOutcome[]> {
  const names = planned.map(p => describeRef(p.plan.ref)).join(', ')
  const outcomes = await ctx.timeline.step(`Roll out ${names}`, async () => {
    const started = await Promise.all(planned.map(p => start(ctx, p, image)))
    const deadline = Date.now() + ctx.request.timeout.seconds * 1000
    return Promise.all(planned.map((p, i) => follow(ctx, p, image, started[i], deadline)))
  })
  await writeSummary(outcomes, image)
  const failed = outcomes.filter(o => !o.ok)
  if (failed.length > 0) {
    const rolledBack = failed.map(o => o.rollback).filter(Boolean)
    throw new UserError(
      [...failed.map(o => `${o.workload} did not roll out: ${o.detail}`), ...rolledBack].join(' ') +
        (ctx.request.rollback
          ? ''
          : " Set 'rollback-on-failure: true' to return such a workload to the revision that served before.")
    )
  }
  return outcomes
}

/** A rollout's failure after the push: an expected one says the image is there; a bug stays as it is. */
export function rolledOutBut(digest: string, error: Error): Error {
  if (!(error instanceof UserError)) return error
  return new UserError(`The image was pushed (${digest}), but ${error.message}`)
}

/** What a watch waits for: the containers' images, and for a DeploymentConfig a version after `afterVersion`. */
interface Target {
  images: Map<string, string>
  afterVersion: number
}

function plannedContainers(plan: WorkloadPlan): string[] {
  return plan.how === 'patch' ? plan.containers.map(c => c.name) : plan.containers
}

function imagesOf(obj: WorkloadObject): Map<string, string> {
  return new Map(obj.spec.template.spec.containers.map(c => [c.name, c.image]))
}

function hasImages(obj: WorkloadObject, images: Map<string, string>): boolean {
  const now = imagesOf(obj)
  return [...images].every(([name, image]) => now.get(name) === image)
}

function hasConfigChange(obj: WorkloadObject): boolean {
  return (obj.spec.triggers ?? []).some(t => t.type === 'ConfigChange')
}

/** Patches (or, for a trigger, does nothing): what to wait for. */
async function start(ctx: RolloutContext, p: PlannedWorkload, image: string): Promise<Target> {
  const { plan, before } = p
  const images = new Map(plannedContainers(plan).map(c => [c, image]))
  const version = before.status?.latestVersion ?? 0
  // Already running this image: nothing will change, so the rollout in place is the one to judge.
  const unchanged = hasImages(before, images)
  if (plan.how === 'trigger') {
    core.info(describePlan(plan, image))
    return { images, afterVersion: unchanged ? version - 1 : version }
  }
  if (unchanged) {
    core.info(`${describeRef(plan.ref)} runs ${image} already`)
    return { images, afterVersion: version - 1 }
  }
  await patchImages(ctx.api, ctx.project, plan, image)
  core.info(describePlan(plan, image))
  if (plan.ref.kind === 'deploymentconfig' && !hasConfigChange(before)) {
    await instantiate(ctx.api, ctx.project, plan.ref.name)
    core.info(`${describeRef(plan.ref)} has no ConfigChange trigger: started version ${version + 1}`)
  }
  return { images, afterVersion: version }
}

interface WatchResult {
  ok: boolean
  detail: string
  progress?: Progress
  version?: number
}

/** Waits for one rollout; on failure rolls back when asked. */
async function follow(
  ctx: RolloutContext,
  p: PlannedWorkload,
  image: string,
  target: Target,
  deadline: number
): Promise<WorkloadOutcome> {
  const what = describeRef(p.plan.ref)
  const how = describePlan(p.plan, image)
  const watched = await watch(ctx, p.plan.ref, target, image, deadline)
  if (watched.ok) {
    core.info(`${what} rolled out: ${watched.detail}`)
    return { workload: what, how, ok: true, detail: watched.detail }
  }
  core.info(`${what} did not roll out: ${watched.detail}`)
  if (!ctx.request.rollback) return { workload: what, how, ok: false, detail: watched.detail }
  const rollback = await rollBack(ctx, p, image, watched.version ?? target.afterVersion + 1).catch(
    (err: Error) => `Rolling ${what} back failed too: ${err.message}`
  )
  core.info(rollback)
  return { workload: what, how, ok: false, detail: watched.detail, rollback }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** Polls the workload until its rollout to `target` is done, fails, or the deadline passes. */
async function watch(
  ctx: RolloutContext,
  ref: WorkloadRef,
  target: Target,
  image: string,
  deadline: number
): Promise<WatchResult> {
  const what = describeRef(ref)
  let said = ''
  let saidAt = 0
  for (let poll = 0; ; poll++) {
    const obj = await getWorkload(ctx.api, ctx.project, ref)
    const state = await readState(ctx, ref, obj, target)
    const { verdict, podLabels } = state
    if (verdict.state === 'done') {
      return {
        ok: true,
        detail: `${verdict.progress.available} of ${verdict.progress.desired} available`,
        version: state.version
      }
    }
    const late = Date.now() > deadline
    // The pods are read every other poll, and always before giving up.
    const problem =
      podLabels && (poll % 2 === 1 || late || verdict.state === 'deadline')
        ? await podProblem(ctx, podLabels)
        : undefined
    if (problem?.settled)
      return { ok: false, detail: explainProblem(problem, what, image), version: state.version }
    if (verdict.state === 'deadline') {
      const why = problem
        ? explainProblem(problem, what, image)
        : `${state.newReady ?? 0} of ${verdict.progress.desired} new pods are ready. Check the pods' readiness probes and logs (\`oc describe ${what}\`).`
      return {
        ok: false,
        detail: `it made no progress within its deadline of ${verdict.seconds}s (ProgressDeadlineExceeded); ${why}`,
        version: state.version
      }
    }
    if (late) {
      const why = problem ? ` ${explainProblem(problem, what, image)}` : ''
      return {
        ok: false,
        detail: `it did not finish within ${ctx.request.timeout.given} ('rollout-timeout'): ${progressLine('', verdict.progress).slice(2)}${verdict.why ? ` (${verdict.why})` : ''}.${why || " Raise 'rollout-timeout' if it needs longer."}`,
        version: state.version
      }
    }
    const line = progressLine(what, verdict.progress) + (verdict.why ? ` (${verdict.why})` : '')
    if (line !== said || Date.now() - saidAt >= PROGRESS_EVERY_MS) {
      core.info(line)
      said = line
      saidAt = Date.now()
    }
    await sleep(ctx.pollMs ?? 1000)
  }
}

interface RolloutState {
  verdict: Verdict
  /** The labels of the new pods, once they are known. */
  podLabels?: Record<string, string>
  /** How many of the new pods are ready. */
  newReady?: number
  version?: number
}

async function readState(
  ctx: RolloutContext,
  ref: WorkloadRef,
  obj: WorkloadObject,
  target: Target
): Promise<RolloutState> {
  const waiting = (why: string): RolloutState => ({
    verdict: {
      state: 'waiting',
      progress: { desired: obj.spec.replicas ?? 1, updated: 0, ready: 0, available: 0 },
      why
    }
  })
  if (!hasImages(obj, target.images)) return waiting('waiting for the image trigger to set the image')
  if (ref.kind === 'deployment') {
    const verdict = deploymentVerdict(obj)
    const sets = verdict.state === 'done' ? [] : await listSets(ctx.api, ctx.project, 'deployment', obj)
    const current = newest(sets.filter(s => sameImages(s, target.images)))
    return {
      verdict,
      podLabels: current ? selectorOfSet(current) : undefined,
      newReady: current?.status?.readyReplicas ?? 0
    }
  }
  const version = obj.status?.latestVersion ?? 0
  if (version <= target.afterVersion) return waiting('waiting for the new version to start')
  const rc = await getSet(ctx.api, ctx.project, `${ref.name}-${version}`)
  return {
    verdict: deploymentConfigVerdict(obj, rc),
    podLabels: { deployment: `${ref.name}-${version}` },
    newReady: rc?.status?.readyReplicas ?? 0,
    version
  }
}

const REVISION = 'deployment.kubernetes.io/revision'

function revision(s: SetObject): number {
  return Number(s.metadata.annotations?.[REVISION] ?? 0)
}

function newest(sets: SetObject[]): SetObject | undefined {
  return [...sets].sort((a, b) => revision(b) - revision(a))[0]
}

function sameImages(s: SetObject, images: Map<string, string>): boolean {
  const have = new Map(s.spec.template.spec.containers.map(c => [c.name, c.image]))
  return [...images].every(([n, i]) => have.get(n) === i)
}

function selectorOfSet(s: SetObject): Record<string, string> {
  const hash = s.metadata.labels?.['pod-template-hash']
  return { ...(s.spec.template.metadata?.labels ?? {}), ...(hash ? { 'pod-template-hash': hash } : {}) }
}

/** The first problem of the new pods, with the events and last log lines that explain it. */
async function podProblem(
  ctx: RolloutContext,
  labels: Record<string, string>
): Promise<PodProblem | undefined> {
  const pods = await listPods(ctx.api, ctx.project, labels)
  const troubled = pods.filter(p =>
    (p.status?.containerStatuses ?? []).some(
      c => c.state?.waiting?.reason && c.state.waiting.reason !== 'ContainerCreating'
    )
  )
  const events = new Map<string, EventObject[]>()
  const logs = new Map<string, string | undefined>()
  await Promise.all(
    troubled.slice(0, 3).map(async pod => {
      events.set(pod.metadata.name, await listEvents(ctx.api, ctx.project, pod.metadata.name))
      for (const c of pod.status?.containerStatuses ?? []) {
        if (c.state?.waiting?.reason === 'CrashLoopBackOff' || c.lastState?.terminated)
          logs.set(
            `${pod.metadata.name}/${c.name}`,
            await previousLog(ctx.api, ctx.project, pod.metadata.name, c.name)
          )
      }
    })
  )
  return findProblem(troubled, events, logs)
}

/**
 * Back to what served before: a Deployment's template from the ReplicaSet of the revision before the failed one
 * (as `kubectl rollout undo`), a DeploymentConfig's images from before this run (a new version with them).
 */
async function rollBack(
  ctx: RolloutContext,
  p: PlannedWorkload,
  image: string,
  failedVersion: number
): Promise<string> {
  const { ref } = p.plan
  const what = describeRef(ref)
  const deadline = Date.now() + ctx.request.timeout.seconds * 1000
  if (ref.kind === 'deployment') {
    const obj = await getWorkload(ctx.api, ctx.project, ref)
    const sets = await listSets(ctx.api, ctx.project, 'deployment', obj)
    const pushed = new Map(plannedContainers(p.plan).map(name => [name, image]))
    const failed = newest(sets.filter(s => sameImages(s, pushed)))
    const below = failed ? revision(failed) : Infinity
    const previous = newest(sets.filter(s => revision(s) < below && !sameImages(s, pushed)))
    if (!previous) return `${what} has no earlier revision to roll back to.`
    const template = structuredClone(previous.spec.template)
    delete template.metadata?.labels?.['pod-template-hash']
    await replaceTemplate(ctx.api, ctx.project, ref, template)
    const back = await watch(
      ctx,
      ref,
      { images: imagesOf({ spec: { template } } as WorkloadObject), afterVersion: 0 },
      image,
      deadline
    )
    return back.ok
      ? `Rolled ${what} back to revision ${revision(previous)} (ReplicaSet ${previous.metadata.name}), which serves again.`
      : `Rolling ${what} back to revision ${revision(previous)} did not finish either: ${back.detail}`
  }
  const old = imagesOf(p.before)
  const images = new Map([...old].filter(([name]) => plannedContainers(p.plan).includes(name)))
  const obj = await setImages(ctx.api, ctx.project, ref, await getWorkload(ctx.api, ctx.project, ref), images)
  if (!hasConfigChange(obj)) await instantiate(ctx.api, ctx.project, ref.name)
  const back = await watch(
    ctx,
    ref,
    { images, afterVersion: failedVersion },
    [...images.values()].join(', '),
    deadline
  )
  return back.ok
    ? `Rolled ${what} back to the image it ran before (${[...images.values()].join(', ')}) as version ${back.version}, which serves now.`
    : `Rolling ${what} back to the image it ran before did not finish either: ${back.detail}`
}

async function writeSummary(outcomes: WorkloadOutcome[], image: string): Promise<void> {
  const rows = outcomes.map(o => [
    { data: `<code>${o.workload}</code>` },
    { data: o.ok ? '✅ rolled out' : '❌ failed' },
    { data: escapeHtml(o.ok ? o.detail : `${o.detail}${o.rollback ? ` ${o.rollback}` : ''}`) }
  ])
  try {
    await core.summary
      .addHeading('Rollout', 3)
      .addRaw(`Image: <code>${escapeHtml(image)}</code>`, true)
      .addTable([
        [
          { data: 'Workload', header: true },
          { data: 'Outcome', header: true },
          { data: 'Details', header: true }
        ],
        ...rows
      ])
      .write()
  } catch (err) {
    core.warning(
      `The job summary could not be written (${(err as Error).message}); the rollout's outcome is in the log.`
    )
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
