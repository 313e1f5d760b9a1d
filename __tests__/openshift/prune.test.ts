// Pruning and signatures: attachment tags (`sha256-<hex>.sig`, `.att`, the referrers fallback `sha256-<hex>`)
// are never counted as image tags, and go with their digest only when no tag that stays points at it.
import { describe, expect, test } from '@jest/globals'

import { orphanedAttachments, selectPrunable, type TagAge } from '../../src/openshift/prune.js'

const digest = (c: string) => `sha256:${c.repeat(64)}`
const att = (c: string, suffix: string) => `sha256-${c.repeat(64)}${suffix}`

const tags: TagAge[] = [
  { tag: 'sha-old', created: '2026-01-01T00:00:00Z', image: digest('a') },
  { tag: 'sha-mid', created: '2026-02-01T00:00:00Z', image: digest('b') },
  { tag: 'sha-new', created: '2026-03-01T00:00:00Z', image: digest('c') },
  // The same digest as sha-mid under a tag the pattern does not match: it stays, so do b's signatures.
  { tag: 'stable', created: '2026-02-15T00:00:00Z', image: digest('b') },
  { tag: att('a', '.sig'), created: '2026-03-02T00:00:00Z', image: digest('1') },
  { tag: att('a', '.att'), created: '2026-03-02T00:00:00Z', image: digest('2') },
  { tag: att('a', ''), created: '2026-03-02T00:00:00Z', image: digest('3') },
  { tag: att('b', '.sig'), created: '2026-03-02T00:00:00Z', image: digest('4') },
  { tag: att('c', '.sig'), created: '2026-03-02T00:00:00Z', image: digest('5') }
]

describe('prune and attachments', () => {
  test('attachment tags are never counted, even by a pattern that matches them', () => {
    expect(selectPrunable(tags, { pattern: '*', keep: 2 }, []).doomed).toEqual(['sha-old', 'sha-mid'])
    expect(selectPrunable(tags, { pattern: 'sha*', keep: 0 }, ['sha-new']).doomed).toEqual([
      'sha-old',
      'sha-mid'
    ])
  })

  test("a pruned digest's signatures, attestations and referrers go with it", () => {
    expect(orphanedAttachments(tags, ['sha-old'])).toEqual([att('a', '.sig'), att('a', '.att'), att('a', '')])
  })

  test('a digest another tag still names keeps its signatures; a kept digest keeps them', () => {
    expect(orphanedAttachments(tags, ['sha-mid'])).toEqual([])
    expect(orphanedAttachments(tags, ['sha-old', 'sha-mid'])).not.toContain(att('b', '.sig'))
    expect(orphanedAttachments(tags, [])).toEqual([])
  })
})
