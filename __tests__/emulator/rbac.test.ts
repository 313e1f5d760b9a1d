// RBAC evaluation, table by table: the cluster roles of the reference, project Roles with
// resourceNames, every kind of subject, the default bindings of a new project, and the
// escalation check.
import { describe, expect, test } from '@jest/globals'

import {
  ANONYMOUS,
  type Attributes,
  authorize,
  covers,
  type Identity,
  type Rule,
  ruleAllows,
  serviceAccountGroups,
  serviceAccountUser
} from '../../emulator/rbac.js'
import { State } from '../../emulator/state.js'
import type { BindingSpec, SubjectSpec } from '../../emulator/types.js'

const layers = (verb: string, name = 'app', namespace = 'demo'): Attributes => ({
  verb,
  group: 'image.openshift.io',
  resource: 'imagestreams',
  subresource: 'layers',
  name,
  namespace
})
const streams = (verb: string, name?: string, namespace = 'demo'): Attributes => ({
  verb,
  group: 'image.openshift.io',
  resource: 'imagestreams',
  name,
  namespace
})
const tokenFor = (name: string, namespace = 'demo'): Attributes => ({
  verb: 'create',
  group: '',
  resource: 'serviceaccounts',
  subresource: 'token',
  name,
  namespace
})
const rbacRes = (verb: string, resource: string): Attributes => ({
  verb,
  group: 'rbac.authorization.k8s.io',
  resource,
  namespace: 'demo'
})

function sa(name: string, namespace = 'demo'): Identity {
  return { username: serviceAccountUser(namespace, name), uid: name, groups: serviceAccountGroups(namespace) }
}

function withRole(role: string): { state: State; who: Identity } {
  const state = new State({ internal: 'internal:5000', public: 'public' })
  state.apply({ serviceAccounts: [{ project: 'demo', name: 'x', roles: [role] }] })
  return { state, who: sa('x') }
}

describe('cluster roles', () => {
  const cases: [string, Attributes, boolean][] = [
    ['system:image-puller', layers('get'), true],
    ['system:image-puller', layers('update'), false],
    ['system:image-puller', streams('create'), false],
    ['system:image-pusher', layers('get'), true],
    ['system:image-pusher', layers('update'), true],
    ['system:image-pusher', streams('create'), false],
    ['system:image-pusher', streams('get', 'app'), false],
    ['system:image-pusher', tokenFor('x'), false],
    ['system:image-builder', layers('update'), true],
    ['system:image-builder', streams('create'), true],
    ['system:image-builder', streams('get', 'app'), false],
    ['system:image-builder', streams('delete', 'app'), false],
    ['registry-viewer', streams('list'), true],
    ['registry-viewer', layers('get'), true],
    ['registry-viewer', layers('update'), false],
    [
      'registry-viewer',
      { verb: 'get', group: 'project.openshift.io', resource: 'projects', name: 'demo', namespace: 'demo' },
      true
    ],
    ['registry-editor', streams('create'), true],
    ['registry-editor', layers('update'), true],
    ['registry-editor', { verb: 'create', group: '', resource: 'serviceaccounts', namespace: 'demo' }, true],
    ['view', streams('get', 'app'), true],
    ['view', layers('get'), true],
    ['view', layers('update'), false],
    ['view', streams('create'), false],
    ['view', rbacRes('list', 'rolebindings'), false],
    ['edit', streams('create'), true],
    ['edit', layers('update'), true],
    ['edit', tokenFor('x'), true],
    ['edit', rbacRes('create', 'rolebindings'), false],
    ['admin', streams('delete', 'app'), true],
    ['admin', rbacRes('create', 'rolebindings'), true],
    ['admin', rbacRes('create', 'roles'), true],
    ['admin', tokenFor('other-sa'), true],
    ['admin', { verb: 'create', group: '', resource: 'serviceaccounts', namespace: 'demo' }, true]
  ]
  test.each(cases)('%s: %j -> %s', (role, attrs, allowed) => {
    const { state, who } = withRole(role)
    expect(authorize(state, who, attrs)).toBe(allowed)
  })

  test('a role bound in one project grants nothing in another', () => {
    const { state, who } = withRole('admin')
    state.ensureProject('other')
    expect(authorize(state, who, layers('get', 'app', 'other'))).toBe(false)
    expect(authorize(state, who, streams('list', undefined, 'other'))).toBe(false)
  })

  test('no cluster-wide list of imagestreams (the registry catalog) for a project admin', () => {
    const { state, who } = withRole('admin')
    expect(
      authorize(state, who, { verb: 'list', group: 'image.openshift.io', resource: 'imagestreams' })
    ).toBe(false)
  })
})

describe('project Roles with resourceNames', () => {
  const rule: Rule = {
    verbs: ['get'],
    apiGroups: ['image.openshift.io'],
    resources: ['imagestreams/layers'],
    resourceNames: ['x']
  }
  const cases: [Attributes, boolean][] = [
    [layers('get', 'x'), true],
    [layers('get', 'y'), false],
    [layers('update', 'x'), false],
    [{ ...layers('get', 'x'), name: undefined }, false],
    [{ ...layers('get', 'x'), subresource: undefined }, false],
    [{ ...layers('get', 'x'), group: '' }, false]
  ]
  test.each(cases)('%j -> %s', (attrs, allowed) => expect(ruleAllows(rule, attrs)).toBe(allowed))

  test('wildcards', () => {
    expect(ruleAllows({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, layers('update'))).toBe(true)
    expect(
      ruleAllows(
        { verbs: ['get'], apiGroups: ['image.openshift.io'], resources: ['*/layers'] },
        layers('get')
      )
    ).toBe(true)
    expect(
      ruleAllows(
        { verbs: ['get'], apiGroups: ['image.openshift.io'], resources: ['imagestreams'] },
        layers('get')
      )
    ).toBe(false)
  })

  test('a binding to a Role that does not exist grants nothing; a Role counts only in its own project', () => {
    const state = new State({ internal: 'i', public: 'p' })
    state.apply({
      projects: ['demo', 'other'],
      roles: [{ project: 'other', name: 'puller', rules: [rule] }],
      bindings: [
        {
          project: 'demo',
          roleRef: { kind: 'Role', name: 'puller' },
          subjects: [{ kind: 'User', name: 'u' }]
        },
        {
          project: 'other',
          roleRef: { kind: 'Role', name: 'puller' },
          subjects: [{ kind: 'User', name: 'u' }]
        }
      ]
    })
    const u: Identity = { username: 'u', uid: 'u', groups: ['system:authenticated'] }
    expect(authorize(state, u, layers('get', 'x', 'demo'))).toBe(false)
    expect(authorize(state, u, layers('get', 'x', 'other'))).toBe(true)
  })
})

describe('subjects', () => {
  /** A binding of one subject, named so that a failing row says which. */
  const bind = (
    project: string,
    name: string,
    roleRef: BindingSpec['roleRef'],
    subject: SubjectSpec
  ): BindingSpec => ({ project, name, roleRef, subjects: [subject] })
  const clusterRole = (name: string): BindingSpec['roleRef'] => ({ kind: 'ClusterRole', name })
  const group = (name: string): SubjectSpec => ({ kind: 'Group', name })
  const state = new State({ internal: 'i', public: 'p' })
  state.apply({
    projects: ['demo', 'other'],
    roles: [
      {
        project: 'demo',
        name: 'one',
        rules: [
          {
            verbs: ['get'],
            apiGroups: ['image.openshift.io'],
            resources: ['imagestreams/layers'],
            resourceNames: ['public']
          }
        ]
      }
    ],
    bindings: [
      bind('demo', 'anon', { kind: 'Role', name: 'one' }, { kind: 'User', name: 'system:anonymous' }),
      bind('demo', 'authn', clusterRole('system:image-puller'), group('system:authenticated')),
      bind('other', 'cross', clusterRole('system:image-puller'), group('system:serviceaccounts:demo')),
      bind('other', 'all-sa', clusterRole('system:image-pusher'), group('system:serviceaccounts')),
      bind('other', 'one-sa', clusterRole('system:image-builder'), {
        kind: 'ServiceAccount',
        name: 'bot',
        namespace: 'demo'
      })
    ]
  })
  const alice: Identity = {
    username: 'alice',
    uid: 'a',
    groups: ['system:authenticated', 'system:authenticated:oauth']
  }
  const cases: [string, Identity, Attributes, boolean][] = [
    ['anonymous, the one public stream', ANONYMOUS, layers('get', 'public'), true],
    ['anonymous, another stream', ANONYMOUS, layers('get', 'private'), false],
    ['any user via system:authenticated', alice, layers('get', 'private'), true],
    ['any user cannot push', alice, layers('update', 'private'), false],
    [
      'demo SA pulls from other via system:serviceaccounts:demo',
      sa('x'),
      layers('get', 'app', 'other'),
      true
    ],
    [
      'any SA pushes in other via system:serviceaccounts',
      sa('y', 'third'),
      layers('update', 'app', 'other'),
      true
    ],
    ['a user is not in system:serviceaccounts', alice, layers('update', 'app', 'other'), false],
    ['the named SA creates streams in other', sa('bot'), streams('create', undefined, 'other'), true],
    [
      'a same-named SA of another project does not',
      sa('bot', 'third'),
      streams('create', undefined, 'other'),
      false
    ]
  ]
  test.each(cases)('%s', (_, who, attrs, allowed) => expect(authorize(state, who, attrs)).toBe(allowed))
})

describe('a new project', () => {
  const state = new State({ internal: 'i', public: 'p' })
  state.ensureProject('fresh')
  test.each([
    [
      'builder SA builds (system:image-builder)',
      sa('builder', 'fresh'),
      streams('create', undefined, 'fresh'),
      true
    ],
    ['builder SA pushes', sa('builder', 'fresh'), layers('update', 'app', 'fresh'), true],
    [
      'default SA pulls (system:serviceaccounts:fresh)',
      sa('default', 'fresh'),
      layers('get', 'app', 'fresh'),
      true
    ],
    ['default SA cannot push', sa('default', 'fresh'), layers('update', 'app', 'fresh'), false],
    ["another project's SA cannot pull", sa('default', 'demo'), layers('get', 'app', 'fresh'), false],
    ['anonymous cannot pull', ANONYMOUS, layers('get', 'app', 'fresh'), false]
  ] as [string, Identity, Attributes, boolean][])('%s', (_, who, attrs, allowed) => {
    expect(authorize(state, who, attrs)).toBe(allowed)
  })

  test('every authenticated user may ask about project requests but not create them', () => {
    const who: Identity = { username: 'u', uid: 'u', groups: ['system:authenticated'] }
    expect(authorize(state, who, { verb: 'list', group: '', resource: 'projectrequests' })).toBe(true)
    expect(authorize(state, who, { verb: 'create', group: '', resource: 'projectrequests' })).toBe(false)
    expect(authorize(state, ANONYMOUS, { verb: 'list', group: '', resource: 'projectrequests' })).toBe(false)
  })
})

describe('escalation check (covers)', () => {
  const held: Rule[] = [
    { verbs: ['get', 'update'], apiGroups: ['image.openshift.io'], resources: ['imagestreams/layers'] },
    { verbs: ['get'], apiGroups: [''], resources: ['serviceaccounts'], resourceNames: ['a'] }
  ]
  test.each([
    [
      {
        verbs: ['get'],
        apiGroups: ['image.openshift.io'],
        resources: ['imagestreams/layers'],
        resourceNames: ['x']
      },
      true
    ],
    [
      { verbs: ['get', 'update'], apiGroups: ['image.openshift.io'], resources: ['imagestreams/layers'] },
      true
    ],
    [{ verbs: ['create'], apiGroups: ['image.openshift.io'], resources: ['imagestreams'] }, false],
    [{ verbs: ['*'], apiGroups: ['image.openshift.io'], resources: ['imagestreams/layers'] }, false],
    [{ verbs: ['get'], apiGroups: [''], resources: ['serviceaccounts'], resourceNames: ['a'] }, true],
    [{ verbs: ['get'], apiGroups: [''], resources: ['serviceaccounts'], resourceNames: ['b'] }, false],
    [{ verbs: ['get'], apiGroups: [''], resources: ['serviceaccounts'] }, false]
  ] as [Rule, boolean][])('%j -> %s', (wanted, ok) => expect(covers(held, wanted)).toBe(ok))
})

describe('system:registry, bound cluster-wide to the registry account', () => {
  const state = new State({ internal: 'internal', public: '' })
  state.apply({
    projects: ['demo'],
    serviceAccounts: [
      { project: 'openshift-image-registry', name: 'registry', clusterRoles: ['system:registry'] }
    ]
  })
  const registry = state.serviceAccountIdentity('openshift-image-registry', 'registry')
  const image = (verb: string, resource: string, subresource?: string, namespace?: string): Attributes => ({
    verb,
    group: 'image.openshift.io',
    resource,
    ...(subresource ? { subresource } : {}),
    ...(namespace ? { namespace } : {})
  })

  test.each<[string, Attributes, boolean]>([
    ['get a stream in any project', streams('get', 'app'), true],
    ['get its layers', layers('get'), true],
    ['get its pull secrets', image('get', 'imagestreams', 'secrets', 'demo'), true],
    ['create an ImageStreamMapping', image('create', 'imagestreammappings', undefined, 'demo'), true],
    ['create an Image (cluster-scoped)', image('create', 'images'), true],
    ['get an Image', image('get', 'images'), true],
    ['list LimitRanges', { verb: 'list', group: '', resource: 'limitranges', namespace: 'demo' }, true],
    [
      'list ICSPs',
      { verb: 'list', group: 'operator.openshift.io', resource: 'imagecontentsourcepolicies' },
      true
    ],
    ['never create a stream (the registry does that as the user)', streams('create'), false],
    ['never push as itself', layers('update'), false]
  ])('%s: %s', (_, attrs, allowed) => {
    expect(authorize(state, registry, attrs)).toBe(allowed)
  })

  test('the account is reported with its cluster role', () => {
    const [info] = state.apply({
      serviceAccounts: [
        { project: 'openshift-image-registry', name: 'registry', clusterRoles: ['system:registry'] }
      ]
    })
    expect(info).toMatchObject({
      name: 'system:serviceaccount:openshift-image-registry:registry',
      project: 'openshift-image-registry',
      roles: ['system:registry']
    })
    // Applying it again binds it once.
    expect(state.clusterBindings().filter(b => b.roleRef.name === 'system:registry')).toHaveLength(1)
  })
})
