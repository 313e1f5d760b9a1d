// The preflight: every independent question asked at once, and no upload or creation until all say yes.
// It settles the registry host, whether the ImageStream exists, and that this identity may push (and create);
// when it may not, the error names the exact grant that would fix it.
import type { Engine, SourceImage } from './engines/engine.js'
import { DEFAULT_REGISTRY, DEFAULT_SERVER, type Inputs } from './inputs.js'
import type { OpenShiftApi } from './openshift/api.js'
import type { Identity } from './openshift/identity.js'
import { discoverRegistryHost, getImageStream, hostOf, type ImageStream } from './openshift/imagestream.js'
import { RegistryClient } from './registry/client.js'
import { checkTagReferences } from './registry/reference.js'
import { UserError } from './util/errors.js'
import type { HttpTransport } from './util/http.js'
import type { RetryPolicy } from './util/retry.js'

export interface Plan {
  registryHost: string
  /** Whether the ImageStream exists already; when not, the caller creates it. */
  exists: boolean
  stream?: ImageStream
  /** The source, resolved once to its immutable identity: what the registry must end up holding. */
  source: SourceImage
}

export interface PreflightContext {
  inputs: Inputs
  /** The API with the token as given: the preflight runs alongside the exchange, for the same identity. */
  api: OpenShiftApi
  transport: HttpTransport
  identity: Identity
  project: string
  engine: Engine
  retry: RetryPolicy
}

export interface Permissions {
  push: boolean
  createStream: boolean
}

export async function preflight(ctx: PreflightContext): Promise<Plan> {
  const { inputs, api, identity, project } = ctx
  const [permissions, lookup, discovered, source] = await Promise.all([
    checkPermissions(api, project, inputs.image),
    getImageStream(api, project, inputs.image),
    inputs.registry ? Promise.resolve(undefined) : discoverRegistryHost(api, project),
    ctx.engine.resolveSource(inputs.source)
  ])
  if (!source) {
    throw new UserError(
      `Input 'source': the local image '${inputs.source}' does not exist. Build or pull it earlier in the job, or set 'source' to the image to push.`
    )
  }
  const stream = lookup.state === 'present' ? lookup.stream : undefined
  const registryHost =
    inputs.registry ??
    hostOf(stream?.status?.publicDockerImageRepository) ??
    discovered ??
    defaultRegistry(inputs)
  checkTagReferences(inputs.tags, registryHost, project, inputs.image)
  if (!permissions.push) throw pushDenied(identity, project, inputs.image)
  // system:image-pusher may not read ImageStreams; the registry still tells whether the repository exists.
  const exists =
    lookup.state === 'unknown'
      ? await new RegistryClient(registryHost, inputs.token, ctx.transport, ctx.retry).repositoryExists(
          `${project}/${inputs.image}`
        )
      : lookup.state === 'present'
  if (!exists && !inputs.createImageStream) throw creationDisabled(project, inputs.image)
  if (!exists && !permissions.createStream) throw createDenied(identity, project, inputs.image)
  return { registryHost, exists, stream, source }
}

/**
 * Rahti's registry for Rahti's API; another cluster that reports no public registry host (no route for its
 * registry, or none this account may see) must be told which it is.
 */
function defaultRegistry(inputs: Inputs): string {
  if (inputs.server.origin === new URL(DEFAULT_SERVER).origin) return DEFAULT_REGISTRY
  throw new UserError(
    `Input 'registry': needed for ${inputs.server.origin}, which reports no public registry host (its ImageStreams have no publicDockerImageRepository). Set it to the registry's route, e.g. the host of \`oc get route default-route -n openshift-image-registry\`.`
  )
}

/** The two questions of the preflight, asked at once: they are independent round trips. */
export async function checkPermissions(
  api: OpenShiftApi,
  project: string,
  image: string
): Promise<Permissions> {
  const [push, createStream] = await Promise.all([
    api.mayI({
      namespace: project,
      verb: 'update',
      group: 'image.openshift.io',
      resource: 'imagestreams',
      subresource: 'layers',
      name: image
    }),
    api.mayI({ namespace: project, verb: 'create', group: 'image.openshift.io', resource: 'imagestreams' })
  ])
  return { push, createStream }
}

/** How `oc policy add-role-to-user` names this identity: `-z sa` inside its own project. */
export function grantCommand(role: string, identity: Identity, project: string): string {
  const sa = identity.serviceAccount
  const who = sa && sa.namespace === project ? `-z ${sa.name}` : identity.username
  return `oc policy add-role-to-user ${role} ${who} -n ${project}`
}

export function pushDenied(identity: Identity, project: string, image: string): UserError {
  return new UserError(
    `${identity.username} may not push to ${project}/${image} (no update on imagestreams/layers). ` +
      `Have a project admin run \`${grantCommand('system:image-pusher', identity, project)}\`, or check that 'project' is right.`
  )
}

export function createDenied(identity: Identity, project: string, image: string): UserError {
  return new UserError(
    `The ImageStream ${project}/${image} does not exist, and ${identity.username} may not create it (system:image-pusher cannot create ImageStreams). ` +
      `Have a project admin run \`oc create imagestream ${image} -n ${project}\` once, or grant \`${grantCommand('system:image-builder', identity, project)}\`.`
  )
}

export function creationDisabled(project: string, image: string): UserError {
  return new UserError(
    `The ImageStream ${project}/${image} does not exist and 'create-imagestream' is false. Create it with \`oc create imagestream ${image} -n ${project}\`, or set 'create-imagestream: true'.`
  )
}
