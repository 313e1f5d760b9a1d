// `npm run emulator [-- --registry-tls=false]`: starts the emulator with the default state, prints one
// JSON line (EmulatorInfo) on stdout and nothing else there; logs go to stderr. SIGINT/SIGTERM stop it.
import { defaultState, startEmulator } from './index.js'
import { watchAncestors } from './lifeline.js'

/** The registry's scheme from the arguments: HTTPS unless `--registry-tls=false`. */
function registryTls(args: string[]): boolean {
  let tls = true
  for (const arg of args) {
    const m = /^--registry-tls=(true|false)$/.exec(arg)
    if (!m) throw new Error(`unknown argument "${arg}"; the only one is --registry-tls=true|false`)
    tls = m[1] === 'true'
  }
  return tls
}

async function main(): Promise<void> {
  const emulator = await startEmulator({
    state: defaultState(),
    registryTls: registryTls(process.argv.slice(2))
  })
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
