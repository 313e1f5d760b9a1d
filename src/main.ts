// The main step: each stage a call into its module, grouped and timed in the log.
// inputs -> oc -> identity -> token exchange -> preflight -> stream -> login -> push -> retag -> verify -> report
import * as core from '@actions/core'
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { DockerEngine } from './engines/docker.js'
import { getInputs, type Inputs } from './inputs.js'
import type { OcInstallation } from './oc/install.js'
import { writeKubeconfig } from './oc/kubeconfig.js'
import { OpenShiftApi } from './openshift/api.js'
import { exchangeToken, whoAmI } from './openshift/identity.js'
import { createImageStream } from './openshift/imagestream.js'
import { preflight } from './preflight.js'
import { pushOnce, retag, verifyTags } from './publish.js'
import { RegistryClient } from './registry/client.js'
import { report } from './report.js'
import { saveState, type SavedState } from './state.js'
import { UserError } from './util/errors.js'
import { HttpClient } from './util/http.js'

type Steps = { name: string; ms: number }[]

async function step<T>(steps: Steps, name: string, fn: () => Promise<T> | T): Promise<T> {
  const started = Date.now()
  const result = await core.group(name, async () => fn())
  const ms = Date.now() - started
  steps.push({ name, ms })
  core.info(`${name}: ${ms} ms`)
  return result
}

export async function main(): Promise<void> {
  // Saved first, so that the post step runs its clean-up whatever happens below.
  const state: SavedState = { isPost: true, logout: true }
  saveState(state)
  const steps: Steps = []
  const inputs = await step(steps, 'Read inputs', () => getInputs())
  state.logout = inputs.logout

  const oc = await step(steps, 'Install oc', () => installOrSkipOc(inputs))
  const http = new HttpClient(inputs.trust)
  try {
    await push(inputs, http, state, steps, oc)
  } finally {
    http.close()
  }
}

async function installOrSkipOc(inputs: Inputs): Promise<OcInstallation | undefined> {
  if (inputs.ocVersion.kind === 'none') {
    core.info("Skipped: 'oc-version' is none")
    return undefined
  }
  // Loaded only when asked for: the installer and the tool cache are a third of the start-up of a push.
  const { installOc } = await import('./oc/install.js')
  const oc = await installOc(inputs.ocVersion, inputs.ocMirror)
  if (!oc) return undefined
  core.setOutput('oc-path', oc.path)
  core.setOutput('oc-version', oc.version)
  return oc
}

async function push(
  inputs: Inputs,
  http: HttpClient,
  state: SavedState,
  steps: Steps,
  oc: OcInstallation | undefined
): Promise<void> {
  const given = new OpenShiftApi(inputs.server, inputs.token, http)
  const identity = await step(steps, 'Identify the token', async () => {
    const who = await whoAmI(given, inputs.token)
    core.info(`Token of ${who.username}`)
    return who
  })
  const project = inputs.project ?? identity.serviceAccount?.namespace
  if (!project) {
    throw new UserError(
      `The token belongs to ${identity.username}, not to a service account, so the project cannot be inferred. Set the 'project' input to the Rahti project (namespace) to push to.`
    )
  }

  // The exchange and the preflight ask independent questions of the same identity: one wait for both.
  const [exchange, plan] = await step(steps, 'Preflight and token exchange', async () => {
    const [exchange, plan] = await Promise.all([
      exchangeToken(given, identity, inputs.token, inputs.tokenDuration),
      preflight({
        inputs,
        api: given,
        http,
        identity,
        project,
        engine: new DockerEngine(undefined)
      })
    ])
    core.info(
      `Registry ${plan.registry}; ImageStream ${project}/${inputs.image} ${plan.exists ? 'exists' : 'is missing'}`
    )
    return [exchange, plan] as const
  })
  const api = exchange.exchanged ? given.withToken(exchange.token) : given
  const registry = new RegistryClient(plan.registry, exchange.token, http)

  let { stream } = plan
  let streamCreated = false
  if (!plan.exists) {
    // The registry answers a manifest HEAD with 500 while the stream is missing, which stops
    // containerd-based pushers; creating it first makes every engine work.
    await step(steps, 'Create the ImageStream', async () => {
      const created = await createImageStream(api, project, inputs.image)
      stream = created.stream ?? stream
      streamCreated = created.createdHere
      core.info(created.createdHere ? `Created ${project}/${inputs.image}` : 'Another job created it first')
    })
  }

  const target = { registry: plan.registry, repository: `${project}/${inputs.image}` }
  const engine = await step(steps, `Log in to ${target.registry}`, async () => {
    if (inputs.logout) {
      // The job's own config directory: the credentials never touch ~/.docker and the post step deletes them.
      state.dockerConfig = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'rahti-docker-'))
    }
    state.registry = target.registry
    saveState(state)
    const engine = new DockerEngine(state.dockerConfig)
    await engine.login(target.registry, exchange.token)
    return engine
  })

  const [first, ...others] = inputs.tags.map(t => t.tag)
  const digest = await step(steps, `Push ${target.repository}:${first}`, async () => {
    const digest = await pushOnce(engine, registry, inputs.source, target, first)
    core.info(`Digest ${digest}`)
    return digest
  })
  if (others.length > 0) {
    await step(steps, `Tag ${others.join(', ')}`, () => retag(registry, target.repository, digest, others))
    // The first tag was read back by the push itself; the others are checked once all are in place.
    await step(steps, 'Verify the tags', () => verifyTags(registry, target.repository, digest, others))
  }

  const kubeconfig = await step(steps, 'Write the kubeconfig', () =>
    writeKubeconfig(
      {
        server: inputs.server.toString().replace(/\/$/, ''),
        token: exchange.token,
        namespace: project,
        user: identity.username,
        caPem: inputs.trust.caPem,
        insecureSkipTlsVerify: inputs.trust.insecureSkipTlsVerify
      },
      process.env.RUNNER_TEMP || os.tmpdir()
    )
  )
  state.kubeconfig = kubeconfig
  saveState(state)
  core.exportVariable('KUBECONFIG', kubeconfig)

  await report({
    ...target,
    digest,
    tags: [first, ...others],
    stream,
    streamCreated,
    pushedBy: identity.username,
    tokenExchanged: exchange.exchanged,
    ocVersion: oc?.version,
    steps
  })
}
