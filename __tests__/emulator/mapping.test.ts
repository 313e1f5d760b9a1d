// The ImageStreamMapping's optimistic update, outcome by outcome: a write, nothing to change, forced
// conflicts up to the apiserver's ten attempts, two writers racing on a new tag (both land) and on an
// existing one (the later one fails), and a stream deleted under the mapping. Timers order the
// races: a mapping started earlier with the same window always writes first.
import { describe, expect, test } from '@jest/globals'

import { createImageStreamMapping, type MappingOptions } from '../../emulator/mapping.js'
import { State } from '../../emulator/state.js'

const item = (n: number): { created: string; dockerImageReference: string; image: string } => {
  const image = `sha256:${String(n).repeat(64).slice(0, 64)}`
  return { created: '2026-01-01T00:00:00Z', dockerImageReference: `internal/demo/app@${image}`, image }
}

function setup(): {
  state: State
  conflicts: () => number
  opts: (o?: Partial<MappingOptions>) => MappingOptions
} {
  const state = new State({ internal: 'internal', public: '' })
  state.createImageStream('demo', 'app')
  let conflicts = 0
  return {
    state,
    conflicts: () => conflicts,
    opts: o => ({ windowMs: 0, forcedConflicts: 0, onConflict: () => conflicts++, ...o })
  }
}

const later = <T>(ms: number, f: () => Promise<T>): Promise<T> =>
  new Promise((resolve, reject) => setTimeout(() => f().then(resolve, reject), ms))

const images = (state: State, tag: string): string[] =>
  state
    .imageStream('demo', 'app')
    ?.statusTags.get(tag)
    ?.items.map(i => i.image) ?? []

describe('createImageStreamMapping', () => {
  test('writes the tag and bumps the resourceVersion; the same image again changes nothing', async () => {
    const { state, opts } = setup()
    const before = state.imageStream('demo', 'app')!.metadata.resourceVersion
    expect(await createImageStreamMapping(state, ['demo', 'app'], 'v1', item(1), opts())).toBe('written')
    const after = state.imageStream('demo', 'app')!.metadata.resourceVersion
    expect(after).not.toBe(before)
    expect(images(state, 'v1')).toEqual([item(1).image])
    expect(await createImageStreamMapping(state, ['demo', 'app'], 'v1', item(1), opts())).toBe('unchanged')
    expect(state.imageStream('demo', 'app')!.metadata.resourceVersion).toBe(after)
  })

  test('nine forced conflicts are retried away, ten exhaust the attempts', async () => {
    const { state, conflicts, opts } = setup()
    expect(
      await createImageStreamMapping(state, ['demo', 'app'], 'a', item(1), opts({ forcedConflicts: 9 }))
    ).toBe('written')
    expect(conflicts()).toBe(9)
    expect(
      await createImageStreamMapping(state, ['demo', 'app'], 'b', item(1), opts({ forcedConflicts: 10 }))
    ).toBe('conflict')
    expect(conflicts()).toBe(19)
    expect(images(state, 'b')).toEqual([])
  })

  test('two writers of different new tags: the later one conflicts, retries, and both land', async () => {
    const { state, conflicts, opts } = setup()
    const [a, b] = await Promise.all([
      createImageStreamMapping(state, ['demo', 'app'], 'a', item(1), opts({ windowMs: 20 })),
      later(5, () => createImageStreamMapping(state, ['demo', 'app'], 'b', item(2), opts({ windowMs: 20 })))
    ])
    expect([a, b]).toEqual(['written', 'written'])
    expect(conflicts()).toBe(1)
    expect(images(state, 'a')).toEqual([item(1).image])
    expect(images(state, 'b')).toEqual([item(2).image])
  })

  test('two writers of one existing tag: the later one finds the tag changed and fails at once', async () => {
    const { state, conflicts, opts } = setup()
    await createImageStreamMapping(state, ['demo', 'app'], 't', item(1), opts())
    const [a, b] = await Promise.all([
      createImageStreamMapping(state, ['demo', 'app'], 't', item(2), opts({ windowMs: 20 })),
      later(5, () => createImageStreamMapping(state, ['demo', 'app'], 't', item(3), opts({ windowMs: 20 })))
    ])
    expect([a, b]).toEqual(['written', 'tag-changed'])
    expect(conflicts()).toBe(1)
    expect(images(state, 't')).toEqual([item(2).image, item(1).image])
  })

  test('a stream deleted meanwhile fails the mapping', async () => {
    const { state, opts } = setup()
    const pending = createImageStreamMapping(state, ['demo', 'app'], 'v1', item(1), opts({ windowMs: 10 }))
    state.deleteImageStream('demo', 'app')
    expect(await pending).toBe('stream-gone')
  })
})
