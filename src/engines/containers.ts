// What Podman, Buildah and Skopeo share (the containers/image library under all three): a job directory of
// their own (0700, under RUNNER_TEMP) holding the registry login's auth file, the CA as a `--cert-dir`, and,
// only while a remote source is copied, the source registry's credentials; the login with the token on stdin;
// the digest a push wrote to a file.
// The post step deletes the directory, and with it every credential.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { isLoopbackHost } from '../registry/reference.js'
import { UserError } from '../util/errors.js'
import { run } from '../util/exec.js'
import type { TlsTrust } from '../util/http.js'
import { jobDirectory } from '../util/job-dir.js'
import type { Engine, EngineKind, EngineSession, SourceImage } from './engine.js'
import { explainPushFailure, isTransientPushFailure, toolMessage } from './failures.js'

export interface Credentials {
  /** The registry they are for. */
  host: string
  username: string
  password: string
}

/** What an engine is made with besides its saved session: never saved, as the source password is in it. */
export interface EngineOptions {
  trust: TlsTrust
  /** For a remote source's registry (`source-username` / `source-password`). */
  sourceCredentials?: Credentials
}

export abstract class ContainersEngine implements Engine {
  abstract readonly name: Exclude<EngineKind, 'docker'>
  /** The target registry answered HTTPS with plain HTTP at the login: a loopback registry, as Docker allows. */
  private plainHttp = false

  constructor(
    readonly session: EngineSession,
    protected readonly options: EngineOptions = { trust: { insecureSkipTlsVerify: false } }
  ) {}

  abstract resolveSource(reference: string): Promise<SourceImage | undefined>
  abstract push(source: SourceImage, target: string): Promise<string | undefined>

  async prepare(): Promise<void> {
    if (this.session.configDir) return
    const dir = await jobDirectory(`rahti-${this.name}-`)
    this.session.configDir = dir
    if (this.options.trust.caPem) {
      await mkdir(path.join(dir, 'certs'), { mode: 0o700 })
      await writeFile(path.join(dir, 'certs', 'ca.crt'), this.options.trust.caPem, { mode: 0o600 })
    }
  }

  /**
   * Runs `fn` (the copy from a remote source) with the source registry's credentials in a 0600 auth file of the
   * job's directory, deleted again as soon as `fn` ends: the password is on disk only while the copy runs.
   * Written, not `login`: the password never on argv.
   */
  protected async withSourceAuth<T>(fn: () => Promise<T>): Promise<T> {
    const source = this.options.sourceCredentials
    if (!source) return fn()
    await this.prepare()
    const auth = Buffer.from(`${source.username}:${source.password}`).toString('base64')
    await writeFile(this.sourceAuthFile, JSON.stringify({ auths: { [source.host]: { auth } } }), {
      mode: 0o600
    })
    try {
      return await fn()
    } finally {
      await rm(this.sourceAuthFile, { force: true })
    }
  }

  /**
   * `--authfile` (with `prefix`: `--dest-authfile`) of the registry login: the job's own, or none (the tool's
   * default) when the login is kept for later steps.
   */
  protected targetAuth(prefix = ''): string[] {
    return this.session.logout && this.session.configDir
      ? [`--${prefix}authfile`, path.join(this.session.configDir, 'auth.json')]
      : []
  }

  private get sourceAuthFile(): string {
    return path.join(this.session.configDir ?? '', 'source-auth.json')
  }

  /** `--authfile` (with `prefix`: `--src-authfile`) for the source registry, when credentials were given. */
  protected sourceAuth(prefix = ''): string[] {
    return this.options.sourceCredentials && this.session.configDir
      ? [`--${prefix}authfile`, this.sourceAuthFile]
      : []
  }

  /**
   * TLS towards the target registry, given `prefix` (`dest-` for skopeo copy): the CA as a cert-dir;
   * verification off when asked, or on loopback without a CA, where Docker would not verify either.
   */
  protected targetTls(host: string, prefix = ''): string[] {
    const { caPem, insecureSkipTlsVerify } = this.options.trust
    if (insecureSkipTlsVerify || this.plainHttp || (!caPem && isLoopbackHost(host))) {
      return [`--${prefix}tls-verify=false`]
    }
    if (caPem && this.session.configDir) {
      return [`--${prefix}cert-dir`, path.join(this.session.configDir, 'certs')]
    }
    return []
  }

  async login(registryHost: string, token: string): Promise<void> {
    await this.prepare()
    this.session.registryHost = registryHost
    const login = () =>
      run(
        this.name,
        [
          'login',
          ...this.targetAuth(),
          ...this.targetTls(registryHost),
          '--username',
          'unused',
          '--password-stdin',
          registryHost
        ],
        { input: token }
      )
    let result = await login()
    if (result.exitCode !== 0 && isLoopbackHost(registryHost) && PLAIN_HTTP.test(result.stderr)) {
      // Docker speaks plain HTTP to a registry on 127.0.0.0/8; these tools do when told to.
      this.plainHttp = true
      result = await login()
    }
    if (result.exitCode !== 0) {
      throw new UserError(
        `${this.name} login to ${registryHost} failed: ${toolMessage(result.stderr)}. Check that 'registry' is the cluster's registry route, and 'certificate-authority' its CA if it has a private one.`
      )
    }
  }

  /** The digest the tool wrote with `--digestfile`, if it did. */
  protected async digestWritten(file: string): Promise<string | undefined> {
    const text = await readFile(file, 'utf8').catch(() => '')
    return /^sha256:[a-f0-9]{64}$/.test(text.trim()) ? text.trim() : undefined
  }

  /** A fresh file name for `--digestfile`, in the job's directory. */
  protected digestFile(): string {
    return path.join(
      this.session.configDir ?? '',
      `digest-${Date.now()}-${Math.random().toString(36).slice(2)}`
    )
  }

  isTransient(err: unknown): boolean {
    return isTransientPushFailure(err)
  }

  explainPushFailure(target: string, err: unknown): Error {
    return explainPushFailure(this.name, target, err)
  }

  /** These engines push by ID or by transport reference: they make no local names. */
  async removeLocalNames(): Promise<void> {}

  async logout(): Promise<void> {
    const { configDir } = this.session
    // The auth file is in the job's own directory (unless the login is kept): deleting it is the logout, and
    // needs no tool, so a missing or broken one cannot keep the credentials in place.
    if (configDir) await rm(configDir, { recursive: true, force: true })
  }
}

/** What Go's HTTP client says when an HTTPS request meets a plain-HTTP server. */
const PLAIN_HTTP = /server gave HTTP response to HTTPS client/
