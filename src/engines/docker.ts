// Docker: login with --password-stdin, tag, push. Its credentials live in a DOCKER_CONFIG of this job's own
// (unless the user keeps the login for later steps), so nothing lands in ~/.docker and two jobs on one
// self-hosted runner never share a login.
import { rm } from 'node:fs/promises'
import { jobDirectory } from '../runner.js'
import { lastLine, UserError } from '../util/errors.js'
import { ExecError, run, runOrThrow } from '../util/exec.js'
import type { Engine, EngineSession } from './engine.js'

/** Output of a failed push that another try may cure: the registry was briefly unwell or the link dropped. */
const TRANSIENT_PUSH =
  /\b(502|503|504|429)\b|Bad Gateway|Service Unavailable|Gateway Time-?out|Too Many Requests|toomanyrequests|\bunavailable:|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|unexpected EOF|connection refused/i

export class DockerEngine implements Engine {
  readonly name = 'docker'

  constructor(readonly session: EngineSession) {}

  private get env(): Record<string, string> | undefined {
    return this.session.configDir ? { DOCKER_CONFIG: this.session.configDir } : undefined
  }

  async hasImage(source: string): Promise<boolean> {
    const result = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', source], { env: this.env })
    if (
      result.exitCode !== 0 &&
      /Cannot connect|permission denied.*docker.sock|Is the docker daemon running/i.test(result.stderr)
    ) {
      throw new UserError(
        `The Docker engine does not answer: ${lastLine(result.stderr)}. Start it, or run this step on a runner that has Docker.`
      )
    }
    return result.exitCode === 0
  }

  async login(registryHost: string, token: string): Promise<void> {
    if (this.session.logout && !this.session.configDir) {
      // The job's own config directory: the credentials never touch ~/.docker and the post step deletes them.
      this.session.configDir = await jobDirectory('rahti-docker-')
    }
    this.session.registryHost = registryHost
    const result = await run('docker', ['login', '--username', 'unused', '--password-stdin', registryHost], {
      input: token,
      env: this.env
    })
    if (result.exitCode !== 0) {
      throw new UserError(
        `docker login to ${registryHost} failed: ${lastLine(result.stderr)}. Check that 'registry' is the cluster's registry route and that the Docker engine can reach it.`
      )
    }
  }

  async push(source: string, target: string): Promise<string | undefined> {
    await runOrThrow('docker', ['tag', source, target], { env: this.env })
    const result = await runOrThrow('docker', ['push', target], { env: this.env, echo: true })
    return /digest: (sha256:[a-f0-9]{64})/.exec(result.stdout)?.[1]
  }

  isTransient(err: unknown): boolean {
    return err instanceof ExecError && TRANSIENT_PUSH.test(err.message)
  }

  explainPushFailure(target: string, err: unknown): Error {
    if (!(err instanceof ExecError)) return err as Error
    const detail = lastLine(err.result.stderr || err.result.stdout)
    if (/denied|unauthorized|authentication required/i.test(detail)) {
      return new UserError(
        `The registry refused the push of ${target}: ${detail}. The account needs system:image-pusher on the project.`
      )
    }
    return new UserError(`docker push ${target} failed: ${detail}.`)
  }

  async logout(): Promise<void> {
    const { registryHost, configDir, logout } = this.session
    if (registryHost && logout) {
      // A missing or broken docker must not keep the post step from deleting the credentials below.
      await run('docker', ['logout', registryHost], { env: this.env }).catch(() => undefined)
    }
    if (configDir) await rm(configDir, { recursive: true, force: true })
  }
}
