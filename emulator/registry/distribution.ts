// The real registry (distribution's `docker-registry`) as a child process on a loopback port,
// storing into a temporary directory. It has no auth of its own: only the gateway talks to it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'

const BINARY = process.env.EMULATOR_REGISTRY_BINARY || '/usr/bin/docker-registry'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/** `setpriv --pdeathsig` makes the kernel kill the registry if this process dies without cleaning up. */
const hasSetpriv = ((): boolean => {
  try {
    return spawnSync('setpriv', ['--help'], { encoding: 'utf8' }).stdout?.includes('pdeathsig') ?? false
  } catch {
    return false
  }
})()

export class Distribution {
  private child?: ChildProcess
  private exited?: Promise<void>
  private readonly onExit = (): void => {
    this.child?.kill('SIGKILL')
  }
  port = 0

  constructor(private readonly dir: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get pid(): number | undefined {
    return this.child?.pid
  }

  async start(): Promise<void> {
    const storage = join(this.dir, 'storage')
    await mkdir(storage, { recursive: true })
    for (let attempt = 0; ; attempt++) {
      this.port = await freePort()
      const config = join(this.dir, 'registry.yml')
      await writeFile(config, configYaml(storage, this.port))
      try {
        await this.launch(config)
        return
      } catch (e) {
        await this.stop()
        // Another process may have taken the port between probing and binding it.
        if (attempt >= 2) throw e
      }
    }
  }

  private async launch(config: string): Promise<void> {
    const [cmd, args] = hasSetpriv
      ? ['setpriv', ['--pdeathsig', 'SIGKILL', BINARY, 'serve', config]]
      : [BINARY, ['serve', config]]
    // Its own process group: a signal to the emulator's group (Ctrl-C) reaches the emulator, which
    // then stops the registry; the registry never outlives it unnoticed.
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true })
    this.child = child
    let stderr = ''
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 8192) stderr += d.toString()
    })
    this.exited = new Promise(resolve => child.once('exit', () => resolve()))
    process.once('exit', this.onExit)
    const spawnError = new Promise<never>((_, reject) => child.once('error', reject))
    spawnError.catch(() => undefined)
    const deadline = Date.now() + 15000
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`docker-registry exited (${child.exitCode}): ${stderr.trim()}`)
      const up = await Promise.race([
        fetch(`${this.url}/v2/`).then(
          r => r.status === 200,
          () => false
        ),
        spawnError
      ])
      if (up) {
        child.stderr?.removeAllListeners('data')
        child.stderr?.resume()
        return
      }
      await new Promise(resolve => setTimeout(resolve, 50))
    }
    throw new Error(`docker-registry did not answer on ${this.url}: ${stderr.trim()}`)
  }

  async stop(): Promise<void> {
    const child = this.child
    if (!child) return
    process.removeListener('exit', this.onExit)
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
      await this.exited
      clearTimeout(timer)
    }
    this.child = undefined
  }
}

export function configYaml(storage: string, port: number): string {
  // relativeurls: upload and manifest Locations become paths, so they point at whoever the client
  // talked to (the gateway) and not at this backend.
  return `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${JSON.stringify(storage)}
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:${port}
  secret: ${randomBytes(16).toString('hex')}
  relativeurls: true
  draintimeout: 1s
`
}
