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

let manifest: ActionManifest | undefined

export function actionManifest(): ActionManifest {
  manifest ??= parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionManifest
  return manifest
}
