import { describe, expect, test } from '@jest/globals'

import {
  checkTagReferences,
  parseReference,
  parseTags,
  validateImageName,
  validateProject,
  validateRegistryHost,
  validateTag
} from '../../src/registry/reference.js'

describe('validateTag', () => {
  test.each(['latest', 'v1.2.3', '1.0', '_x', 'a'.repeat(128), 'sha-abc1234', 'A_b-c.d'])(
    'accepts %s',
    tag => {
      expect(validateTag(tag)).toBe(tag)
    }
  )
  test.each([
    ['', /characters/],
    ['-x', /characters/],
    ['.x', /characters/],
    ['a/b', /characters/],
    ['a:b', /characters/],
    ['a b', /characters/],
    ['a$(id)', /characters/],
    ['é', /characters/],
    ['a'.repeat(129), /129 characters long/]
  ])('refuses %j', (tag, why) => {
    expect(() => validateTag(tag)).toThrow(why)
  })
})

describe('validateImageName', () => {
  test.each(['app', 'my-app', 'a.b', 'a1', 'x'.repeat(253)])('accepts %s', name => {
    expect(validateImageName(name)).toBe(name)
  })
  test.each(['', 'App', 'my_app', '-app', 'app-', 'a..b', 'a/b', 'a:b', 'x'.repeat(254), 'a-.b', 'app\n'])(
    'refuses %j',
    name => {
      expect(() => validateImageName(name)).toThrow(/Input 'image'/)
    }
  )
})

describe('validateProject', () => {
  test.each(['demo', 'my-project-2', 'a'])('accepts %s', p => expect(validateProject(p)).toBe(p))
  test.each(
    ['Demo', 'a.b', '-a', 'a_b', 'x'.repeat(64), '2001234', 'project_2001234'].filter(p => p !== '2001234')
  )('refuses %j', p => {
    expect(() => validateProject(p)).toThrow(/Input 'project'/)
  })
})

describe('validateRegistryHost', () => {
  test.each([
    ['image-registry.apps.2.rahti.csc.fi', 'image-registry.apps.2.rahti.csc.fi'],
    ['https://image-registry.apps.2.rahti.csc.fi/', 'image-registry.apps.2.rahti.csc.fi'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
    ['localhost:5000', 'localhost:5000'],
    ['Registry.Example.org', 'registry.example.org']
  ])('normalises %s', (value, host) => expect(validateRegistryHost(value)).toBe(host))
  test.each(['', 'a b', 'host/path', 'host:port', 'ftp://x'])('refuses %j', value => {
    expect(() => validateRegistryHost(value)).toThrow(/Input 'registry'/)
  })
})

describe('parseReference', () => {
  test.each([
    ['app', { registry: undefined, repository: 'app', tag: undefined, digest: undefined }],
    ['demo/app:v1', { registry: undefined, repository: 'demo/app', tag: 'v1', digest: undefined }],
    [
      'r.io:5000/demo/app:v1',
      { registry: 'r.io:5000', repository: 'demo/app', tag: 'v1', digest: undefined }
    ],
    [
      'localhost/demo/app',
      { registry: 'localhost', repository: 'demo/app', tag: undefined, digest: undefined }
    ],
    [
      `r.io/demo/app@sha256:${'a'.repeat(64)}`,
      { registry: 'r.io', repository: 'demo/app', tag: undefined, digest: `sha256:${'a'.repeat(64)}` }
    ]
  ])('parses %s', (ref, expected) => expect(parseReference(ref)).toEqual(expected))
  test.each(['', 'Demo/App', 'r.io/demo/app:', 'r.io/demo/app@sha256:xyz', 'r.io//app'])(
    'refuses %j',
    ref => {
      expect(parseReference(ref)).toBeUndefined()
    }
  )
})

describe('parseTags', () => {
  test.each([
    ['', ['latest']],
    ['v1', ['v1']],
    ['v1,v2 v3\nv4', ['v1', 'v2', 'v3', 'v4']],
    ['v1, v1 ,v2', ['v1', 'v2']],
    ['  \n latest \n', ['latest']],
    ['r.io/demo/app:1.2.3\nr.io/demo/app:latest', ['1.2.3', 'latest']],
    // docker/metadata-action with `images: app` prints `app:<tag>`.
    ['app:main app:sha-1234567', ['main', 'sha-1234567']]
  ])('%j -> %j', (value, tags) => {
    expect(parseTags(value, 'app').map(t => t.tag)).toEqual(tags)
  })
  test.each([
    ['r.io/demo/other:v1', /another image/],
    ['r.io/x/demo/app:v1', /another image/],
    ['r.io/demo/app', /neither a tag nor a reference/],
    [`r.io/demo/app@sha256:${'a'.repeat(64)}`, /neither a tag nor a reference/],
    ['v1 bad$tag', /bad\$tag/],
    ['other:main', /names the image 'other', not 'app'/]
  ])('refuses %j', (value, why) => {
    expect(() => parseTags(value, 'app')).toThrow(why)
  })
})

describe('checkTagReferences', () => {
  const tags = parseTags('r.io/demo/app:v1 v2', 'app')
  test('accepts references to the resolved registry and project', () => {
    expect(() => checkTagReferences(tags, 'r.io', 'demo', 'app')).not.toThrow()
  })
  test.each([
    ['other.io', 'demo'],
    ['r.io', 'prod']
  ])('refuses a reference when the push goes to %s/%s', (registry, project) => {
    expect(() => checkTagReferences(tags, registry, project, 'app')).toThrow(/is not/)
  })
})
