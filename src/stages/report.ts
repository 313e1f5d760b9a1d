// What the step tells the workflow: its outputs, one log line, and the job summary.
import type { AccessOutcome } from '../openshift/access.js'
import type { ImageStream } from '../openshift/imagestream.js'
import type { StepTiming } from '../run/timeline.js'
import * as core from '../util/actions.js'
import { messageOf } from '../util/errors.js'
import { type Html, html, joinHtml } from '../util/html.js'

const INTERNAL_REGISTRY = 'image-registry.openshift-image-registry.svc:5000'

export interface Pushed {
  registryHost: string
  repository: string
  digest: string
  tags: string[]
  stream?: ImageStream
  streamCreated: boolean
  pushedBy: string
  tokenExchanged: boolean
  ocVersion?: string
  steps: StepTiming[]
  settings?: StreamSettings
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
    const changed = access.changes.map(c => html`${c.action}d ${c.kind} <code>${c.name}</code>`)
    lines.push(
      html`Access: ${access.access.join('; ')} (${changed.length ? joinHtml(changed, ', ') : 'unchanged'})`
    )
    for (const w of access.warnings) lines.push(html`⚠️ ${w}`)
  }
  if (localLookup) {
    const name = repository.split('/')[1]
    const state = localLookup.local
      ? html`on (a Deployment in the project may name the image <code>${name}:TAG</code>)`
      : 'off'
    lines.push(html`Local lookup: ${state}${localLookup.changed ? '' : ' (unchanged)'}`)
  }
  if (pruned) {
    const codes = joinHtml(
      pruned.map(t => html`<code>${t}</code>`),
      ', '
    )
    lines.push(pruned.length ? html`Pruned: ${codes}` : html`Pruned: nothing`)
  }
  return lines
}

/** The image on the cluster-internal host, by digest: what a Deployment in the same cluster should pull. */
export function internalImage(stream: ImageStream | undefined, repository: string, digest: string): string {
  const base = stream?.status?.dockerImageRepository || `${INTERNAL_REGISTRY}/${repository}`
  return `${base}@${digest}`
}

/** The outputs a push and a dry run share: the references by tag, and the stream. Returns the references. */
export function setReferenceOutputs(
  target: { registryHost: string; repository: string },
  tags: string[]
): string[] {
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

export async function report(pushed: Pushed): Promise<void> {
  const refs = setReferenceOutputs(pushed, pushed.tags)
  const internal = internalImage(pushed.stream, pushed.repository, pushed.digest)
  core.setOutput('digest', pushed.digest)
  core.setOutput('image-by-digest', `${pushed.registryHost}/${pushed.repository}@${pushed.digest}`)
  core.setOutput('internal-image', internal)
  core.info(`Pushed ${refs.join(', ')} (${pushed.digest}) as ${pushed.pushedBy}`)
  await writeSummaryOrWarn(() => summaryOf(pushed, internal), '; the push itself succeeded')
}

function summaryOf(report: Pushed, internal: string): typeof core.summary {
  const short = report.digest.slice(0, 19)
  const rows = report.tags.map(tag => [
    { data: html`<code>${tag}</code>` },
    { data: html`<code>${short}…</code>` },
    { data: html`<code>docker pull ${report.registryHost}/${report.repository}:${tag}</code>` }
  ])
  return core.summary
    .addHeading(`Pushed ${report.repository} to Rahti`, 3)
    .addTable([
      [
        { data: 'Tag', header: true },
        { data: 'Digest', header: true },
        { data: 'Pull', header: true }
      ],
      ...rows
    ])
    .addList([
      html`Digest: <code>${report.digest}</code>`,
      html`ImageStream:
        <code>${report.repository}</code>${report.streamCreated ? ' (created by this run)' : ''}`,
      html`In the cluster: <code>${internal}</code>`,
      html`Pushed by:
        <code>${report.pushedBy}</code>${report.tokenExchanged ? ' with a short-lived token' : ''}`,
      ...(report.ocVersion ? [`oc: ${report.ocVersion}`] : []),
      ...settingsLines(report.settings, report.repository)
    ])
    .addDetails(
      'Steps',
      joinHtml(
        report.steps.map(s => `${s.name}: ${s.ms} ms`),
        html`<br />`
      )
    )
}

/** A step with nothing to do: no token where GitHub gives no secrets. It says why, and sets no output. */
export async function reportSkipped(why: string): Promise<void> {
  const message = `Skipped: 'token' is empty because ${why}. Nothing was checked or pushed; set 'require-token: true' to fail here instead.`
  core.notice(message)
  await writeSummaryOrWarn(() => core.summary.addHeading('Push to Rahti skipped', 3).addRaw(message, true))
}
