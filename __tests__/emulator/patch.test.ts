// PATCH bodies (merge, strategic merge, JSON patch) and label selectors, as the emulator's API
// applies them to Roles, RoleBindings and ImageStreams.
import { describe, expect, test } from '@jest/globals'

import { applyPatch } from '../../emulator/api/patch.js'
import { decodeProtobuf } from '../../emulator/api/protobuf.js'
import { labelSelector } from '../../emulator/api/selector.js'

const binding = () => ({
  metadata: { name: 'b', labels: { app: 'x', keep: 'y' }, resourceVersion: '7' },
  roleRef: { kind: 'Role', name: 'r' },
  subjects: [{ kind: 'User', name: 'alice' }]
})

function patched(type: string, patch: unknown): Record<string, unknown> {
  const r = applyPatch(type, binding(), JSON.stringify(patch))
  if ('error' in r) throw new Error(r.error.message)
  return r.result
}

describe('merge patch (RFC 7386)', () => {
  test('merges maps, deletes with null, replaces lists', () => {
    const r = patched('application/merge-patch+json', {
      metadata: { labels: { app: null, new: 'z' } },
      subjects: [{ kind: 'Group', name: 'g' }]
    })
    expect(r.metadata).toEqual({ name: 'b', labels: { keep: 'y', new: 'z' }, resourceVersion: '7' })
    expect(r.subjects).toEqual([{ kind: 'Group', name: 'g' }])
    expect(r.roleRef).toEqual({ kind: 'Role', name: 'r' })
  })
})

describe('strategic merge patch', () => {
  test('like a merge patch for these objects, honouring $patch and dropping ordering directives', () => {
    const r = patched('application/strategic-merge-patch+json; charset=utf-8', {
      metadata: { labels: { $patch: 'replace', only: 'this' } },
      $setElementOrder: { subjects: [] },
      roleRef: { $patch: 'delete' }
    })
    expect(r.metadata).toEqual({ name: 'b', labels: { only: 'this' }, resourceVersion: '7' })
    expect(r).not.toHaveProperty('roleRef')
    expect(r).not.toHaveProperty('$setElementOrder')
  })
})

describe('JSON patch (RFC 6902)', () => {
  test('add, replace, remove, copy, move and test', () => {
    const r = patched('application/json-patch+json', [
      { op: 'add', path: '/subjects/-', value: { kind: 'Group', name: 'g' } },
      { op: 'add', path: '/subjects/0', value: { kind: 'User', name: 'first' } },
      { op: 'replace', path: '/metadata/labels/app', value: 'changed' },
      { op: 'remove', path: '/metadata/labels/keep' },
      { op: 'copy', from: '/roleRef/name', path: '/metadata/labels/role' },
      { op: 'move', from: '/metadata/labels/role', path: '/metadata/labels/a~1b' },
      { op: 'test', path: '/roleRef/kind', value: 'Role' }
    ])
    expect(r.subjects).toEqual([
      { kind: 'User', name: 'first' },
      { kind: 'User', name: 'alice' },
      { kind: 'Group', name: 'g' }
    ])
    expect((r.metadata as { labels: unknown }).labels).toEqual({ app: 'changed', 'a/b': 'r' })
  })

  test('a failing test, a missing path or a bad index is a 422 and changes nothing', () => {
    for (const ops of [
      [{ op: 'test', path: '/roleRef/kind', value: 'ClusterRole' }],
      [{ op: 'remove', path: '/metadata/nothing' }],
      [{ op: 'replace', path: '/subjects/5', value: {} }],
      [{ op: 'jump', path: '/x' }],
      { op: 'add' }
    ]) {
      const r = applyPatch('application/json-patch+json', binding(), JSON.stringify(ops))
      expect('error' in r && r.error.code).toBe(422)
    }
  })
})

test('server-side apply and unknown types are 415; a body that is not JSON is 400', () => {
  const apply = applyPatch('application/apply-patch+yaml', binding(), 'a: b')
  expect('error' in apply && apply.error).toMatchObject({ code: 415, reason: 'UnsupportedMediaType' })
  const broken = applyPatch('application/merge-patch+json', binding(), '{')
  expect('error' in broken && broken.error.code).toBe(400)
})

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front' }
  test.each([
    ['', true],
    ['app=web', true],
    ['app==web,tier=front', true],
    ['app!=web', false],
    ['app in (web, api)', true],
    ['app notin (web)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing,app in (web),tier!=back', true],
    ['missing=x', false]
  ])('%j selects %s', (selector, expected) => {
    const sel = labelSelector(selector)
    if ('error' in sel) throw new Error(sel.error.message)
    expect(sel.matches(labels)).toBe(expected)
  })

  test('an object without labels: absence satisfies !=, notin and !key only', () => {
    const matches = (selector: string) => {
      const sel = labelSelector(selector)
      return 'matches' in sel && sel.matches(undefined)
    }
    expect(['app!=web', 'app notin (web)', '!app'].map(matches)).toEqual([true, true, true])
    expect(['app=web', 'app in (web)', 'app'].map(matches)).toEqual([false, false, false])
  })

  test('an unparsable selector is a 400', () => {
    for (const bad of ['a in b', '=x', 'a b']) {
      const sel = labelSelector(bad)
      expect('error' in sel && sel.error.code).toBe(400)
    }
  })
})

describe('protobuf bodies', () => {
  /** A length-delimited field. */
  const field = (n: number, bytes: Buffer | string) => {
    const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes
    return Buffer.concat([Buffer.from([(n << 3) | 2, b.length]), b])
  }
  test('a RoleBinding in the runtime.Unknown envelope', () => {
    const meta = Buffer.concat([field(1, 'b'), field(11, Buffer.concat([field(1, 'app'), field(2, 'x')]))])
    const subject = Buffer.concat([
      field(1, 'Group'),
      field(2, 'rbac.authorization.k8s.io'),
      field(3, 'system:unauthenticated')
    ])
    const ref = Buffer.concat([field(1, 'rbac.authorization.k8s.io'), field(2, 'Role'), field(3, 'r')])
    const raw = Buffer.concat([field(1, meta), field(2, subject), field(3, ref)])
    const typeMeta = Buffer.concat([field(1, 'rbac.authorization.k8s.io/v1'), field(2, 'RoleBinding')])
    const body = Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, typeMeta), field(2, raw)])
    expect(decodeProtobuf(body)).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', labels: { app: 'x' } },
      subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:unauthenticated' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }
    })
  })

  test('anything but a Role or RoleBinding envelope is refused', () => {
    expect(() => decodeProtobuf(Buffer.from('{}'))).toThrow('not a Kubernetes protobuf envelope')
    const typeMeta = Buffer.concat([field(1, 'v1'), field(2, 'Pod')])
    expect(() => decodeProtobuf(Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, typeMeta)]))).toThrow(
      'the emulator reads no Pod object in protobuf'
    )
  })
})
