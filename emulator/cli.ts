// `npm run emulator`: starts the emulator with the default state, prints one JSON line
// (EmulatorInfo) on stdout and nothing else there; logs go to stderr. SIGINT/SIGTERM stop it.
// Options: --registry-tls=true|false (default true), --openshift-version=4.13|4.14|4.15|4.16 (default:
// $EMULATOR_OPENSHIFT_VERSION, else 4.16), --external-registry-host=HOST|none, --newer-registry (the
// registry's answers after openshift/image-registry PR #475; see StartOptions.newerRegistry).
import { parseArgs } from 'node:util'

import { defaultState, startEmulator } from './index.js'
import { watchAncestors } from './lifeline.js'
import type { StartOptions } from './types.js'

function options(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'openshift-version': { type: 'string' },
      'external-registry-host': { type: 'string' },
      'registry-tls': { type: 'string' },
      'newer-registry': { type: 'boolean' }
    }
  })
  const tls = values['registry-tls']
  if (tls !== undefined && tls !== 'true' && tls !== 'false') {
    throw new Error(`--registry-tls=${tls}: use true or false`)
  }
  const host = values['external-registry-host']
  return {
    state: defaultState(),
    registryTls: tls !== 'false',
    openshiftVersion: values['openshift-version'] as StartOptions['openshiftVersion'],
    newerRegistry: values['newer-registry'] ?? false,
    ...(host === undefined ? {} : { externalRegistryHost: host === 'none' ? null : host })
  }
}

async function main(): Promise<void> {
  const emulator = await startEmulator(options(process.argv.slice(2)))
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    process.stderr.write(`rahti emulator: ${signal}, stopping\n`)
    emulator.stop().then(
      () => process.exit(0),
      err => {
        process.stderr.write(`rahti emulator: stop failed: ${String(err)}\n`)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGHUP', () => stop('SIGHUP'))
  watchAncestors(why => stop(why))
  // Losing the parent's pipe is as good as a signal: do not run on unobserved.
  process.stdout.on('error', () => stop('stdout closed'))
  process.stdout.write(JSON.stringify(emulator.info) + '\n')
  process.stderr.write(
    `rahti emulator: API ${emulator.info.apiUrl} (http ${emulator.info.apiHttpUrl}), registry ${emulator.info.registryScheme}://${emulator.info.registry}\n`
  )
}

main().catch(err => {
  process.stderr.write(`rahti emulator: ${(err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
