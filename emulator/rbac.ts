// Role-based access control as the Kubernetes RBAC authorizer evaluates it: a request is allowed
// when any rule of any role bound to one of the caller's subjects covers it. There is no deny.
// The cluster roles are written from the reference's table, trimmed to the resources the
// emulator serves; they are not copies of OpenShift's bootstrap policy.
import type { Rule } from './types.js'
import { WORKLOAD_EDIT_RULES, WORKLOAD_VIEW_RULES } from './workloads/rbac.js'

// The rule's shape is in types.ts, which the workloads' rules use too (without importing this module).
export type { Rule }

export interface Identity {
  username: string
  uid: string
  groups: string[]
  /** Extra attributes a SelfSubjectReview reports (credential id of a service-account token). */
  extra?: Record<string, string[]>
}

export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount'
  name: string
  namespace?: string
  apiGroup?: string
}

export interface RoleRef {
  apiGroup?: string
  kind: 'ClusterRole' | 'Role'
  name: string
}

export interface Binding {
  /** Empty for a cluster role binding. */
  namespace: string
  roleRef: RoleRef
  subjects: Subject[]
}

/** What is asked: the resource attributes of a SubjectAccessReview. */
export interface Attributes {
  verb: string
  group: string
  resource: string
  subresource?: string
  name?: string
  /** Empty for a cluster-scoped question. */
  namespace?: string
}

/** Where bindings and project roles come from (the live state). */
export interface PolicySource {
  bindingsIn(namespace: string): Binding[]
  clusterBindings(): Binding[]
  roleRules(namespace: string, name: string): Rule[] | undefined
}

export const ANONYMOUS: Identity = {
  username: 'system:anonymous',
  uid: '',
  groups: ['system:unauthenticated']
}

const READ = ['get', 'list', 'watch']
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update']
const IMAGE = ['image.openshift.io', '']
const STREAM_RESOURCES = [
  'imagestreams',
  'imagestreamtags',
  'imagestreamimages',
  'imagestreammappings',
  'imagetags'
]

function rule(verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): Rule {
  return resourceNames ? { verbs, apiGroups, resources, resourceNames } : { verbs, apiGroups, resources }
}

const viewRules: Rule[] = [
  rule(READ, IMAGE, [...STREAM_RESOURCES, 'imagestreams/status']),
  rule(['get'], IMAGE, ['imagestreams/layers']),
  rule(
    READ,
    [''],
    ['serviceaccounts', 'configmaps', 'namespaces/status', 'resourcequotas', 'resourcequotas/status']
  ),
  rule(['get'], [''], ['namespaces']),
  rule(['get'], ['project.openshift.io', ''], ['projects']),
  ...WORKLOAD_VIEW_RULES
]

const editRules: Rule[] = [
  ...viewRules,
  rule([...READ, ...WRITE], IMAGE, [...STREAM_RESOURCES, 'imagestreams/secrets']),
  rule(['get', 'update'], IMAGE, ['imagestreams/layers']),
  rule(['create'], IMAGE, ['imagestreamimports']),
  rule([...READ, ...WRITE], [''], ['serviceaccounts', 'secrets', 'configmaps']),
  rule(['create'], [''], ['serviceaccounts/token']),
  ...WORKLOAD_EDIT_RULES
]

const adminRules: Rule[] = [
  ...editRules,
  rule(
    [...READ, ...WRITE],
    ['rbac.authorization.k8s.io', 'authorization.openshift.io'],
    ['roles', 'rolebindings']
  ),
  rule(['create'], ['authorization.k8s.io', 'authorization.openshift.io'], ['localsubjectaccessreviews'])
]

/** The cluster roles a project binding may refer to. */
export const CLUSTER_ROLES: Record<string, Rule[]> = {
  'system:image-puller': [rule(['get'], IMAGE, ['imagestreams/layers'])],
  'system:image-pusher': [rule(['get', 'update'], IMAGE, ['imagestreams/layers'])],
  'system:image-builder': [
    rule(['get', 'update'], IMAGE, ['imagestreams/layers']),
    rule(['create'], IMAGE, ['imagestreams']),
    rule(['update'], ['build.openshift.io', ''], ['builds/details'])
  ],
  'registry-viewer': [
    rule(READ, IMAGE, STREAM_RESOURCES),
    rule(['get'], IMAGE, ['imagestreams/layers']),
    rule(['get'], [''], ['namespaces']),
    rule(['get'], ['project.openshift.io', ''], ['projects'])
  ],
  'registry-editor': [
    rule([...READ, ...WRITE], IMAGE, [...STREAM_RESOURCES, 'imagestreams/secrets']),
    rule(['get', 'update'], IMAGE, ['imagestreams/layers']),
    rule(['create'], IMAGE, ['imagestreamimports']),
    rule([...READ, ...WRITE], [''], ['serviceaccounts', 'secrets']),
    rule(['get'], [''], ['namespaces']),
    rule(['get'], ['project.openshift.io', ''], ['projects'])
  ],
  view: viewRules,
  edit: editRules,
  admin: adminRules,
  // Bound to system:authenticated and system:unauthenticated: anyone may ask what they may do.
  'self-access-reviewer': [
    rule(['create'], ['authorization.openshift.io', ''], ['selfsubjectrulesreviews']),
    rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews'])
  ],
  // The integrated registry's own account (cluster-image-registry-operator's ClusterRole, 4.13 to
  // 4.16, plus the mirror sets 4.16's registry lists): it reads streams, layers, secrets and limits,
  // writes Images and ImageStreamMappings; it never creates a stream (the registry does that as the user).
  'system:registry': [
    rule(['list'], [''], ['limitranges', 'resourcequotas']),
    rule(
      ['get'],
      ['image.openshift.io'],
      ['imagestreamimages', 'imagestreams/layers', 'imagestreams/secrets']
    ),
    rule(['get', 'update'], ['image.openshift.io'], ['imagestreams']),
    rule(['delete'], ['image.openshift.io'], ['imagestreamtags']),
    rule(['get', 'update', 'create'], ['image.openshift.io'], ['images']),
    rule(['create'], ['image.openshift.io'], ['imagestreammappings']),
    rule(['list'], ['operator.openshift.io'], ['imagecontentsourcepolicies']),
    rule(['list'], ['config.openshift.io'], ['imagedigestmirrorsets', 'imagetagmirrorsets'])
  ],
  'system:deployer': [rule([...READ, ...WRITE], [''], ['replicationcontrollers'])],
  // What every authenticated user holds cluster-wide (bound to system:authenticated): enough for
  // `oc login` to ask whether it may list or request projects, and to read its own user.
  'basic-user': [
    rule(['get'], ['user.openshift.io', ''], ['users'], ['~']),
    rule(['list'], ['project.openshift.io', ''], ['projects', 'projectrequests']),
    rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
    rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews'])
  ]
}

/** Roles bound in every new project, as OpenShift's project template does. */
export function defaultProjectBindings(namespace: string): { name: string; binding: Binding }[] {
  return [
    {
      name: 'system:image-pullers',
      binding: {
        namespace,
        roleRef: { kind: 'ClusterRole', name: 'system:image-puller' },
        subjects: [{ kind: 'Group', name: `system:serviceaccounts:${namespace}` }]
      }
    },
    {
      name: 'system:image-builders',
      binding: {
        namespace,
        roleRef: { kind: 'ClusterRole', name: 'system:image-builder' },
        subjects: [{ kind: 'ServiceAccount', name: 'builder', namespace }]
      }
    },
    {
      name: 'system:deployers',
      binding: {
        namespace,
        roleRef: { kind: 'ClusterRole', name: 'system:deployer' },
        subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace }]
      }
    }
  ]
}

export function serviceAccountUser(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`
}

export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated']
}

export function subjectMatches(subject: Subject, who: Identity, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === who.username
    case 'Group':
      return who.groups.includes(subject.name)
    case 'ServiceAccount':
      return who.username === serviceAccountUser(subject.namespace || bindingNamespace, subject.name)
  }
}

function resourceMatches(ruleResource: string, attrs: Attributes): boolean {
  const wanted = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource
  if (ruleResource === '*' || ruleResource === wanted) return true
  return !!attrs.subresource && ruleResource === `*/${attrs.subresource}`
}

export function ruleAllows(r: Rule, attrs: Attributes): boolean {
  if (!r.verbs.includes('*') && !r.verbs.includes(attrs.verb)) return false
  if (!r.apiGroups.includes('*') && !r.apiGroups.includes(attrs.group)) return false
  if (!r.resources.some(res => resourceMatches(res, attrs))) return false
  // A rule limited to names never matches a request without one (list, create).
  if (r.resourceNames && r.resourceNames.length > 0)
    return !!attrs.name && r.resourceNames.includes(attrs.name)
  return true
}

function rulesOf(source: PolicySource, b: Binding): Rule[] {
  if (b.roleRef.kind === 'ClusterRole') return CLUSTER_ROLES[b.roleRef.name] ?? []
  // A Role is looked up in the binding's own namespace; a missing one grants nothing.
  return source.roleRules(b.namespace, b.roleRef.name) ?? []
}

/** Every rule that applies to `who` in `namespace` (cluster bindings included). */
export function effectiveRules(source: PolicySource, who: Identity, namespace: string): Rule[] {
  const bindings = [...source.clusterBindings(), ...(namespace ? source.bindingsIn(namespace) : [])]
  const out: Rule[] = []
  for (const b of bindings) {
    if (b.subjects.some(s => subjectMatches(s, who, b.namespace))) out.push(...rulesOf(source, b))
  }
  return out
}

export function authorize(source: PolicySource, who: Identity, attrs: Attributes): boolean {
  return effectiveRules(source, who, attrs.namespace ?? '').some(r => ruleAllows(r, attrs))
}

function expand(values: string[]): string[] {
  return values.length === 0 ? [''] : values
}

/**
 * Whether `owned` grants everything `wanted` does: RBAC's escalation check, applied when a
 * user creates a Role or binds one. A `*` asked for is only covered by a `*` held.
 */
export function covers(owned: Rule[], wanted: Rule): boolean {
  const names = wanted.resourceNames && wanted.resourceNames.length > 0 ? wanted.resourceNames : [undefined]
  for (const verb of expand(wanted.verbs)) {
    for (const group of expand(wanted.apiGroups)) {
      for (const resource of expand(wanted.resources)) {
        for (const name of names) {
          const sub = resource.includes('/') ? resource.split('/')[1] : ''
          const ok = owned.some(o => {
            const verbOk = o.verbs.includes('*') || (verb !== '*' && o.verbs.includes(verb))
            const groupOk = o.apiGroups.includes('*') || (group !== '*' && o.apiGroups.includes(group))
            const resOk =
              o.resources.includes('*') ||
              (resource !== '*' &&
                (o.resources.includes(resource) || (!!sub && o.resources.includes(`*/${sub}`))))
            if (!verbOk || !groupOk || !resOk) return false
            if (o.resourceNames && o.resourceNames.length > 0) return !!name && o.resourceNames.includes(name)
            return true
          })
          if (!ok) return false
        }
      }
    }
  }
  return true
}

export function coversAll(owned: Rule[], wanted: Rule[]): boolean {
  return wanted.every(w => covers(owned, w))
}
