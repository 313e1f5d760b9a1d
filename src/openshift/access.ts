// What the identity may do, asked of the API (SelfSubjectAccessReview) rather than guessed from role
// names, and turned into a plan, or into an error that names the exact grant that would fix it.
import { UserError } from '../util/errors.js'
import type { OpenShiftApi } from './api.js'
import type { Identity } from './identity.js'

export interface ResourceAttributes {
  namespace: string
  verb: string
  group: string
  resource: string
  subresource?: string
  name?: string
}

interface AccessReview {
  status?: { allowed?: boolean }
}

export async function mayI(api: OpenShiftApi, attributes: ResourceAttributes): Promise<boolean> {
  const review = await api.post<AccessReview>('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    spec: { resourceAttributes: attributes }
  })
  return review.status?.allowed === true
}

export interface Permissions {
  push: boolean
  createStream: boolean
}

/** The two questions of the preflight, asked at once: they are independent round trips. */
export async function checkPermissions(
  api: OpenShiftApi,
  project: string,
  image: string
): Promise<Permissions> {
  const layers = {
    namespace: project,
    group: 'image.openshift.io',
    resource: 'imagestreams',
    subresource: 'layers'
  }
  const [push, createStream] = await Promise.all([
    mayI(api, { ...layers, verb: 'update', name: image }),
    mayI(api, { namespace: project, verb: 'create', group: 'image.openshift.io', resource: 'imagestreams' })
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
