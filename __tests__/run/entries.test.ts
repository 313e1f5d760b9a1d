// The two bundles as action.yml runs them: the main entry is the main step only, and both turn Node's compile
// cache on before they load the step's code (a runner that keeps the cache then compiles each bundle once).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, test } from '@jest/globals'

const DIST = fileURLToPath(new URL('../../dist', import.meta.url))

/** The bundle's entry file with every chunk it can load (ncc writes each dynamic import as `<id>.index.js`). */
function bundle(dir: string): string {
  const entry = readFileSync(path.join(dir, 'index.js'), 'utf8')
  const chunks = readdirSync(dir)
    .filter(f => /^\d+\.index\.js$/.test(f))
    .map(f => readFileSync(path.join(dir, f), 'utf8'))
  return [entry, ...chunks].join('\n')
}

describe.each([
  ['main', DIST],
  ['post', path.join(DIST, 'post')]
])('the %s bundle', (_, dir) => {
  test('turns the compile cache on in its entry file, before any chunk is loaded', () => {
    const entry = readFileSync(path.join(dir, 'index.js'), 'utf8')
    const enable = entry.indexOf('enableCompileCache')
    expect(enable).toBeGreaterThan(-1)
    // The step's code comes in chunks loaded after that call, not inlined in the entry.
    expect(entry.length).toBeLessThan(64 * 1024)
  })
})

test("the main bundle holds none of the post step's code", () => {
  const main = bundle(DIST)
  expect(main).toContain('Identify the token, preflight and token exchange')
  expect(main).not.toContain('The clean-up was incomplete')
  expect(main).not.toContain('Removed the kubeconfig')
  // The check can fail: the post bundle holds exactly these.
  expect(bundle(path.join(DIST, 'post'))).toContain('The clean-up was incomplete')
})

test('the signing code (and tweetnacl) is a chunk of its own, which an unsigned push never loads', () => {
  const chunks = readdirSync(DIST).filter(f => /^\d+\.index\.js$/.test(f))
  const text = (f: string) => readFileSync(path.join(DIST, f), 'utf8')
  // The chunk the entry loads for the main step, and every chunk it holds statically, is the one with the stages.
  const step = chunks.filter(f => text(f).includes('Identify the token, preflight and token exchange'))
  expect(step).toHaveLength(1)
  for (const marker of [
    'api/v2/signingCert',
    'nacl/secretbox',
    'ENCRYPTED SIGSTORE PRIVATE KEY',
    'xsalsa20'
  ]) {
    expect({ marker, inStep: text(step[0]).includes(marker) }).toEqual({ marker, inStep: false })
  }
  // The check can fail: the signing chunk holds them.
  expect(chunks.some(f => text(f).includes('api/v2/signingCert'))).toBe(true)
})
