// The preflight: every independent question asked at once, and no upload or creation until all say yes.
// It settles the registry host, whether the ImageStream exists, and that this identity may push (and create).
import type { Engine } from './engines/engine.js'
import { DEFAULT_REGISTRY, type Inputs } from './inputs.js'
import { checkPermissions, createDenied, creationDisabled, pushDenied } from './openshift/access.js'
import type { OpenShiftApi } from './openshift/api.js'
import type { Identity } from './openshift/identity.js'
import { discoverRegistryHost, getImageStream, hostOf, type ImageStream } from './openshift/imagestream.js'
import type { HttpClient } from './util/http.js'
import { RegistryClient } from './registry/client.js'
import { checkTagReferences } from './registry/reference.js'
import { UserError } from './util/errors.js'

export interface Plan {
  registry: string
  /** Whether the ImageStream exists already; when not, the caller creates it. */
  exists: boolean
  stream?: ImageStream
}

export interface PreflightContext {
  inputs: Inputs
  api: OpenShiftApi
  http: HttpClient
  identity: Identity
  project: string
  engine: Engine
}

export async function preflight(ctx: PreflightContext): Promise<Plan> {
  const { inputs, api, identity, project } = ctx
  const [permissions, lookup, discovered, hasSource] = await Promise.all([
    checkPermissions(api, project, inputs.image),
    getImageStream(api, project, inputs.image),
    inputs.registry ? Promise.resolve(undefined) : discoverRegistryHost(api, project),
    ctx.engine.hasImage(inputs.source)
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
  // The given token: the preflight runs alongside the exchange, and the identity is the same.
  const registryClient = new RegistryClient(registry, inputs.token, ctx.http)
  // system:image-pusher may not read ImageStreams; the registry still tells whether the repository exists.
  const exists =
    lookup.state === 'unknown'
      ? await registryClient.repositoryExists(`${project}/${inputs.image}`)
      : lookup.state === 'present'
  if (!exists && !inputs.createImageStream) throw creationDisabled(project, inputs.image)
  if (!exists && !permissions.createStream) throw createDenied(identity, project, inputs.image)
  return { registry, exists, stream }
}
