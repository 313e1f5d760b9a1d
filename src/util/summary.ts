// The job summary: what was pushed, where, by whom, and how long each step took.
import * as core from '@actions/core'

export interface PushReport {
  imagestream: string
  registry: string
  repository: string
  digest: string
  tags: string[]
  internalImage: string
  pushedBy: string
  tokenExchanged: boolean
  streamCreated: boolean
  ocVersion?: string
  steps: { name: string; ms: number }[]
}

export async function writeSummary(report: PushReport): Promise<void> {
  const short = report.digest.slice(0, 19)
  const rows = report.tags.map(tag => [
    { data: `<code>${tag}</code>` },
    { data: `<code>${short}…</code>` },
    { data: `<code>docker pull ${report.registry}/${report.repository}:${tag}</code>` }
  ])
  core.summary
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
      `Digest: <code>${report.digest}</code>`,
      `ImageStream: <code>${report.imagestream}</code>${report.streamCreated ? ' (created by this run)' : ''}`,
      `In the cluster: <code>${report.internalImage}</code>`,
      `Pushed by: <code>${report.pushedBy}</code>${report.tokenExchanged ? ' with a short-lived token' : ''}`,
      ...(report.ocVersion ? [`oc: ${report.ocVersion}`] : [])
    ])
    .addDetails('Steps', report.steps.map(s => `${s.name}: ${s.ms} ms`).join('<br>'))
  await core.summary.write()
}
