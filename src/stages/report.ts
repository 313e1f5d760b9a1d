// What the step tells the workflow: its outputs, one log line, and the job summary.
import type { AccessOutcome } from '../openshift/access.js'
import type { ImageStream } from '../openshift/imagestream.js'
import type { StepTiming } from '../run/timeline.js'
import * as core from '../util/actions.js'
import { messageOf } from '../util/errors.js'
import { type Html, joinHtml, markup } from '../util/html.js'
import type { Target } from './publish.js'

const INTERNAL_REGISTRY = 'image-registry.openshift-image-registry.svc:5000'

/** What the run did, for the outputs and the summary: where it pushed, what (publish.ts's digest), and how. */
export interface PushReport {
  target: Target
  digest: string
  tags: string[]
  stream?: ImageStream
  streamCreated: boolean
  pushedBy: string
  tokenExchanged: boolean
  ocVersion?: string
  steps: StepTiming[]
  settings?: StreamSettings
  /** The signature's summary lines and its verify instructions (HTML), when the digest was signed. */
  signature?: { lines: Html[]; details: Html }
}

/** What the settings stages did; a part is absent when its input was empty. */
export interface StreamSettings {
  access?: AccessOutcome
  localLookup?: { local: boolean; changed: boolean }
  pruned?: string[]
}

/** The settings in words, one item each, for the summary. */
export function settingsLines(settings: StreamSettings | undefined, repository: string): Html[] {
  if (!settings) return []
  const lines: Html[] = []
  const { access, localLookup, pruned } = settings
  if (access) {
    const changed = access.changes.map(c => markup`${c.action}d ${c.kind} <code>${c.name}</code>`)
    lines.push(
      markup`Access: ${access.access.join('; ')} (${changed.length ? joinHtml(changed, ', ') : 'unchanged'})`
    )
    for (const w of access.warnings) lines.push(markup`⚠️ ${w}`)
  }
  if (localLookup) {
    const name = repository.split('/')[1]
    const state = localLookup.local
      ? markup`on (a Deployment in the project may name the image <code>${name}:TAG</code>)`
      : 'off'
    lines.push(markup`Local lookup: ${state}${localLookup.changed ? '' : ' (unchanged)'}`)
  }
  if (pruned) {
    const codes = joinHtml(
      pruned.map(t => markup`<code>${t}</code>`),
      ', '
    )
    lines.push(pruned.length ? markup`Pruned: ${codes}` : markup`Pruned: nothing`)
  }
  return lines
}

/** The image on the cluster-internal host, by digest: what a Deployment in the same cluster should pull. */
export function internalImage(stream: ImageStream | undefined, repository: string, digest: string): string {
  const base = stream?.status?.dockerImageRepository || `${INTERNAL_REGISTRY}/${repository}`
  return `${base}@${digest}`
}

/** The outputs a push and a dry run share: the references by tag, and the stream. Returns the references. */
export function setReferenceOutputs(target: Target, tags: string[]): string[] {
  const refs = tags.map(tag => `${target.registryHost}/${target.repository}:${tag}`)
  core.setOutput('image', refs[0])
  core.setOutput('images', refs.join('\n'))
  core.setOutput('imagestream', target.repository)
  return refs
}

/**
 * Writes the job summary `build` makes. The step's work is done by then: a summary the runner cannot take is
 * worth a warning (`outcome` says what stands all the same), not a failed step.
 */
export async function writeSummaryOrWarn(build: () => typeof core.summary, outcome = ''): Promise<void> {
  try {
    await build().write()
  } catch (err) {
    core.warning(`The job summary could not be written (${messageOf(err)})${outcome}.`)
  }
}

export async function report(pushed: PushReport): Promise<void> {
  const { registryHost, repository } = pushed.target
  const refs = setReferenceOutputs(pushed.target, pushed.tags)
  const internal = internalImage(pushed.stream, repository, pushed.digest)
  core.setOutput('digest', pushed.digest)
  core.setOutput('image-by-digest', `${registryHost}/${repository}@${pushed.digest}`)
  core.setOutput('internal-image', internal)
  core.info(`Pushed ${refs.join(', ')} (${pushed.digest}) as ${pushed.pushedBy}`)
  await writeSummaryOrWarn(() => summaryOf(pushed, internal), '; the push itself succeeded')
}

function summaryOf(report: PushReport, internal: string): typeof core.summary {
  const { registryHost, repository } = report.target
  const short = report.digest.slice(0, 19)
  const rows = report.tags.map(tag => [
    { data: markup`<code>${tag}</code>` },
    { data: markup`<code>${short}…</code>` },
    { data: markup`<code>docker pull ${registryHost}/${repository}:${tag}</code>` }
  ])
  return core.summary
    .addHeading(`Pushed ${repository} to Rahti`, 3)
    .addTable([
      [
        { data: 'Tag', header: true },
        { data: 'Digest', header: true },
        { data: 'Pull', header: true }
      ],
      ...rows
    ])
    .addList([
      markup`Digest: <code>${report.digest}</code>`,
      markup`ImageStream: <code>${repository}</code>${report.streamCreated ? ' (created by this run)' : ''}`,
      markup`In the cluster: <code>${internal}</code>`,
      markup`Pushed by: <code>${report.pushedBy}</code>${report.tokenExchanged ? ' with a short-lived token' : ''}`,
      ...(report.ocVersion ? [`oc: ${report.ocVersion}`] : []),
      ...settingsLines(report.settings, repository),
      ...(report.signature?.lines ?? [])
    ])
    .addRaw(
      report.signature
        ? markup`<details><summary>How to verify the signature</summary>${report.signature.details}</details>`
        : '',
      true
    )
    .addDetails(
      'Steps',
      joinHtml(
        report.steps.map(s => `${s.name}: ${s.ms} ms`),
        markup`<br>`
      )
    )
}

/** A step with nothing to do: no token where GitHub gives no secrets. It says why, and sets no output. */
export async function reportSkipped(why: string): Promise<void> {
  const message = `Skipped: 'token' is empty because ${why}. Nothing was checked or pushed; set 'require-token: true' to fail here instead.`
  core.notice(message)
  await writeSummaryOrWarn(() => core.summary.addHeading('Push to Rahti skipped', 3).addRaw(message, true))
}
