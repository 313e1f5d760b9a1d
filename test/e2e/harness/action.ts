// Where the action lives and what its action.yml says, read once for the harness.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { parse } from 'yaml'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export interface ActionManifest {
  inputs: Record<string, { default?: string }>
  runs: { using: string; main: string; post?: string }
}

const manifests = new Map<string, ActionManifest>()

/** The action.yml of this action, or of another action's checkout (`dir`), read once each. */
export function actionManifest(dir = ROOT): ActionManifest {
  let manifest = manifests.get(dir)
  if (!manifest) {
    manifest = parse(readFileSync(path.join(dir, 'action.yml'), 'utf8')) as ActionManifest
    manifests.set(dir, manifest)
  }
  return manifest
}
