// The pure parts of access and pruning: the reconciliation plan, the resulting access in words, the warnings,
// the prune selection, and the rights each setting needs.
import { describe, expect, jest, test } from '@jest/globals'

import * as core from '../fixtures/core.js'

jest.unstable_mockModule('../../src/util/actions.js', () => core)
const { Ownership, planAccess, describeAccess, broaderThanAsked } =
  await import('../../src/openshift/access.js')
const { selectPrunable, globToRegExp, tagAges } = await import('../../src/openshift/prune.js')
const { settingRights } = await import('../../src/stages/preflight.js')
const { settingsLines } = await import('../../src/stages/report.js')
type AccessRequest = import('../../src/openshift/access.js').AccessRequest
type Inputs = import('../../src/stages/inputs.js').Inputs

const own = new Ownership('app')
const none = { roles: [], bindings: [] }
const group = (name: string) => ({ kind: 'Group' as const, apiGroup: 'rbac.authorization.k8s.io', name })

/** The current state after applying a plan from nothing. */
function applied(request: AccessRequest) {
  const changes = planAccess(own, request, none)
  return {
    roles: changes.filter(c => c.kind === 'Role').map(c => c.body as ReturnType<typeof own.role>),
    bindings: changes.filter(c => c.kind === 'RoleBinding').map(c => c.body as ReturnType<typeof own.binding>)
  }
}

describe('planAccess', () => {
  test('public from nothing: the Role first, then its binding to anonymous and unauthenticated', () => {
    const changes = planAccess(own, { visibility: 'public' }, none)
    expect(changes.map(c => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      'create Role rahti-push-app-puller',
      'create RoleBinding rahti-push-app-public'
    ])
    expect(changes[0].body).toEqual({
      metadata: {
        name: 'rahti-push-app-puller',
        labels: { 'app.kubernetes.io/managed-by': 'rahti-push', 'rahti-push/image': 'app' }
      },
      rules: [
        {
          verbs: ['get'],
          apiGroups: ['image.openshift.io'],
          resources: ['imagestreams/layers'],
          resourceNames: ['app']
        }
      ]
    })
    expect(changes[1].body).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'rahti-push-app-puller' },
      subjects: [
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'system:anonymous' },
        group('system:unauthenticated')
      ]
    })
  })

  test('the same request twice plans nothing the second time', () => {
    const request: AccessRequest = { visibility: 'authenticated', pullProjects: ['a', 'b'] }
    expect(planAccess(own, request, applied(request))).toEqual([])
  })

  test('private deletes the bindings before the Role; empty inputs plan nothing', () => {
    const current = applied({ visibility: 'public' })
    expect(planAccess(own, { visibility: 'private' }, current).map(c => `${c.action} ${c.kind}`)).toEqual([
      'delete RoleBinding',
      'delete Role'
    ])
    expect(planAccess(own, {}, current)).toEqual([])
    expect(planAccess(own, { visibility: 'private' }, none)).toEqual([])
  })

  test('one visibility at a time: authenticated replaces public', () => {
    const changes = planAccess(own, { visibility: 'authenticated' }, applied({ visibility: 'public' }))
    expect(changes.map(c => `${c.action} ${c.name}`)).toEqual([
      'delete rahti-push-app-public',
      'create rahti-push-app-authenticated'
    ])
  })

  test('a project leaving the list updates the binding; none deletes it, and the Role when nothing else needs it', () => {
    const current = applied({ pullProjects: ['a', 'b'] })
    const moved = planAccess(own, { pullProjects: ['b'] }, current)
    expect(moved).toHaveLength(1)
    expect(moved[0]).toMatchObject({ action: 'update', kind: 'RoleBinding', name: 'rahti-push-app-projects' })
    expect(moved[0].body).toMatchObject({ subjects: [group('system:serviceaccounts:b')] })
    expect(planAccess(own, { pullProjects: [] }, current).map(c => `${c.action} ${c.kind}`)).toEqual([
      'delete RoleBinding',
      'delete Role'
    ])
    // The public binding still needs the Role.
    const both = {
      roles: current.roles,
      bindings: [...current.bindings, ...applied({ visibility: 'public' }).bindings]
    }
    expect(planAccess(own, { pullProjects: [] }, both).map(c => `${c.action} ${c.kind}`)).toEqual([
      'delete RoleBinding'
    ])
  })

  test('an object of the action that was changed by hand is put back; a changed roleRef is made anew', () => {
    const current = applied({ visibility: 'public' })
    const edited = {
      roles: [
        { ...current.roles[0], rules: [{ ...current.roles[0].rules![0], resourceNames: ['app', 'x'] }] }
      ],
      bindings: [{ ...current.bindings[0], roleRef: { ...current.bindings[0].roleRef, name: 'other' } }]
    }
    expect(planAccess(own, { visibility: 'public' }, edited).map(c => `${c.action} ${c.kind}`)).toEqual([
      'update Role',
      'delete RoleBinding',
      'create RoleBinding'
    ])
  })

  test('a long image name makes a label value within 63 characters, stable and distinct', () => {
    const long = new Ownership(`${'a'.repeat(60)}.b.c`)
    expect(long.labelValue.length).toBeLessThanOrEqual(63)
    expect(long.labelValue).toMatch(/^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/)
    expect(new Ownership(`${'a'.repeat(60)}.b.c`).labelValue).toBe(long.labelValue)
    expect(new Ownership(`${'a'.repeat(60)}.b.d`).labelValue).not.toBe(long.labelValue)
    expect(long.owns({ name: 'x', labels: long.labels })).toBe(true)
    expect(own.owns({ name: 'x', labels: { 'rahti-push/image': 'app' } })).toBe(false)
  })
})

describe('the resulting access in words, and the warnings', () => {
  const closed = { anonymous: false, authenticated: false, projects: {} }
  test.each([
    [{ ...closed, anonymous: true, authenticated: true }, ['anyone on the internet can pull demo/app']],
    [
      { ...closed, authenticated: true },
      ['anyone signed in to Rahti (users and service accounts of every project) can pull demo/app']
    ],
    [closed, ['only project demo (its members and service accounts) can pull demo/app']],
    [
      { ...closed, projects: { a: true, b: false } },
      [
        'only project demo (its members and service accounts) and the projects below can pull demo/app',
        'service accounts of project a can pull demo/app'
      ]
    ]
  ])('%j', (access, words) => {
    expect(describeAccess(access, 'demo/app')).toEqual(words)
  })

  test('warns when another grant opens more than asked, and only then', () => {
    const open = { anonymous: true, authenticated: true, projects: { gone: true } }
    expect(broaderThanAsked({ visibility: 'private' }, open, 'demo/app', []).map(b => b.audience)).toEqual([
      'anonymous'
    ])
    expect(broaderThanAsked({ visibility: 'public' }, open, 'demo/app', [])).toEqual([])
    expect(broaderThanAsked({}, open, 'demo/app', [])).toEqual([])
    const signedIn = { anonymous: false, authenticated: true, projects: {} }
    expect(broaderThanAsked({ visibility: 'private' }, signedIn, 'demo/app', [])[0].text).toBe(
      'anyone signed in to Rahti can still pull demo/app'
    )
    expect(broaderThanAsked({ visibility: 'authenticated' }, signedIn, 'demo/app', [])).toEqual([])
    const dropped = { anonymous: false, authenticated: false, projects: { gone: true, kept: true } }
    expect(broaderThanAsked({ pullProjects: ['kept'] }, dropped, 'demo/app', ['gone'])).toEqual([
      { audience: 'project:gone', text: 'service accounts of project gone can still pull demo/app' }
    ])
  })

  test('the summary says what changed, or that nothing did', () => {
    const lines = settingsLines(
      {
        access: {
          changes: [],
          access: ['anyone on the internet can pull demo/app'],
          warnings: [],
          unchecked: []
        },
        localLookup: { local: true, changed: false },
        pruned: []
      },
      'demo/app'
    ).map(String)
    expect(lines).toEqual([
      'Access: anyone on the internet can pull demo/app (unchanged)',
      'Local lookup: on (a Deployment in the project may name the image <code>app:TAG</code>) (unchanged)',
      'Pruned: nothing'
    ])
    expect(
      settingsLines(
        {
          access: {
            changes: [{ action: 'delete', kind: 'RoleBinding', name: 'b' }],
            access: ['x'],
            warnings: ['w'],
            unchecked: []
          },
          pruned: ['sha-1']
        },
        'demo/app'
      ).map(String)
    ).toEqual(['Access: x (deleted RoleBinding <code>b</code>)', '⚠️ w', 'Pruned: <code>sha-1</code>'])
    expect(
      settingsLines(
        {
          access: { changes: [], access: ['<img src=x>'], warnings: ['<b>'], unchecked: [] },
          pruned: ['<i>']
        },
        'demo/app'
      ).map(String)
    ).toEqual(['Access: &lt;img src=x&gt; (unchanged)', '⚠️ &lt;b&gt;', 'Pruned: <code>&lt;i&gt;</code>'])
  })
})

describe('prune selection', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString().replace('.000', '')
  const tags = [
    { tag: 'sha-a', created: at(1) },
    { tag: 'sha-b', created: at(2) },
    { tag: 'sha-c', created: at(3) },
    { tag: 'sha-d', created: at(4) },
    { tag: 'latest', created: at(0) },
    { tag: 'sha-unknown' }
  ]

  test('keeps the newest `keep` matching tags by push time; deletes the rest oldest first', () => {
    expect(selectPrunable(tags, { pattern: 'sha-*', keep: 2 }, []).doomed).toEqual(['sha-a', 'sha-b'])
    expect(selectPrunable(tags, { pattern: 'sha-*', keep: 10 }, []).doomed).toEqual([])
  })

  test("never this run's tags, even old ones with keep 0; never a tag of unknown age; each spared tag says why", () => {
    const selection = selectPrunable(tags, { pattern: 'sha-*', keep: 0 }, ['sha-a', 'latest'])
    expect(selection.doomed).toEqual(['sha-b', 'sha-c', 'sha-d'])
    expect(selection.spared).toEqual([
      { tag: 'sha-unknown', why: 'age-unknown' },
      { tag: 'sha-a', why: 'this-run' }
    ])
  })

  test('within one second, the generation orders: the newer stays whatever the names', () => {
    const sameSecond = [
      { tag: 'sha-b', created: at(5), generation: 7 },
      { tag: 'sha-a', created: at(5), generation: 8 }
    ]
    expect(selectPrunable(sameSecond, { pattern: 'sha-*', keep: 1 }, []).doomed).toEqual(['sha-b'])
    // Neither the second nor the generation tells: both stay, and the log says why.
    const untold = [
      { tag: 'sha-b', created: at(5), generation: 3 },
      { tag: 'sha-a', created: at(5), generation: 3 }
    ]
    expect(selectPrunable(untold, { pattern: 'sha-*', keep: 1 }, [])).toEqual({
      doomed: [],
      spared: [{ tag: 'sha-a', why: 'order-unknown' }]
    })
  })

  test("another job's tag that appeared or moved after the run began is spared", () => {
    const before = [
      { tag: 'sha-old', image: 'sha256:1', created: at(1), generation: 1 },
      { tag: 'sha-moved', image: 'sha256:2', created: at(2), generation: 2 }
    ]
    const now = [
      before[0],
      { tag: 'sha-moved', image: 'sha256:9', created: at(3), generation: 4 },
      { tag: 'sha-new', image: 'sha256:3', created: at(3), generation: 3 },
      { tag: 'sha-mine', image: 'sha256:4', created: at(4), generation: 5 }
    ]
    const startedAt = Date.parse(at(30))
    expect(
      selectPrunable(now, { pattern: 'sha-*', keep: 0 }, ['sha-mine'], { tags: before, startedAt })
    ).toEqual({
      doomed: ['sha-old'],
      spared: [
        { tag: 'sha-mine', why: 'this-run' },
        { tag: 'sha-moved', why: 'after-start' },
        { tag: 'sha-new', why: 'after-start' }
      ]
    })
    // Without the stream's earlier read, what was made in or after the second the run began.
    expect(
      selectPrunable(now, { pattern: 'sha-*', keep: 0 }, [], { startedAt: Date.parse(at(3)) + 400 }).doomed
    ).toEqual(['sha-old'])
  })

  test('globs: * any run, ? one character, everything else literal', () => {
    expect(globToRegExp('sha-*').test('sha-123')).toBe(true)
    expect(globToRegExp('sha-*').test('xsha-1')).toBe(false)
    expect(globToRegExp('v1.?').test('v1.2')).toBe(true)
    expect(globToRegExp('v1.?').test('v1x2')).toBe(false)
    expect(globToRegExp('pr-*-build').test('pr-12-build')).toBe(true)
  })

  test('ages come from the newest history item of each status tag', () => {
    expect(
      tagAges({
        metadata: { name: 'app', namespace: 'demo' },
        status: {
          tags: [
            {
              tag: 'v1',
              items: [
                { image: 'sha256:2', created: at(9) },
                { image: 'sha256:1', created: at(1) }
              ]
            },
            { tag: 'v0' }
          ]
        }
      })
    ).toEqual([{ tag: 'v1', image: 'sha256:2', created: at(9) }, { tag: 'v0' }])
  })
})

describe('settingRights', () => {
  const base = { image: 'app', access: {} } as unknown as Inputs
  test('none without the inputs; admin for access, edit for lookup and prune', () => {
    expect(settingRights(base)).toEqual([])
    const all = settingRights({
      ...base,
      access: { pullProjects: [], localLookup: false },
      prune: { pattern: 'sha-*', keep: 1 }
    })
    expect(all.map(r => [r.input, r.role])).toEqual([
      ['pull-projects', 'admin'],
      ['local-lookup', 'edit'],
      ['prune', 'edit']
    ])
    expect(all[0].checks).toContainEqual({
      verb: 'create',
      group: 'rbac.authorization.k8s.io',
      resource: 'rolebindings'
    })
  })
})
