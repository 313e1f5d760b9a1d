// The main step: each stage a call into its module, grouped and timed in the log.
// inputs -> oc -> identity -> token exchange -> preflight -> stream -> login -> push -> retag -> verify -> report
import * as core from '@actions/core'
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { DockerEngine } from './engines/docker.js'
import { DEFAULT_REGISTRY, getInputs, type Inputs } from './inputs.js'
import { installOc, type OcInstallation } from './oc/install.js'
import { writeKubeconfig } from './oc/kubeconfig.js'
import { checkPermissions, createDenied, creationDisabled, pushDenied } from './openshift/access.js'
import { OpenShiftApi } from './openshift/api.js'
import { exchangeToken, whoAmI, type Identity } from './openshift/identity.js'
import {
  createImageStream,
  discoverRegistryHost,
  getImageStream,
  hostOf,
  type ImageStream
} from './openshift/imagestream.js'
import { RegistryClient } from './registry/client.js'
import { checkTagReferences } from './registry/reference.js'
import { saveState, type SavedState } from './state.js'
import { UserError } from './util/errors.js'
import { HttpClient } from './util/http.js'
import { writeSummary } from './util/summary.js'

const INTERNAL_REGISTRY = 'image-registry.openshift-image-registry.svc:5000'

interface Timings {
  steps: { name: string; ms: number }[]
}

async function step<T>(timings: Timings, name: string, fn: () => Promise<T> | T): Promise<T> {
  const started = Date.now()
  const result = await core.group(name, async () => fn())
  const ms = Date.now() - started
  timings.steps.push({ name, ms })
  core.info(`${name}: ${ms} ms`)
  return result
}

export async function main(): Promise<void> {
  const state: SavedState = { isPost: true, logout: true }
  saveState(state)
  const timings: Timings = { steps: [] }
  const inputs = await step(timings, 'Read inputs', () => getInputs())
  state.logout = inputs.logout

  const oc = await step(timings, 'Install oc', () => installOrSkipOc(inputs))
  const http = new HttpClient(inputs.trust)
  try {
    await push(inputs, http, state, timings, oc)
  } finally {
    http.close()
  }
}

async function installOrSkipOc(inputs: Inputs): Promise<OcInstallation | undefined> {
  const oc = await installOc(inputs.ocVersion, inputs.ocMirror)
  if (!oc) {
    core.info("Skipped: 'oc-version' is none")
    return undefined
  }
  core.setOutput('oc-path', oc.path)
  core.setOutput('oc-version', oc.version)
  return oc
}

async function push(
  inputs: Inputs,
  http: HttpClient,
  state: SavedState,
  timings: Timings,
  oc: OcInstallation | undefined
): Promise<void> {
  const given = new OpenShiftApi(inputs.server, inputs.token, http)
  const identity = await step(timings, 'Identify the token', async () => {
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

  const exchange = await step(timings, 'Exchange the token', () =>
    exchangeToken(given, identity, inputs.token, inputs.tokenDuration)
  )
  const api = exchange.exchanged ? given.withToken(exchange.token) : given
  const engine = new DockerEngine(undefined)

  // Preflight: every independent question at once, and no upload or creation until all say yes.
  const plan = await step(timings, 'Preflight', async () => {
    const [permissions, lookup, discovered, hasSource] = await Promise.all([
      checkPermissions(api, project, inputs.image),
      getImageStream(api, project, inputs.image),
      inputs.registry ? Promise.resolve(undefined) : discoverRegistryHost(api, project),
      engine.hasImage(inputs.source)
    ])
    if (!hasSource) {
      throw new UserError(
        `Input 'source': the local image '${inputs.source}' does not exist. Build or pull it earlier in the job, or set 'source' to the image to push.`
      )
    }
    const stream = lookup.state === 'present' ? lookup.stream : undefined
    const registry =
      inputs.registry ?? hostOf(stream?.status?.publicDockerImageRepository) ?? discovered ?? DEFAULT_REGISTRY
    checkTagReferences(inputs.tags, registry, project, inputs.image)
    if (!permissions.push) throw pushDenied(identity, project, inputs.image)
    const registryClient = new RegistryClient(registry, exchange.token, http)
    // system:image-pusher may not read ImageStreams; the registry still tells whether the repository exists.
    const exists =
      lookup.state === 'unknown'
        ? await registryClient.repositoryExists(`${project}/${inputs.image}`)
        : lookup.state === 'present'
    if (!exists && !inputs.createImageStream) throw creationDisabled(project, inputs.image)
    if (!exists && !permissions.createStream) throw createDenied(identity, project, inputs.image)
    core.info(
      `Registry ${registry}; ImageStream ${project}/${inputs.image} ${exists ? 'exists' : 'is missing'}`
    )
    return { registry, registryClient, exists, stream }
  })

  let stream: ImageStream | undefined = plan.stream
  let streamCreated = false
  if (!plan.exists) {
    // The registry answers a manifest HEAD with 500 while the stream is missing, which stops
    // containerd-based pushers; creating it first makes every engine work.
    await step(timings, 'Create the ImageStream', async () => {
      const created = await createImageStream(api, project, inputs.image)
      stream = created.stream ?? stream
      streamCreated = created.createdHere
      core.info(created.createdHere ? `Created ${project}/${inputs.image}` : 'Another job created it first')
    })
  }

  const repository = `${project}/${inputs.image}`
  const { registry, registryClient } = plan
  await step(timings, `Log in to ${registry}`, async () => {
    if (inputs.logout) {
      // The job's own config directory: the credentials never touch ~/.docker and the post step deletes them.
      state.dockerConfig = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'rahti-docker-'))
    }
    state.registry = registry
    saveState(state)
    await new DockerEngine(state.dockerConfig).login(registry, exchange.token)
  })

  const [first, ...others] = inputs.tags.map(t => t.tag)
  const loggedIn = new DockerEngine(state.dockerConfig)
  const digest = await step(timings, `Push ${repository}:${first}`, async () => {
    const reported = await loggedIn.push(inputs.source, `${registry}/${repository}:${first}`)
    const digest = await registryClient.resolveTag(repository, first)
    if (!digest)
      throw new UserError(
        `The push of ${repository}:${first} reported success, but the registry does not list the tag. Run the step again; if it persists, report it to Rahti support.`
      )
    if (reported && reported !== digest)
      core.warning(`docker reported ${reported}, the registry ${digest}; using the registry's`)
    core.info(`Digest ${digest}`)
    return digest
  })

  if (others.length > 0) {
    await step(timings, `Tag ${others.join(', ')}`, async () => {
      const manifest = await registryClient.getManifest(repository, digest)
      await Promise.all(
        others.map(async tag => {
          const put = await registryClient.putManifest(repository, tag, manifest)
          if (put !== digest)
            throw new UserError(
              `The registry stored ${repository}:${tag} as ${put}, not ${digest}. Run the step again.`
            )
        })
      )
    })
  }

  await step(timings, 'Verify the tags', async () => {
    const seen = await Promise.all(inputs.tags.map(t => registryClient.resolveTag(repository, t.tag)))
    const wrong = inputs.tags.filter((_t, i) => seen[i] !== digest).map(t => t.tag)
    if (wrong.length > 0) {
      throw new UserError(
        `The ImageStream ${repository} does not list ${wrong.join(', ')} at ${digest} after the push. Run the step again; another job may be pushing the same tags.`
      )
    }
  })

  const kubeconfig = await step(timings, 'Write the kubeconfig', () =>
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

  report(inputs, identity, {
    registry,
    repository,
    digest,
    stream,
    streamCreated,
    exchanged: exchange.exchanged
  })
  await writeSummary({
    imagestream: repository,
    registry,
    repository,
    digest,
    tags: inputs.tags.map(t => t.tag),
    internalImage: internalImage(stream, repository, digest),
    pushedBy: identity.username,
    tokenExchanged: exchange.exchanged,
    streamCreated,
    ocVersion: oc?.version,
    steps: timings.steps
  })
}

function internalImage(stream: ImageStream | undefined, repository: string, digest: string): string {
  const base = stream?.status?.dockerImageRepository || `${INTERNAL_REGISTRY}/${repository}`
  return `${base}@${digest}`
}

interface Pushed {
  registry: string
  repository: string
  digest: string
  stream?: ImageStream
  streamCreated: boolean
  exchanged: boolean
}

function report(inputs: Inputs, identity: Identity, pushed: Pushed): void {
  const refs = inputs.tags.map(t => `${pushed.registry}/${pushed.repository}:${t.tag}`)
  core.setOutput('digest', pushed.digest)
  core.setOutput('image', refs[0])
  core.setOutput('images', refs.join('\n'))
  core.setOutput('image-by-digest', `${pushed.registry}/${pushed.repository}@${pushed.digest}`)
  core.setOutput('internal-image', internalImage(pushed.stream, pushed.repository, pushed.digest))
  core.setOutput('imagestream', pushed.repository)
  core.info(`Pushed ${refs.join(', ')} (${pushed.digest}) as ${identity.username}`)
}
