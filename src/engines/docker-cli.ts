// The `docker` CLI for the one kind of endpoint the Engine API client does not reach: ssh://, where the CLI
// starts `ssh` and talks through it. The same four calls as docker-api.ts, one process each; the push reads
// its login from the job's own DOCKER_CONFIG, and its output is the CLI's own.
import { lastLine, UserError } from '../util/errors.js'
import { ExecError, run, runOrThrow } from '../util/exec.js'
import type { ImageInfo } from './docker-api.js'
import type { PushProgress } from './push-progress.js'

const NOT_ANSWERING =
  /Cannot connect|permission denied.*docker.sock|Is the docker daemon running|context .* not found/i

export class DockerCli {
  /** `env`: the job's config directory and the pinned endpoint, for every command. */
  constructor(private readonly env: Record<string, string | undefined>) {}

  async inspect(name: string): Promise<ImageInfo | undefined> {
    const result = await run('docker', ['image', 'inspect', '--format', '{{json .}}', name], {
      env: this.env
    })
    if (result.exitCode !== 0 && NOT_ANSWERING.test(result.stderr)) {
      throw new UserError(
        `The Docker engine does not answer: ${lastLine(result.stderr)}. Start it, or run this step on a runner that has Docker.`
      )
    }
    if (result.exitCode !== 0) return undefined
    return JSON.parse(result.stdout) as ImageInfo
  }

  async tag(id: string, target: string): Promise<boolean> {
    const result = await run('docker', ['tag', id, target], { env: this.env })
    if (result.exitCode !== 0 && /No such image/i.test(result.stderr)) return false
    if (result.exitCode !== 0) throw new ExecError('docker', result)
    return true
  }

  async push(
    target: string,
    _authHeader: string | undefined,
    _progress: PushProgress
  ): Promise<string | undefined> {
    const result = await runOrThrow('docker', ['push', target], { env: this.env, echo: true })
    return /digest: (sha256:[a-f0-9]{64})/.exec(result.stdout)?.[1]
  }

  async untag(name: string): Promise<void> {
    await run('docker', ['image', 'rm', '--no-prune', name], { env: this.env })
  }

  close(): void {}
}
