// The preflight: every independent question asked at once, and no upload or creation until all say yes.
// It settles the registry host, whether the ImageStream exists, and that this identity may push (and create);
// when it may not, the error names the exact grant that would fix it.
import type { Engine, SourceImage } from '../engines/engine.js'
import type { ChosenEngine } from '../engines/factory.js'
import type { Manifest } from '../image/oci.js'
import { checkPlatform } from '../image/platform.js'
import { resolveRemoteSource } from '../image/remote.js'
import { parseSource, type RemoteImage, remoteOf, type SourceSpec } from '../image/source.js'
import type { OpenShiftApi, ResourceAttributes } from '../openshift/api.js'
import type { Identity } from '../openshift/identity.js'
import { discoverRegistryHost, getImageStream, hostOf, type ImageStream } from '../openshift/imagestream.js'
import { RegistryClient } from '../registry/client.js'
import { checkTagReferences } from '../registry/reference.js'
import { UserError } from '../util/errors.js'
import type { HttpTransport } from '../util/http.js'
import type { RetryPolicy } from '../util/retry.js'
import { settle, unwrap } from '../util/settle.js'
import { DEFAULT_REGISTRY, DEFAULT_SERVER, type Inputs } from './inputs.js'
import { type Promotion, resolvePromotion } from './promote.js'
import { checkRollout, type PlannedWorkload } from './rollout.js'

export interface Plan {
  registryHost: string
  /** Whether the ImageStream exists already; when not, the caller creates it. */
  exists: boolean
  stream?: ImageStream
  /** The source, resolved once to its immutable identity: what the registry must end up holding. */
  source: SourceImage
  /** Set when the source is on this registry: the copy happens on the server. */
  promotion?: Promotion
  /** The engine chosen for the source. */
  engine: Engine
  /** The workloads the `rollout` input names, read, with what the rollout will do to each. */
  rollout?: PlannedWorkload[]
  /**
   * The tags' manifests, read from the registry in the preflight's round (PushContext.tagManifests). Set only when
   * the registry was known before any answer and turned out to be the one pushed to, and the stream exists.
   */
  tagManifests?: Promise<Map<string, Manifest | undefined>>
}

export interface PreflightContext {
  inputs: Inputs
  /** The API with the token as given: the preflight runs alongside the exchange, for the same identity. */
  api: OpenShiftApi
  transport: HttpTransport
  identity: Identity
  project: string
  /**
   * The engine for the source, being chosen while the cluster is asked (with the source, when choosing it
   * resolved it already).
   */
  engine: Promise<ChosenEngine>
  retry: RetryPolicy
}

export interface Permissions {
  push: boolean
  createStream: boolean
}

export async function preflight(ctx: PreflightContext): Promise<Plan> {
  const { inputs, api, identity, project } = ctx
  const spec = parseSource(inputs.source)
  // The registry is known before any answer when it is given, or is Rahti's own for Rahti's API. Then the
  // registry's word on whether the repository exists is asked in the same round, for an account that may not
  // read ImageStreams (system:image-pusher): a round trip saved, at the cost of a request that may go unused.
  const knownHost = inputs.registry ?? (isRahti(inputs) ? DEFAULT_REGISTRY : undefined)
  const repository = `${project}/${inputs.image}`
  const early = knownHost ? new RegistryClient(knownHost, inputs.token, ctx.transport, ctx.retry) : undefined
  const registryAnswer = early ? settle(early.repositoryExists(repository)) : undefined
  // What each tag points at now, asked in the same round for Docker's mover (docker-layers.ts), which reads the
  // tags first thing: a round trip off the push, at any distance. It is asked before the answers below confirm
  // the rights, which is harmless: a manifest GET changes nothing and needs only pull rights, which the registry
  // checks itself. It is used only when the registry turns out to be this one and the stream exists; otherwise it
  // goes unused, as it does for an engine that does not read the tags (Docker's containerd store, Podman: the
  // engine is still being chosen), a GET per tag spent. A tag that already holds the source is then read once in
  // the whole run, here: that read is its read-back (see pushFirstTag).
  const tagManifests =
    early && spec.kind === 'local' && mayBeDocker(inputs) ? readTags(early, repository, inputs) : undefined
  // The rollout's rights and workloads are asked in the same round; its answer waits until the push's own
  // refusals, which come first, have been looked at.
  const rolloutAnswer = inputs.rollout
    ? settle(
        checkRollout(api, project, inputs.rollout, {
          project,
          image: inputs.image,
          tags: inputs.tags.map(t => t.tag)
        })
      )
    : undefined
  const [permissions, lookup, discovered, resolved, missingRole] = await Promise.all([
    checkPermissions(api, project, inputs.image),
    getImageStream(api, project, inputs.image),
    knownHost ? Promise.resolve(undefined) : discoverRegistryHost(api, project),
    ctx.engine.then(chosen => sourceOf(chosen, spec, inputs.source)),
    missingSettingsRole(ctx)
  ])
  const { engine, remote } = resolved
  const stream = lookup.state === 'present' ? lookup.stream : undefined
  const registryHost =
    inputs.registry ??
    hostOf(stream?.status?.publicDockerImageRepository) ??
    discovered ??
    defaultRegistry(inputs)
  let source = resolved.source
  let promotion: Promotion | undefined
  if (remote && remote.host === registryHost) {
    const client = new RegistryClient(registryHost, inputs.token, ctx.transport, ctx.retry)
    const found = await resolvePromotion(client, remote, inputs.source)
    source = found?.source
    promotion = found?.promotion
  } else if (remote) {
    // Read with the action's own client: the credentials stay in memory, the calls have the API's deadline.
    const credentials = inputs.sourceCredentials
    const client = RegistryClient.forSource(remote.host, credentials, ctx.transport, ctx.retry)
    source = await resolveRemoteSource(client, remote, inputs.source, credentials !== undefined)
  }
  if (!source) throw sourceMissing(spec, engine.name)
  checkPlatform(source, inputs.platform)
  checkTagReferences(inputs.tags, registryHost, project, inputs.image)
  if (!permissions.push) throw pushDenied(identity, project, inputs.image)
  if (missingRole) throw settingsDenied(identity, project, missingRole)
  const rollout = rolloutAnswer ? unwrap(await rolloutAnswer) : undefined
  if (rollout && 'missing' in rollout) throw rolloutDenied(identity, project, rollout.missing)
  // system:image-pusher may not read ImageStreams; the registry still tells whether the repository exists.
  const exists =
    lookup.state === 'unknown'
      ? registryHost === knownHost && registryAnswer
        ? unwrap(await registryAnswer)
        : await new RegistryClient(registryHost, inputs.token, ctx.transport, ctx.retry).repositoryExists(
            repository
          )
      : lookup.state === 'present'
  if (!exists && !inputs.createImageStream) throw creationDisabled(project, inputs.image)
  if (!exists && !permissions.createStream) throw createDenied(identity, project, inputs.image)
  return {
    registryHost,
    exists,
    stream,
    source,
    promotion,
    engine,
    ...(rollout ? { rollout: rollout.planned } : {}),
    ...(tagManifests && registryHost === knownHost && exists && !promotion ? { tagManifests } : {})
  }
}

/** Whether the engine may be Docker, whose mover reads the tags (the choice itself is made meanwhile). */
function mayBeDocker(inputs: Inputs): boolean {
  return inputs.engine === 'auto' || inputs.engine === 'docker'
}

/** Each tag's manifest, all at once; one that cannot be read is left out (the mover then asks for it itself). */
function readTags(
  client: RegistryClient,
  repository: string,
  inputs: Inputs
): Promise<Map<string, Manifest | undefined>> {
  return Promise.all(
    inputs.tags.map(async ({ tag }) => {
      const manifest = await client.findManifest(repository, tag).then(
        found => ({ found }),
        () => undefined
      )
      return [tag, manifest] as const
    })
  ).then(answers => {
    const known = new Map<string, Manifest | undefined>()
    for (const [tag, answer] of answers) if (answer) known.set(tag, answer.found)
    return known
  })
}

/**
 * The engine's source, resolved as soon as the engine is chosen. A remote source may be on this very registry
 * (a promotion), which is known only after the discovery: that one is resolved later.
 */
async function sourceOf(
  chosen: ChosenEngine,
  spec: SourceSpec,
  reference: string
): Promise<{ engine: Engine; remote?: RemoteImage; source?: SourceImage }> {
  const remote = chosen.engine.name === 'skopeo' ? remoteOf(spec) : undefined
  if (remote) return { engine: chosen.engine, remote }
  return { engine: chosen.engine, source: chosen.source ?? (await chosen.engine.resolveSource(reference)) }
}

function sourceMissing(spec: SourceSpec, engine: string): UserError {
  const remote = remoteOf(spec)
  if (spec.kind === 'transport' && spec.path) {
    return new UserError(
      `Input 'source': ${spec.reference} cannot be read: ${spec.path} does not exist or holds no such image. Check the path (relative to the job's working directory) and the name after it.`
    )
  }
  if (remote && engine === 'skopeo') {
    return new UserError(
      `Input 'source': ${remote.host} has no image ${remote.repository}${remote.digest ? `@${remote.digest}` : `:${remote.tag}`}. Check the name and tag, and that it was pushed there.`
    )
  }
  return new UserError(
    `Input 'source': the image '${spec.reference}' is not in ${engine === 'docker' ? 'the Docker engine' : `${engine}'s storage`}. Build or pull it earlier in the job, or set 'source' to the image to push.`
  )
}

function isRahti(inputs: Inputs): boolean {
  return inputs.server.origin === new URL(DEFAULT_SERVER).origin
}

/**
 * Rahti's registry for Rahti's API; another cluster that reports no public registry host (no route for its
 * registry, or none this account may see) must be told which it is.
 */
function defaultRegistry(inputs: Inputs): string {
  if (isRahti(inputs)) return DEFAULT_REGISTRY
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

/** What a setting needs, and the role that holds it. */
interface SettingRight {
  /** The input that asks for it, as the error names it. */
  input: string
  role: 'admin' | 'edit'
  what: string
  checks: Omit<ResourceAttributes, 'namespace'>[]
}

const rbac = (verb: string, resource: string) => ({ verb, group: 'rbac.authorization.k8s.io', resource })

/** The rights the access, lookup and prune inputs need, in the order the error should name them. */
export function settingRights(inputs: Inputs): SettingRight[] {
  const rights: SettingRight[] = []
  const access = inputs.access
  if (access.visibility !== undefined || access.pullProjects !== undefined) {
    rights.push({
      input: access.visibility !== undefined ? 'visibility' : 'pull-projects',
      role: 'admin',
      what: 'create and delete Roles and RoleBindings',
      checks: [
        ...['roles', 'rolebindings'].flatMap(r => [rbac('create', r), rbac('delete', r)]),
        // Who may pull is then asked of the cluster about others, which only the project's admin may.
        { verb: 'create', group: 'authorization.k8s.io', resource: 'localsubjectaccessreviews' }
      ]
    })
  }
  if (access.localLookup !== undefined) {
    rights.push({
      input: 'local-lookup',
      role: 'edit',
      what: 'patch ImageStreams',
      checks: [{ verb: 'patch', group: 'image.openshift.io', resource: 'imagestreams', name: inputs.image }]
    })
  }
  if (inputs.prune) {
    rights.push({
      input: 'prune',
      role: 'edit',
      what: 'delete ImageStreamTags',
      checks: [{ verb: 'delete', group: 'image.openshift.io', resource: 'imagestreamtags' }]
    })
  }
  return rights
}

/** The first setting whose rights the identity lacks, or undefined; every question asked at once. */
async function missingSettingsRole({
  api,
  project,
  inputs
}: PreflightContext): Promise<SettingRight | undefined> {
  const rights = settingRights(inputs)
  const answers = await Promise.all(
    rights.map(r => Promise.all(r.checks.map(c => api.mayI({ namespace: project, ...c }))))
  )
  return rights.find((_, i) => answers[i].includes(false))
}

export function settingsDenied(identity: Identity, project: string, right: SettingRight): UserError {
  return new UserError(
    `Input '${right.input}': ${identity.username} may not ${right.what} in ${project}, which this needs (the project's ${right.role} role). ` +
      `Have a project admin run \`${grantCommand(right.role, identity, project)}\`, or leave '${right.input}' empty. Nothing was uploaded.`
  )
}

export function rolloutDenied(identity: Identity, project: string, missing: string): UserError {
  return new UserError(
    `Input 'rollout': ${identity.username} may not ${missing} in ${project}, which rolling out needs (the project's edit role). ` +
      `Have a project admin run \`${grantCommand('edit', identity, project)}\`, or leave 'rollout' empty. Nothing was uploaded.`
  )
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
