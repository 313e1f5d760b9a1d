// API discovery: what `oc` and `kubectl` read before they dare to send anything. Every group in
// /apis must answer its resource list, as legacy discovery fetches them all.
import { type OpenShiftVersion, selfSubjectReviewVersions } from '../cluster.js'
import type { Ctx } from './context.js'
import { PATH_NOT_FOUND } from './status.js'
import { WORKLOAD_CORE, WORKLOAD_GROUPS } from './workload-routes.js'

interface Res {
  name: string
  kind: string
  namespaced: boolean
  verbs: string[]
  shortNames?: string[]
  categories?: string[]
  group?: string
  version?: string
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']

function r(name: string, kind: string, namespaced: boolean, verbs: string[], shortNames?: string[]): Res {
  return shortNames ? { name, kind, namespaced, verbs, shortNames } : { name, kind, namespaced, verbs }
}

export const GROUPS: Record<string, Res[]> = {
  'image.openshift.io': [
    r('images', 'Image', false, RW),
    r('imagesignatures', 'ImageSignature', false, ['create', 'delete']),
    r('imagestreamimages', 'ImageStreamImage', true, ['get'], ['isimage']),
    r('imagestreamimports', 'ImageStreamImport', true, ['create']),
    r('imagestreammappings', 'ImageStreamMapping', true, ['create']),
    r('imagestreams', 'ImageStream', true, RW, ['is']),
    r('imagestreams/layers', 'ImageStreamLayers', true, ['get']),
    r('imagestreams/secrets', 'SecretList', true, ['get']),
    r('imagestreams/status', 'ImageStream', true, ['get', 'patch', 'update']),
    r(
      'imagestreamtags',
      'ImageStreamTag',
      true,
      ['create', 'delete', 'get', 'list', 'patch', 'update'],
      ['istag']
    ),
    r('imagetags', 'ImageTag', true, ['create', 'delete', 'get', 'list', 'patch', 'update'], ['itag'])
  ],
  'rbac.authorization.k8s.io': [
    r('clusterrolebindings', 'ClusterRoleBinding', false, RW),
    r('clusterroles', 'ClusterRole', false, RW),
    r('rolebindings', 'RoleBinding', true, RW),
    r('roles', 'Role', true, RW)
  ],
  'authorization.k8s.io': [
    r('localsubjectaccessreviews', 'LocalSubjectAccessReview', true, ['create']),
    r('selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, ['create']),
    r('selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, ['create']),
    r('subjectaccessreviews', 'SubjectAccessReview', false, ['create'])
  ],
  'authentication.k8s.io': [r('tokenreviews', 'TokenReview', false, ['create'])],
  'project.openshift.io': [
    r('projectrequests', 'ProjectRequest', false, ['create', 'list']),
    r('projects', 'Project', false, ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'])
  ],
  'user.openshift.io': [
    r('groups', 'Group', false, RW),
    r('identities', 'Identity', false, RW),
    r('users', 'User', false, RW),
    r('useridentitymappings', 'UserIdentityMapping', false, ['create', 'delete', 'get', 'patch', 'update'])
  ],
  'authorization.openshift.io': [
    r('localsubjectaccessreviews', 'LocalSubjectAccessReview', true, ['create']),
    r('rolebindings', 'RoleBinding', true, RW),
    r('roles', 'Role', true, RW),
    r('selfsubjectrulesreviews', 'SelfSubjectRulesReview', true, ['create']),
    r('subjectaccessreviews', 'SubjectAccessReview', false, ['create'])
  ],
  ...WORKLOAD_GROUPS
}

const CORE: Res[] = [
  r('configmaps', 'ConfigMap', true, RW, ['cm']),
  ...WORKLOAD_CORE,
  r(
    'namespaces',
    'Namespace',
    false,
    ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    ['ns']
  ),
  r('resourcequotas', 'ResourceQuota', true, RW, ['quota']),
  r('resourcequotas/status', 'ResourceQuota', true, ['get', 'patch', 'update']),
  r('secrets', 'Secret', true, RW),
  r('serviceaccounts', 'ServiceAccount', true, RW, ['sa']),
  // A subresource names the group and version of the object it takes: a TokenRequest.
  {
    ...r('serviceaccounts/token', 'TokenRequest', true, ['create']),
    group: 'authentication.k8s.io',
    version: 'v1'
  }
]

function resourceList(groupVersion: string, resources: Res[]): Record<string, unknown> {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: resources.map(x => ({ singularName: '', storageVersionHash: '', ...x }))
  }
}

const SELF_SUBJECT_REVIEW = r('selfsubjectreviews', 'SelfSubjectReview', false, ['create'])

/** The resources of one group version on this cluster version; undefined when it is not served. */
function resourcesOf(group: string, version: string, cluster: OpenShiftVersion): Res[] | undefined {
  const base = GROUPS[group]
  if (!base) return undefined
  if (group !== 'authentication.k8s.io') return version === 'v1' ? base : undefined
  const ssr = selfSubjectReviewVersions(cluster).includes(version) ? [SELF_SUBJECT_REVIEW] : []
  if (version === 'v1') return [...ssr, ...base]
  return ssr.length > 0 ? ssr : undefined
}

function versionsOf(group: string, cluster: OpenShiftVersion): string[] {
  return ['v1', 'v1beta1'].filter(v => resourcesOf(group, v, cluster))
}

function group(name: string, cluster: OpenShiftVersion): Record<string, unknown> {
  const versions = versionsOf(name, cluster).map(version => ({ groupVersion: `${name}/${version}`, version }))
  return { name, versions, preferredVersion: versions[0] }
}

export function apiVersions(ctx: Ctx): void {
  if (!ctx.allowPath()) return
  const host = ctx.req.headers.host ?? '127.0.0.1'
  ctx.send(200, {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }]
  })
}

export function coreResources(ctx: Ctx): void {
  if (!ctx.allowPath()) return
  ctx.send(200, resourceList('v1', CORE))
}

export function apiGroups(ctx: Ctx): void {
  if (!ctx.allowPath()) return
  ctx.send(200, {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: Object.keys(GROUPS).map(g => group(g, ctx.openshiftVersion))
  })
}

export function apiGroup(ctx: Ctx): void {
  if (!ctx.allowPath()) return
  const name = ctx.params.group
  if (!GROUPS[name]) return ctx.fail(PATH_NOT_FOUND)
  ctx.send(200, { kind: 'APIGroup', apiVersion: 'v1', ...group(name, ctx.openshiftVersion) })
}

export function groupResources(ctx: Ctx): void {
  if (!ctx.allowPath()) return
  const { group: name, version } = ctx.params
  const resources = resourcesOf(name, version, ctx.openshiftVersion)
  if (!resources) return ctx.fail(PATH_NOT_FOUND)
  ctx.send(200, resourceList(`${name}/${version}`, resources))
}
