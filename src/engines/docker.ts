// Docker: login with --password-stdin, tag, push. Its credentials live in a DOCKER_CONFIG of this job's own
// (unless the user keeps the login for later steps), so nothing lands in ~/.docker and two jobs on one
// self-hosted runner never share a login.
import { lastLine, UserError } from '../util/errors.js'
import { ExecError, run, runOrThrow } from '../util/exec.js'
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../util/retry.js'
import type { Engine } from './engine.js'

/** Output of a failed push that another try may cure: the registry was briefly unwell or the link dropped. */
const TRANSIENT_PUSH =
  /\b(502|503|504|429)\b|Bad Gateway|Service Unavailable|Gateway Time-?out|Too Many Requests|toomanyrequests|\bunavailable:|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|unexpected EOF|connection refused/i

export class DockerEngine implements Engine {
  readonly name = 'docker'

  constructor(
    /** A DOCKER_CONFIG directory; undefined uses the engine's default one. */
    private readonly configDir: string | undefined,
    private readonly retry: RetryPolicy = DEFAULT_RETRY
  ) {}

  private get env(): Record<string, string> | undefined {
    return this.configDir ? { DOCKER_CONFIG: this.configDir } : undefined
  }

  async login(registry: string, token: string): Promise<void> {
    const result = await run('docker', ['login', '--username', 'unused', '--password-stdin', registry], {
      input: token,
      env: this.env
    })
    if (result.exitCode !== 0) {
      throw new UserError(
        `docker login to ${registry} failed: ${lastLine(result.stderr)}. Check that 'registry' is the cluster's registry route and that the Docker engine can reach it.`
      )
    }
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

  async push(source: string, target: string): Promise<string | undefined> {
    await runOrThrow('docker', ['tag', source, target], { env: this.env })
    const result = await withRetry(
      `docker push ${target}`,
      () => runOrThrow('docker', ['push', target], { env: this.env, echo: true }),
      err => ({ retry: err instanceof ExecError && TRANSIENT_PUSH.test(err.message) }),
      this.retry
    ).catch(err => {
      if (err instanceof ExecError) throw pushError(target, err)
      throw err
    })
    return /digest: (sha256:[a-f0-9]{64})/.exec(result.stdout)?.[1]
  }

  async logout(registry: string): Promise<void> {
    await run('docker', ['logout', registry], { env: this.env })
  }
}

function pushError(target: string, err: ExecError): UserError {
  const detail = lastLine(err.result.stderr || err.result.stdout)
  if (/denied|unauthorized|authentication required/i.test(detail)) {
    return new UserError(
      `The registry refused the push of ${target}: ${detail}. The account needs system:image-pusher on the project.`
    )
  }
  return new UserError(`docker push ${target} failed: ${detail}.`)
}
